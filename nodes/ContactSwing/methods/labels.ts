import type { IDataObject } from 'n8n-workflow';

import { recordId } from '../shared/operations/list';

/** An action's ID as the list answers it (id; action_id as the create answer names it). */
export const actionId = recordId;

/** How both action pickers show an action: "name (type)". */
export function actionLabel(action: IDataObject): string {
	const name = String(action.name ?? actionId(action));
	return action.type ? `${name} (${String(action.type)})` : name;
}
