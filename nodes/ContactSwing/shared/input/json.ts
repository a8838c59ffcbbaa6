import type { IDataObject } from 'n8n-workflow';
import { isSafeObjectProperty, jsonParse } from 'n8n-workflow';

import type { ItemContext } from './rules';
import { quote, fieldError, isBlank } from './rules';

// JSON fields (Additional Body, Advanced Settings, API Keys, Headers, Type Settings) and how they join a body.

/** Text from a JSON field parsed; a value an expression already made an object or list passes as is. */
function parseJsonText(ctx: ItemContext, field: string, value: unknown, example: string): unknown {
	if (typeof value !== 'string') return value;
	try {
		return jsonParse(value);
	} catch (error) {
		throw fieldError(ctx, field, `is not valid JSON: ${(error as Error).message}`, example);
	}
}

/**
 * A JSON object from a JSON field or an expression. Invalid JSON names the field and where it broke;
 * keys n8n calls unsafe (__proto__, constructor, prototype, …) are refused so nothing can reach a prototype.
 */
export function readJsonObject(
	ctx: ItemContext,
	field: string,
	value: unknown,
): IDataObject | undefined {
	if (isBlank(value) || (typeof value === 'string' && /^\s*\{\s*\}\s*$/.test(value)))
		return undefined;
	const parsed = parseJsonText(ctx, field, value, 'Write a JSON object such as {"key": "value"}.');
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw fieldError(
			ctx,
			field,
			`must be a JSON object, got ${quote(parsed)}`,
			'Write a JSON object such as {"key": "value"}.',
		);
	}
	assertSafeKeys(ctx, field, parsed);
	return parsed as IDataObject;
}

export function readJsonArray(
	ctx: ItemContext,
	field: string,
	value: unknown,
): unknown[] | undefined {
	if (isBlank(value) || (typeof value === 'string' && /^\s*\[\s*\]\s*$/.test(value)))
		return undefined;
	const parsed = parseJsonText(ctx, field, value, 'Write a JSON list such as [{"key": "value"}].');
	if (!Array.isArray(parsed))
		throw fieldError(ctx, field, `must be a JSON list, got ${quote(parsed)}`);
	assertSafeKeys(ctx, field, parsed);
	return parsed;
}

function assertSafeKeys(ctx: ItemContext, field: string, value: unknown, depth = 0): void {
	if (depth > 32) throw fieldError(ctx, field, 'is nested too deeply (more than 32 levels)');
	if (Array.isArray(value)) {
		for (const entry of value) assertSafeKeys(ctx, field, entry, depth + 1);
		return;
	}
	if (!value || typeof value !== 'object') return;
	for (const key of Object.keys(value)) {
		if (!isSafeObjectProperty(key))
			throw fieldError(ctx, field, `must not contain the key "${key}"`);
		assertSafeKeys(ctx, field, (value as IDataObject)[key], depth + 1);
	}
}

const ADDITIONAL_BODY = 'Additional Body (JSON)';
/** Room for whole settings objects, far below what would make a request unreasonably large. */
const MAX_ADDITIONAL_BODY_CHARS = 200_000;

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function containsNull(value: unknown): boolean {
	if (value === null) return true;
	if (Array.isArray(value)) return value.some(containsNull);
	if (isPlainObject(value)) return Object.values(value).some(containsNull);
	return false;
}

/**
 * Adds the keys of `extra` that `body` does not have, at any depth (objects merge). A key the body already
 * has with another value is refused: JSON may add what the node has no field for, never overrule a field.
 */
export function addFields(
	ctx: ItemContext,
	field: string,
	body: IDataObject,
	extra: IDataObject,
	path: string[] = [],
): IDataObject {
	const result: IDataObject = { ...body };
	for (const [key, value] of Object.entries(extra)) {
		const where = [...path, key].join('.');
		if (path.length === 0 && key === 'type') {
			throw fieldError(
				ctx,
				field,
				'must not set "type": the operation decides it',
				'Choose the operation (or the Action Type) instead.',
			);
		}
		if (containsNull(value)) {
			throw fieldError(ctx, field, `must not contain null (at "${where}")`, 'Leave the key out.');
		}
		// Own keys only: "toString" or "hasOwnProperty" are new keys, not something the node sends.
		const current = Object.prototype.hasOwnProperty.call(result, key) ? result[key] : undefined;
		if (current === undefined) result[key] = value;
		else if (isPlainObject(current) && isPlainObject(value))
			result[key] = addFields(ctx, field, current, value, [...path, key]);
		else if (JSON.stringify(current) !== JSON.stringify(value)) {
			throw fieldError(
				ctx,
				field,
				`must not change "${where}", which the node already sends from its own field`,
				'Set that value in its own field instead.',
			);
		}
	}
	return result;
}

/**
 * Options → Additional Body (JSON), added last to a request body: for fields ContactSwing documents after
 * this node was written. It adds keys (also inside objects the node sends); it never changes a value the
 * node sends, never sets "type", holds no null, and is at most 200,000 characters.
 */
export function withAdditionalBody(
	ctx: ItemContext,
	additionalBody: unknown,
	body: IDataObject,
): IDataObject {
	const extra = readJsonObject(ctx, ADDITIONAL_BODY, additionalBody);
	if (!extra) return body;
	const size = JSON.stringify(extra).length;
	if (size > MAX_ADDITIONAL_BODY_CHARS) {
		throw fieldError(
			ctx,
			ADDITIONAL_BODY,
			`is too long (${size} characters, at most ${MAX_ADDITIONAL_BODY_CHARS})`,
		);
	}
	return addFields(ctx, ADDITIONAL_BODY, body, extra);
}
