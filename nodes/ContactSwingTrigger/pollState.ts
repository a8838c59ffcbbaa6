/**
 * What the trigger keeps between polls about one list, by mode, and the check that a stored value is one.
 * The modes and what each poll does in them are in pollLogic.ts.
 */

export type EventName = 'newCall' | 'callStatusChanged' | 'newCustomer';
/** Where new records turn up: at page 1's start (newest first) or at the last page's end (oldest first). */
export type Order = 'newest-first' | 'oldest-first';

/** The records nearest one end of the list as last read: `ids[0]` nearest the end; `index` where it stood. */
export interface Anchor {
	ids: string[];
	index: number;
}

/** A read of the whole list from page 1 on, carried over from poll to poll. */
export interface Sweep {
	/** Position to read on from. */
	next: number;
	/** The last records read (the last first): where to read on from if records before them moved. */
	after: string[];
}

/** A whole-list read for records that appeared away from the ends, and the new records it has found. */
export interface Search extends Sweep {
	found: number;
	/** Whole-list reads before this one that found nothing while the list's growth stayed unexplained. */
	idle?: number;
}

/**
 * More new records at page 1 than one poll reads: they lie between position `from` and the anchor `to`
 * (the top anchor before they arrived; none: the list's end); the next poll reads on from there.
 */
export interface Walk {
	from: number;
	to?: Anchor;
}

interface Shared {
	v: 3;
	/** Records per page as the list answered when a poll last learned it (absent: not yet learned). */
	perPage?: number;
	/** IDs seen, in the order they were first seen (at most KNOWN_LIMIT; the oldest are forgotten first). */
	known: string[];
	/** Last status seen per call ID (Call Status Changed only). */
	statuses: Record<string, string>;
	/**
	 * Whether `known` holds every record the list had when the baseline was taken (and none has been
	 * forgotten since): then any record whose ID is not known is new, wherever it is in the list.
	 */
	complete: boolean;
	/** The records at page 1's start and at the last page's end; absent while the list is empty. */
	top?: Anchor;
	end?: Anchor;
	/** The last page, as last found by reading. */
	lastPage: number;
	/** total_records when the growth of the list was last checked, and new records found since. */
	total?: number;
	found: number;
}

/** The baseline: the whole list is being read (over several polls if it is long); nothing is emitted. */
export interface Surveying extends Shared {
	mode: 'surveying';
	sweep: Sweep & {
		/** The read has passed the end anchor: what follows it appeared while the list was being read. */
		pastEnd?: boolean;
	};
	/** total_records at the baseline's first poll. */
	startTotal?: number;
	/**
	 * Records that appeared at an end while the list was being read over several polls (above the top
	 * anchor, after the end anchor): emitted when the baseline is done if total_records grew by at least as
	 * many (then none of them can be a record that only moved there); else they join the baseline.
	 */
	arrived: Array<Record<string, unknown>>;
}

interface Reading extends Shared {
	/** Page 1 down to the top anchor did not fit in a poll. */
	walk?: Walk;
	/** A whole-list read for records that appeared away from the ends (complete lists only). */
	search?: Search;
}

/** Where new records turn up is not known yet: both ends are read. */
export interface Learning extends Reading {
	mode: 'learning';
}

/** New records turn up at one end: that end is read, from the end to its anchor. */
export interface Following extends Reading {
	mode: 'following';
	order: Order;
}

export type PollState = Surveying | Learning | Following;

/** Records the trigger remembers (about 400 KB of static data with UUIDs, twice that with statuses). */
export const KNOWN_LIMIT = 10_000;

/** A stored value that is a PollState, or a sentence saying what is wrong with it. */
export function checkPollState(value: unknown): PollState | string {
	if (!isObject(value)) return 'it is not an object';
	if (value.v !== 3) return `its version is ${JSON.stringify(value.v)}`;
	if (value.perPage !== undefined && !isPositiveInteger(value.perPage))
		return 'perPage is not a page size';
	if (!isPositiveInteger(value.lastPage)) return 'lastPage is not a page number';
	if (!Array.isArray(value.known) || !value.known.every((id) => typeof id === 'string'))
		return 'known is not a list of IDs';
	if (!isObject(value.statuses) || !Object.values(value.statuses).every(isString))
		return 'statuses is not a map of IDs to statuses';
	if (typeof value.complete !== 'boolean') return 'complete is not true or false';
	if (value.total !== undefined && !isCount(value.total)) return 'total is not a count';
	if (!isCount(value.found)) return 'found is not a count';
	for (const key of ['top', 'end'] as const)
		if (value[key] !== undefined && !isAnchor(value[key])) return `${key} is not an anchor`;
	if (value.mode === 'surveying') {
		if (!isSweep(value.sweep)) return 'sweep is not a read in progress';
		if (value.startTotal !== undefined && !isCount(value.startTotal))
			return 'startTotal is not a count';
		if (!Array.isArray(value.arrived) || !value.arrived.every(isObject))
			return 'arrived is not a list of records';
		return value as unknown as PollState;
	}
	if (value.mode !== 'learning' && value.mode !== 'following')
		return `mode is ${JSON.stringify(value.mode)}`;
	const walk = value.walk;
	if (
		walk !== undefined &&
		!(isObject(walk) && isCount(walk.from) && (walk.to === undefined || isAnchor(walk.to)))
	)
		return 'walk is not a read in progress';
	const search = value.search;
	if (
		search !== undefined &&
		!(
			isSweep(search) &&
			isCount(search.found) &&
			(search.idle === undefined || isCount(search.idle))
		)
	)
		return 'search is not a read in progress';
	if (value.mode === 'following') {
		if (value.order !== 'newest-first' && value.order !== 'oldest-first')
			return `order is ${JSON.stringify(value.order)}`;
		const anchor = value.order === 'newest-first' ? value.top : value.end;
		if (anchor === undefined) return `the ${value.order} list has no anchor at its new end`;
	}
	return value as unknown as PollState;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isString(value: unknown): value is string {
	return typeof value === 'string';
}
function isCount(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
function isPositiveInteger(value: unknown): value is number {
	return isCount(value) && value > 0;
}
function isAnchor(value: unknown): value is Anchor {
	return (
		isObject(value) &&
		isCount(value.index) &&
		Array.isArray(value.ids) &&
		value.ids.length > 0 &&
		value.ids.every(isString)
	);
}
function isSweep(value: unknown): value is Sweep & Record<string, unknown> {
	return (
		isObject(value) &&
		isCount(value.next) &&
		Array.isArray(value.after) &&
		value.after.every(isString)
	);
}
