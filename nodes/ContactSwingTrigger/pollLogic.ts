/**
 * The ContactSwing Trigger's poll, with no n8n in it: a state in (pollState.ts), pages read through an
 * injected fetcher (listReader.ts), a state, events and warnings out. The node file only wires it to n8n.
 *
 * Why every event is emitted once:
 * 1. **Known IDs.** A record is emitted only when its ID is not in `known`, and emitting it puts it there
 *    (`take`). A status change is emitted only when the status read differs from the one kept for the call,
 *    and emitting it keeps the new one. Within a poll each record is taken once.
 * 2. **Nothing old.** The baseline (mode `surveying`) reads the whole list and emits nothing, so `known` then
 *    holds every record that existed (`complete`): a record whose ID is not known is new wherever it turns
 *    up, in any order the list is kept in. A list longer than the trigger remembers (KNOWN_LIMIT) is read at
 *    its two ends only (`complete: false`): there, only a record between the new end and its anchor is new;
 *    behind the anchor everything is old, seen or not.
 * 3. **Replaced only when complete.** runPoll works on a copy; the node file stores what it returns. A poll
 *    that fails returns nothing and leaves the state as it was; a poll out of time or requests (`Stop`)
 *    returns the last state its mode handed to `keep`, which never holds a position past a record that
 *    was not taken.
 * 4. **One poll at a time.** The node file's lock (or n8n's lease) keeps two polls off one state.
 *
 * Modes, and what a poll does in each (where new records turn up is learned, never assumed):
 * - no state: the baseline starts; `surveying`: the whole list is read from page 1 on, at most 20 pages in
 *   the first poll and 10 in each next one, emitting nothing. Then `learning`.
 * - `learning`: the new end is not known. Page 1 is read down to the top anchor and the end from the end
 *   anchor on; what is new at exactly one end makes the list `following` that end.
 * - `following` newest first: page 1 down to the top anchor (a list ordered by last update also brings
 *   changed records up there: they are known, and the anchor is the deepest of its records found);
 *   oldest first: from the end anchor to the end.
 * - Either reading mode falls back to `learning` when its anchor is not where the order says (the order
 *   flipped, records moved), and reads the whole list (`search`, 10 pages a poll) when total_records grew by
 *   more than it found at the ends (records added in the middle: a list sorted by name).
 */

import type { PageFetcher, Row } from './listReader';
import { ListReader, Stop } from './listReader';
import type {
	Anchor,
	EventName,
	Following,
	Learning,
	PollState,
	Surveying,
	Sweep,
} from './pollState';
import { KNOWN_LIMIT } from './pollState';

export interface PollOptions {
	event: EventName;
	/** Only These Statuses; empty for every change. */
	wanted: ReadonlySet<string>;
	fetch: PageFetcher;
	/** Requests one poll may send at most (the baseline's first poll: BASELINE_MAX_REQUESTS). */
	maxRequests?: number;
	/** per_page asked for. */
	perPage?: number;
}

export interface PollResult {
	/** The state to keep; undefined when no baseline could be started yet. */
	state: PollState | undefined;
	/** One object per event, oldest first: the record, with previous_status for Call Status Changed. */
	events: Array<Record<string, unknown>>;
	/** What n8n's log should say (the list not as learned, growth nobody found, an early stop). */
	warnings: string[];
	requests: number;
	/** The poll stopped early (time up, or its requests spent); the next poll carries on. */
	stoppedEarly: boolean;
}

/** Requests one poll sends at most: a third of the calls list's 30 a minute. */
export const MAX_REQUESTS = 10;
/** Requests the first poll of a baseline may send (a list of up to 20 pages is read whole at once). */
export const BASELINE_MAX_REQUESTS = 20;
/** per_page asked for: the most the calls list documents. */
export const PER_PAGE = 100;
/** Newest calls whose status changes are watched (Call Status Changed), two pages at most. */
export const statusWindow = (perPage: number) => Math.min(100, 2 * perPage);
/** Records of an anchor: up to half a page, so a few new records leave it on the page it was on. */
export const anchorSize = (perPage: number) => Math.max(1, Math.min(20, Math.floor(perPage / 2)));
/** Pages searched back from where the end anchor was before the trigger takes it as gone. */
const LOCATE_RADIUS = 3;
/** Records of a whole-list read remembered to read on from. */
const RESUME_KEEP = 3;

