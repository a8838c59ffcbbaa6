import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { parsePage } from '../shared/operations/list';
import { MAX_PER_PAGE as PER_PAGE, recordId } from '../shared/records';
import { apiRequest } from '../shared/http';
import { actionLabel } from './labels';
import { PICKER_SCOPE } from './pickerScope';

// The From List mode of the Action and Customer pickers: one page of GET /v2/_actions or /v2/_customers
// at a time, as the editor scrolls. The lists document no search, so the filter is applied to each page
// here; the next page is the pagination token.
//
// The editor waits while a page loads, so a picker gives up within seconds (PICKER_SCOPE): a first page
// that fails throws ContactSwing's message; a later page that fails, or a server that does not page (it
// answers another page, or the page before again), ends the list where it is, with the reason logged
// (n8n's list answer has room for results or an error, not both). No record is listed twice: the token
// carries the first and last IDs of the page before, and records that page held are left out.

/** Where the next page starts: its number, and the first and last IDs of the page before it. */
interface Position {
	page: number;
	first?: string;
	last?: string;
}

function readToken(token?: string): Position {
	if (!token) return { page: 1 };
	// Tokens of earlier versions are the page number alone.
	if (/^\d+$/.test(token)) return { page: Number(token) };
	try {
		const position = JSON.parse(token) as Position;
		if (Number.isSafeInteger(position.page) && position.page > 0) return position;
	} catch {
		// An unreadable token starts the list again.
	}
	return { page: 1 };
}

async function searchList(
	this: ILoadOptionsFunctions,
	path: string,
	label: (record: IDataObject) => string,
	filter?: string,
	paginationToken?: string,
	keep: (record: IDataObject) => boolean = () => true,
): Promise<INodeListSearchResult> {
	const position = readToken(paginationToken);
	const { page } = position;
	const stop = (why: string): INodeListSearchResult => {
		this.logger.warn(`ContactSwing picker: the list at ${path} ends at page ${page - 1}: ${why}`);
		return { results: [] };
	};
	const outcome = await apiRequest
		.call(
			this,
			{ method: 'GET', path, qs: { page, per_page: PER_PAGE }, idempotent: true },
			{ ...PICKER_SCOPE },
		)
		.then(
			(response) => ({ response }),
			(error: Error) => ({ error }),
		);
	if ('error' in outcome) {
		if (page === 1) throw outcome.error;
		return stop(outcome.error.message);
	}
	const { response } = outcome;
	const { records, hasNext, currentPage } = parsePage(response, page, PER_PAGE);
	if (currentPage !== undefined && currentPage !== page)
		return stop(`ContactSwing answered page ${currentPage} when page ${page} was asked for`);
	const ids = records.map(recordId);
	if (page > 1 && ids.length > 0 && ids[0] === position.first)
		return stop(`ContactSwing answered page ${page} with the records of page ${page - 1}`);
	// Records pushed down from the page before (new ones were added at the top) are listed already.
	const repeated = position.last === undefined ? -1 : ids.indexOf(position.last);
	const fresh = records.slice(repeated + 1);
	const wanted = filter?.trim().toLowerCase() ?? '';
	const results = fresh
		.filter(keep)
		.map((record) => ({ name: label(record), value: recordId(record) }))
		.filter((result) => result.value !== '')
		.filter(
			(result) => wanted === '' || `${result.name} ${result.value}`.toLowerCase().includes(wanted),
		);
	const next: Position = { page: page + 1, first: ids[0], last: ids[ids.length - 1] };
	return { results, paginationToken: hasNext ? JSON.stringify(next) : undefined };
}

/** A From List search of actions, of those `keep` accepts. */
function actionSearch(keep?: (action: IDataObject) => boolean) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		return await searchList.call(this, '/v2/_actions', actionLabel, filter, paginationToken, keep);
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
			.join(' · ') || recordId(customer);
	return await searchList.call(this, '/v2/_customers', label, filter, paginationToken);
}

/** The Action Trigger's picker: only webhook (API) actions, the one type an agent calls a URL with. */
export const searchWebhookActions = actionSearch((action) => action.type === 'WEBHOOK');
