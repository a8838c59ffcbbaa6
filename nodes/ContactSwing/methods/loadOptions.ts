import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { byName } from '../shared/descriptions';
import { fetchList } from '../shared/operations/list';
import { actionId, actionLabel } from './labels';
import { PICKER_SCOPE } from './pickerScope';

/**
 * Actions for the Action IDs picker, from GET /v2/_actions, every page (value: id, label: name (type)).
 * As the From List pickers do, it gives up within seconds: a first page that fails throws ContactSwing's
 * message; a later one ends the list with the pages read, and the reason is logged.
 */
export async function getActions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const actions = await fetchList.call(this, '/v2/_actions', {
		scope: { ...PICKER_SCOPE },
		keepWhatWasRead: (why) =>
			this.logger.warn(`ContactSwing picker: the action list ends early: ${why.message}`),
	});
	const options: INodePropertyOptions[] = [];
	for (const action of actions) {
		const id = actionId(action);
		if (id !== '') options.push({ name: actionLabel(action), value: id });
	}
	return byName(options);
}