/** Runs one poll. Throws when a page fails; the caller then keeps `previous` as it was. */
export async function runPoll(
	previous: PollState | undefined,
	options: PollOptions,
): Promise<PollResult> {
	const asked = options.perPage ?? PER_PAGE;
	const reader = new ListReader(
		options.fetch,
		asked,
		previous === undefined ? BASELINE_MAX_REQUESTS : (options.maxRequests ?? MAX_REQUESTS),
		previous?.perPage,
	);
	// Work on a copy: the caller's state changes only when the poll returns. (A JSON copy: n8n hands
	// static data over as proxies, which structuredClone refuses.)
	const state =
		previous === undefined ? undefined : (JSON.parse(JSON.stringify(previous)) as PollState);
	const poll = new Poll(options, reader, state);
	const next = await poll.run().then(
		(done): PollState | undefined => done,
		(error: unknown) => {
			// A page that failed fails the poll as it is (the fetcher's own error); Stop only ends it early.
			if (!(error instanceof Stop)) throw error;
			poll.warnings.push(
				'The poll ran out of time or requests before it had read everything; the next poll carries on where it stopped.',
			);
			return poll.stopped();
		},
	);
	return {
		state: next === undefined ? undefined : poll.save(next),
		events: poll.flush(),
		warnings: poll.warnings,
		requests: reader.requests,
		stoppedEarly: reader.stopped,
	};
}

/** What a read of one end found: every row read, in list order, and the anchor record it stopped at. */
interface EndRead {
	rows: Row[];
	/** The anchor record that bounds what is new at this end; undefined when the anchor was not found. */
	boundary?: Row;
	/** The anchor's records were found the other way round: the list is served in the other order. */
	flipped?: boolean;
}

type Reading = Learning | Following;

class Poll {
	warnings: string[] = [];
	/** The state a poll stopped from here on keeps (each mode hands it over as it reads). */
	kept: PollState | undefined;
	private readonly known: Set<string>;
	/** What was known when the poll started: only these tell where new records are. */
	private readonly knownBefore: Set<string>;
	private readonly statuses: Record<string, string>;
	private readonly watchStatus: boolean;
	/** Records taken this poll (each once). */
	private readonly taken = new Set<string>();
	private readonly events: Array<Record<string, unknown>> = [];
	/** Events of the end read in progress, in the order read; handed out oldest first. */
	private pending: Array<{ index: number; event: Record<string, unknown> }> = [];
	private pendingNewestFirst = false;
	/** While the order is being learned, events wait until it is known which end is new. */
	private learningOrder = false;
	/** The baseline emits nothing. */
	private silent = false;
	/** New records taken this poll. */
	private newCount = 0;
	/** The furthest page a search for the end found full (a stopped poll's next search starts there). */
	private fullUpTo = 0;
	private complete: boolean;

	constructor(
		private readonly options: PollOptions,
		private readonly reader: ListReader,
		private readonly state: PollState | undefined,
	) {
		this.kept = state;
		this.known = new Set(state?.known ?? []);
		this.knownBefore = new Set(state?.known ?? []);
		this.statuses = { ...(state?.statuses ?? {}) };
		this.watchStatus = options.event === 'callStatusChanged';
		this.complete = state?.complete ?? true;
	}

	async run(): Promise<PollState> {
		const state = this.state;
		if (state === undefined) return await this.baseline();
		switch (state.mode) {
			case 'surveying':
				return await this.survey(state);
			case 'learning':
				return await this.learn(state);
			case 'following':
				return state.order === 'newest-first'
					? await this.followTop(state)
					: await this.followEnd(state);
		}
	}

	// ---- the baseline ----

	/** The first poll: page 1 tells how long the list is; a list over KNOWN_LIMIT is read at its ends. */
	private async baseline(): Promise<PollState> {
		this.silent = true;
		const first = await this.reader.page(1);
		const fresh = {
			v: 3 as const,
			known: [],
			statuses: {},
			complete: true,
			lastPage: 1,
			found: 0,
		};
		if ((this.reader.total ?? 0) <= KNOWN_LIMIT) {
			return await this.survey({ ...fresh, mode: 'surveying', sweep: { next: 0, after: [] } });
		}
		this.complete = false;
		const end = await this.findEnd(undefined);
		this.takeAll([...first, ...end.rows], () => false);
		return this.settle({ ...fresh, mode: 'learning', total: this.reader.total }, first, end);
	}

