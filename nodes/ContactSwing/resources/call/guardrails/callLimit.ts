import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemReader } from '../../../shared/input/itemReader';
import { refusal } from './refusal';

/** Calls placed (or being placed) per execution and node; entries untouched for a day are dropped. */
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

/**
 * The execution-wide count behind Max Calls per Execution. An AI agent runs a tool node's execute() anew
 * for each tool call (n8n-core, makeHandleToolInvocation), so the count lives here, keyed by the execution
 * and the node's name, not in one run of the node. It is kept in this n8n process's memory.
 *
 * A run without an execution ID (n8n runs the tools of an MCP Server Trigger while it answers the client's
 * request, before the tool call's execution exists) counts within that run of the node only.
 */
const unnamedRuns = new WeakMap<object, { count: number; touched: number }>();

function counterFor(fns: IExecuteFunctions, now: number): { count: number; touched: number } {
	const executionId = fns.getExecutionId();
	if (!executionId) {
		let entry = unnamedRuns.get(fns);
		if (!entry) unnamedRuns.set(fns, (entry = { count: 0, touched: now }));
		return entry;
	}
	forgetOld(now);
	const key = `${executionId}\u0000${fns.getNode().name}`;
	const entry = placed.get(key) ?? { count: 0, touched: now };
	placed.delete(key);
	entry.touched = now;
	placed.set(key, entry);
	return entry;
}

export class CallLimit {
	constructor(
		private readonly fns: IExecuteFunctions,
		private readonly read: ItemReader,
		readonly max: number,
	) {}

	/** Counts one call, or refuses it when the execution has placed `max`. Returns how to give it back. */
	reserve(): () => void {
		const entry = counterFor(this.fns, Date.now());
		if (entry.count >= this.max) {
			const label = this.read.label('options.maxCallsPerExecution');
			throw refusal(
				this.read,
				`${label} (${this.max}) refused the call: this node has already placed ${entry.count} ${entry.count === 1 ? 'call' : 'calls'} in this execution; nothing was sent`,
				`Raise Options → ${label} to place more calls in one execution.`,
			);
		}
		entry.count++;
		let given = false;
		return () => {
			if (given) return;
			given = true;
			entry.count = Math.max(0, entry.count - 1);
		};
	}
}
