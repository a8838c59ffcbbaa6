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
 * - every other field, documented or not, as read, so a replacing PUT loses nothing;
 * - read and written by one writer at a time per action in this n8n process (`oneWriterPerAction`), so two
 *   items (or two executions) changing one action do not put back each other's old values.
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same action ID: equal text, or the same UUID in another letter case. */
function sameId(answered: unknown, asked: string): boolean {
	const text = String(answered).trim();
	return text === asked || (UUID.test(text) && text.toLowerCase() === asked.toLowerCase());
}

/**
 * The action record in a GET /v2/_actions/{id} answer, or why it is not one: the envelope's `data` must be
 * an object whose `id` (the page's name; `action_id`, the create answer's, where `id` is absent) is
 * `actionId` and whose `type` is a non-empty text. Flat dotted keys (page get's samples) are folded into
 * their objects. `problem` may quote what the answer holds: redact it before showing it.
 */
export function answeredAction(
	answer: IDataObject,
	actionId: string,
): { action: IDataObject; problem?: undefined } | { action?: undefined; problem: string } {
	const data = answer.data;
	if (!data || typeof data !== 'object' || Array.isArray(data))
		return { problem: 'its answer holds no action record' };
	const action = normaliseAction(data as IDataObject);
	const ids = [action.id, action.action_id].filter((id) => id !== undefined && id !== null);
	if (ids.length === 0) return { problem: 'its answer does not say which action it is (no id)' };
	const other = ids.find((id) => !sameId(id, actionId));
	if (other !== undefined)
		return {
			problem: `its answer is another action (id ${JSON.stringify(String(other).slice(0, 60))})`,
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

/** `change` laid over `base`: objects merged key by key, everything else (lists too) replaced. */
export function laidOver(base: IDataObject, change: IDataObject): IDataObject {
	const result: IDataObject = { ...base };
	for (const [key, value] of Object.entries(change)) {
		const under = Object.prototype.hasOwnProperty.call(result, key) ? result[key] : undefined;
		const bothObjects = [under, value].every(
			(entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry),
		);
		result[key] = bothObjects ? laidOver(under as IDataObject, value as IDataObject) : value;
	}
	return result;
}

/** The queue of one action of one account (a UUID typed in either case is one action). */
export function actionWriterKey(
	connection: { baseUrl: string; token: string },
	actionId: string,
): string {
	return JSON.stringify([connection.baseUrl, connection.token, actionId.toLowerCase()]);
}

/** Per account and action: the end of the last read-and-write queued, in this n8n process. */
const writers = new Map<string, Promise<unknown>>();

/**
 * Runs `readAndWrite` once every read-and-write queued before it under `key` (`actionWriterKey`) has
 * finished, so none reads the action before another's write lands. Entries go when their queue empties.
 */
export async function oneWriterPerAction<T>(
	key: string,
	readAndWrite: () => Promise<T>,
): Promise<T> {
	const before = writers.get(key) ?? Promise.resolve();
	const mine = before.then(readAndWrite, readAndWrite);
	const settled = mine.then(
		() => undefined,
		() => undefined,
	);
	writers.set(key, settled);
	try {
		return await mine;
	} finally {
		if (writers.get(key) === settled) writers.delete(key);
	}
}