	/**
	 * `surveying`: the whole list from page 1 on, emitting nothing. Each next poll first reads page 1 down to
	 * the top anchor, so records that moved up while the list was being read (a list ordered by update) and
	 * records added there are taken too; if the anchor is gone from there (the order flipped), the read
	 * starts again from page 1.
	 */
	private async survey(state: Surveying): Promise<PollState> {
		this.silent = true;
		let sweep = state.sweep;
		if (sweep.next > 0) {
			this.warnings.push(
				'The list is longer than one poll reads: the baseline goes on reading it; records that appear or change until it is done are taken into the baseline, not emitted.',
			);
		}
		if (state.top !== undefined && sweep.next > 0) {
			const top = await this.readTop(state.top, 1, true, () => undefined);
			if (top.boundary === undefined) sweep = { next: 0, after: [] };
		}
		const withTop = (progress: Sweep): Surveying => ({
			...state,
			top: this.topAnchorRead() ?? state.top,
			sweep: progress,
		});
		this.keep(withTop(sweep));
		const end = await this.readSweep(sweep, (progress) => this.keep(withTop(progress)));
		if (this.known.size > KNOWN_LIMIT) this.complete = false;
		const learning: Learning = {
			v: 3,
			mode: 'learning',
			known: state.known,
			statuses: state.statuses,
			complete: this.complete,
			lastPage: end.lastPage,
			total: this.reader.total,
			found: 0,
		};
		return this.settle(learning, this.reader.cached(1) ?? [], end);
	}

	// ---- learning: which end is new ----

	/**
	 * `learning`: page 1 down to the top anchor, and the end from the end anchor on. Records not seen before
	 * that lie above the top anchor and none after the end anchor (or the other way round) show the new end.
	 */
	private async learn(state: Learning): Promise<PollState> {
		if (!this.complete) return await this.learnAtEnds(state);
		this.flushPending();
		this.learningOrder = true;
		const top = await this.readNewAtTop(state);
		let afterTop = this.settle(withoutWalk(state), this.reader.cached(1) ?? [], undefined);
		// A walk left because page 1 is not as it expected: the whole list is read instead.
		if (state.walk !== undefined && this.unexpectedAtTop(state, top) && this.complete)
			afterTop = { ...afterTop, search: afterTop.search ?? { next: 0, after: [], found: 0 } };
		this.keep(afterTop);
		// While the whole list is being read, that read reaches the end; the order is learned after it.
		if (afterTop.search !== undefined)
			return await this.afterReads(this.ordered(afterTop, undefined));
		const takenAtTop = new Set(this.taken);
		const end = await this.readEnd(afterTop);
		const unseen = (row: Row) => this.isUnseen(row);
		// Without an anchor at an end (a list empty until now) nothing shows where records were added.
		const atTop =
			state.top === undefined
				? 0
				: top.rows.filter(
						(row) => unseen(row) && (top.boundary === undefined || row.index < top.boundary.index),
					).length + top.walked.filter(unseen).length;
		// Records the top read already took (a short list read whole from page 1) are not the end's.
		const atEnd = (state.end === undefined ? [] : end.rows).filter(
			(row) =>
				unseen(row) &&
				!takenAtTop.has(row.id) &&
				(end.boundary === undefined || row.index > end.boundary.index),
		).length;
		let settled = this.settle(afterTop, [], this.endOf(end));
		// The end anchor gone and new records on the last page: more may lie before it.
		if (end.boundary === undefined && atEnd > 0 && settled.search === undefined)
			settled = { ...settled, search: { next: 0, after: [], found: 0 } };
		const order =
			atTop > 0 && atEnd === 0
				? 'newest-first'
				: atEnd > 0 && atTop === 0
					? 'oldest-first'
					: undefined;
		if (order === undefined) return await this.afterReads(this.ordered(settled, undefined));
		return await this.afterReads(this.ordered({ ...settled, mode: 'following', order }, order));
	}

	/** The learning poll's events, oldest first: deepest first if the list is newest first, else in list order. */
	private ordered<T>(state: T, order: 'newest-first' | 'oldest-first' | undefined): T {
		this.learningOrder = false;
		this.pending.sort((a, b) => a.index - b.index);
		this.pendingNewestFirst = order === 'newest-first';
		this.flushPending();
		return state;
	}

	/**
	 * A list longer than the trigger remembers: page 1 and the last page only. Records not seen before at
	 * exactly one end (before its anchor) are new and show the new end; at both ends the trigger cannot
	 * tell which end is new and emits none of them.
	 */
	private async learnAtEnds(state: Learning): Promise<PollState> {
		this.keep(state);
		const first = await this.reader.page(1);
		const end = await this.findEnd(state.lastPage);
		const topAnchor = new Set(state.top?.ids ?? []);
		const endAnchor = new Set(state.end?.ids ?? []);
		const unseen = (row: Row) => !this.knownBefore.has(row.id);
		const atTop = takeWhile(first, (row) => !topAnchor.has(row.id)).filter(unseen);
		const atEnd = takeWhile([...end.rows].reverse(), (row) => !endAnchor.has(row.id)).filter(
			unseen,
		);
		const settled = this.settle(state, first, end);
		if (atTop.length > 0 && atEnd.length > 0) {
			this.warnings.push(
				`${atTop.length + atEnd.length} records the trigger has not seen are at both ends of a list longer than it can remember, so it cannot tell which end is new; they were not emitted.`,
			);
		}
		if (atTop.length > 0 && atEnd.length === 0) {
			const fresh = new Set(atTop.map((row) => row.id));
			this.takeInOrder(first, (row) => fresh.has(row.id), true);
			this.takeAll(end.rows, () => false);
			return await this.afterReads({ ...settled, mode: 'following', order: 'newest-first' });
		}
		if (atEnd.length > 0 && atTop.length === 0) {
			const fresh = new Set(atEnd.map((row) => row.id));
			this.takeAll(first, () => false);
			this.takeInOrder(end.rows, (row) => fresh.has(row.id), false);
			return await this.afterReads({ ...settled, mode: 'following', order: 'oldest-first' });
		}
		this.takeAll([...first, ...end.rows], () => false);
		return await this.afterReads(settled);
	}

