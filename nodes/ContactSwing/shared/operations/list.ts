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
 */
export function readPage(
	response: IDataObject,
	page: number,
	perPage: number,
): { records: IDataObject[]; hasNext: boolean; currentPage?: number; perPage: number } {
	const data = (response.data ?? {}) as IDataObject;
	const records = (Array.isArray(data.data) ? data.data : []) as IDataObject[];
	const pagination = (data.pagination ?? {}) as IDataObject;
	const currentPage = positiveInteger(pagination.current_page);
	const answeredPerPage = positiveInteger(pagination.per_page) ?? perPage;
	const at = currentPage ?? page;
	let hasNext: boolean;
	if (typeof pagination.has_next === 'boolean') hasNext = pagination.has_next;
	else if (typeof pagination.total_pages === 'number') hasNext = at < pagination.total_pages;
	else if (typeof pagination.total_records === 'number')
		hasNext = at * answeredPerPage < pagination.total_records;
	else hasNext = records.length >= answeredPerPage;
	return {
		records,
		hasNext: hasNext && records.length > 0,
		currentPage,
		perPage: answeredPerPage,
	};
}

function positiveInteger(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

const MAX_PER_PAGE = 100;
/** The most requests one Return All sends (100,000 records); docs/errors.md names this cap. */
export const MAX_PAGES = 1_000;

/**
 * Pages through a list endpoint with page/per_page until it runs out or `limit` records are in.
 * A server that does not page as asked (answers another current_page, or the same page again) would
 * otherwise be asked forever and repeat its records: that stops the list with an error instead.
 */
export async function fetchList(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	path: string,
	{ limit, itemIndex, scope }: { limit?: number; itemIndex?: number; scope?: OperationScope },
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const perPage = limit === undefined ? MAX_PER_PAGE : Math.min(MAX_PER_PAGE, Math.max(1, limit));
	const fail = (problem: string, description: string) =>
		new NodeOperationError(
			this.getNode(),
			`ContactSwing's list at ${path} ${problem}${itemIndex === undefined ? '' : ` [item ${itemIndex}]`}`,
			{ itemIndex, description },
		);
	let previousPage: string | undefined;
	for (let page = 1; ; page++) {
		if (page > MAX_PAGES) {
			throw fail(
				`has more than ${MAX_PAGES * perPage} records (${MAX_PAGES} pages), the most one Return All fetches`,
				'Turn off Return All and set a Limit.',
			);
		}
		const response = await apiRequest.call(
			this,
			{ method: 'GET', path, qs: { page, per_page: perPage }, idempotent: true },
			scope,
			itemIndex,
		);
		const answered = readPage(response, page, perPage);
		const { records, hasNext, currentPage } = answered;
		if (currentPage !== undefined && currentPage !== page) {
			throw fail(
				`answered page ${currentPage} when page ${page} was asked for`,
				'ContactSwing did not page as documented; the list was stopped so no record is fetched twice. Turn off Return All and set a Limit of at most 100.',
			);
		}
		const thisPage = JSON.stringify(records);
		if (page > 1 && thisPage === previousPage) {
			throw fail(
				`answered page ${page} with the same records as page ${page - 1}`,
				'ContactSwing did not page as documented; the list was stopped so no record is fetched twice. Turn off Return All and set a Limit of at most 100.',
			);
		}
		// A full page holds per_page records; fewer before the end means the server pages by another size
		// than it says, and which records the next page starts at cannot be known.
		if (hasNext && records.length !== answered.perPage) {
			throw fail(
				`answered ${records.length} records on page ${page} where its per_page says ${answered.perPage}, before the last page`,
				'ContactSwing did not page as documented; the list was stopped so no record is missed or fetched twice. Turn off Return All and set a Limit of at most 100.',
			);
		}
		previousPage = thisPage;
		results.push(...records);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (!hasNext) return results;
	}
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
