/**
 * Reading a list's ends, and the whole list, for one poll: every row read is taken into the ledger (as new
 * when it is unknown and `ledger.complete`, or when it lies where new records are). What the reads found
 * (rows, the anchor record they stopped at) goes back to the modes in pollLogic.ts, which decide what the
 * state becomes; a read hands a stopped poll its progress through the `keep…` callback it is given.
 */
import type { Ledger } from './ledger';
import type { ListReader, Row } from './listReader';
import type { Anchor, Learning, Following, Sweep } from './pollState';

/** Pages searched back from where an anchor was before the trigger takes it as gone. */
const LOCATE_RADIUS = 3;
/** Records of a whole-list read remembered to read on from. */
const RESUME_KEEP = 3;

/** Records of an anchor: up to half a page, so a few new records leave it on the page it was on. */
export const anchorSize = (perPage: number) => Math.max(1, Math.min(20, Math.floor(perPage / 2)));

export type Reading = Learning | Following;

/** What a read of one end found: every row read, in list order, and the anchor record it stopped at. */
export interface EndRead {
	rows: Row[];
	/** The anchor record that bounds what is new at this end; undefined when the anchor was not found. */
	boundary?: Row;
	/** The anchor's records were found the other way round: the list is served in the other order. */
	flipped?: boolean;
}

export class EndReads {
	/** The furthest page a search for the end found full (a stopped poll's next search starts there). */
	fullUpTo = 0;

	constructor(
		private readonly reader: ListReader,
		private readonly ledger: Ledger,
	) {}

	/**
	 * From `startPage` down to the anchor, taking every row: done when every record of the anchor is found,
	 * or some are and a page after them holds none (the others were deleted), or the list ends. The boundary
	 * is the last of the anchor's records that still stand together (`runBoundary`): in a list ordered by
	 * last update, records that changed move away (up above them, or to the end) and the others stay
	 * together in their order. Until the anchor is found, `keepAt(next)` hands
	 * a stopped poll where to read on from. With `lostIfQuiet`, a page without the anchor and without a
	 * record not seen before means the anchor is not here: the read ends without a boundary. With `take`
	 * false the rows are only read (the caller takes them).
	 */
	async readTop(
		anchor: Anchor | undefined,
		startPage: number,
		lostIfQuiet: boolean,
		keepAt: (next: number) => void,
		take = true,
	): Promise<EndRead> {
		const target = new Set(anchor?.ids ?? []);
		const found = new Set<string>();
		const rows: Row[] = [];
		const hitRows: Row[] = [];
		let boundary: Row | undefined;
		const place = new Map((anchor?.ids ?? []).map((id, k) => [id, k]));
		const order: number[] = [];
		const result = (): EndRead => ({ rows, boundary, flipped: isDescending(order) });
		this.ledger.startRead(true);
		try {
			for (let page = startPage; ; page++) {
				const onPage = await this.reader.page(page);
				rows.push(...onPage);
				// A list the trigger cannot know whole: only what lies above the anchor is new.
				const above = new Set(
					found.size === 0 ? takeWhile(onPage, (row) => !target.has(row.id)).map((r) => r.id) : [],
				);
				if (take)
					for (const row of onPage)
						this.ledger.take(row, this.ledger.complete || above.has(row.id));
				const hits = onPage.filter((row) => target.has(row.id));
				for (const row of hits) {
					found.add(row.id);
					order.push(place.get(row.id) as number);
				}
				hitRows.push(...hits);
				if (hits.length > 0) boundary = runBoundary(hitRows);
				if (target.size > 0 && (found.size === target.size || (boundary && hits.length === 0)))
					return result();
				if (!this.reader.isFull(onPage)) return result();
				if (boundary === undefined) {
					const quiet = onPage.every((row) => !this.ledger.isUnseen(row));
					if (lostIfQuiet && target.size > 0 && quiet) return { rows };
					keepAt(page * this.reader.perPage);
				}
			}
		} finally {
			this.ledger.endRead();
		}
	}