	// ---- following: new records at one end ----

	/** `following` newest first: page 1 down to the top anchor (and on, if a walk is pending). */
	private async followTop(state: Following): Promise<PollState> {
		const top = await this.readNewAtTop(state);
		if (this.unexpectedAtTop(state, top)) return await this.relearn(state);
		return await this.afterReads(
			this.settle(withoutWalk(state), this.reader.cached(1) ?? [], undefined),
		);
	}

	/** `following` oldest first: from the end anchor (found where it was, or a little before) to the end. */
	private async followEnd(state: Following): Promise<PollState> {
		this.keep(state);
		const end = await this.readEnd(state);
		const boundary = end.boundary;
		const before = end.rows.filter(
			(row) => boundary !== undefined && row.index < boundary.index && this.isUnseen(row),
		);
		if (boundary === undefined || end.flipped || before.length > 0)
			return await this.relearn(state);
		return await this.afterReads(this.settle(state, [], this.endOf(end)));
	}

	/**
	 * The list is not as the learned order says (its anchor gone, upside down, new records away from the new
	 * end): the order is learned again, from this very poll, and a complete list is read whole once, so
	 * that what turned up where the trigger did not read is emitted too.
	 */
	private async relearn(state: Following): Promise<PollState> {
		this.warnings.push(
			`The list is no longer in the order the trigger learned (${state.order}): it reads both ends until new records show where they turn up${this.complete ? ', and reads the whole list once' : ''}.`,
		);
		const search = state.search ?? (this.complete ? { next: 0, after: [], found: 0 } : undefined);
		return await this.learn({ ...asLearning(state), search });
	}

	private isUnseen(row: Row): boolean {
		return !this.knownBefore.has(row.id);
	}

	// ---- reading the ends ----

	/**
	 * Page 1 down to the top anchor: what arrived since the last poll. Then, if the last poll could not read
	 * all that was new (a walk), on from where it stopped (moved down by what arrived since; one page is
	 * read again, since deletions above may have moved records up) to the walk's anchor. A poll stopped on
	 * the way keeps a walk from where it got to. If page 1 does not look as the walk expects (`unexpected`),
	 * the walk is left: the caller reads the whole list instead.
	 */
	private async readNewAtTop(state: Reading): Promise<EndRead & { walked: Row[] }> {
		const walkTo = state.walk !== undefined ? state.walk.to : state.top;
		const keepWalk = (from: number) =>
			this.keep({ ...state, top: this.topAnchorRead() ?? state.top, walk: { from, to: walkTo } });
		const arrivals = await this.readTop(state.top, 1, true, keepWalk);
		if (state.walk === undefined || this.unexpectedAtTop(state, arrivals))
			return { ...arrivals, walked: [] };
		const arrived = arrivals.rows.filter((row) => this.isUnseen(row)).length;
		const from = Math.max(0, state.walk.from + arrived - this.reader.perPage);
		keepWalk(from);
		const walk = await this.readTop(state.walk.to, this.reader.pageOf(from), false, keepWalk);
		const boundary = walk.boundary;
		// What a walk with an anchor read lies above it, as new at page 1; one without (a list that was empty)
		// read the whole list, which shows no end.
		const above = walk.rows.filter((row) => boundary !== undefined && row.index < boundary.index);
		return { ...arrivals, walked: state.walk.to === undefined ? [] : above };
	}

	/** Page 1 not as a list new at page 1 has it: its anchor gone or upside down, new records below it. */
	private unexpectedAtTop(state: Reading, top: EndRead): boolean {
		const boundary = top.boundary;
		if (state.top === undefined) return false;
		if (boundary === undefined || top.flipped) return true;
		return top.rows.some((row) => row.index > boundary.index && this.isUnseen(row));
	}

