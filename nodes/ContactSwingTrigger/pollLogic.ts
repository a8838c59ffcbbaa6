/**
 * The ContactSwing Trigger's poll, with no n8n in it: state in, pages read through an injected reader,
 * state, events and warnings out. The node file (ContactSwingTrigger.node.ts) only wires it to n8n.
 *
 * The model it keeps: the IDs of the records it has seen (at most KNOWN_LIMIT, newest kept) and each call's
 * last status; for each end of the list a mark, the few records nearest that end and where the first of
 * them stood; and, once a poll has seen where new records turn up, which end of the list is new (the
 * "order": page 1 for newest-first, the last page for oldest-first). A record is new when it lies between
 * the new end and the mark; everything behind the mark is old, whether seen or not. A call changes status
 * when a read shows another status than the one kept for it.
 *
 * Nothing is written until a poll completes: the caller gets a new state, or an exception and keeps the
 * old one. A reader that answers 'stop' (the poll's time is up) ends the poll early with what was read; the
 * mark then stays where reading stopped, so the next poll carries on from there (nothing is dropped).
 */

export type EventName = 'newCall' | 'callStatusChanged' | 'newCustomer';
export type Order = 'newest-first' | 'oldest-first';

/** One answered page of a list: its records and what its pagination object said. */
export interface PageAnswer {
	records: Array<Record<string, unknown>>;
	/** pagination.per_page as answered (a server may cap what was asked for). */
	perPage?: number;
	/** pagination.total_records as answered; may be absent, stale or wrong. */
	total?: number;
}

/** Reads one page (1-based) asking for `perPage` records; 'stop' when the poll may not read any more. */
export type PageReader = (page: number, perPage: number) => Promise<PageAnswer | 'stop'>;

/** The records nearest one end of the list: `ids[0]` nearest the end; `index` where ids[0] stood. */
export interface Mark {
	ids: string[];
	index: number;
}

export interface PollState {
	v: 2;
	/** Which end new records turn up at, once a poll has seen it. */
	order?: Order;
	/** Records per page as the list answered last time. */
	perPage: number;
	/** total_records as answered last time (only to notice growth nobody read). */
	total?: number;
	/** Length of the list and its last page, as last found by reading it. */
	length?: number;
	lastPage?: number;
	/** IDs seen, in the order they were first seen (the oldest are forgotten first). */
	known: string[];
	/** Last status seen per call ID (Call Status Changed only). */
	statuses: Record<string, string>;
	/** Marks at page 1's start and at the last page's end. */
	top?: Mark;
	end?: Mark;
	/** The list was empty at activation and is being read from this page on (every record is new). */
	scanFrom?: number;
	/** Newest-first without a usable total_records: the mark is below this page (pages above: new only). */
	walkedTo?: number;
}

export interface PollOptions {
	event: EventName;
	/** Only These Statuses; empty for every change. */
	wanted: ReadonlySet<string>;
	readPage: PageReader;
	/** Requests one poll may send at most. */
	maxRequests?: number;
	/** per_page asked for. */
	perPage?: number;
}

export interface PollResult {
	/** The state to keep; undefined when no baseline could be recorded yet. */
	state: PollState | undefined;
	/** One object per event, oldest first: the record, with previous_status for Call Status Changed. */
	events: Array<Record<string, unknown>>;
	/** What the execution log should say (growth nobody read, lost place, ambiguous order, early stop). */
	warnings: string[];
	requests: number;
	/** The poll stopped early (time up, or MAX_REQUESTS); what it did not read waits for the next poll. */
	stoppedEarly: boolean;
}

/** Records the trigger remembers (about 400 KB of static data at most). */
export const KNOWN_LIMIT = 10_000;
/** Records per mark: the mark survives this many deletions next to the new end. */
export const MARK_SIZE = 5;
/** Newest records whose status changes are watched (Call Status Changed), two pages at most. */
export const STATUS_WINDOW = 100;
export const statusWindow = (perPage: number) => Math.min(STATUS_WINDOW, 2 * perPage);
/** Requests one poll sends at most: a third of the calls list's 30 a minute. */
export const MAX_REQUESTS = 10;
/**
 * Requests the activation poll may send: finding the end of a list whose total_records is missing or wrong
 * takes a search (about 2·log2 of its pages), once.
 */
