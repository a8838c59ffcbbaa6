import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemReader } from '../../../shared/input/itemReader';
import { ExecutionRecord } from '../../../shared/operations/executionRecord';
import { warn } from '../../../shared/operations/ledger';
import { refusal } from './refusal';

/**
 * The execution-wide count behind Max Calls per Execution: calls that may have reached ContactSwing (a call
 * it certainly did not process gives its place back, see sendCall). An AI agent runs a tool node's execute()
 * anew for each tool call (n8n-core, makeHandleToolInvocation), so the count is not kept in one run of the
 * node but in the execution's own record ($execution.customData, executionRecord.ts): it lasts as long as
 * the execution, across Retry On Fail, a Wait node of any length and a resume in another process, and a
 * Retry of the execution starts from the calls the execution it retries placed.
 *
 * This process's memory holds the count too, keyed by the execution and the node: the record's fallback when
 * n8n dropped its custom data key (10 keys already). That copy is forgotten after a day or 10,000 other
 * executions. A run without an execution ID (n8n runs the tools of an MCP Server Trigger while it answers
 * the client's request, before the tool call's execution exists) counts within that run of the node only.
 */
const placed = new Map<string, { count: number; touched: number }>();
const MAX_TRACKED = 10_000;
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

function forgetOld(now: number): void {
	for (const [key, entry] of placed) {
		// Map keeps insertion order and every touch re-inserts: the oldest come first.
		if (placed.size <= MAX_TRACKED && now - entry.touched < FORGET_AFTER_MS) break;
		placed.delete(key);
	}
}

function inMemory(key: string, now: number): { count: number; touched: number } {
	forgetOld(now);
	const entry = placed.get(key) ?? { count: 0, touched: now };
	placed.delete(key);
	entry.touched = now;
	placed.set(key, entry);
	return entry;
}

interface Counter {
	count(): number;
	set(count: number): void;
}

const unnamedRuns = new WeakMap<object, { count: number }>();
const records = new WeakMap<object, ExecutionRecord>();

function counterFor(fns: IExecuteFunctions): Counter {
	const executionId = fns.getExecutionId();
	if (!executionId) {
		let entry = unnamedRuns.get(fns);
		if (!entry) unnamedRuns.set(fns, (entry = { count: 0 }));
		const run = entry;
		return { count: () => run.count, set: (count) => (run.count = count) };
	}
	let record = records.get(fns);
	if (!record) records.set(fns, (record = ExecutionRecord.of(fns)));
	const execution = record;
	const key = `${executionId}\u0000${fns.getNode().name}`;
	return {
		count: () => Math.max(execution.callsPlaced(), inMemory(key, Date.now()).count),
		set: (count) => {
			inMemory(key, Date.now()).count = count;
			const wasDropped = execution.dropped;
			execution.setCallsPlaced(count);
			if (execution.dropped && !wasDropped) {
				warn(
					fns,
					'This execution already has 10 custom data keys, so n8n dropped the "contactSwing" key Max Calls per Execution keeps its count in: the count holds in this process only (a day at most), not in a Retry of the execution.',
				);
			}
		},
	};
}

export class CallLimit {
	constructor(
		private readonly fns: IExecuteFunctions,
		private readonly read: ItemReader,
		readonly max: number,
	) {}

	/** Counts one call, or refuses it when the execution has placed `max`. Returns how to give it back. */
	reserve(): () => void {
		const counter = counterFor(this.fns);
		const count = counter.count();
		if (count >= this.max) {
			const label = this.read.label('options.maxCallsPerExecution');
			throw refusal(
				this.read,
				`${label} (${this.max}) refused the call: this node has already placed ${count} ${count === 1 ? 'call' : 'calls'} in this execution; nothing was sent`,
				`Raise Options → ${label} to place more calls in one execution.`,
			);
		}
		counter.set(count + 1);
		let given = false;
		return () => {
			if (given) return;
			given = true;
			counter.set(Math.max(0, counter.count() - 1));
		};
	}
}