	/**
	 * From `startPage` down to the anchor, taking every row: done when every record of the anchor is found,
	 * or some are and a page after them holds none (the others were deleted), or the list ends. The boundary
	 * is the deepest anchor record found: in a list ordered by last update, records that changed come up
	 * above it and the others stay below it in their order. Until the anchor is found, `keepAt(next)` hands
	 * a stopped poll where to read on from. With `lostIfQuiet`, a page without the anchor and without a
	 * record not seen before means the anchor is not here: the read ends without a boundary.
	 */
	private async readTop(
		anchor: Anchor | undefined,
		startPage: number,
		lostIfQuiet: boolean,
		keepAt: (next: number) => void,
	): Promise<EndRead> {
		const target = new Set(anchor?.ids ?? []);
		const found = new Set<string>();
		const rows: Row[] = [];
		let boundary: Row | undefined;
		const place = new Map((anchor?.ids ?? []).map((id, k) => [id, k]));
		const order: number[] = [];
		const result = (): EndRead => ({ rows, boundary, flipped: isDescending(order) });
		this.startRead(true);
		try {
			for (let page = startPage; ; page++) {
				const onPage = await this.reader.page(page);
				rows.push(...onPage);
				// A list the trigger cannot know whole: only what lies above the anchor is new.
				const above = new Set(
					found.size === 0 ? takeWhile(onPage, (row) => !target.has(row.id)).map((r) => r.id) : [],
				);
				for (const row of onPage) this.take(row, this.complete || above.has(row.id));
				const hits = onPage.filter((row) => target.has(row.id));
				for (const row of hits) {
					found.add(row.id);
					order.push(place.get(row.id) as number);
				}
				if (hits.length > 0) boundary = hits[hits.length - 1];
				if (target.size > 0 && (found.size === target.size || (boundary && hits.length === 0)))
					return result();
				if (!this.reader.isFull(onPage)) return result();
				if (boundary === undefined) {
					const quiet = onPage.every((row) => this.knownBefore.has(row.id));
					if (lostIfQuiet && target.size > 0 && quiet) return { rows };
					keepAt(page * this.reader.perPage);
				}
			}
		} finally {
			this.endRead();
		}
	}

	/**
	 * The end: the end anchor is looked for where it was and up to LOCATE_RADIUS pages before (records
	 * deleted, or moved away to the end, move it up), back to the start of its run; from there the list is
	 * read to its end, and a stopped poll keeps the end anchor at the last records read. Without the anchor,
	 * the last page, found by reading.
	 */
	private async readEnd(state: Reading): Promise<EndRead> {
		const anchor = state.end;
		const ids = new Set(anchor?.ids ?? []);
		let start: number | undefined;
		let boundary: Row | undefined;
		if (anchor !== undefined) {
			let page = this.reader.pageOf(anchor.index);
			for (let tries = 0; page >= 1; page--, tries++) {
				const onPage = await this.reader.page(page);
				const hits = onPage.filter((row) => ids.has(row.id));
				if (hits.length > 0) {
					start = page;
					// The anchor's record nearest the end if it is still there, else the last one found.
					boundary =
						hits.find((row) => row.id === anchor.ids[0]) ?? boundary ?? hits[hits.length - 1];
					// Its run starts on this page unless the page starts with it.
					if (!ids.has(onPage[0].id)) break;
				} else if (start !== undefined || tries >= LOCATE_RADIUS) break;
			}
		}
		if (start === undefined || boundary === undefined) {
			const end = await this.findEnd(state.lastPage);
			const rows = await this.withPageBefore(end.lastPage, end.rows);
			this.takeInOrder(rows, () => this.complete, false);
			return { rows };
		}
		const rows: Row[] = [];
		const after = boundary.index;
		const place = new Map(anchor?.ids.map((id, k) => [id, k]));
		// In list order the anchor's records run from the last of `ids` to ids[0]: the other way, flipped.
		const flipped = () =>
			isDescending(
				rows
					.filter((row) => place.has(row.id))
					.map((row) => place.get(row.id) as number)
					.reverse(),
			);
		this.startRead(false);
		try {
			for (let page = start; ; page++) {
				const onPage = await this.reader.page(page);
				if (onPage.length === 0 && page > start) break;
				rows.push(...onPage);
				for (const row of onPage) this.take(row, this.complete || row.index > after);
				// Following the end: records not seen before the anchor, or the anchor upside down, end the read
				// here (the caller learns the order again) instead of moving the anchor on in the wrong list.
				const surprise = rows.some((row) => row.index < after && this.isUnseen(row)) || flipped();
				if (state.mode === 'following' && surprise) return { rows, boundary, flipped: true };
				if (onPage.length > 0) {
					const end = anchorAt(rows, 'end', this.reader.perPage);
					this.keep({ ...state, end, lastPage: page });
				}
				if (!this.reader.isFull(onPage)) break;
			}
		} finally {
			this.endRead();
		}
		const first = rows.length > 0 ? this.reader.pageOf(rows[0].index) : start;
		return { rows: await this.withPageBefore(first, rows), boundary, flipped: flipped() };
	}