export const BASELINE_MAX_REQUESTS = 20;
/** per_page asked for: the most the calls list documents. */
export const PER_PAGE = 100;
/** Pages searched around where a mark should be before the trigger admits it lost its place. */
const LOCATE_RADIUS = 3;

interface Row {
	id: string;
	status?: string;
	raw: Record<string, unknown>;
	index: number;
}

class Stop extends Error {}

/** One poll's reading: pages asked for at most once, the page size the list answers, the request count. */
class Reader {
	private readonly pages = new Map<number, Row[]>();
	/** Pages that came back full (as many records as per_page): the list may go on after them. */
	private readonly full = new WeakSet<Row[]>();
	perPage: number;
	total?: number;
	requests = 0;
	stopped = false;

	constructor(
		private readonly read: PageReader,
		private readonly asked: number,
		private readonly maxRequests: number,
		perPage: number,
	) {
		this.perPage = perPage;
	}

	/** The page's records with their index in the list; throws Stop when no more may be read. */
	async page(page: number): Promise<Row[]> {
		const cached = this.pages.get(page);
		if (cached) return cached;
		if (this.requests >= this.maxRequests) throw this.stop();
		this.requests++;
		const answer = await this.read(page, this.asked);
		if (answer === 'stop') throw this.stop();
		const perPage =
			typeof answer.perPage === 'number' && Number.isInteger(answer.perPage) && answer.perPage > 0
				? answer.perPage
				: undefined;
		if (this.requests === 1) {
			// The first answer says how the list pages; a list that pages otherwise than asked is read its way.
			this.perPage =
				perPage ?? (answer.records.length > this.asked ? answer.records.length : this.asked);
		} else if (perPage !== undefined && perPage !== this.perPage) {
			throw new Error(
				`The list changed its page size during the poll (${this.perPage}, then ${perPage}); the next poll tries again`,
			);
		}
		if (typeof answer.total === 'number' && Number.isFinite(answer.total) && answer.total >= 0) {
			this.total = answer.total;
		}
		const rows: Row[] = [];
		answer.records.forEach((raw, position) => {
			const id = raw.id === undefined || raw.id === null ? '' : String(raw.id);
			if (id === '') return;
			const status =
				raw.status === undefined || raw.status === null ? undefined : String(raw.status);
			rows.push({ id, status, raw, index: (page - 1) * this.perPage + position });
		});
		// Records without an ID cannot be told apart; the page still counts as full for paging.
		if (answer.records.length >= this.perPage) this.full.add(rows);
		this.pages.set(page, rows);
		return rows;
	}

	isFull(rows: Row[]): boolean {
		return this.full.has(rows);
	}

	/** A page this poll has already read. */
	cached(page: number): Row[] | undefined {
		return this.pages.get(page);
	}

	allRows(): Row[] {
		return [...this.pages.values()].flat();
	}

	private stop(): Stop {
		this.stopped = true;
		return new Stop();
	}
}

/** Runs one poll. Throws when a page fails; the caller then keeps `previous` as it was. */
export async function runPoll(
	previous: PollState | undefined,
	options: PollOptions,
): Promise<PollResult> {
	const asked = options.perPage ?? PER_PAGE;
	const reader = new Reader(
		options.readPage,
		asked,
		previous === undefined ? BASELINE_MAX_REQUESTS : (options.maxRequests ?? MAX_REQUESTS),
		previous?.perPage ?? asked,
	);
	const poll = new Poll(previous, options, reader);
	// A page that failed fails the poll as it is (the reader's own error); Stop only ends it early.
	const failure = await poll.run().then(
		() => undefined,
		(error: unknown) => error,
	);
	if (failure instanceof Stop) poll.finishEarly();
	else if (failure !== undefined) throw failure;
	return {
		state: poll.state,
		events: poll.events,
		warnings: poll.warnings,
		requests: reader.requests,
		stoppedEarly: reader.stopped,
	};
}

class Poll {
	state: PollState | undefined;
	events: Array<Record<string, unknown>> = [];
	warnings: string[] = [];
	/** What was known when the poll started: only these tell old from new. */
	private readonly knownBefore: Set<string>;
	private readonly known: Set<string>;
	private readonly statuses: Record<string, string>;
	private readonly watchStatus: boolean;
	/** The furthest page found full while looking for the end of the list. */
	private endAtLeast?: number;
	/** Work a stopped poll keeps: the marks moved only as far as emitted records go. */
	private progress: () => void = () => {};

