/**
 * The ContactSwing Trigger's poll, with no n8n in it: a state in (pollState.ts), pages read through an
 * injected fetcher (listReader.ts), a state, events and warnings out. The node file only wires it to n8n
 * (and storedState.ts keeps the state in static data). This file holds the modes; reading a list's ends and
 * the whole list is in endReads.ts; what is known and what is emitted, in ledger.ts.
 *
 * Why every event is emitted once:
 * 1. **Known IDs.** A record is emitted only when its ID is not known, and emitting it makes it known
 *    (`Ledger.take`, the only place events come from). A status change is emitted only when the status
 *    read differs from the one kept for the call, and emitting it keeps the new one. Within a poll each
 *    record is taken once.
 * 2. **Nothing old.** The baseline (`surveying`) reads the whole list and emits nothing, so the ledger then
 *    knows every record that existed (`complete`): a record it does not know is new wherever it turns up, in
 *    any order the list is kept in. A list longer than the trigger remembers (KNOWN_LIMIT) is read at its
 *    two ends only (`complete: false`): there a record is new only between the new end and its anchor;
 *    behind the anchor everything is old, seen or not.
 * 3. **Replaced only when complete.** runPoll never changes the state it is given; the node file stores
 *    what it returns. A poll that fails throws, and the state stays as it was. A poll out of time or
 *    requests (`Stop`) returns the last state its mode handed to `keep` as it read: each mode keeps a
 *    position only once the rows before it are taken (a walk's `from`, a sweep's `next`, an end anchor
 *    moved to the last rows read), so what was emitted is known and what was not is read again.
 * 4. **One poll at a time.** The node file's lock (or n8n's lease) keeps two polls off one state.
 *
 * Modes (pollState.ts), and what a poll does in each (where new records turn up is learned, never assumed):
 * - no state: the baseline starts (`surveying`): the whole list from page 1 on, 20 pages in the first poll
 *   and 10 in each next one, emitting nothing. Then `learning`.
 * - `learning`: the new end is not known. Page 1 is read down to the top anchor and the end from the end
 *   anchor on; what is new at exactly one end makes the list `following` that end.
 * - `following` newest first: page 1 down to the top anchor (in a list ordered by last update the records
 *   that changed come up there too: they are known, and the boundary is the deepest anchor record found);
 *   oldest first: from the end anchor to the end.
 * - A reading mode falls back to `learning` when the list is not as its order says (the anchor gone or
 *   upside down, unknown records behind it), and reads the whole list once (`search`, 10 pages a poll) then,
 *   or when total_records grew by more than the ends showed (records added in the middle: sorted by name).
 */

import type { EndRead, Reading } from './endReads';
import { anchorAt, EndReads, takeWhile } from './endReads';
import { Ledger } from './ledger';
import type { PageFetcher, Row } from './listReader';
import { ListReader, recordId, Stop } from './listReader';
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
	// `previous` is never changed: each step makes a new state (the caller's changes only when it stores
	// what the poll returns).
	const poll = new Poll(options, reader, previous);
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
		events: poll.ledger.flush(),
		warnings: poll.warnings,
		requests: reader.requests,
		stoppedEarly: reader.stopped,
	};
}

class Poll {
	warnings: string[] = [];
	/** The state a poll stopped from here on keeps (each mode hands it over as it reads). */
	kept: PollState | undefined;
	readonly ledger: Ledger;
	private readonly reads: EndReads;
	private readonly watchStatus: boolean;
	/** New records of this poll already counted by a growth check (`found` counts the rest). */
	private foundBase = 0;

