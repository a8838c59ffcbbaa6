import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { readBoolean, readInteger } from './fields';

import type { OperationScope } from './transport';
import { apiRequest } from './transport';

/** The documented list envelope: data.data[] plus pagination (API reference §2). */
export function readPage(
	response: IDataObject,
	page: number,
	perPage: number,
): { records: IDataObject[]; hasNext: boolean } {
	const data = (response.data ?? {}) as IDataObject;
	const records = (Array.isArray(data.data) ? data.data : []) as IDataObject[];
	const pagination = (data.pagination ?? {}) as IDataObject;
	let hasNext: boolean;
	if (typeof pagination.has_next === 'boolean') hasNext = pagination.has_next;
	else if (typeof pagination.total_pages === 'number') hasNext = page < pagination.total_pages;
	else if (typeof pagination.total_records === 'number')
		hasNext = page * perPage < pagination.total_records;
	else hasNext = records.length >= perPage;
	return { records, hasNext: hasNext && records.length > 0 };
}

const MAX_PER_PAGE = 100;
const MAX_PAGES = 10_000;

/** Pages through a list endpoint with page/per_page until it runs out or `limit` records are in. */
export async function fetchList(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	path: string,
	{ limit, itemIndex, scope }: { limit?: number; itemIndex?: number; scope?: OperationScope },
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const perPage = limit === undefined ? MAX_PER_PAGE : Math.min(MAX_PER_PAGE, Math.max(1, limit));
	for (let page = 1; page <= MAX_PAGES; page++) {
		const response = await apiRequest.call(
			this,
			{ method: 'GET', path, qs: { page, per_page: perPage }, idempotent: true },
			scope,
			itemIndex,
		);
		const { records, hasNext } = readPage(response, page, perPage);
		results.push(...records);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (!hasNext) break;
	}
	return results;
}

/** Return All / Limit, as n8n's own list operations offer them. */
export function returnAllFields(): INodeProperties[] {
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

/** Return All and Limit of one item: undefined means every record. */
export function readListLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	const ctx = { node: this.getNode(), itemIndex };
	if (readBoolean(ctx, 'Return All', this.getNodeParameter('returnAll', itemIndex, false)) === true)
		return undefined;
	return readInteger(ctx, 'Limit', this.getNodeParameter('limit', itemIndex, 50), {
		required: true,
		min: 1,
	});
}
