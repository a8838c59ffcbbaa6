import type { IDataObject } from 'n8n-workflow';

import { ACTION_TYPES } from '../resources/action/fields';
import { recordId } from '../shared/operations/list';

/** An action's ID as the list answers it (id; action_id as the create answer names it). */
export const actionId = recordId;

/**
 * How both action pickers show an action: "name (type)", the type in the words of the Action Type dropdown
 * ("Send SMS", not SEND_SMS); a type the node does not know is shown as ContactSwing sent it.
 */
export function actionLabel(action: IDataObject): string {
	const name = String(action.name ?? actionId(action));
	if (!action.type) return name;
	const type = String(action.type);
	const known = ACTION_TYPES.find(([value]) => value === type);
	return `${name} (${known ? known[1] : type})`;
}