	constructor(
		previous: PollState | undefined,
		private readonly options: PollOptions,
		private readonly reader: Reader,
	) {
		// Work on copies: the caller's state changes only when the poll returns. (A JSON copy: n8n hands
		// static data over as proxies, which structuredClone refuses.)
		this.state =
			previous === undefined ? undefined : (JSON.parse(JSON.stringify(previous)) as PollState);
		this.knownBefore = new Set(previous?.known ?? []);
		this.known = new Set(previous?.known ?? []);
		this.statuses = { ...(previous?.statuses ?? {}) };
		this.watchStatus = options.event === 'callStatusChanged';
	}

	async run(): Promise<void> {
		if (this.state === undefined) return await this.baseline();
		const state = this.state;
		if (state.scanFrom !== undefined || (state.top === undefined && state.end === undefined)) {
			return await this.readEverything();
		}
		if (state.order === undefined) return await this.learnOrder();
		await this.fromMark(state.order);
	}

	/** The activation poll: both ends of the list are read and remembered; nothing is emitted. */
	private async baseline() {
		const first = await this.reader.page(1);
		const end = await this.findEnd(undefined);
		if (this.watchStatus) await this.readWindows(end, true);
		const state: PollState = {
			v: 2,
			perPage: this.reader.perPage,
			known: [],
			statuses: {},
		};
		this.state = state;
		for (const row of this.reader.allRows()) this.remember(row);
		this.setEnds(first, end);
		this.save();
	}

	/** Nothing was known (the list was empty at activation): every record is new, wherever it is. */
	private async readEverything() {
		const state = this.state as PollState;
		const start = Math.max(1, (state.scanFrom ?? 1) - 1);
		let page = start;
		const commit = () => {
			state.scanFrom = page;
			this.save();
		};
		this.progress = commit;
		for (;;) {
			const rows = await this.reader.page(page);
			// The top of the list when the scan began: if records are added there meanwhile (newest first),
			// they lie above this mark and are read from it once the order is learned.
			if (page === 1 && state.top === undefined && rows.length > 0)
				state.top = markAt(rows, 'start');
			for (const row of rows) if (!this.known.has(row.id)) this.emitNew(row);
			if (!this.reader.isFull(rows)) break;
			page++;
		}
		// An empty page after full ones: the list ends on the page before.
		if (page > 1 && (this.reader.cached(page) ?? []).length === 0) page--;
		delete state.scanFrom;
		this.progress = () => {};
		const endRows = this.reader.cached(page) ?? [];
		const end = {
			lastPage: page,
			rows: endRows,
			length: (page - 1) * this.reader.perPage + endRows.length,
		};
		if (this.watchStatus) await this.readWindows(end, true);
		this.compareStatuses();
		state.end = end.rows.length > 0 ? markAt(end.rows, 'end') : undefined;
		if (state.end === undefined) delete state.end;
		state.length = end.length;
		state.lastPage = end.lastPage;
		this.save();
	}

	/**
	 * The order is not known yet: page 1 and the last page are read. New records at exactly one of the ends
	 * teach the order; at both, the list is not in the order records were made, and nothing is emitted.
	 */
	private async learnOrder() {
		const state = this.state as PollState;
		const first = await this.reader.page(1);
		const end = await this.findEnd(state.lastPage);
		const atTop = countWhile(first, (row) => !this.knownBefore.has(row.id));
		const atEnd = countWhile([...end.rows].reverse(), (row) => !this.knownBefore.has(row.id));
		const emptyNow = end.length === 0;
		if (!emptyNow && atTop > 0 && atEnd === 0) {
			state.order = 'newest-first';
			return await this.fromMark('newest-first');
		}
		if (!emptyNow && atEnd > 0 && atTop === 0) {
			state.order = 'oldest-first';
			return await this.fromMark('oldest-first');
		}
		if (atTop > 0 && atEnd > 0) {
			this.warnings.push(
				`${atTop + atEnd} records the trigger has not seen are at both ends of the list, so it cannot tell which end is new; they were not emitted. Lists not kept in the order records were made cannot be followed.`,
			);
		}
		// Nothing new at either end: records not seen before on these pages were moved there by deletions.
		for (const row of this.reader.allRows()) if (!this.known.has(row.id)) this.remember(row);
		if (this.watchStatus) await this.readWindows(end, true);
		this.compareStatuses();
		this.noteGrowth(0);
		this.setEnds(first, end);
		this.save();
	}