	constructor(
		options: PollOptions,
		private readonly reader: ListReader,
		private readonly state: PollState | undefined,
	) {
		this.kept = state;
		this.ledger = new Ledger(state, options.event, options.wanted);
		this.reads = new EndReads(reader, this.ledger);
		this.watchStatus = options.event === 'callStatusChanged';
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
		this.ledger.silent = true;
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
			const sweep = { next: 0, after: [] };
			return await this.survey({ ...fresh, mode: 'surveying', sweep, arrived: [] });
		}
		this.ledger.complete = false;
		const end = await this.reads.findEnd(undefined);
		this.ledger.takeAll([...first, ...end.rows], () => false);
		return this.settle({ ...fresh, mode: 'learning', total: this.reader.total }, first, end);
	}

	/**
	 * `surveying`: the whole list from page 1 on, emitting nothing. When it does not fit in the first poll,
	 * that poll also reads the end, and every next poll first reads page 1 down to the top anchor: records
	 * that moved up while the list was being read (a list ordered by update) are taken then, and what turned
	 * up above the top anchor or after the end anchor is kept aside (`arrived`); if the top anchor is gone from
	 * page 1 (the order flipped), the read starts again. When the list is read, what arrived is emitted if
	 * total_records grew by at least as many records (so none of them only moved there), else it joins the
	 * baseline, and the log says so.
	 */
	private async survey(state: Surveying): Promise<PollState> {
		this.ledger.silent = true;
		let sweep = state.sweep;
		const arrived = [...state.arrived];
		const held = new Set(arrived.map((raw) => recordId(raw)));
		const hold = (row: Row) => {
			if (held.has(row.id) || !this.ledger.isUnseen(row)) return held.has(row.id);
			held.add(row.id);
			arrived.push(row.raw);
			return true;
		};
		let end = state.end;
		if (sweep.next > 0) {
			this.warnings.push(
				'The list is longer than one poll reads: the baseline goes on reading it; what appears at its ends meanwhile is emitted when it is done if total_records shows it is new, and joins the baseline otherwise.',
			);
			const top = await this.reads.readTop(state.top, 1, true, () => undefined, false);
			const boundary = top.boundary;
			if (boundary === undefined) sweep = { next: 0, after: [] };
			// Deepest first: what arrived at page 1 is kept oldest first.
			for (const row of [...top.rows].reverse())
				if (boundary === undefined || row.index > boundary.index || !hold(row))
					this.ledger.take(row, false);
		} else if ((this.reader.total ?? 0) > (BASELINE_MAX_REQUESTS - 3) * this.reader.perPage) {
			// Longer than this poll reads: its end now, so that what appears there meanwhile is known as such.
			const last = await this.reads.findEnd(undefined);
			this.ledger.takeAll(last.rows, () => false);
			if (last.rows.length > 0) end = anchorAt(last.rows, 'end', this.reader.perPage);
		}
		const endIds = new Set(end?.ids ?? []);
		let pastEnd = sweep.pastEnd === true && sweep.next > 0;
		const kept = (progress: Sweep): Surveying => ({
			...state,
			top: this.topAnchorRead() ?? state.top,
			end,
			sweep: { ...progress, pastEnd },
			startTotal: state.startTotal ?? this.reader.total,
			arrived: [...arrived],
		});
		this.keep(kept(sweep));
		const last = await this.reads.readSweep(
			sweep,
			(progress) => this.keep(kept(progress)),
			(row) => {
				if (endIds.has(row.id)) pastEnd = true;
				else if (pastEnd && sweep.next > 0) return hold(row);
				return false;
			},
		);
		this.settleArrived(arrived, state.startTotal);
		// The total taken below already counts what arrived.
		this.foundBase = this.ledger.newCount;
		if (this.ledger.size > KNOWN_LIMIT) this.ledger.complete = false;
		const learning: Learning = {
			v: 3,
			mode: 'learning',
			known: state.known,
			statuses: state.statuses,
			complete: this.ledger.complete,
			lastPage: last.lastPage,
			total: this.reader.total,
			found: 0,
		};
		return this.settle(learning, this.reader.cached(1) ?? [], last);
	}

	/**
	 * What arrived while a long list was read: new if total_records grew by at least as many records since
	 * the baseline's first poll (deletions only make that less likely), else taken into the baseline.
	 */
	private settleArrived(arrived: Array<Record<string, unknown>>, startTotal: number | undefined) {
		if (arrived.length === 0) return;
		const total = this.reader.total;
		const grew = total !== undefined && startTotal !== undefined ? total - startTotal : 0;
		const isNew = arrived.length <= grew;
		this.ledger.silent = false;
		this.ledger.startRead(false);
		arrived.forEach((raw, index) => {
			const status =
				raw.status === undefined || raw.status === null ? undefined : String(raw.status);
			this.ledger.take({ id: recordId(raw), status, raw, index }, isNew);
		});
		this.ledger.endRead();
		if (!isNew) {
			this.warnings.push(
				`${arrived.length} records turned up at the list's ends while the baseline read it, more than total_records shows it grew by (${grew}): they may have only moved there, and join the baseline.`,
			);
		}
	}

	// ---- learning: which end is new ----

	/**
	 * `learning`: page 1 down to the top anchor, and the end from the end anchor on. Records not seen before
	 * that lie above the top anchor and none after the end anchor (or the other way round) show the new end.
	 */
	private async learn(state: Learning): Promise<PollState> {
		if (!this.ledger.complete) return await this.learnAtEnds(state);
		this.ledger.hold();
		const top = await this.readNewAtTop(state);
		let afterTop = this.settle(withoutWalk(state), this.reader.cached(1) ?? [], undefined);
		// A walk left because page 1 is not as it expected: the whole list is read instead.
		if (state.walk !== undefined && this.unexpectedAtTop(state, top) && this.ledger.complete)
			afterTop = { ...afterTop, search: afterTop.search ?? { next: 0, after: [], found: 0 } };
		this.keep(afterTop);
		// While the whole list is being read, that read reaches the end; the order is learned after it.
		if (afterTop.search !== undefined)
			return await this.afterReads(this.ordered(afterTop, undefined));
		const end = await this.readEnd(afterTop);
		const unseen = (row: Row) => this.ledger.isUnseen(row);
		// New above the top anchor (or on a walk towards it), new after the end anchor. Without an anchor at
		// an end (a list empty until now) nothing shows where records were added.
		const newAtTop = new Set(
			state.top === undefined
				? []
				: [
						...top.rows.filter(
							(row) =>
								unseen(row) && (top.boundary === undefined || row.index < top.boundary.index),
						),
						...top.walked.filter(unseen),
					].map((row) => row.id),
		);
		const atTop = newAtTop.size;
		const atEnd = (state.end === undefined ? [] : end.rows).filter(
			(row) =>
				unseen(row) &&
				!newAtTop.has(row.id) &&
				(end.boundary === undefined || row.index > end.boundary.index),
		).length;
		let settled = this.settle(afterTop, [], this.reads.endOf(end));
		// No end anchor (gone, or none yet) and new records on the last page: more may lie before it.
		const newAtEnd = end.rows.some((row) => unseen(row) && !newAtTop.has(row.id));
		if (end.boundary === undefined && newAtEnd && settled.search === undefined)
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

	/** The learning poll's events are handed out now that it is known which end is new, if any. */
	private ordered<T>(state: T, order: 'newest-first' | 'oldest-first' | undefined): T {
		this.ledger.release(order);
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
		const end = await this.reads.findEnd(state.lastPage);
		const topAnchor = new Set(state.top?.ids ?? []);
		const endAnchor = new Set(state.end?.ids ?? []);
		const unseen = (row: Row) => this.ledger.isUnseen(row);
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
			this.ledger.takeAll(end.rows, () => false);
			return await this.afterReads({ ...settled, mode: 'following', order: 'newest-first' });
		}
		if (atEnd.length > 0 && atTop.length === 0) {
			const fresh = new Set(atEnd.map((row) => row.id));
			this.ledger.takeAll(first, () => false);
			this.takeInOrder(end.rows, (row) => fresh.has(row.id), false);
			return await this.afterReads({ ...settled, mode: 'following', order: 'oldest-first' });
		}
		this.ledger.takeAll([...first, ...end.rows], () => false);
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
			(row) => boundary !== undefined && row.index < boundary.index && this.ledger.isUnseen(row),
		);
		if (boundary === undefined || end.flipped || before.length > 0)
			return await this.relearn(state);
		return await this.afterReads(this.settle(state, [], this.reads.endOf(end)));
	}

	/**
	 * The list is not as the learned order says (its anchor gone, upside down, new records away from the new
	 * end): the order is learned again, from this very poll, and a complete list is read whole once, so
	 * that what turned up where the trigger did not read is emitted too.
	 */
	private async relearn(state: Following): Promise<PollState> {
		this.warnings.push(
			`The list is no longer in the order the trigger learned (${state.order}): it reads both ends until new records show where they turn up${this.ledger.complete ? ', and reads the whole list once' : ''}.`,
		);
		const search =
			state.search ?? (this.ledger.complete ? { next: 0, after: [], found: 0 } : undefined);
		return await this.learn({ ...asLearning(state), search });
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
		const arrivals = await this.reads.readTop(state.top, 1, true, keepWalk);
		if (state.walk === undefined || this.unexpectedAtTop(state, arrivals))
			return { ...arrivals, walked: [] };
		const arrived = arrivals.rows.filter((row) => this.ledger.isUnseen(row)).length;
		const from = Math.max(0, state.walk.from + arrived - this.reader.perPage);
		keepWalk(from);
		const walk = await this.reads.readTop(state.walk.to, this.reader.pageOf(from), false, keepWalk);
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
		if (boundary === undefined || top.flipped || startsWithEnd(state, top.rows)) return true;
		return top.rows.some((row) => row.index > boundary.index && this.ledger.isUnseen(row));
	}

	/** Takes rows read at one end (newest first or not). */
	private takeInOrder(rows: Row[], isNew: (row: Row) => boolean, newestFirst: boolean) {
		this.ledger.startRead(newestFirst);
		this.ledger.takeAll(rows, isNew);
		this.ledger.endRead();
	}

	/** The end read, handing a stopped poll the end anchor as far as it got. */
	private async readEnd(state: Reading): Promise<EndRead> {
		return await this.reads.readEnd(state, (end, lastPage) =>
			this.keep({ ...state, end, lastPage }),
		);
	}

	// ---- after the ends: status windows, growth, the whole-list search ----

	/**
	 * What a reading mode does once its ends are read: Call Status Changed reads the newest calls it
	 * watches; the list's growth is checked against the new records found; a whole-list search goes on.
	 */
	private async afterReads(state: Reading): Promise<PollState> {
		this.keep(state);
		if (this.watchStatus) await this.readWindows(state);
		const checked = this.checkGrowth(state);
		this.keep(checked);
		const search = checked.search;
		if (search === undefined || checked.walk !== undefined) return checked;
		const before = this.ledger.newCount;
		const searched = () => search.found + this.ledger.newCount - before;
		const end = await this.reads.readSweep(search, (progress) =>
			this.keep({ ...checked, search: { ...progress, found: searched(), idle: search.idle } }),
		);
		// The search has read the whole list (its last page is the end): the growth is checked again.
		const done: Reading = this.settle({ ...checked }, [], end);
		delete done.search;
		return this.checkGrowth(done, { searched: searched(), idle: search.idle ?? 0 });
	}

	/**
	 * total_records grew by more than the new records found since it was last taken: records were added
	 * where the trigger does not read (a list sorted by name, or not at the end it follows). A complete list
	 * is then read whole (a search) and both ends are read again until new records show where they turn
	 * up; searches go on while the growth stays unexplained, until two in a row find nothing (deletions can
	 * hide growth, a total_records can be off); then the log says so. Not checked while a walk or a search is
	 * pending: the new records found add up until then.
	 */
	private checkGrowth(state: Reading, finished?: { searched: number; idle: number }): Reading {
		if (state.walk !== undefined || state.search !== undefined) return state;
		const found = state.found + this.ledger.newCount - this.foundBase;
		const total = this.reader.total;
		const grew = total !== undefined && state.total !== undefined ? total - state.total : 0;
		const idle = finished === undefined || finished.searched > 0 ? 0 : finished.idle + 1;
		if (grew > found && this.ledger.complete && idle < 2) {
			const learning = state.mode === 'following' ? asLearning(state) : state;
			return { ...learning, search: { next: 0, after: [], found: 0, idle } };
		}
		if (grew > found) {
			this.warnings.push(
				`The list grew by ${grew} records (total_records ${state.total} → ${total}) but only ${found} new ones were found; records added where the trigger does not read were not emitted.`,
			);
		}
		this.foundBase = this.ledger.newCount;
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
				this.ledger.takeAll(rows, () => this.ledger.complete);
				if (!this.reader.isFull(rows)) break;
			}
		}
		if (order !== 'newest-first') {
			let covered = 0;
			for (let page = state.lastPage; page >= 1 && covered < window; page--) {
				const rows = await this.reader.page(page);
				this.ledger.takeAll(rows, () => this.ledger.complete);
				covered += rows.length;
			}
		}
	}

	// ---- the state ----

	/** What a poll stopped from here on keeps. */
	private keep(state: PollState) {
		this.kept = state;
	}

	/** The state to store: what the ledger knows, the page size the list answered. */
	save(state: PollState): PollState {
		let next = state;
		if (this.reader.learned) next = { ...next, perPage: this.reader.perPage };
		// A list that is empty now has nothing to mark its new end: its order is learned again.
		if (next.mode === 'following' && (next.order === 'newest-first' ? !next.top : !next.end))
			next = asLearning(next);
		// New records this poll found after its last growth check count towards the next one.
		next = { ...next, found: next.found + this.ledger.newCount - this.foundBase };
		const saved = this.ledger.save(next);
		if (saved.warning !== undefined) this.warnings.push(saved.warning);
		return saved.state;
	}

	/** The state a stopped poll keeps, with how far its search for the end got. */
	stopped(): PollState | undefined {
		const kept = this.kept;
		const fullUpTo = this.reads.fullUpTo;
		if (kept === undefined || fullUpTo <= kept.lastPage) return kept;
		return { ...kept, lastPage: fullUpTo };
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
}

/**
 * Page 1 starts with the end anchor's records, last first: the list is served the other way round (a list
 * by update brings changed records up, but not the oldest ones in the order they stood).
 */
function startsWithEnd(state: Reading, rows: Row[]): boolean {
	const ids = state.end?.ids ?? [];
	const first = rows.slice(0, Math.min(3, ids.length));
	if (first.length < 2 || first[0].index !== 0) return false;
	return first.every((row, k) => row.id === ids[k]);
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