	/**
	 * Rows read at the end, with the page before them when they are fewer than an anchor holds (so the end
	 * anchor keeps its size when the last page is nearly empty); that page's records are taken too.
	 */
	private async withPageBefore(page: number, rows: Row[]): Promise<Row[]> {
		if (rows.length >= anchorSize(this.reader.perPage) || page <= 1) return rows;
		const before = await this.reader.page(page - 1);
		this.takeAll(before, () => this.complete);
		return [...before, ...rows];
	}

	/** The last page an end read reached, and the records it read up to the end. */
	private endOf(read: EndRead): { lastPage: number; rows: Row[] } | undefined {
		const last = read.rows[read.rows.length - 1];
		if (last === undefined) return undefined;
		return { lastPage: this.reader.pageOf(last.index), rows: read.rows };
	}

	/**
	 * The last page, found by reading: a short page is the last. It starts where the end was last time (or
	 * where total_records says, the first time), then tries where total_records says, then doubles its
	 * steps, then halves the gap: total_records is only ever a guess.
	 */
	private async findEnd(stored: number | undefined): Promise<{ lastPage: number; rows: Row[] }> {
		const perPage = this.reader.perPage;
		const total = this.reader.total;
		const byTotal = total !== undefined && total > 0 ? Math.ceil(total / perPage) : undefined;
		let full = 0;
		let past = Number.POSITIVE_INFINITY;
		let page = Math.max(1, stored ?? byTotal ?? 1);
		let stride = 1;
		let triedTotal = page === byTotal;
		for (;;) {
			const rows = await this.reader.page(page);
			if (rows.length > 0 && !this.reader.isFull(rows)) return { lastPage: page, rows };
			if (rows.length === 0) past = Math.min(past, page);
			else full = Math.max(full, page);
			this.fullUpTo = Math.max(this.fullUpTo, full);
			if (past === full + 1) {
				return {
					lastPage: Math.max(1, full),
					rows: full === 0 ? [] : await this.reader.page(full),
				};
			}
			if (!triedTotal && byTotal !== undefined && byTotal > full && byTotal < past) {
				triedTotal = true;
				page = byTotal;
			} else if (past === Number.POSITIVE_INFINITY) {
				page = full + stride;
				stride *= 2;
			} else {
				page = Math.max(full + 1, Math.floor((full + past) / 2));
			}
		}
	}

	/**
	 * The whole list from `sweep.next` to its end, taking every row. It reads on after the last records it
	 * read (found where they were or a little before: deletions move them up), or a page earlier if they are
	 * gone: reading a record again is harmless, leaving one out is not. `keepAt` hands a stopped poll the
	 * progress after each page.
	 */
	private async readSweep(
		sweep: Sweep,
		keepAt: (progress: Sweep) => void,
	): Promise<{ lastPage: number; rows: Row[] }> {
		let page = this.reader.pageOf(sweep.next);
		if (sweep.after.length > 0) {
			const resume = await this.locateBack(sweep.after, sweep.next - 1);
			page = resume ? this.reader.pageOf(resume.index + 1) : Math.max(1, page - 1);
		}
		for (;;) {
			const rows = await this.reader.page(page);
			this.takeAll(rows, () => this.complete);
			if (rows.length > 0) {
				const after = rows
					.slice(-RESUME_KEEP)
					.map((row) => row.id)
					.reverse();
				keepAt({ next: rows[rows.length - 1].index + 1, after });
			}
			if (!this.reader.isFull(rows)) {
				const last = rows.length > 0 || page === 1 ? page : page - 1;
				const before = this.reader.cached(last - 1) ?? [];
				return { lastPage: last, rows: [...before, ...(this.reader.cached(last) ?? [])] };
			}
			page++;
		}
	}

	/** The first of `ids` found on the page of `index` or up to LOCATE_RADIUS pages before it. */
	private async locateBack(ids: string[], index: number): Promise<Row | undefined> {
		for (let page = this.reader.pageOf(index), tries = 0; page >= 1 && tries <= LOCATE_RADIUS; ) {
			const rows = await this.reader.page(page);
			for (const id of ids) {
				const row = rows.find((candidate) => candidate.id === id);
				if (row) return row;
			}
			page--;
			tries++;
		}
		return undefined;
	}

	// ---- after the ends: status windows, growth, the whole-list search ----

