import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../descriptions';
import { ItemReader } from '../input/itemReader';

import type { OperationScope } from '../http/transport';
import { apiRequest } from '../http/transport';

/**
 * The documented list envelope: data.data[] plus pagination { current_page, per_page, total_records, … }.
 * Where the next page is worked out, the answered values count, not the asked ones (the reference's rule:
 * stop on has_next false or current_page × per_page ≥ total_records): a server may cap per_page.
 * `claimsMore` is what the pagination says of later pages, also when this page is empty; `hasNext` is
 * whether to ask for the next one.
 */
export function readPage(
	response: IDataObject,
	page: number,
	perPage: number,
): {
	records: IDataObject[];
	hasNext: boolean;
	claimsMore: boolean;
	currentPage?: number;
	perPage: number;
	totalRecords?: number;
} {
	const data = (response.data ?? {}) as IDataObject;
	const records = (Array.isArray(data.data) ? data.data : []) as IDataObject[];
	const pagination = (data.pagination ?? {}) as IDataObject;
	const currentPage = positiveInteger(pagination.current_page);
	const answeredPerPage = positiveInteger(pagination.per_page) ?? perPage;
	const totalRecords =
		typeof pagination.total_records === 'number' &&
		Number.isSafeInteger(pagination.total_records) &&
		pagination.total_records >= 0
			? pagination.total_records
			: undefined;
	const at = currentPage ?? page;
	let claimsMore: boolean;
	if (typeof pagination.has_next === 'boolean') claimsMore = pagination.has_next;
	else if (typeof pagination.total_pages === 'number') claimsMore = at < pagination.total_pages;
	else if (totalRecords !== undefined) claimsMore = at * answeredPerPage < totalRecords;
	else claimsMore = records.length >= answeredPerPage;
	return {
		records,
		hasNext: claimsMore && records.length > 0,
		claimsMore,
		currentPage,
		perPage: answeredPerPage,
		totalRecords,
	};
}