	/** Order known: find the mark at the new end, then read from it to the end, oldest new record first. */
	private async fromMark(order: Order) {
		const state = this.state as PollState;
		const mark = (order === 'newest-first' ? state.top : state.end) as Mark;
		const pendingBefore =
			order === 'newest-first' ? mark.index : Math.max(0, (state.length ?? 0) - 1 - mark.index);
		const found = await this.locate(order, mark);
		this.progress = () => {};
		delete state.walkedTo;
		const perPage = this.reader.perPage;
		if (found === undefined) {
			this.warnings.push(
				'The trigger lost its place in the list: the records it remembered at the new end are gone. It starts again from the list as it is now; records added since the last poll may not have been emitted.',
			);
			const first = await this.reader.page(1);
			const end = await this.findEnd(state.lastPage);
			for (const row of this.reader.allRows()) this.remember(row);
			this.setEnds(first, end);
			this.save();
			return;
		}
		let newCount = 0;
		const step = order === 'newest-first' ? -1 : 1;
		let page = Math.floor(found.index / perPage) + 1;
		let newest: Row = found.row;
		let rows = await this.reader.page(page);
		// Keep what was emitted if the poll is stopped: the mark moves to the newest record emitted.
		this.progress = () => {
			this.moveMark(order, newest);
			this.compareStatuses();
			this.save();
		};
		for (;;) {
			const inOrder = order === 'newest-first' ? [...rows].reverse() : rows;
			for (const row of inOrder) {
				if (order === 'newest-first' ? row.index >= found.index : row.index <= found.index)
					continue;
				if (!this.known.has(row.id)) {
					this.emitNew(row);
					newCount++;
				}
				newest = row;
			}
			if (order === 'newest-first' ? page === 1 : !this.reader.isFull(rows)) break;
			page += step;
			rows = await this.reader.page(page);
			if (order === 'oldest-first' && rows.length === 0) {
				page -= step;
				rows = this.reader.cached(page) as Row[];
				break;
			}
		}
		this.progress = () => {};
		const first = order === 'newest-first' ? await this.reader.page(1) : [];
		const end =
			order === 'oldest-first'
				? { lastPage: page, rows, length: (page - 1) * perPage + rows.length }
				: undefined;
		if (this.watchStatus) await this.readWindows(end, false, order);
		for (const row of this.reader.allRows()) if (!this.known.has(row.id)) this.remember(row);
		this.compareStatuses();
		this.noteGrowth(newCount - pendingBefore);
		if (order === 'newest-first') {
			state.top = markAt(first, 'start');
		} else if (end) {
			state.end = markAt(end.rows, 'end');
			state.length = end.length;
			state.lastPage = end.lastPage;
		}
		this.save();
	}

	/**
	 * Where the new end's boundary is now: the mark, or else the known record nearest the new end next to
	 * records known to be new. Newest-first, records added push the mark down by what the list grew (a
	 * guess from total_records, checked by finding the mark's IDs); oldest-first, only deletions move it up.
	 * Undefined when neither is found: the trigger has lost its place.
	 */
	private async locate(order: Order, mark: Mark): Promise<{ row: Row; index: number } | undefined> {
		const state = this.state as PollState;
		const perPage = this.reader.perPage;
		const ids = new Set(mark.ids);
		const known = (rows: Row[]) => rows.filter((row) => this.knownBefore.has(row.id));
		const hit = (rows: Row[]) => {
			const marks = rows.filter((row) => ids.has(row.id));
			if (marks.length === 0) return undefined;
			const row = order === 'newest-first' ? marks[0] : marks[marks.length - 1];
			return { row, index: row.index };
		};
		if (order === 'oldest-first') {
			let page = Math.floor(mark.index / perPage) + 1;
			for (let tries = 0; page >= 1 && tries <= LOCATE_RADIUS; tries++, page--) {
				const rows = await this.reader.page(page);
				const found = hit(rows);
				if (found) return found;
				// The mark's records were deleted: the last record seen before is the boundary.
				const seen = known(rows);
				if (seen.length > 0)
					return { row: seen[seen.length - 1], index: seen[seen.length - 1].index };
			}
			return undefined;
		}
		// Newest-first: the new records are page 1 on, down to the first record seen before.
		const first = await this.reader.page(1);
		const onFirst = hit(first) ?? firstOf(known(first));
		if (onFirst) return onFirst;
		if (first.length === 0 || !this.reader.isFull(first)) return undefined;
		let expected = mark.index;
		if (this.reader.total !== undefined && state.total !== undefined) {
			expected = Math.max(0, mark.index + this.reader.total - state.total);
		}
		const guess = Math.floor(expected / perPage) + 1;
		if (guess > 2) {
			const found = hit(await this.reader.page(guess));
			if (found) return found;
		}
		// No guess, or a wrong one: read down from page 2 until the first page with records seen before.
		// A poll that runs out of requests first leaves where it got to: the pages above held only new
		// records, and records added since only push them further down, so the next poll reads on from there.
		const resumeAt =
			state.walkedTo !== undefined && state.walkedTo > 2 ? state.walkedTo : undefined;
		let page = resumeAt ?? 2;
		this.progress = () => {
			state.walkedTo = page;
			this.save();
		};
		for (; ; page++) {
			const rows = await this.reader.page(page);
			const atMark = hit(rows);
			if (atMark) return atMark;
			const seen = firstOf(known(rows));
			if (seen && page === resumeAt) {
				// Records seen before where only new ones were (new records deleted meanwhile): from the top.
				delete state.walkedTo;
				return await this.locate(order, { ...mark, index: 0 });
			}
			if (seen) return seen;
			if (!this.reader.isFull(rows)) return undefined;
		}
	}

