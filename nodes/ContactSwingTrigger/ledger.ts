/**
 * What the trigger knows of a list (the IDs it has seen, each call's last status) and the events one poll
 * emits from it. `take` is the only place an event comes from; the rest of the poll decides which rows to
 * read and whether an unknown row there is new (pollLogic.ts).
 */
import type { Row } from './listReader';
import type { EventName, PollState } from './pollState';
import { KNOWN_LIMIT } from './pollState';

export class Ledger {
	/** What was known when the poll started: only these tell where new records are. */
	private readonly knownBefore: Set<string>;
	private readonly knownList: string[];
	/** IDs first seen this poll, in the order seen. */
	private readonly added: string[] = [];
	private readonly addedSet = new Set<string>();
	private readonly statuses: Record<string, string>;
	private readonly watchStatus: boolean;
	/** Rows taken this poll (each once). */
	readonly taken = new Set<string>();
	private readonly events: Array<Record<string, unknown>> = [];
	/** Events of the read in progress, with where their rows stood; handed out oldest first. */
	private pending: Array<{ index: number; event: Record<string, unknown> }> = [];
	private pendingNewestFirst = false;
	/** While the order is being learned, events wait until it is known which end is new. */
	private held = false;
	/** The baseline emits nothing. */
	silent = false;
	/** New records taken this poll. */
	newCount = 0;
	/**
	 * Whether `known` holds every record the list had at the baseline and nothing since was forgotten:
	 * then a record not known is new wherever it turns up.
	 */
	complete: boolean;

	constructor(
		state: PollState | undefined,
		event: EventName,
		private readonly wanted: ReadonlySet<string>,
	) {
		this.knownList = state?.known ?? [];
		this.knownBefore = new Set(this.knownList);
		this.statuses = { ...(state?.statuses ?? {}) };
		this.watchStatus = event === 'callStatusChanged';
		this.complete = state?.complete ?? true;
	}

	get size(): number {
		return this.knownBefore.size + this.added.length;
	}

	/** Not known when the poll started. */
	isUnseen(row: Row): boolean {
		return !this.knownBefore.has(row.id);
	}

	/**
	 * Takes a row: an unknown record becomes known, and is emitted when `isNew` (for Call Status Changed,
	 * when its status is wanted: previous_status null); a known call whose status differs from the one kept
	 * is emitted when the new status is wanted, and the new status is kept. A row taken once this poll is
	 * not taken again.
	 */
	take(row: Row, isNew: boolean) {
		if (this.taken.has(row.id)) return;
		this.taken.add(row.id);
		if (!this.knownBefore.has(row.id) && !this.addedSet.has(row.id)) {
			this.added.push(row.id);
			this.addedSet.add(row.id);
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

	/** Takes rows in list order; `isNew(row)`: whether one not known is new (else it is old, unread). */
	takeAll(rows: Row[], isNew: (row: Row) => boolean) {
		for (const row of rows) this.take(row, isNew(row));
	}

	/** A read of one end begins: its events are handed out oldest first (reversed if read newest first). */
	startRead(newestFirst: boolean) {
		if (this.held) return;
		this.flushPending();
		this.pendingNewestFirst = newestFirst;
	}

	endRead() {
		if (this.held) return;
		this.flushPending();
		this.pendingNewestFirst = false;
	}

	/** Events wait until `release` says which end is new (a poll learning the order). */
	hold() {
		this.flushPending();
		this.held = true;
	}

	/** Held events, oldest first: deepest first if the list is newest first, else in list order. */
	release(order: 'newest-first' | 'oldest-first' | undefined) {
		this.held = false;
		this.pending.sort((a, b) => a.index - b.index);
		this.pendingNewestFirst = order === 'newest-first';
		this.flushPending();
	}

	/** The events, oldest first within each read. */
	flush(): Array<Record<string, unknown>> {
		this.flushPending();
		return this.events;
	}

	/**
	 * The state to store, with what is known: at most KNOWN_LIMIT IDs (the oldest seen are forgotten first,
	 * never the anchors' records), and the statuses of the calls kept. Returns a warning when the trigger
	 * starts forgetting.
	 */
	save(state: PollState): { state: PollState; warning?: string } {
		const next: PollState = { ...state, complete: this.complete };
		let known = this.knownList.concat(this.added);
		let warning: string | undefined;
		let statuses = this.statuses;
		if (known.length > KNOWN_LIMIT) {
			const anchors = new Set([...(next.top?.ids ?? []), ...(next.end?.ids ?? [])]);
			const dropped = new Set(
				known.filter((id) => !anchors.has(id)).slice(0, known.length - KNOWN_LIMIT),
			);
			known = known.filter((id) => !dropped.has(id));
			if (next.complete)
				warning = `The trigger has seen more than ${KNOWN_LIMIT} records and forgets the oldest: from now on it follows the list at its ends only.`;
			next.complete = false;
			const kept = new Set(known);
			statuses = Object.fromEntries(Object.entries(statuses).filter(([id]) => kept.has(id)));
		}
		next.known = known;
		// Statuses are kept for known calls only: they are forgotten with them.
		next.statuses = this.watchStatus ? statuses : {};
		return { state: next, warning };
	}

	private emit(row: Row, event: Record<string, unknown>) {
		this.pending.push({ index: row.index, event });
	}

	private isWanted(status: string): boolean {
		return this.wanted.size === 0 || this.wanted.has(status);
	}

	private flushPending() {
		const read = this.pending.map((entry) => entry.event);
		this.events.push(...(this.pendingNewestFirst ? read.reverse() : read));
		this.pending = [];
	}
}
