import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as action from './resources/action';
import * as agent from './resources/agent';
import * as apiKey from './resources/apiKey';
import * as call from './resources/call';
import * as customer from './resources/customer';
import * as knowledgeBase from './resources/knowledgeBase';
import type { RunSettings } from './shared/operations/runOptions';
import { readRepeatSettings, readRunSettings } from './shared/operations/runOptions';
import type { RoutedOperation, RunScope } from './shared/operations/registry';
import { Ledger, NotStarted } from './shared/operations/ledger';
import { sleepUntil } from './shared/http/runGate';
import { Accounts } from './shared/http/transport';

const operations: Record<string, Record<string, RoutedOperation>> = {
	action: action.operations,
	agent: agent.operations,
	apiKey: apiKey.operations,
	call: call.operations,
	customer: customer.operations,
	knowledgeBase: knowledgeBase.operations,
};

type Outcome = { ok: true; value: IDataObject | IDataObject[] } | { ok: false; error: Error };

/**
 * Runs the chosen operation once per input item, up to Items per Batch at a time. Every input item
 * yields its results or exactly one error item, paired to it and in input order, whatever order the
 * requests finish in. Operations that create something or place a call keep a ledger (Repeat Protection,
 * shared/operations/ledger.ts): their items run in windows (half Items per Batch, two in flight; with a
 * Batch Interval, its batches), each window's attempts recorded in one store call before any of them starts.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operations[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not known`,
		);
	}
	const continueOnFail = this.continueOnFail();
	let settings: RunSettings;
	let ledger: Ledger | undefined;
	try {
		settings = readRunSettings.call(this);
		if (operation.createsOrCalls) {
			const repeat = readRepeatSettings.call(this);
			ledger = await Ledger.start(this, repeat, `${resource}.${operationName}`, items.length);
		}
	} catch (error) {
		// A bad run-wide option fails every item alike: with Continue, one error item per input item,
		// so the next node never mistakes the input for a result.
		if (!continueOnFail) throw new NodeOperationError(this.getNode(), error as Error);
		return items.map((_, itemIndex) => errorItem.call(this, error as Error, itemIndex));
	}
	const cancelSignal = this.getExecutionCancelSignal?.();
	// The ledger's windows release their requests together (see RunGate).
	const windowed = ledger !== undefined && settings.batchIntervalMs === 0;
	const accounts = new Accounts(settings.itemsPerBatch, cancelSignal, !windowed);
	const scope: RunScope = { policy: settings.policy, accounts, ledger };
	const outcomes: Outcome[] = new Array(items.length);
	let stop = false;

	const runItem = async (itemIndex: number) => {
		try {
			outcomes[itemIndex] = {
				ok: true,
				value: await operation.execute.call(this, itemIndex, scope),
			};
		} catch (error) {
			// Its window never started (the run stopped first): like an item never started, no outcome.
			if (error instanceof NotStarted) return;
			outcomes[itemIndex] = { ok: false, error };
			// Without Continue On Fail the run ends at the first failure: start nothing new.
			if (!continueOnFail) stop = true;
		} finally {
			// An item that failed before reaching the ledger must not hold up its window.
			ledger?.leave(itemIndex);
		}
	};
	const batchOf = (start: number) =>
		Array.from(
			{ length: Math.min(items.length, start + settings.itemsPerBatch) - start },
			(_, k) => start + k,
		);

	if (settings.batchIntervalMs > 0) {
		// As in the HTTP Request node: Items per Batch requests start, then Batch Interval passes before
		// the next batch starts, whether or not the previous one has been answered.
		// Measured from start to start, so reading a batch's parameters does not stretch the interval.
		const interval = settings.batchIntervalMs;
		const running: Array<Promise<void>> = [];
		let batchStartedAt = Date.now();
		for (
			let start = 0;
			start < items.length && !stop && !accounts.cancelled;
			start += settings.itemsPerBatch
		) {
			if (start > 0) {
				const due = batchStartedAt + interval;
				// A cancel cuts the wait short; the loop condition then starts nothing more.
				if (due > Date.now()) await sleepUntil(due, cancelSignal).catch(() => undefined);
				// Timers wake a little late: keep to the schedule. After a longer stall, restart it from now
				// rather than catch up with a burst.
				batchStartedAt = Date.now() - due < interval ? due : Date.now();
			}
			const batch = batchOf(start);
			ledger?.openWindow(batch);
			// Batches overlap here: each writes its confirmations as soon as it has settled.
			running.push(Promise.all(batch.map(runItem)).then(() => ledger?.flush()));
		}
		await Promise.all(running);
	} else if (ledger) {
		// Windows of half Items per Batch, two in flight: at most Items per Batch requests are in flight, and at
		// most Items per Batch are attempted but not yet confirmed (a crash leaves no more unknowns). A window's
		// attempts are recorded, with the confirmations of the window two back, in one store call once that
		// window has settled; its items are read meanwhile, so its requests go out at once.
		const depth = windowDepth(settings.itemsPerBatch);
		const windows = ledgerWindows(items.length, settings.itemsPerBatch, depth);
		const settled: Array<Promise<unknown>> = [];
		for (let k = 0; k < windows.length && !stop && !accounts.cancelled; k++) {
			const recorded = ledger.openWindow(windows[k], {
				after: settled[k - depth],
				mayStart: () => !stop && !accounts.cancelled,
			});
			settled.push(Promise.all(windows[k].map(runItem)));
			// Read at most one window ahead of those sending.
			await recorded;
		}
		await Promise.all(settled);
	} else {
		// A sliding window: a new request starts as soon as one finishes, never more than Items per Batch.
		let next = 0;
		const worker = async () => {
			while (!stop && !accounts.cancelled && next < items.length) await runItem(next++);
		};
		await Promise.all(
			Array.from({ length: Math.min(settings.itemsPerBatch, items.length) }, worker),
		);
	}
	await ledger?.flush();

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if (outcome === undefined) continue;
		if (outcome.ok) {
			for (const json of Array.isArray(outcome.value) ? outcome.value : [outcome.value]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
			continue;
		}
		const { error } = outcome;
		if (continueOnFail) {
			output.push(errorItem.call(this, error, itemIndex));
			continue;
		}
		// The earliest failing item is reported: the node's own errors as they are, anything else wrapped.
		if (error instanceof NodeApiError || error instanceof NodeOperationError) throw error;
		throw new NodeOperationError(this.getNode(), error, { itemIndex });
	}
	return output;
}

/**
 * An item's error as an output item (Continue On Fail). With "Continue (using error output)" it also carries
 * the error itself, which is what sends it down n8n's error output rather than with the results.
 */
