import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { readPage } from '../shared/pagination';
import { apiRequest } from '../shared/transport';

/** Actions for the Action IDs picker, from GET /v2/_actions, every page (value: id, label: name (type)). */
export async function getActions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [];
	const perPage = 100;
	for (let page = 1; page <= 50; page++) {
		const response = await apiRequest.call(this, {
			method: 'GET',
			path: '/v2/_actions',
			qs: { page, per_page: perPage },
			idempotent: true,
		});
		const { records, hasNext } = readPage(response, page, perPage);
		for (const action of records) {
			const id = String(action.id ?? action.action_id ?? '');
			if (id === '') continue;
			const name = String(action.name ?? id);
			options.push({ name: action.type ? `${name} (${String(action.type)})` : name, value: id });
		}
		if (!hasNext) break;
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
