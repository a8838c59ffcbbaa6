import type { IDataObject } from 'n8n-workflow';

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
	else if (typeof pagination.total_records === 'number') hasNext = page * perPage < pagination.total_records;
	else hasNext = records.length >= perPage;
	return { records, hasNext: hasNext && records.length > 0 };
}