function errorItem(this: IExecuteFunctions, error: Error, itemIndex: number): INodeExecutionData {
	const item: INodeExecutionData = {
		json: { error: error.message, description: (error as NodeApiError).description ?? undefined },
		pairedItem: { item: itemIndex },
	};
	if (this.getNode().onError === 'continueErrorOutput') {
		item.error =
			error instanceof NodeApiError || error instanceof NodeOperationError
				? error
				: new NodeOperationError(this.getNode(), error, { itemIndex });
	}
	return item;
}

/**
 * How many windows share Items per Batch: two (one for a batch of one), so one window's requests are in
 * flight while another waits for its slowest. Measured at 8 and 32 in flight, four windows did no better
 * within the noise, and each window costs a store call.
 */
function windowDepth(itemsPerBatch: number): number {
	return itemsPerBatch > 1 ? 2 : 1;
}

/** The ledger's windows: Items per Batch split into `depth` near-equal parts, in input order. */
function ledgerWindows(count: number, itemsPerBatch: number, depth: number): number[][] {
	const sizes = Array.from(
		{ length: depth },
		(_, k) => Math.floor(itemsPerBatch / depth) + (k < itemsPerBatch % depth ? 1 : 0),
	);
	const windows: number[][] = [];
	for (let start = 0, k = 0; start < count; k++) {
		const size = Math.min(sizes[k % depth], count - start);
		windows.push(Array.from({ length: size }, (_, offset) => start + offset));
		start += size;
	}
	return windows;
}
