import type { IDataObject } from 'n8n-workflow';

import { REDACTED } from '../../shared/http';

/**
 * The header the ContactSwing Action Trigger adds to a webhook action it serves: ContactSwing sends it
 * with every call, and the trigger answers only calls that carry it. Its value is
 * `<workflow ID>:<node ID>:<random secret>`, so another workflow can tell who serves the action.
 */
export const ACTION_TRIGGER_HEADER = 'X-N8n-ContactSwing-Secret';

/** The value of a header in a headers object, whatever case its name is written in. */
export function headerValue(headers: unknown, name: string): unknown {
	if (!headers || typeof headers !== 'object' || Array.isArray(headers)) return undefined;
	const wanted = name.toLowerCase();
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === wanted);
	return key === undefined ? undefined : (headers as IDataObject)[key];
}

/**
 * An action as people see it (Get Action, Get Many Actions): the trigger's secret header, if the action
 * has one, stands as "[redacted]". Only for output: a write-back sends the action as read (writeBack.ts).
 */
export function withoutTriggerSecret(action: IDataObject): IDataObject {
	const webhook = action.webhook;
	if (!webhook || typeof webhook !== 'object' || Array.isArray(webhook)) return action;
	const headers = (webhook as IDataObject).headers;
	if (headerValue(headers, ACTION_TRIGGER_HEADER) === undefined) return action;
	const wanted = ACTION_TRIGGER_HEADER.toLowerCase();
	const redacted = Object.fromEntries(
		Object.entries(headers as IDataObject).map(([key, value]) => [
			key,
			key.toLowerCase() === wanted ? REDACTED : value,
		]),
	);
	return { ...action, webhook: { ...(webhook as IDataObject), headers: redacted } };
}