	/**
	 * What a reading mode does once its ends are read: Call Status Changed reads the newest calls it
	 * watches; the list's growth is checked against the new records found; a whole-list search goes on.
	 */
	private async afterReads(state: Reading): Promise<PollState> {
		this.keep(state);
		if (this.watchStatus) await this.readWindows(state);
		const atEnds = this.newCount;
		const checked = this.checkGrowth(state, state.found + atEnds, true);
		this.keep(checked);
		const search = checked.search;
		if (search === undefined || checked.walk !== undefined) return checked;
		const end = await this.readSweep(search, (progress) =>
			this.keep({
				...checked,
				search: { ...progress, found: search.found + this.newCount - atEnds },
			}),
		);
		// The search has read the whole list (its last page is the end): the growth is checked again,
		// counting what it found.
		const searched = search.found + this.newCount - atEnds;
		const done: Reading = this.settle({ ...checked }, [], end);
		delete done.search;
		return this.checkGrowth(done, checked.found + searched, searched > 0);
	}

	/**
	 * total_records grew by more than the new records found: records were added where the trigger does not
	 * read (a list sorted by name). A complete list is then read whole (a search), again while searches find
	 * something; else the log says so. Deletions in the same interval can hide growth. Not checked while a
	 * walk or a search is pending: `found` adds up until then.
	 */
	private checkGrowth(state: Reading, found: number, searchMayHelp: boolean): Reading {
		if (state.walk !== undefined || state.search !== undefined) return { ...state, found };
		const total = this.reader.total;
		const grew = total !== undefined && state.total !== undefined ? total - state.total : 0;
		// Records turned up where the trigger does not read: perhaps not at the end it follows. Both ends
		// are read again until new records show where they turn up, and the list is read whole.
		if (grew > found && this.complete && searchMayHelp) {
			const learning = state.mode === 'following' ? asLearning(state) : state;
			return { ...learning, found, search: { next: 0, after: [], found: 0 } };
		}
		if (grew > found) {
			this.warnings.push(
				`The list grew by ${grew} records (total_records ${state.total} → ${total}) but only ${found} new ones were found; records added where the trigger does not read were not emitted.`,
			);
		}
		return { ...state, total, found: 0 };
	}

	/** Call Status Changed: the newest calls (at the new end, or at both ends while it is not known). */
	private async readWindows(state: Reading) {
		const perPage = this.reader.perPage;
		const window = statusWindow(perPage);
		const order = state.mode === 'following' ? state.order : undefined;
		if (order !== 'oldest-first') {
			for (let page = 1; page <= Math.ceil(window / perPage); page++) {
				const rows = await this.reader.page(page);
				this.takeAll(rows, () => this.complete);
				if (!this.reader.isFull(rows)) break;
			}
		}
		if (order !== 'newest-first') {
			let covered = 0;
			for (let page = state.lastPage; page >= 1 && covered < window; page--) {
				const rows = await this.reader.page(page);
				this.takeAll(rows, () => this.complete);
				covered += rows.length;
			}
		}
	}

	// ---- taking records ----

	/** An end read begins: its events are collected and handed out oldest first. */
	private startRead(newestFirst: boolean) {
		if (this.learningOrder) return;
		this.flushPending();
		this.pendingNewestFirst = newestFirst;
	}

	private endRead() {
		if (this.learningOrder) return;
		this.flushPending();
		this.pendingNewestFirst = false;
	}

	/** Takes rows read at one end (newest first or not); `isNew(row)` as in takeAll. */
	private takeInOrder(rows: Row[], isNew: (row: Row) => boolean, newestFirst: boolean) {
		this.startRead(newestFirst);
		this.takeAll(rows, isNew);
		this.endRead();
	}

	/** Takes rows in list order; `isNew(row)`: whether it is new if not known (else it is old, unread). */
	private takeAll(rows: Row[], isNew: (row: Row) => boolean) {
		for (const row of rows) this.take(row, isNew(row));
	}

	/**
	 * The only place events come from: an unknown record becomes known, and is emitted when it is new (for
	 * Call Status Changed, when its status is wanted); a known call whose status differs from the one kept
	 * is emitted when the new status is wanted, and the new status is kept.
	 */
	private take(row: Row, isNew: boolean) {
		if (this.taken.has(row.id)) return;
		this.taken.add(row.id);
		if (!this.known.has(row.id)) {
			this.known.add(row.id);
			if (this.watchStatus && row.status !== undefined) this.statuses[row.id] = row.status;
			if (!isNew || this.silent) return;
			this.newCount++;
			if (!this.watchStatus) this.emit(row, { ...row.raw });
			else if (row.status !== undefined && this.isWanted(row.status))
				this.emit(row, { previous_status: null, ...row.raw });
			return;
		}
		if (!this.watchStatus || row.status === undefined) return;
		const before = this.statuses[row.id];
		this.statuses[row.id] = row.status;
		if (this.silent || before === undefined || before === row.status) return;
		if (this.isWanted(row.status)) this.emit(row, { previous_status: before, ...row.raw });
	}

