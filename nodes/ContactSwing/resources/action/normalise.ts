import type { IDataObject } from 'n8n-workflow';

import { isPrototypeKey } from '../../shared/http';

/**
 * The sample responses show flat keys such as "webhook.url" (page get). Fold any such key
 * into its nested object so downstream nodes always read action.webhook.url.
 */
export function normaliseAction(action: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(action)) {
		const dot = key.indexOf('.');
		if (dot <= 0) {
			result[key] = value;
			continue;
		}
		const head = key.slice(0, dot);
		if (isPrototypeKey(head)) continue;
		const nested = (
			result[head] && typeof result[head] === 'object' ? result[head] : {}
		) as IDataObject;
		nested[key.slice(dot + 1)] = value;
		result[head] = nested;
	}
	return result;
}
