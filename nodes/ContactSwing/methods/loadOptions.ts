import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { fetchList } from '../shared/pagination';

/** Actions for the Action IDs picker, from GET /v2/_actions, every page (value: id, label: name (type)). */
export async function getActions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const actions = await fetchList.call(this, '/v2/_actions', {});
	const options: INodePropertyOptions[] = [];
	for (const action of actions) {
		const id = String(action.id ?? action.action_id ?? '');
		if (id === '') continue;
		const name = String(action.name ?? id);
		options.push({ name: action.type ? `${name} (${String(action.type)})` : name, value: id });
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}
