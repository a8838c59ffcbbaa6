import type { DeduplicationScope, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Accounts } from '../http/accounts';
import type { ApiOutcome, ApiRequest } from '../http/types';
import { ExecutionRecord } from './executionRecord';
import { fingerprint, stableJson } from './fingerprint';

/**
 * The ledger of what this node sent: for every request that creates something or places a call, a key in
 * n8n's deduplication store (what Remove Duplicates uses: md5 hashes of keys, one database row per workflow
 * and scope, shared by every n8n process) that says "attempted" before it is sent, and a second that says
 * "done" once ContactSwing confirmed it. An attempt ContactSwing certainly did not process (a 4xx, a refusal,
 * nothing sent) is forgotten again. When the node runs again (Retry On Fail, a Retry of the execution, a
 * repeated tool call, a re-delivered webhook with a Repeat Key), a request already attempted is not sent:
 * - attempted and done → `alreadyDone`;
 * - attempted, never confirmed → `unknown`: it may or may not have happened, and only a person can tell.
 *
 * The store has no check-only call: every check records. So the "done" keys of a repeat are checked by
 * recording them and removing those that came back new, under the same lock. Calls are batched per window
 * (Items per Batch items): one call records the window's attempts (with the previous window's confirmations),
 * one removes the attempts to forget; at most a window's requests are attempted-but-unconfirmed at a time,
 * so a process killed mid-run leaves at most Items per Batch unknowns.
 *
 * The store reads and rewrites its whole row on every call, so concurrent calls lose records. Every call
 * for one row is serialised within this process; across queue-mode workers n8n offers no lock (see
 * docs/retries.md for what that costs).
 */

export type RepeatMode = 'retries' | 'acrossExecutions' | 'off';
export type IfUnknown = 'fail' | 'passThrough' | 'sendAgain';

export interface RepeatSettings {
	mode: RepeatMode;
	scope: DeduplicationScope;
	/** How many requests the row remembers (two keys each); older ones are forgotten first. */
	rememberRequests: number;
	ifUnknown: IfUnknown;
	/** Forget the ledger once per distinct value, at the start of a run. */
	forgetToken?: string;
}

/** What an item's request is in the ledger: its key (the user's Repeat Key when one is set). */
interface Identity {
	key: string;
	userKey?: string;
}

type Verdict =
	| { kind: 'send' }
	| { kind: 'alreadyDone'; sameAsItem?: number }
	| { kind: 'unknown'; sameAsItem?: number }
	| { kind: 'failed'; error: Error }
	| { kind: 'notStarted' };

/** How a request that was attempted ended. */
type Settlement = 'done' | 'notProcessed' | 'unknown';
/** What an item ended as, for the items of this run that share its key. */
type ItemResult = 'created' | 'alreadyDone' | 'unknown' | 'failed';

interface Deferred<T> {
	promise: Promise<T>;
	resolve: (value: T) => void;
}