	private emit(row: Row, event: Record<string, unknown>) {
		this.pending.push({ index: row.index, event });
	}

	private isWanted(status: string): boolean {
		return this.options.wanted.size === 0 || this.options.wanted.has(status);
	}

	private flushPending() {
		const read = this.pending.map((entry) => entry.event);
		this.events.push(...(this.pendingNewestFirst ? read.reverse() : read));
		this.pending = [];
	}

	/** The events, oldest first within each end read. */
	flush(): Array<Record<string, unknown>> {
		this.flushPending();
		return this.events;
	}

	// ---- the state ----

	/** What a poll stopped from here on keeps. */
	private keep(state: PollState) {
		this.kept = state;
	}

	/** The state a stopped poll keeps, with how far its search for the end got. */
	stopped(): PollState | undefined {
		const kept = this.kept;
		if (kept === undefined || this.fullUpTo <= kept.lastPage) return kept;
		return { ...kept, lastPage: this.fullUpTo };
	}

	/** The top anchor as page 1 reads this poll, if it was read. */
	private topAnchorRead(): Anchor | undefined {
		const first = this.reader.cached(1);
		return first && first.length > 0 ? anchorAt(first, 'top', this.reader.perPage) : undefined;
	}

	/** The ends read this poll become the anchors; an end not read keeps its anchor. */
	private settle<T extends PollState>(
		state: T,
		first: Row[],
		end: { lastPage: number; rows: Row[] } | undefined,
	): T {
		const perPage = this.reader.perPage;
		const next = { ...state };
		if (first.length > 0) next.top = anchorAt(first, 'top', perPage);
		if (end !== undefined) {
			next.lastPage = end.lastPage;
			if (end.rows.length > 0) next.end = anchorAt(end.rows, 'end', perPage);
			else delete next.end;
			if (end.rows.length === 0 && end.lastPage === 1) delete next.top;
		}
		return next;
	}

	/** The state to store: what is known (at most KNOWN_LIMIT IDs, never an anchor's), statuses, page size. */
	save(state: PollState): PollState {
		let next: PollState = { ...state, complete: this.complete };
		if (this.reader.learned) next.perPage = this.reader.perPage;
		// A list that is empty now has nothing to mark its new end: its order is learned again.
		if (next.mode === 'following' && (next.order === 'newest-first' ? !next.top : !next.end))
			next = asLearning(next);
		let known = [...this.known];
		if (known.length > KNOWN_LIMIT) {
			// The oldest seen are forgotten first, never the anchors' records (they mark where the list was).
			const anchors = new Set([...(next.top?.ids ?? []), ...(next.end?.ids ?? [])]);
			const dropped = new Set(
				known.filter((id) => !anchors.has(id)).slice(0, known.length - KNOWN_LIMIT),
			);
			known = known.filter((id) => !dropped.has(id));
			if (next.complete) {
				this.warnings.push(
					`The trigger has seen more than ${KNOWN_LIMIT} records and forgets the oldest: from now on it follows the list at its ends only.`,
				);
			}
			next.complete = false;
		}
		next.known = known;
		if (this.watchStatus) {
			const kept = new Set(known);
			next.statuses = Object.fromEntries(
				Object.entries(this.statuses).filter(([id]) => kept.has(id)),
			);
		} else {
			next.statuses = {};
		}
		return next;
	}
}

function withoutWalk<T extends Reading>(state: T): T {
	const next = { ...state };
	delete next.walk;
	return next;
}

function asLearning(state: Following): Learning {
	const { v, perPage, known, statuses, complete, top, end, lastPage, total, found, walk, search } =
		state;
	return {
		v,
		mode: 'learning',
		perPage,
		known,
		statuses,
		complete,
		top,
		end,
		lastPage,
		total,
		found,
		walk,
		search,
	};
}

/** The records of a page nearest one end, nearest first. */
function anchorAt(rows: Row[], end: 'top' | 'end', perPage: number): Anchor {
	const ordered = end === 'top' ? rows : [...rows].reverse();
	return {
		ids: ordered.slice(0, anchorSize(perPage)).map((row) => row.id),
		index: ordered[0].index,
	};
}

/** At least two positions, each lower than the one before. */
function isDescending(positions: number[]): boolean {
	return positions.length >= 2 && positions.every((p, k) => k === 0 || p < positions[k - 1]);
}

function takeWhile<T>(items: T[], test: (item: T) => boolean): T[] {
	const taken: T[] = [];
	for (const item of items) {
		if (!test(item)) break;
		taken.push(item);
	}
	return taken;
}
