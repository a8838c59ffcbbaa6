import type { IDataObject } from 'n8n-workflow';

/** Deeper answers are not read: no ContactSwing object nests like that, and deep copies would overflow the stack. */
export const MAX_ANSWER_DEPTH = 100;

/**
 * Keys that would set an object's prototype, or shadow what every object has, once assigned. Narrower than
 * n8n-workflow's isSafeObjectProperty (which the node applies to what users type): that list also holds
 * names such as "caller" and "arguments", which ContactSwing's records may use as field names, and
 * answers are copied as read.
 */
export function isPrototypeKey(key: string): boolean {
	return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

export class TooDeepError extends Error {
	constructor() {
		super(`nested more than ${MAX_ANSWER_DEPTH} levels deep`);
	}
}

/**
 * A copy of parsed JSON as plain data: keys that could become an output item's prototype are dropped
 * (as n8n's own parsers do), and an answer nested deeper than MAX_ANSWER_DEPTH throws TooDeepError.
 */
export function plainData(value: unknown, depth = 0): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (depth >= MAX_ANSWER_DEPTH) throw new TooDeepError();
	if (Array.isArray(value)) return value.map((entry) => plainData(entry, depth + 1));
	const copy: IDataObject = {};
	for (const [key, inner] of Object.entries(value)) {
		if (!isPrototypeKey(key)) copy[key] = plainData(inner, depth + 1) as IDataObject;
	}
	return copy;
}