	/**
	 * The end: the end anchor is looked for where it was and up to LOCATE_RADIUS pages before (records
	 * deleted, or moved away to the end, move it up), back to the start of its run; from there the list is
	 * read to its end, and a stopped poll keeps the end anchor at the last records read. Without the anchor,
	 * the last page, found by reading.
	 */
	async readEnd(
		state: Reading,
		keepEnd: (end: Anchor, lastPage: number) => void,
	): Promise<EndRead> {
		const anchor = state.end;
		const ids = new Set(anchor?.ids ?? []);
		let start: number | undefined;
		let boundary: Row | undefined;
		if (anchor !== undefined) {
			let page = this.reader.pageOf(anchor.index);
			const hitRows: Row[] = [];
			for (let tries = 0; page >= 1; page--, tries++) {
				const onPage = await this.reader.page(page);
				const hits = onPage.filter((row) => ids.has(row.id));
				if (hits.length > 0) {
					start = page;
					hitRows.unshift(...hits);
					boundary = runBoundary(hitRows);
					// Its run starts on this page unless the page starts with it.
					if (!ids.has(onPage[0].id)) break;
				} else if (start !== undefined || tries >= LOCATE_RADIUS) break;
			}
		}
		if (start === undefined || boundary === undefined) {
			const end = await this.findEnd(state.lastPage);
			const rows = await this.withPageBefore(end.lastPage, end.rows);
			this.ledger.startRead(false);
			this.ledger.takeAll(rows, () => this.ledger.complete);
			this.ledger.endRead();
			return { rows };
		}
		const rows: Row[] = [];
		let after = boundary.index;
		const place = new Map(anchor?.ids.map((id, k) => [id, k]));
		// In list order the anchor's records run from the last of `ids` to ids[0]: the other way, flipped.
		const flipped = () =>
			isDescending(
				rows
					.filter((row) => place.has(row.id))
					.map((row) => place.get(row.id) as number)
					.reverse(),
			);
		this.ledger.startRead(false);
		try {
			for (let page = start; ; page++) {
				const onPage = await this.reader.page(page);
				if (onPage.length === 0 && page > start) break;
				rows.push(...onPage);
				for (const row of onPage) this.ledger.take(row, this.ledger.complete || row.index > after);
				boundary = runBoundary(rows.filter((row) => place.has(row.id))) ?? boundary;
				after = boundary.index;
				// Following the end: records not seen before the anchor, or the anchor upside down, end the read
				// here (the caller learns the order again) instead of moving the anchor on in the wrong list.
				const surprise =
					rows.some((row) => row.index < after && this.ledger.isUnseen(row)) || flipped();
				if (state.mode === 'following' && surprise) return { rows, boundary, flipped: true };
				if (onPage.length > 0) {
					keepEnd(anchorAt(rows, 'end', this.reader.perPage), page);
				}
				if (!this.reader.isFull(onPage)) break;
			}
		} finally {
			this.ledger.endRead();
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
		this.ledger.takeAll(before, () => this.ledger.complete);
		return [...before, ...rows];
	}

	/** The last page an end read reached, and the records it read up to the end. */
	endOf(read: EndRead): { lastPage: number; rows: Row[] } | undefined {
		const last = read.rows[read.rows.length - 1];
		if (last === undefined) return undefined;
		return { lastPage: this.reader.pageOf(last.index), rows: read.rows };
	}

	/**
	 * The last page, found by reading: a short page is the last. It starts where the end was last time (or
	 * where total_records says, the first time), then tries where total_records says, then doubles its
	 * steps, then halves the gap: total_records is only ever a guess.
	 */
	async findEnd(stored: number | undefined): Promise<{ lastPage: number; rows: Row[] }> {
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
	 * progress after each page. Rows `divert` claims are left to the caller.
	 */
	async readSweep(
		sweep: Sweep,
		keepAt: (progress: Sweep) => void,
		divert: (row: Row) => boolean = () => false,
	): Promise<{ lastPage: number; rows: Row[] }> {
		let page = this.reader.pageOf(sweep.next);
		if (sweep.after.length > 0) {
			const resume = await this.locateBack(sweep.after, sweep.next - 1);
			page = resume ? this.reader.pageOf(resume.index + 1) : Math.max(1, page - 1);
		}
		for (;;) {
			const rows = await this.reader.page(page);
			for (const row of rows) if (!divert(row)) this.ledger.take(row, this.ledger.complete);
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
}

/** The records of a read nearest one end, nearest first. */
export function anchorAt(rows: Row[], end: 'top' | 'end', perPage: number): Anchor {
	const ordered = end === 'top' ? rows : [...rows].reverse();
	return {
		ids: ordered.slice(0, anchorSize(perPage)).map((row) => row.id),
		index: ordered[0].index,
	};
}

/**
 * The anchor's records that still stand together: the largest group of them at consecutive positions
 * (the last such group if two are as large); its last record bounds what is new. Records of the anchor that
 * changed in a list ordered by update have moved away from the group (to the new end); the others kept
 * their places next to each other.
 */
function runBoundary(hits: Row[]): Row {
	const sorted = [...hits].sort((a, b) => a.index - b.index);
	let best: Row[] = [];
	let group: Row[] = [];
	for (const row of sorted) {
		group =
			group.length > 0 && row.index === group[group.length - 1].index + 1 ? [...group, row] : [row];
		if (group.length >= best.length) best = group;
	}
	return best[best.length - 1];
}

/** At least two positions, each lower than the one before. */
function isDescending(positions: number[]): boolean {
	return positions.length >= 2 && positions.every((p, k) => k === 0 || p < positions[k - 1]);
}

export function takeWhile<T>(items: T[], test: (item: T) => boolean): T[] {
	const taken: T[] = [];
	for (const item of items) {
		if (!test(item)) break;
		taken.push(item);
	}
	return taken;
}