function positiveInteger(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** A record's ID as the lists answer it (id; action_id as the create answer names actions), '' if none. */
export function recordId(record: IDataObject): string {
	const id = record.id ?? record.action_id;
	return id === undefined || id === null ? '' : String(id);
}

const MAX_PER_PAGE = 100;
/** The most requests one Return All sends (100,000 records); docs/errors.md names this cap. */
export const MAX_PAGES = 1_000;

const NOT_AS_DOCUMENTED =
	'ContactSwing did not page as documented; the list was stopped so no record is missed or fetched twice. Turn off Return All and set a Limit of at most 100.';
const CHANGED_WHILE_READ =
	'The list changed while it was read, in a way that may have skipped records. Run the node again, or turn off Return All and set a Limit of at most 100.';

/**
 * Pages through a list endpoint with page/per_page until it runs out or `limit` records are in, and
 * returns each record once. A list that is not consistent stops with an error rather than come back
 * partial or with records twice (docs/readings.md, "Paging"): a page other than the one asked for, a page
 * that repeats the one before, an empty page that says more follow, a page size that changes between
 * pages, a short page before the last, a total that shrinks, or a record seen on an earlier page. One
 * case is provably harmless and passes: records added at the top while the list is read push the last
 * records of a page onto the next; when the next page starts with exactly those records, in order, and
 * the total grew by at least as many, they are left out and nothing was skipped.
 * `keepWhatWasRead` (the pickers): a page that fails after others were read ends the list there instead,
 * and is handed the error to log.
 */
export async function fetchList(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	path: string,
	{
		limit,
		itemIndex,
		scope,
		keepWhatWasRead,
	}: {
		limit?: number;
		itemIndex?: number;
		scope?: OperationScope;
		keepWhatWasRead?: (why: Error) => void;
	},
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const perPage = limit === undefined ? MAX_PER_PAGE : Math.min(MAX_PER_PAGE, Math.max(1, limit));
	const fail = (problem: string, description: string) =>
		new NodeOperationError(
			this.getNode(),
			`ContactSwing's list at ${path} ${problem}${itemIndex === undefined ? '' : ` [item ${itemIndex}]`}`,
			{ itemIndex, description },
		);
	/** The IDs of the records in `results`. */
	const seen = new Set<string>();
	let previous: { serialised: string; perPage: number; totalRecords?: number } | undefined;
	/** One page read and checked against the pages before it: its new records, and whether more follow. */
	const readAndCheck = async (page: number) => {
		const answered = await readNextPage.call(this, path, page, perPage, { itemIndex, scope });
		checkPage(fail, page, answered, previous);
		const grown =
			previous?.totalRecords === undefined || answered.totalRecords === undefined
				? undefined
				: answered.totalRecords - previous.totalRecords;
		previous = {
			serialised: JSON.stringify(answered.records),
			perPage: answered.perPage,
			totalRecords: answered.totalRecords,
		};
		const records = withoutPushedDown(fail, page, answered.records, results, seen, grown);
		return { records, hasNext: answered.hasNext };
	};
	for (let page = 1; ; page++) {
		const outcome = await readAndCheck(page).then(
			(read) => read,
			(error: Error) => ({ error }),
		);
		if ('error' in outcome) {
			if (keepWhatWasRead && results.length > 0) {
				keepWhatWasRead(outcome.error);
				return results;
			}
			throw outcome.error;
		}
		const { records, hasNext } = outcome;
		for (const record of records) {
			const id = recordId(record);
			if (id !== '') seen.add(id);
			results.push(record);
		}
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (!hasNext) return results;
	}
}

/** One page of the list, read (up to MAX_PAGES). */
async function readNextPage(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	path: string,
	page: number,
	perPage: number,
	{ itemIndex, scope }: { itemIndex?: number; scope?: OperationScope },
): Promise<ReturnType<typeof readPage>> {
	if (page > MAX_PAGES) {
		throw new NodeOperationError(
			this.getNode(),
			`ContactSwing's list at ${path} has more than ${MAX_PAGES * perPage} records (${MAX_PAGES} pages), the most one Return All fetches${itemIndex === undefined ? '' : ` [item ${itemIndex}]`}`,
			{ itemIndex, description: 'Turn off Return All and set a Limit.' },
		);
	}
	const response = await apiRequest.call(
		this,
		{ method: 'GET', path, qs: { page, per_page: perPage }, idempotent: true },
		scope,
		itemIndex,
	);
	return readPage(response, page, perPage);
}

type Fail = (problem: string, description: string) => NodeOperationError;

/** The checks on one page against the one before it: see fetchList. */
function checkPage(
	fail: Fail,
	page: number,
	answered: ReturnType<typeof readPage>,
	previous: { serialised: string; perPage: number; totalRecords?: number } | undefined,
): void {
	const { records, currentPage, perPage, totalRecords } = answered;
	if (currentPage !== undefined && currentPage !== page)
		throw fail(`answered page ${currentPage} when page ${page} was asked for`, NOT_AS_DOCUMENTED);
	if (previous && records.length > 0 && JSON.stringify(records) === previous.serialised)
		throw fail(
			`answered page ${page} with the same records as page ${page - 1}`,
			NOT_AS_DOCUMENTED,
		);
	if (records.length === 0 && answered.claimsMore)
		throw fail(`answered page ${page} with no records, but says more follow`, NOT_AS_DOCUMENTED);
	if (previous && perPage !== previous.perPage)
		throw fail(
			`answered page ${page} with ${perPage} records a page, where page ${page - 1} had ${previous.perPage}`,
			NOT_AS_DOCUMENTED,
		);
	// A full page holds per_page records; more, or fewer before the end, means the server pages by another
	// size than it says, and which records the next page starts at cannot be known.
	if (records.length > perPage || (answered.hasNext && records.length !== perPage))
		throw fail(
			`answered ${records.length} records on page ${page} where its per_page says ${perPage}${records.length > perPage ? '' : ', before the last page'}`,
			NOT_AS_DOCUMENTED,
		);
	if (
		previous?.totalRecords !== undefined &&
		totalRecords !== undefined &&
		totalRecords < previous.totalRecords
	)
		throw fail(
			`went from ${previous.totalRecords} to ${totalRecords} records between pages ${page - 1} and ${page}`,
			CHANGED_WHILE_READ,
		);
}

/**
 * The page without the records an earlier page already held, when that is provably only records pushed
 * down by new ones at the top (see fetchList); any other record seen before stops the list.
 */
function withoutPushedDown(
	fail: Fail,
	page: number,
	records: IDataObject[],
	results: IDataObject[],
	seen: Set<string>,
	grown: number | undefined,
): IDataObject[] {
	const onPage = new Set<string>();
	for (const id of records.map(recordId)) {
		if (id !== '' && onPage.has(id))
			throw fail(
				`answered the record ${JSON.stringify(id.slice(0, 60))} twice on page ${page}`,
				NOT_AS_DOCUMENTED,
			);
		onPage.add(id);
	}
	const repeated = records.filter((record) => seen.has(recordId(record)));
	if (repeated.length === 0) return records;
	const count = repeated.length;
	const tail = results.slice(-count).map(recordId);
	const pushedDown =
		grown !== undefined &&
		grown >= count &&
		records
			.slice(0, count)
			.map(recordId)
			.every((id, position) => id === tail[position]);
	if (!pushedDown)
		throw fail(
			`answered the record ${JSON.stringify(recordId(repeated[0]).slice(0, 60))} on page ${page} again (an earlier page held it)`,
			CHANGED_WHILE_READ,
		);
	return records.slice(count);
}

/** Return All / Limit, as n8n's own list operations offer them. */
function returnAllFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

/**
 * A Get Many operation over a documented list endpoint: Return All or Limit, one output item per record,
 * each record shaped by `shape` (e.g. actions' dotted keys).
 */
export function listOperation(
	resource: string,
	path: string,
	shape: (record: IDataObject) => IDataObject = (record) => record,
) {
	const properties = [...returnAllFields(), optionsCollection([], { withBody: false })];
	return {
		description: updateDisplayOptions(
			{ show: { resource: [resource], operation: ['getMany'] } },
			properties,
		),
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			scope: OperationScope,
		): Promise<IDataObject[]> {
			const read = new ItemReader(this, itemIndex, properties);
			const limit =
				read.boolean('returnAll') === true
					? undefined
					: read.integer('limit', { required: true, min: 1 });
			return (await fetchList.call(this, path, { limit, itemIndex, scope })).map(shape);
		},
	};
}
