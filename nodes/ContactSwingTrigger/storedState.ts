/**
 * The trigger's state in n8n's static data: which state a poll starts from, and how a completed poll's
 * state is stored. No requests here; the node file passes in what it knows.
 *
 * A state belongs to what it describes: the event, the credential's Base URL and the credential (by its
 * n8n ID, never by anything derived from the token, so a rotated token keeps the state). Another event,
 * Base URL or credential starts a fresh baseline instead of reading another list with this one's IDs. n8n
 * keeps a node's static data under the node's name: a renamed trigger starts afresh in the default
 * scheduler (the durable scheduler keeps its cursor by node ID, so there a rename keeps the state).
 */
import type { IDataObject } from 'n8n-workflow';

import type { EventName, PollState } from './pollState';
import { checkPollState } from './pollState';

/** What the state was built for. */
export interface Binding {
	event: EventName;
	baseUrl: string;
	/** The n8n credential's ID. */
	credential: string;
}

/** A completed poll's state, with what it belongs to and when it was taken. */
export interface Saved {
	poll: PollState;
	boundTo: Binding;
	/** When the poll that stored it started (ms since the epoch). */
	polledAt: number;
}

/** What the trigger keeps in the node's static data. */
export interface StoredData {
	poll?: unknown;
	boundTo?: unknown;
	polledAt?: unknown;
	/** When a poll last started while n8n reported `activate` (kept even when that poll fails). */
	attemptedAt?: unknown;
	lock?: unknown;
	/** Keys of version 0.2.0: the IDs seen from page 1 on, the calls' statuses, total_records, order. */
	seen?: unknown;
	statuses?: unknown;
	total?: unknown;
	order?: unknown;
}

/**
 * The baseline an activation poll started, also kept in the workflow's global static data (by node ID).
 * Under n8n's durable scheduler the activation poll's node state is committed only if it emits, but the
 * workflow's static data is saved after activation: the first scheduled poll starts from this baseline
 * instead of taking its own, so a record that appears in between is emitted.
 */
export const BASELINES_KEY = 'contactSwingTriggerBaselines';

export interface Loaded {
	/** The state to poll from; undefined: a fresh baseline. */
	state: PollState | undefined;
	/** Why the state starts afresh, for n8n's log (empty when nothing needs saying). */
	notes: string[];
}

/**
 * The state this poll starts from: the node's own, or the activation baseline if that is newer; none when
 * the stored state belongs to another event, Base URL or credential, or cannot be read (said once in the
 * log, then replaced), or when `startFromNow` (a pause, see pause.ts).
 */
export function loadState(options: {
	stored: StoredData;
	global: IDataObject;
	nodeId: string;
	binding: Binding;
	/** stored.attemptedAt as it was before this poll started. */
	attemptedAt: unknown;
	startFromNow: (lastPollAt: number | undefined) => boolean;
}): Loaded {
	const { stored, binding } = options;
	const notes: string[] = [];
	const read = readSaved(stored);
	if (read.problem !== undefined) {
		notes.push(`its saved state could not be read (${read.problem}); it records a new baseline.`);
		for (const key of ['poll', 'boundTo', 'polledAt', 'seen', 'statuses', 'total', 'order'])
			delete stored[key as keyof StoredData];
	}
	if (read.note !== undefined) notes.push(read.note);
	const own = read.saved;
	const stash = readStash(options.global, options.nodeId);
	const saved = stash && (stash.polledAt ?? 0) > (own?.polledAt ?? 0) ? stash : own;
	const lastPollAt = latest(saved?.polledAt, options.attemptedAt);
	if (saved === undefined) return { state: undefined, notes };
	// A state of version 0.2.0 does not say which list it belongs to: the one the node reads now.
	const boundTo = saved.boundTo ?? binding;
	const changed = (['event', 'baseUrl', 'credential'] as const).filter(
		(key) => boundTo[key] !== binding[key],
	);
	if (changed.length > 0) {
		const what = { event: 'event', baseUrl: 'Base URL', credential: 'credential' };
		notes.push(
			`its ${changed.map((key) => what[key]).join(', ')} changed since its last poll; it records a new baseline for the list it reads now.`,
		);
		return { state: undefined, notes };
	}
	if (options.startFromNow(lastPollAt)) {
		notes.push(
			'the workflow was published again after a pause; it starts from now (records made during the pause are not emitted).',
		);
		return { state: undefined, notes };
	}
	return { state: saved.poll, notes };
}

