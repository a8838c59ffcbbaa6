import type { IDataObject } from 'n8n-workflow';

import { normaliseAction } from './normalise';

/**
 * Writing an action back: whatever changes an action it has read (Update Action, the Action Trigger) sends
 * the action back with its change laid over it, because ContactSwing does not say whether its PUT replaces
 * the action or merges the fields sent. The record must be the one stored, exactly as read:
 * - read with `forWriteBack` (never the redacted display form: a header holding the user's token goes back
 *   as it was, not as "[redacted]");
 * - checked to be the action asked for (a 2xx answer of another shape would otherwise be written over it);
 * - without the fields ContactSwing owns, and without nulls, which the node never sends;
 * - every other field, documented or not, as read, so a replacing PUT loses nothing.
 */

/** Fields of an action record that are ContactSwing's to set: read, never sent back. */
export const SERVER_OWNED_ACTION_KEYS: ReadonlySet<string> = new Set([
	'id',
	'company_id',
	'created_at',
	'updated_at',
	'action_id',
	'user_id',
	'account_id',
	'created_by',
	'version',
	'etag',
	'stats',
	'assistants',
	'ctx_id',
]);

/**
 * The action record in a GET /v2/_actions/{id} answer, or why it is not one: the envelope's `data` must be
 * an object whose `id` is `actionId` and whose `type` is a non-empty text. Flat dotted keys (page get's
 * samples) are folded into their objects.
 */
export function answeredAction(
	answer: IDataObject,
	actionId: string,
): { action: IDataObject; problem?: undefined } | { action?: undefined; problem: string } {
	const data = answer.data;
	if (!data || typeof data !== 'object' || Array.isArray(data))
		return { problem: 'its answer holds no action record' };
	const action = normaliseAction(data as IDataObject);
	const id = action.id;
	if (id === undefined || id === null)
		return { problem: 'its answer does not say which action it is (no id)' };
	if (String(id) !== actionId)
		return {
			problem: `its answer is another action (id ${JSON.stringify(String(id).slice(0, 60))})`,
		};
	if (typeof action.type !== 'string' || action.type.trim() === '')
		return { problem: 'its answer does not say the action’s type' };
	return { action };
}

/** Nulls dropped at every depth of objects (lists are kept as read). */
function withoutNulls(value: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, inner] of Object.entries(value)) {
		if (inner === null || inner === undefined) continue;
		result[key] =
			typeof inner === 'object' && !Array.isArray(inner)
				? withoutNulls(inner as IDataObject)
				: inner;
	}
	return result;
}

/** The action as it is sent back: server-owned fields and nulls left out, everything else as read. */
export function writableAction(action: IDataObject): IDataObject {
	return withoutNulls(
		Object.fromEntries(
			Object.entries(action).filter(([key]) => !SERVER_OWNED_ACTION_KEYS.has(key)),
		),
	);
}
