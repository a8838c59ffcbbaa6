/**
 * One poll's view of a ContactSwing list: pages read at most once, the page size the list answers, and the
 * request budget. No n8n in it; the node file injects the function that fetches a page.
 */

/** One answered page of a list: its records and what its pagination object said. */
export interface PageAnswer {
	records: Array<Record<string, unknown>>;
	/** pagination.per_page as answered (a server may cap what was asked for, or count the page's records). */
	perPage?: number;
	/** pagination.total_records as answered; may be absent, stale or wrong. */
	total?: number;
}

/** Fetches one page (1-based) asking for `perPage` records; 'stop' when the poll may not fetch any more. */
export type PageFetcher = (page: number, perPage: number) => Promise<PageAnswer | 'stop'>;

/** A record as a poll sees it: its ID, its status (calls), the record itself and where it stood. */
export interface Row {
	id: string;
	status?: string;
	raw: Record<string, unknown>;
	/** Position in the list (0-based) when it was read. */
	index: number;
}

/** Thrown when the poll may not read any more (its requests or its time are spent). */
export class Stop extends Error {}

export class ListReader {
	private readonly pages = new Map<number, Row[]>();
	/** Pages that came back full: the list may go on after them. */
	private readonly full = new WeakSet<Row[]>();
	/** Whether the page size is certain: a page held as many records as were asked for (now or before). */
	private sure: boolean;
	/** Whether a page of this poll held as many records as were asked for. */
	private sizedNow = false;
	/** Whether this poll has taken a page size from a page that held exactly its per_page. */
	private tentative = false;
	/** Records per page as the list answers them (the size of a full page). */
	perPage: number;
	total?: number;
	requests = 0;
	stopped = false;

	/**
	 * @param perPage the page size the list answered at the last poll, undefined at the first
	 */
	constructor(
		private readonly fetch: PageFetcher,
		private readonly asked: number,
		private readonly maxRequests: number,
		perPage: number | undefined,
	) {
		this.perPage = perPage ?? asked;
		this.sure = perPage !== undefined && perPage >= asked;
	}

	/** The page's records with their positions; throws Stop when no more may be read. */
	async page(page: number): Promise<Row[]> {
		const cached = this.pages.get(page);
		if (cached) return cached;
		if (this.requests >= this.maxRequests) throw this.stop();
		this.requests++;
		const answer = await this.fetch(page, this.asked);
		if (answer === 'stop') throw this.stop();
		const full = this.isFullAnswer(answer);
		const rows: Row[] = [];
		answer.records.forEach((raw, position) => {
			const id = recordId(raw);
			if (id === '') return;
			const status =
				raw.status === undefined || raw.status === null ? undefined : String(raw.status);
			rows.push({ id, status, raw, index: (page - 1) * this.perPage + position });
		});
		if (typeof answer.total === 'number' && Number.isFinite(answer.total) && answer.total >= 0) {
			this.total = answer.total;
		}
		// Records without an ID cannot be told apart; the page still counts as full for paging.
		if (full) this.full.add(rows);
		this.pages.set(page, rows);
		return rows;
	}

	/**
	 * The page-size rule. A page holding as many records as were asked for is full and makes the page size
	 * certain. A page holding fewer records than its per_page, or fewer than a certain page size, is the last
	 * one. A page holding exactly its per_page, fewer than asked, is either a full page of a list that caps
	 * per_page or the last page of a list that answers per_page as the records on the page: until the size
	 * is certain it counts as full (so the next page is read to tell) and its size is taken tentatively.
	 */
	/** Whether this poll learned the page size (from a full page, or tentatively). */
	get learned(): boolean {
		return this.sizedNow || this.tentative;
	}

	private isFullAnswer(answer: PageAnswer): boolean {
		const count = answer.records.length;
		const said =
			typeof answer.perPage === 'number' && Number.isInteger(answer.perPage) && answer.perPage > 0
				? answer.perPage
				: undefined;
		if (count >= this.asked) {
			const size = said ?? count;
			if (this.sizedNow && size !== this.perPage) throw this.pagingChanged(size);
			this.resize(size);
			this.sure = true;
			this.sizedNow = true;
			return true;
		}
		if (said === undefined || count < said || this.sure) return false;
		// count === said < asked, size not certain: a capped list's full page, or a last page.
		if (!this.tentative || count > this.perPage) this.resize(count);
		this.tentative = true;
		return count >= this.perPage;
	}

	/** A page size learned during the poll: positions of pages read before it are worked out again. */
	private resize(size: number) {
		if (size === this.perPage) return;
		this.perPage = size;
		for (const [page, rows] of this.pages) {
			rows.forEach((row, position) => (row.index = (page - 1) * size + position));
			if (rows.length < size) this.full.delete(rows);
		}
	}

	private pagingChanged(size: number): Error {
		return new Error(
			`The list changed its page size during the poll (${this.perPage}, then ${size}); the next poll tries again`,
		);
	}

	isFull(rows: Row[]): boolean {
		return this.full.has(rows);
	}

	/** A page this poll has already read. */
	cached(page: number): Row[] | undefined {
		return this.pages.get(page);
	}

	/** The page a position falls on, at the page size the list answers. */
	pageOf(index: number): number {
		return Math.floor(Math.max(0, index) / this.perPage) + 1;
	}

	private stop(): Stop {
		this.stopped = true;
		return new Stop();
	}
}

/** A record's ID as text ('' when it has none): IDs may be numbers or strings. */
export function recordId(record: Record<string, unknown>): string {
	const id = record.id;
	return id === undefined || id === null ? '' : String(id);
}
