import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { readPage } from '../shared/operations/list';
import { apiRequest } from '../shared/http/transport';
import { actionId, actionLabel } from './labels';

/**
 * The From List mode of the Action and Customer pickers: one page of GET /v2/_actions or /v2/_customers
 * at a time, as the editor scrolls. The lists document no search, so the filter is applied to each page
 * here; the next page is the pagination token.
 */

const PER_PAGE = 100;

async function searchList(
	this: ILoadOptionsFunctions,
	path: string,
	label: (record: IDataObject) => string,
	filter?: string,
	paginationToken?: string,
	idOf: (record: IDataObject) => string = (record) =>
		record.id === undefined || record.id === null ? '' : String(record.id),
	keep: (record: IDataObject) => boolean = () => true,
): Promise<INodeListSearchResult> {
	const page = paginationToken ? Number(paginationToken) : 1;
	const response = await apiRequest.call(this, {
		method: 'GET',
		path,
		qs: { page, per_page: PER_PAGE },
		idempotent: true,
	});
	const { records, hasNext } = readPage(response, page, PER_PAGE);
	const wanted = filter?.trim().toLowerCase() ?? '';
	const results = records
		.filter(keep)
		.map((record) => ({ name: label(record), value: idOf(record) }))
		.filter((result) => result.value !== '')
		.filter(
			(result) => wanted === '' || `${result.name} ${result.value}`.toLowerCase().includes(wanted),
		);
	return { results, paginationToken: hasNext ? String(page + 1) : undefined };
}

/** A From List search of actions, of those `keep` accepts. */
function actionSearch(keep?: (action: IDataObject) => boolean) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchList.call(
			this,
			'/v2/_actions',
			actionLabel,
			filter,
			paginationToken,
			actionId,
			keep,
		);
	};
}

export const searchActions = actionSearch();

export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const label = (customer: IDataObject) =>
		[customer.name, customer.phone ?? customer.email]
			.filter((part) => part !== undefined && part !== null && part !== '')
			.map(String)
			.join(' · ') || String(customer.id);
	return await searchList.call(this, '/v2/_customers', label, filter, paginationToken);
}

/** The Action Trigger's picker: only webhook (API) actions, the one type an agent calls a URL with. */
export const searchWebhookActions = actionSearch((action) => action.type === 'WEBHOOK');
