import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { byName } from '../shared/descriptions';
import { fetchList } from '../shared/operations/list';
import { actionId, actionLabel } from './labels';

/** Actions for the Action IDs picker, from GET /v2/_actions, every page (value: id, label: name (type)). */
export async function getActions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const actions = await fetchList.call(this, '/v2/_actions', {});
	const options: INodePropertyOptions[] = [];
	for (const action of actions) {
		const id = actionId(action);
		if (id !== '') options.push({ name: actionLabel(action), value: id });
	}
	return byName(options);
}
