import type { IExecuteFunctions, IWorkflowExecutionCustomData } from 'n8n-workflow';

/**
 * What the node keeps about an execution in the execution itself, in one `$execution.customData` entry
 * (key `contactSwing`): the retry lineage, and how many calls each node has placed (Max Calls per
 * Execution). n8n saves custom data with the execution's run data and copies it into every retry of the
 * execution, so both outlive the process that wrote them: a Retry of the execution (new execution ID, mode
 * "retry") sees the lineage and the calls of the execution it retries, a Wait node of any length keeps the
 * count. What custom data cannot carry (measured in n8n 2.40.7 and 2.41.1):
 * - it is saved with the run data, so after a crash in the middle of the node the retry finds nothing;
 * - an execution holds at most 10 keys; an 11th is dropped without an error (detected here, and warned);
 * - values are cut at 512 characters (the entry stays far below).
 */

export const CUSTOM_DATA_KEY = 'contactSwing';
const MAX_VALUE_LENGTH = 512;

interface RecordValue {
	/** The execution this one is a retry of, or itself: what retries of one execution share. */
	lineage?: string;
	/** Calls placed per node (by a short key of the node's ID). */
	calls: Record<string, number>;
}

function parse(text: unknown): RecordValue {
	const value: RecordValue = { calls: {} };
	if (typeof text !== 'string') return value;
	for (const part of text.split('|')) {
		const [name, rest] = [part.slice(0, 1), part.slice(2)];
		if (name === 'L' && rest !== '') value.lineage = rest;
		if (name === 'C')
			for (const entry of rest.split(',')) {
				const [node, count] = entry.split('=');
				if (node && /^\d+$/.test(count ?? '')) value.calls[node] = Number(count);
			}
	}
	return value;
}

function format(value: RecordValue): string {
	const calls = Object.entries(value.calls)
		.map(([node, count]) => `${node}=${count}`)
		.join(',');
	return [value.lineage === undefined ? '' : `L:${value.lineage}`, calls ? `C:${calls}` : '']
		.filter((part) => part !== '')
		.join('|');
}

/** A short, stable key of a node for the calls entry (several call nodes share the 512 characters). */
function nodeKey(nodeId: string): string {
	return nodeId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12) || 'node';
}

export class ExecutionRecord {
	/** Whether n8n dropped the entry (the execution already has 10 custom data keys). */
	dropped = false;

	private constructor(
		private readonly customData: IWorkflowExecutionCustomData | undefined,
		private readonly executionId: string | undefined,
		private readonly nodeId: string,
	) {}

	/** The record of the execution `fns` runs in (read afresh: the custom data is the shared state). */
	static of(fns: IExecuteFunctions): ExecutionRecord {
		let customData: IWorkflowExecutionCustomData | undefined;
		try {
			customData = fns.getWorkflowDataProxy(0).$execution?.customData;
		} catch {
			// A context without run data (none the node runs in today): the record lives in memory only.
			customData = undefined;
		}
		return new ExecutionRecord(customData, fns.getExecutionId() || undefined, fns.getNode().id);
	}

	/** Whether the record can be kept in the execution (else callers fall back to this process's memory). */
	get stored(): boolean {
		return this.customData !== undefined && this.executionId !== undefined && !this.dropped;
	}

	private read(): RecordValue {
		return parse(this.customData?.get(CUSTOM_DATA_KEY));
	}

	private write(value: RecordValue): void {
		if (!this.customData) return;
		let text = format(value);
		// Oldest call counts go first if many call nodes ever fill the entry (n8n would cut it anyway).
		while (text.length > MAX_VALUE_LENGTH && Object.keys(value.calls).length > 0) {
			delete value.calls[Object.keys(value.calls)[0]];
			text = format(value);
		}
		this.customData.set(CUSTOM_DATA_KEY, text);
		// n8n drops an 11th key silently: read back to know.
		this.dropped = this.customData.get(CUSTOM_DATA_KEY) !== text;
	}

	/**
	 * The retry lineage: the ID of the first execution of a chain of retries, written on first use. Undefined
	 * when the run has no execution ID (a tool called over MCP in a single instance).
	 */
	lineage(): string | undefined {
		if (this.executionId === undefined) return undefined;
		const value = this.read();
		if (value.lineage !== undefined) return value.lineage;
		value.lineage = this.executionId;
		this.write(value);
		return this.executionId;
	}

	/** Calls this node has placed in the execution (and in the executions it retries). */
	callsPlaced(): number {
		return this.read().calls[nodeKey(this.nodeId)] ?? 0;
	}

	setCallsPlaced(count: number): void {
		const value = this.read();
		value.calls[nodeKey(this.nodeId)] = Math.max(0, count);
		this.write(value);
	}
}
