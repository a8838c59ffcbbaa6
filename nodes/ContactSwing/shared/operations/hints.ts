import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

// Run-time hints: what a run did that its user should know, shown above the node's output in the editor and
// kept with the execution (n8n-core stores them in the node's run data, ITaskData.hints). Each kind is
// summed up once per run, however many items it concerns. n8n-workflow offers addExecutionHints from 1.x
// on; where n8n has none, the hint goes to n8n's log only.

type HintType = 'info' | 'warning';

/** One hint under the node's output, and the same words in n8n's log. */
export function addHint(fns: IExecuteFunctions, message: string, type: HintType = 'info'): void {
	if (type === 'warning') fns.logger?.warn(`ContactSwing: ${message}`);
	else fns.logger?.debug(`ContactSwing: ${message}`);
	if (typeof fns.addExecutionHints === 'function')
		fns.addExecutionHints({ message, type, location: 'outputPane' });
}

/** A call a guardrail refused before anything was sent: an item error that names the rule. */
export class GuardrailRefusal extends NodeOperationError {
	constructor(
		node: INode,
		message: string,
		options: { itemIndex: number; description: string },
		/** The guardrail's label, e.g. "Allowed Numbers". */
		readonly guardrail: string,
	) {
		super(node, message, options);
		// n8n and its MCP server show an error as "<name>: <message>": a refusal reads as every other node
		// error, not as this class, which exists only so the run's hints can count refusals.
		this.name = 'NodeOperationError';
	}
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What one run noticed on its way, summed up as hints once it ends. */
export class RunNotes {
	private readonly capped: Array<{ limit: number; total?: number; records: string }> = [];

	/** Limit ended an item's list while ContactSwing said it holds more. */
	listCapped(limit: number, records: string, total?: number): void {
		this.capped.push({ limit, total, records });
	}

	/**
	 * The run's hints: lists cut short by Limit, calls refused by a guardrail, and requests the ledger did not
	 * send again (outputs whose `outcome` is alreadyDone or unknown).
	 */
	addHints(fns: IExecuteFunctions, outputs: IDataObject[], errors: Error[]): void {
		if (this.capped.length > 0) {
			const [{ limit, total, records }] = this.capped;
			const shown =
				this.capped.length === 1 && total !== undefined ? ` (${limit} of ${total})` : '';
			const items = this.capped.length > 1 ? ` for ${count(this.capped.length, 'input item')}` : '';
			addHint(
				fns,
				`ContactSwing has more ${records} than Limit returned${shown}${items}. Turn on Return All to get them all.`,
			);
		}
		const refusedBy = new Map<string, number>();
		for (const error of errors)
			if (error instanceof GuardrailRefusal)
				refusedBy.set(error.guardrail, (refusedBy.get(error.guardrail) ?? 0) + 1);
		if (refusedBy.size > 0) {
			const rules = [...refusedBy].map(([rule, n]) => `${rule} refused ${count(n, 'call')}`);
			addHint(
				fns,
				`${rules.join(', ')}: nothing was sent for them. Their error items say why.`,
				'warning',
			);
		}
		const done = outputs.filter((json) => json.outcome === 'alreadyDone').length;
		if (done > 0)
			addHint(
				fns,
				`${count(done, 'item was', 'items were')} already done by an earlier run and not sent again (outcome: alreadyDone).`,
			);
		const unknown = outputs.filter((json) => json.outcome === 'unknown').length;
		if (unknown > 0)
			addHint(
				fns,
				`${count(unknown, 'item', 'items')} may or may not have reached ContactSwing and ${unknown === 1 ? 'was' : 'were'} not sent again (outcome: unknown): check ContactSwing.`,
				'warning',
			);
	}
}