/** Stores a completed (or carried-over) poll's state; a fresh baseline is also kept as the activation's. */
export function storeState(options: {
	stored: StoredData;
	global: IDataObject;
	nodeId: string;
	saved: Saved;
	freshBaseline: boolean;
}) {
	const { stored, saved } = options;
	stored.poll = saved.poll;
	stored.boundTo = saved.boundTo;
	stored.polledAt = saved.polledAt;
	for (const key of ['seen', 'statuses', 'total', 'order'] as const) delete stored[key];
	const baselines = { ...((options.global[BASELINES_KEY] ?? {}) as IDataObject) };
	if (options.freshBaseline) {
		baselines[options.nodeId] = JSON.parse(JSON.stringify(saved)) as IDataObject;
	} else if (baselines[options.nodeId] !== undefined) {
		// The node's own state is newer: the activation baseline is no longer needed.
		delete baselines[options.nodeId];
	} else {
		return;
	}
	options.global[BASELINES_KEY] = baselines;
}

/** A state as found in static data: 0.2.0's says neither what it belongs to nor when it was taken. */
interface Found {
	poll: PollState;
	boundTo?: Binding;
	polledAt?: number;
}

/** The node's own saved state; or what is wrong with it; or a note on why there is none to use. */
function readSaved(stored: StoredData): { saved?: Found; problem?: string; note?: string } {
	if (stored.poll === undefined) return fromVersion020(stored);
	const poll = checkPollState(stored.poll);
	if (typeof poll === 'string') return { problem: poll };
	const boundTo = readBinding(stored.boundTo);
	if (boundTo === undefined) return { problem: 'it does not say which list it belongs to' };
	if (typeof stored.polledAt !== 'number') return { problem: 'it does not say when it was taken' };
	return { saved: { poll, boundTo, polledAt: stored.polledAt } };
}

function readStash(global: IDataObject, nodeId: string): Found | undefined {
	const entry = ((global[BASELINES_KEY] ?? {}) as IDataObject)[nodeId] as IDataObject | undefined;
	if (entry === undefined) return undefined;
	const poll = checkPollState(entry.poll);
	const boundTo = readBinding(entry.boundTo);
	if (typeof poll === 'string' || boundTo === undefined || typeof entry.polledAt !== 'number')
		return undefined;
	return { poll, boundTo, polledAt: entry.polledAt };
}

function readBinding(value: unknown): Binding | undefined {
	const binding = value as Partial<Binding> | undefined;
	if (
		typeof binding?.event !== 'string' ||
		typeof binding.baseUrl !== 'string' ||
		typeof binding.credential !== 'string'
	)
		return undefined;
	return { event: binding.event, baseUrl: binding.baseUrl, credential: binding.credential };
}

/**
 * Version 0.2.0 kept the IDs it had seen (`seen`) and each call's last status. When it had seen as many
 * IDs as the list held (its total_records), they are every record, so a record not among them is new: the
 * trigger reads the whole list once and emits those (calls made during the upgrade). Otherwise they are
 * part of the list only, and a new baseline is taken.
 */
function fromVersion020(stored: StoredData): { saved?: Found; problem?: string; note?: string } {
	if (stored.seen === undefined) return {};
	const seen = stored.seen;
	if (!Array.isArray(seen) || !seen.every((id) => typeof id === 'string' || typeof id === 'number'))
		return { problem: 'its list of IDs seen (version 0.2.0) is not a list of IDs' };
	if (!(typeof stored.total === 'number' && stored.total <= seen.length)) {
		return {
			note: 'the IDs its version 0.2.0 saw cover part of the list only; it records a new baseline.',
		};
	}
	const statuses = Object.fromEntries(
		Object.entries((stored.statuses ?? {}) as IDataObject).filter(
			(entry): entry is [string, string] => typeof entry[1] === 'string',
		),
	);
	const poll: PollState = {
		v: 3,
		mode: 'learning',
		known: seen.map(String),
		statuses,
		complete: true,
		lastPage: 1,
		found: 0,
	};
	return { saved: { poll } };
}

function latest(...times: unknown[]): number | undefined {
	const numbers = times.filter((time): time is number => typeof time === 'number');
	return numbers.length === 0 ? undefined : Math.max(...numbers);
}
