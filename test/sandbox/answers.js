'use strict';
/** What every route answers with: the envelope, FastAPI-like failures, schema checks and paging. */
const crypto = require('node:crypto');

const E164 = /^\+[1-9]\d{6,14}$/;
class HttpFailure extends Error {
	constructor(status, body, headers = {}) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

// FastAPI's schema-validation envelope (ASSUMED: the docs name no error schema; 422 is FastAPI's default).
function unprocessable(problems) {
	return malformed(422, {
		detail: problems.map(([loc, msg, type]) => ({ type, loc: ['body', ...loc], msg, input: null })),
	});
}

/** A request that breaks the documented schema (types, pagination), counted so tests can assert on none. */
function malformed(status, body) {
	const failure = new HttpFailure(status, body);
	failure.malformed = true;
	return failure;
}

function badRequest(detail) {
	return new HttpFailure(400, { detail });
}

function envelope(data, message = 'Request processed successfully') {
	return { ctx_id: crypto.randomUUID(), data, message };
}

/** A tiny schema checker with FastAPI-like messages; `rules` maps field → [kind, required]. */
function checkSchema(body, rules, where = []) {
	const problems = [];
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return [[where, 'Input should be a valid dictionary or object', 'dict_type']];
	}
	for (const [field, [kind, required]] of Object.entries(rules)) {
		const value = body[field];
		const loc = [...where, field];
		if (value === undefined) {
			if (required) problems.push([loc, 'Field required', 'missing']);
			continue;
		}
		if (value === null && !required) continue;
		const ok =
			(kind === 'string' && typeof value === 'string') ||
			(kind === 'integer' && Number.isInteger(value)) ||
			(kind === 'number' && typeof value === 'number') ||
			(kind === 'boolean' && typeof value === 'boolean') ||
			(kind === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) ||
			(kind === 'array' && Array.isArray(value)) ||
			(kind === 'string[]' && Array.isArray(value) && value.every((v) => typeof v === 'string'));
		if (!ok) problems.push([loc, `Input should be a valid ${kind}`, `${kind}_type`]);
	}
	return problems;
}

function paginate(
	records,
	query,
	{
		maxPerPage = 100,
		pager = 'pages',
		perPageCap,
		documentedOnly = false,
		totalRecords,
		resized,
		perPageAnswer,
	} = {},
) {
	// Fault mode: pages of another size than asked from some page on (perPageFromPage), said in per_page.
	if (resized)
		return paginate(records, resized, {
			maxPerPage: Infinity,
			pager,
			documentedOnly,
			totalRecords,
		});
	// Fault modes: a server that ignores `page` and always answers the first page, saying so in
	// current_page ('ignores-page') or not at all ('ignores-page-silently').
	const page = pager !== 'pages' || query.page === undefined ? 1 : Number(query.page);
	const asked = query.per_page === undefined ? 10 : Number(query.per_page);
	if (!Number.isInteger(page) || page < 1)
		throw malformed(400, { detail: 'page must be an integer of at least 1' });
	if (!Number.isInteger(asked) || asked < 1 || asked > maxPerPage) {
		throw malformed(400, { detail: `per_page must be an integer from 1 to ${maxPerPage}` });
	}
	// Fault mode: a server that caps per_page silently (customers document no maximum) and says so only in per_page.
	const perPage = perPageCap ? Math.min(asked, perPageCap) : asked;
	const totalPages = Math.max(1, Math.ceil(records.length / perPage));
	const result = {
		data: records.slice((page - 1) * perPage, page * perPage),
		pagination: {
			current_page: page,
			per_page: perPage,
			total_records: records.length,
			total_pages: totalPages,
			has_next: pager === 'pages' ? page < totalPages : true,
		},
	};
	// Fault mode: per_page answered as the number of records on the page (a short last page says fewer).
	if (perPageAnswer === 'records') result.pagination.per_page = result.data.length;
	if (pager === 'ignores-page-silently') {
		delete result.pagination.current_page;
		delete result.pagination.total_pages;
	}
	// Fault mode: only the fields the customers and calls pages document ({current_page, per_page, total_records}).
	if (documentedOnly) {
		delete result.pagination.total_pages;
		delete result.pagination.has_next;
	}
	// Fault mode: total_records absent ('missing'; has_next and total_pages go with it) or stuck at a number.
	if (totalRecords === 'missing') {
		delete result.pagination.total_records;
		delete result.pagination.total_pages;
		delete result.pagination.has_next;
	} else if (typeof totalRecords === 'number') {
		result.pagination.total_records = totalRecords;
		result.pagination.total_pages = Math.max(1, Math.ceil(totalRecords / perPage));
		result.pagination.has_next = page < result.pagination.total_pages;
	}
	return result;
}

module.exports = {
	E164,
	HttpFailure,
	unprocessable,
	malformed,
	badRequest,
	envelope,
	checkSchema,
	paginate,
};