	/**
	 * The last page, found by reading: a short page is the last. It starts where the end was last time (or
	 * where total_records says, the first time), then tries where total_records says, then doubles its
	 * steps, then halves the gap: total_records is only ever a guess.
	 */
	private async findEnd(
		stored: number | undefined,
	): Promise<{ lastPage: number; rows: Row[]; length: number }> {
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
			if (rows.length > 0 && !this.reader.isFull(rows)) {
				return { lastPage: page, rows, length: (page - 1) * perPage + rows.length };
			}
			if (rows.length === 0) past = Math.min(past, page);
			else full = Math.max(full, page);
			// A poll stopped before the end is found leaves the next one this much further on.
			this.endAtLeast = Math.max(this.endAtLeast ?? 0, full);
			if (past === full + 1) {
				const lastRows = full === 0 ? [] : await this.reader.page(full);
				return { lastPage: Math.max(1, full), rows: lastRows, length: full * perPage };
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

	/** The newest STATUS_WINDOW records at each end to be watched (both ends while the order is unknown). */
	private async readWindows(
		end: { lastPage: number } | undefined,
		bothEnds: boolean,
		order?: Order,
	) {
		const perPage = this.reader.perPage;
		const window = statusWindow(perPage);
		const pages = Math.ceil(window / perPage);
		const read = async () => {
			if (bothEnds || order === 'newest-first') {
				for (let page = 1; page <= pages; page++) {
					const rows = await this.reader.page(page);
					if (!this.reader.isFull(rows)) break;
				}
			}
			if ((bothEnds || order === 'oldest-first') && end) {
				let covered = (this.reader.cached(end.lastPage) ?? []).length;
				for (let page = end.lastPage - 1; page >= 1 && covered < window; page--) {
					covered += (await this.reader.page(page)).length;
				}
			}
		};
		// Windows are read after the new records: a poll out of time leaves them to the next one.
		const failure = await read().then(
			() => undefined,
			(error: unknown) => error,
		);
		if (failure !== undefined && !(failure instanceof Stop)) throw failure;
	}

	/** Call Status Changed: every record read that was known with another status has changed. */
	private compareStatuses() {
		if (!this.watchStatus) return;
		const seen = new Set<string>();
		const rows = this.reader.allRows().sort((a, b) => a.index - b.index);
		for (const row of rows) {
			if (seen.has(row.id) || row.status === undefined) continue;
			seen.add(row.id);
			const before = this.statuses[row.id];
			if (before !== undefined && before !== row.status && this.knownBefore.has(row.id)) {
				if (this.isWanted(row.status)) {
					this.events.push({ previous_status: before, ...row.raw });
				}
			}
			if (this.known.has(row.id)) this.statuses[row.id] = row.status;
		}
	}

	private emitNew(row: Row) {
		this.remember(row);
		if (this.options.event !== 'callStatusChanged') {
			this.events.push({ ...row.raw });
		} else if (row.status !== undefined && this.isWanted(row.status)) {
			this.events.push({ previous_status: null, ...row.raw });
		}
	}

	private isWanted(status: string): boolean {
		return this.options.wanted.size === 0 || this.options.wanted.has(status);
	}

	private remember(row: Row) {
		this.known.add(row.id);
		if (this.watchStatus && row.status !== undefined) this.statuses[row.id] = row.status;
	}

	/** Growth that no read explains: records added where the trigger does not read. Said, never emitted. */
	private noteGrowth(explained: number) {
		const state = this.state as PollState;
		if (this.reader.total === undefined || state.total === undefined || this.reader.stopped) return;
		const grew = this.reader.total - state.total;
		if (grew > explained) {
			this.warnings.push(
				`The list grew by ${grew} records (total_records ${state.total} → ${this.reader.total}) but only ${Math.max(0, explained)} new ones were found at its new end; records added elsewhere in the list were not emitted.`,
			);
		}
	}

	private setEnds(first: Row[], end: { lastPage: number; rows: Row[]; length: number }) {
		const state = this.state as PollState;
		state.top = first.length > 0 ? markAt(first, 'start') : undefined;
		state.end = end.rows.length > 0 ? markAt(end.rows, 'end') : undefined;
		state.length = end.length;
		state.lastPage = end.lastPage;
		if (state.top === undefined) delete state.top;
		if (state.end === undefined) delete state.end;
	}

	private moveMark(order: Order, newest: Row) {
		const state = this.state as PollState;
		const previousMark = order === 'newest-first' ? state.top : state.end;
		const ids = [newest.id, ...(previousMark?.ids ?? []).filter((id) => id !== newest.id)];
		const mark = { ids: ids.slice(0, MARK_SIZE), index: newest.index };
		if (order === 'newest-first') state.top = mark;
		else state.end = mark;
	}

	/** A poll out of time keeps what it emitted; the rest stays for the next poll. */
	finishEarly() {
		if (this.state === undefined) return;
		if (this.endAtLeast !== undefined && this.endAtLeast > (this.state.lastPage ?? 0)) {
			this.state.lastPage = this.endAtLeast;
		}
		this.progress();
		this.warnings.push(
			'The poll ran out of time or requests before it had read everything new; the next poll carries on where it stopped.',
		);
	}

	private save() {
		const state = this.state as PollState;
		state.perPage = this.reader.perPage;
		if (this.reader.total !== undefined) state.total = this.reader.total;
		const known = [...this.known];
		if (known.length <= KNOWN_LIMIT) {
			state.known = known;
		} else {
			// The oldest seen are forgotten first, never the marks' records: a forgotten record at an end of
			// the list would look new there.
			const kept = known.slice(-KNOWN_LIMIT);
			const keptSet = new Set(kept);
			const marks = [...(state.top?.ids ?? []), ...(state.end?.ids ?? [])];
			const missing = [...new Set(marks)].filter((id) => this.known.has(id) && !keptSet.has(id));
			state.known = [...missing, ...kept.slice(missing.length)];
		}
		if (this.watchStatus) {
			const kept = new Set(state.known);
			state.statuses = Object.fromEntries(
				Object.entries(this.statuses).filter(([id]) => kept.has(id)),
			);
		} else {
			state.statuses = {};
		}
	}
}

function firstOf(rows: Row[]): { row: Row; index: number } | undefined {
	return rows.length === 0 ? undefined : { row: rows[0], index: rows[0].index };
}

function countWhile<T>(items: T[], test: (item: T) => boolean): number {
	let count = 0;
	for (const item of items) {
		if (!test(item)) break;
		count++;
	}
	return count;
}

function markAt(rows: Row[], where: 'start' | 'end'): Mark {
	const ordered = where === 'start' ? rows : [...rows].reverse();
	const ids = ordered.slice(0, MARK_SIZE).map((row) => row.id);
	return { ids, index: ordered[0].index };
}

/**
 * Overlapping polls (n8n's cron does not wait for a poll to end) must not both read the same state: the
 * first holds a lock in the state until it ends; a lock older than its expiry was left by a crash.
 */
export interface PollLock {
	owner: string;
	expiresAt: number;
}

export function takeLock(
	holder: { lock?: PollLock },
	owner: string,
	now: number,
	holdMs: number,
): boolean {
	const lock = holder.lock;
	if (lock && lock.expiresAt > now && lock.owner !== owner) return false;
	holder.lock = { owner, expiresAt: now + holdMs };
	return true;
}

export function releaseLock(holder: { lock?: PollLock }, owner: string) {
	if (holder.lock?.owner === owner) delete holder.lock;
}