function deferred<T>(): Deferred<T> {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

interface Entry {
	itemIndex: number;
	key: string;
	verdict: Deferred<Verdict>;
	result: Deferred<ItemResult>;
}

interface Window {
	/** Items of the window that have neither entered the ledger nor finished without it. */
	waitingFor: Set<number>;
	entries: Entry[];
	flushed: boolean;
	/** What must have happened before the window's attempts are recorded (an earlier window settled). */
	after: Promise<unknown>;
	/** Whether the window's requests may still start (the run has not stopped). */
	mayStart: () => boolean;
	recorded: Deferred<void>;
}

/** An item whose window never started because the run stopped first: it has no outcome. */
export class NotStarted extends Error {}

/** Every call to one store row, in this process, one after another (the store is not atomic). */
const rowQueues = new Map<string, Promise<void>>();

async function exclusive<T>(row: string, task: () => Promise<T>): Promise<T> {
	const previous = rowQueues.get(row) ?? Promise.resolve();
	let release!: () => void;
	const mine = new Promise<void>((resolve) => (release = resolve));
	const tail = previous.then(() => mine);
	rowQueues.set(row, tail);
	await previous;
	try {
		return await task();
	} finally {
		release();
		if (rowQueues.get(row) === tail) rowQueues.delete(row);
	}
}

const ATTEMPTED = 'cs1|a|';
const DONE = 'cs1|d|';

/** The request in a few words, for items that were not sent: method and path. */
function requestLine(request: ApiRequest): string {
	return `${request.method} ${request.path}`;
}

/** What tells a request apart for a person: the fields that name it (an agent's name, a call's number). */
function identifyingFields(request: ApiRequest): IDataObject {
	const fields: IDataObject = { request: requestLine(request) };
	const body = request.body;
	const read = (name: string) =>
		body instanceof FormData ? body.get(name) : (body as IDataObject | undefined)?.[name];
	for (const name of ['name', 'type', 'phone_number', 'agent_id']) {
		const value = read(name);
		if (typeof value === 'string' || typeof value === 'number') fields[name] = value;
	}
	return fields;
}

/** The request as the fingerprint sees it: method, path, query and body, with files by their bytes. */
async function requestFingerprint(request: ApiRequest): Promise<string> {
	const head = `${request.method} ${request.path} ${stableJson(request.qs ?? {})}`;
	if (!(request.body instanceof FormData)) return fingerprint(head, stableJson(request.body ?? {}));
	const parts: Array<string | Uint8Array> = [head];
	for (const [name, value] of request.body.entries()) {
		parts.push(name);
		if (typeof value === 'string') parts.push(value);
		else parts.push(value.type, new Uint8Array(await value.arrayBuffer()));
	}
	return fingerprint(...parts);
}

export class Ledger {
	private readonly row: string;
	private readonly maxEntries: number;
	private readonly windowOf = new Map<number, Window>();
	private readonly entries = new Map<number, Entry>();
	/** The first item of this run with each key: later items with the same key follow it. */
	private readonly firstWithKey = new Map<string, Entry>();
	private toConfirm: string[] = [];
	private toForget: string[] = [];
	private readonly flushes: Array<Promise<void>> = [];

	private constructor(
		private readonly fns: IExecuteFunctions,
		readonly settings: RepeatSettings,
		private readonly operation: string,
		/** The retry lineage and run index (default keys), or undefined (keys across executions). */
		private readonly lineage: { id: string; runIndex: number } | undefined,
		private readonly asTool: boolean,
		items: number,
	) {
		const scopeNode = settings.scope === 'node' ? fns.getNode().id : '';
		this.row = `${fns.getWorkflow().id}\u0000${settings.scope}\u0000${scopeNode}`;
		// Two keys a request; a run never forgets its own requests while it runs, whatever is remembered.
		this.maxEntries = Math.max(settings.rememberRequests, items) * 2 + 2;
	}

	/**
	 * The ledger for this run, or undefined when the run goes without one (Repeat Protection off, or the
	 * default protection where n8n gives the node nothing to key on: then a warning says so). Throws (a
	 * run-wide error) when keys across executions were asked for and n8n has no store for them.
	 */
	static async start(
		fns: IExecuteFunctions,
		settings: RepeatSettings,
		operation: string,
		items: number,
	): Promise<Ledger | undefined> {
		if (settings.mode === 'off') return undefined;
		const node = fns.getNode();
		const asTool = node.type.endsWith('Tool');
		const storeMissing =
			typeof fns.helpers.checkProcessedAndRecord !== 'function'
				? 'this n8n offers nodes no deduplication store (the one behind its Remove Duplicates node)'
				: !fns.getWorkflow().id
					? 'the workflow has not been saved yet'
					: undefined;
		if (settings.mode === 'acrossExecutions') {
			if (storeMissing) {
				throw new NodeOperationError(
					node,
					`Repeat Protection "Across Executions" cannot work here: ${storeMissing}; nothing was sent`,
					{
						description:
							'Save the workflow (or update n8n), or set Options → Repeat Protection to another value.',
					},
				);
			}
			if (fns.getMode() === 'manual') {
				note(
					fns,
					'This manual run records its Repeat Keys like any other: a later run (manual or production) with the same keys sends nothing for them. Use Forget Ledger in Options to start afresh.',
				);
			}
			const ledger = new Ledger(fns, settings, operation, undefined, asTool, items);
			await ledger.forgetOnce();
			return ledger;
		}
		const record = ExecutionRecord.of(fns);
		const lineage = record.lineage();
		if (record.dropped) {
			warn(
				fns,
				`This execution already has 10 custom data keys, so n8n dropped the "contactSwing" key the node keeps its retry lineage in: Retry On Fail still repeats nothing, but a Retry of this execution may send again what this run sent. Free a custom data key (Execution Data node, $execution.customData) to restore it.`,
			);
		}
		if (storeMissing || lineage === undefined) {
			warn(
				fns,
				`Repeat Protection is off for this run: ${storeMissing ?? 'n8n runs this tool call without an execution (an MCP client in single-instance mode), so a repeated call cannot be recognised'}. Use Options → Repeat Protection → Across Executions with a Repeat Key where a repeat must not happen.`,
			);
			return undefined;
		}
		const runIndex = Number(fns.getWorkflowDataProxy(0).$runIndex ?? 0);
		const ledger = new Ledger(fns, settings, operation, { id: lineage, runIndex }, asTool, items);
		await ledger.forgetOnce();
		return ledger;
	}

	/** Forget Ledger: clears the row once per value (a marker key records that this value cleared it). */
	private async forgetOnce(): Promise<void> {
		const token = this.settings.forgetToken;
		if (!token) return;
		const marker = `cs1|forget|${token}`;
		await exclusive(this.row, async () => {
			const seen = await this.record([marker]);
			if (seen.processed.length > 0) return;
			await this.fns.helpers.clearAllProcessedItems(this.settings.scope, { mode: 'entries' });
			await this.record([marker]);
		});
	}

	private async record(keys: string[], maxEntries?: number) {
		const started = Date.now();
		const result = await this.fns.helpers.checkProcessedAndRecord(
			keys,
			this.settings.scope,
			maxEntries === undefined ? { mode: 'entries' } : { mode: 'entries', maxEntries },
		);
		this.measure('record', keys.length, started);
		return result;
	}

	/** Every store call in n8n's debug log, with its time: what `npm run bench` reads the cost per call from. */
	private measure(call: 'record' | 'remove', keys: number, started: number) {
		const ms = Date.now() - started;
		this.fns.logger?.debug(`ContactSwing ledger: ${call} ${keys} keys in ${ms} ms`, {
			ledgerCall: call,
			keys,
			ms,
		});
	}

	/** The key of one item's request (its Repeat Key when the user gave one). */
	async identify(
		itemIndex: number,
		request: ApiRequest,
		accounts: Accounts,
		userKey: string | undefined,
	): Promise<Identity> {
		const operation = this.operation;
		if (this.lineage === undefined && userKey !== undefined && userKey !== '')
			return { key: `k|${operation}|${userKey}`, userKey };
		// The account: two clients' equal requests are different requests.
		const { connection } = await accounts.forItem(this.fns, itemIndex);
		const account = fingerprint(connection.origin, connection.token).slice(0, 16);
		if (this.lineage === undefined)
			return { key: `f|${operation}|${account}|${await requestFingerprint(request)}` };
		const { id, runIndex } = this.lineage;
		// An AI agent's tool call runs the node anew (a new run index) for each call: a repeated call with the
		// same arguments in one execution is the same request, so it is keyed by what it sends.
		if (this.asTool)
			return { key: `t|${id}|${operation}|${account}|${await requestFingerprint(request)}` };
		return { key: `r|${id}|${runIndex}|${itemIndex}|${operation}|${account}` };
	}

	/**
	 * The items of one window, before any of them starts. Their attempts are recorded once all have entered
	 * (or finished without the ledger) and `after` has happened; if `mayStart` then says no, none is sent.
	 * Resolves once the window's attempts are recorded, so its requests go out.
	 */
	openWindow(
		itemIndexes: number[],
		{
			after = Promise.resolve(),
			mayStart = () => true,
		}: { after?: Promise<unknown>; mayStart?: () => boolean } = {},
	): Promise<void> {
		const window: Window = {
			waitingFor: new Set(itemIndexes),
			entries: [],
			flushed: false,
			after,
			mayStart,
			recorded: deferred(),
		};
		for (const itemIndex of itemIndexes) this.windowOf.set(itemIndex, window);
		this.flushWhenReady(window);
		return window.recorded.promise;
	}

	/** An item of an open window finished without entering the ledger (it failed before, or sends nothing). */
	leave(itemIndex: number): void {
		const window = this.windowOf.get(itemIndex);
		if (!window || !window.waitingFor.delete(itemIndex)) return;
		this.flushWhenReady(window);
	}

	/**
	 * Runs one item's request through the ledger: its verdict once the whole window has entered, then the
	 * send (`send`, which also runs what must happen just before, e.g. Max Calls), then its settlement.
	 * Returns the item's output, or throws its error.
	 */
	async run(
		itemIndex: number,
		request: ApiRequest,
		identity: Identity,
		send: () => Promise<ApiOutcome>,
		shape: (answer: IDataObject) => IDataObject,
	): Promise<IDataObject> {
		const verdict = await this.enter(itemIndex, identity.key);
		const entry = this.entries.get(itemIndex) as Entry;
		if (verdict.kind === 'notStarted') {
			entry.result.resolve('failed');
			throw new NotStarted();
		}
		if (verdict.kind === 'failed') {
			entry.result.resolve('failed');
			throw verdict.error;
		}
		if (verdict.kind === 'alreadyDone') {
			entry.result.resolve('alreadyDone');
			return this.alreadyDoneItem(request, identity, verdict.sameAsItem);
		}
		if (verdict.kind === 'unknown') {
			entry.result.resolve('unknown');
			return this.unknownOutcome(itemIndex, request, identity, verdict.sameAsItem);
		}
		const outcome = await send();
		if (outcome.ok) {
			this.settle(entry, 'done');
			return { ...shape(outcome.data), outcome: 'created' };
		}
		if (outcome.processed === 'yes') this.settle(entry, 'done');
		else if (outcome.processed === 'no') this.settle(entry, 'notProcessed');
		else {
			this.settle(entry, 'unknown');
			// An ambiguous failure now is an unknown outcome too: flagged, if the user wants unknowns passed on.
			if (this.settings.ifUnknown === 'passThrough') {
				const { message, description } = outcome.error as NodeOperationError;
				return {
					outcome: 'unknown',
					...identifyingFields(request),
					message: [message, description].filter(Boolean).join(' '),
				};
			}
		}
		throw outcome.error;
	}

	private enter(itemIndex: number, key: string): Promise<Verdict> {
		// An item outside the router's windows (none today) is a window of its own.
		const window = this.windowOf.get(itemIndex) ?? {
			waitingFor: new Set<number>(),
			entries: [],
			flushed: false,
			after: Promise.resolve(),
			mayStart: () => true,
			recorded: deferred<void>(),
		};
		const entry: Entry = { itemIndex, key, verdict: deferred(), result: deferred() };
		this.entries.set(itemIndex, entry);
		const first = this.firstWithKey.get(key);
		if (first) {
			// Two items of one run with one key are one request: the first is sent, the other follows its result.
			void first.result.promise.then((result) =>
				entry.verdict.resolve(
					result === 'created' || result === 'alreadyDone'
						? { kind: 'alreadyDone', sameAsItem: first.itemIndex }
						: result === 'unknown'
							? { kind: 'unknown', sameAsItem: first.itemIndex }
							: {
									kind: 'failed',
									error: new NodeOperationError(
										this.fns.getNode(),
										`Not sent: item ${first.itemIndex} of this run has the same Repeat Key and was not done [item ${itemIndex}]`,
										{
											itemIndex,
											description: `Fix item ${first.itemIndex} and run again; requests with one key are sent once.`,
										},
									),
								},
				),
			);
		} else {
			this.firstWithKey.set(key, entry);
			window.entries.push(entry);
		}
		window.waitingFor.delete(itemIndex);
		this.flushWhenReady(window);
		return entry.verdict.promise;
	}

	private flushWhenReady(window: Window) {
		if (window.waitingFor.size > 0 || window.flushed) return;
		window.flushed = true;
		this.flushes.push(
			window.after
				.then(async () => await this.recordAttempts(window))
				.finally(() => window.recorded.resolve()),
		);
	}

	/** One store call for the window's attempts (with the confirmations waiting), plus the check of repeats. */
	private async recordAttempts(window: Window): Promise<void> {
		const entries = window.entries;
		if (entries.length === 0) return;
		if (!window.mayStart()) {
			for (const entry of entries) entry.verdict.resolve({ kind: 'notStarted' });
			return;
		}
		const confirm = this.toConfirm.splice(0);
		const forget = this.toForget.splice(0);
		try {
			// One retry: two processes' first calls on a missing row collide on its primary key, and the loser
			// finds the row there a moment later. A call that failed half-way errs towards unknown, never a repeat.
			const verdicts = await this.once(window, confirm, forget).catch(
				async () => await this.once(window, confirm, forget),
			);
			for (const [entry, verdict] of verdicts) entry.verdict.resolve(verdict);
		} catch (error) {
			// Try the confirmations and forgettings again with the next call; send nothing of this window.
			this.toConfirm.unshift(...confirm);
			this.toForget.unshift(...forget);
			for (const entry of entries) {
				entry.verdict.resolve({
					kind: 'failed',
					error: new NodeOperationError(
						this.fns.getNode(),
						`The node could not read its ledger of earlier requests, so nothing was sent: ${(error as Error).message} [item ${entry.itemIndex}]`,
						{
							itemIndex: entry.itemIndex,
							description:
								"n8n's deduplication store (its database) failed. Run again once the database answers.",
						},
					),
				});
			}
		}
	}

	/** The window's store calls, under the row's lock: attempts (and confirmations), then the repeats' check. */
	private async once(
		window: Window,
		confirm: string[],
		forget: string[],
	): Promise<Map<Entry, Verdict>> {
		const entries = window.entries;
		return await exclusive(this.row, async () => {
			if (forget.length > 0) await this.forget(forget);
			const attempts = entries.map((entry) => ATTEMPTED + entry.key);
			const recorded = await this.record([...confirm, ...attempts], this.maxEntries);
			const seen = new Set(recorded.processed.map(String));
			const repeats = entries.filter((entry) => seen.has(ATTEMPTED + entry.key));
			const done = new Set<string>();
			if (repeats.length > 0) {
				// Whether each repeat was confirmed: recorded to be read, and the new ones removed again. No
				// maxEntries here, so reading never pushes older keys out.
				const checked = await this.record(repeats.map((entry) => DONE + entry.key));
				for (const key of checked.processed) done.add(String(key));
				const unconfirmed = checked.new.map(String);
				if (unconfirmed.length > 0) await this.forget(unconfirmed);
			}
			return new Map(
				entries.map((entry): [Entry, Verdict] => [
					entry,
					!seen.has(ATTEMPTED + entry.key)
						? { kind: 'send' }
						: done.has(DONE + entry.key)
							? { kind: 'alreadyDone' }
							: this.settings.ifUnknown === 'sendAgain'
								? { kind: 'send' }
								: { kind: 'unknown' },
				]),
			);
		});
	}

	private async forget(keys: string[]) {
		const started = Date.now();
		await this.fns.helpers.removeProcessed(keys, this.settings.scope, { mode: 'entries' });
		this.measure('remove', keys.length, started);
	}

	private settle(entry: Entry, settlement: Settlement) {
		if (settlement === 'done') this.toConfirm.push(DONE + entry.key);
		if (settlement === 'notProcessed') this.toForget.push(ATTEMPTED + entry.key);
		entry.result.resolve(
			settlement === 'done' ? 'created' : settlement === 'unknown' ? 'unknown' : 'failed',
		);
	}

	/**
	 * Writes what waits (confirmations, attempts to forget): after the last window, and after every window
	 * when windows overlap (Batch Interval), so a crash leaves no more unknowns than necessary.
	 */
	async flush(): Promise<void> {
		await Promise.all(this.flushes.splice(0));
		const confirm = this.toConfirm.splice(0);
		const forget = this.toForget.splice(0);
		if (confirm.length === 0 && forget.length === 0) return;
		const write = async () =>
			await exclusive(this.row, async () => {
				if (forget.length > 0) await this.forget(forget);
				if (confirm.length > 0) await this.record(confirm, this.maxEntries);
			});
		try {
			// Both calls may be repeated: recording a key twice, or removing one that is gone, changes nothing.
			await write().catch(write);
		} catch (error) {
			warn(
				this.fns,
				`The node could not record ${confirm.length} confirmed and ${forget.length} refused requests in its ledger (${(error as Error).message}): a retry of this run would flag them as unknown instead of done or send them again.`,
			);
		}
	}

	private alreadyDoneItem(
		request: ApiRequest,
		identity: Identity,
		sameAsItem: number | undefined,
	): IDataObject {
		const why =
			sameAsItem !== undefined
				? `Item ${sameAsItem} of this run has the same Repeat Key; only it was sent.`
				: identity.userKey !== undefined
					? `Already done for Repeat Key "${identity.userKey.slice(0, 200)}" (ContactSwing confirmed it); nothing was sent.`
					: this.lineage === undefined
						? 'The same request to this account was already done (ContactSwing confirmed it); nothing was sent.'
						: 'Already done by an earlier run of this node in this execution or the execution it retries (ContactSwing confirmed it); nothing was sent.';
		return {
			outcome: 'alreadyDone',
			...identifyingFields(request),
			message: `${why} The ledger keeps no IDs: look it up in ContactSwing if you need it.`,
		};
	}

	/** An unknown outcome from an earlier run: the item fails (default) or passes through flagged. */
	private unknownOutcome(
		itemIndex: number,
		request: ApiRequest,
		identity: Identity,
		sameAsItem: number | undefined,
	): IDataObject {
		const what = request.effect ?? `created the ${request.creates ?? 'object'}`;
		const fields = identifyingFields(request);
		const named = Object.entries(fields)
			.filter(([name]) => name !== 'request')
			.map(([name, value]) => `${name} ${String(value)}`)
			.join(', ');
		const when =
			sameAsItem !== undefined
				? `item ${sameAsItem} of this run has the same Repeat Key and its outcome is unknown`
				: 'an earlier run of this node sent this request but never learned whether ContactSwing processed it';
		const message = `ContactSwing may already have ${what}: ${when}; nothing was sent again`;
		const check = `Check ContactSwing (${requestLine(request)}${named ? `, ${named}` : ''}). If it did not happen, set Options → If Outcome Unknown → Send Again for one run.`;
		if (this.settings.ifUnknown === 'passThrough')
			return { outcome: 'unknown', ...fields, message: `${message}. ${check}` };
		throw new NodeOperationError(this.fns.getNode(), `${message} [item ${itemIndex}]`, {
			itemIndex,
			description: identity.userKey
				? `${check} Repeat Key: "${identity.userKey.slice(0, 200)}".`
				: check,
		});
	}
}

/** A warning in the execution's hints (shown under the node's output) and in n8n's log. */
export function warn(fns: IExecuteFunctions, message: string): void {
	fns.logger?.warn(`ContactSwing: ${message}`);
	fns.addExecutionHints?.({ message, type: 'warning', location: 'outputPane' });
}

/** A note in the execution's hints. */
function note(fns: IExecuteFunctions, message: string): void {
	fns.addExecutionHints?.({ message, type: 'info', location: 'outputPane' });
}
