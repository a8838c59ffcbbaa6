import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Reading and coercing one item's parameter values.
 *
 * Values arrive from the UI or from expressions over whatever the previous node produced, so every reader
 * accepts the forms whose meaning is clear ("134" for 134, "a, b" for a list) and refuses the rest with a
 * message that names the field and the item. The rules are listed in the README under "Input rules".
 */

export interface ItemContext {
	node: INode;
	itemIndex: number;
}

export function fieldError(
	ctx: ItemContext,
	field: string,
	problem: string,
	hint?: string,
): NodeOperationError {
	return new NodeOperationError(ctx.node, `${field} ${problem} [item ${ctx.itemIndex}]`, {
		itemIndex: ctx.itemIndex,
		description: hint,
	});
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
	return String(value);
}

export function isBlank(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

interface TextRules {
	required?: boolean;
	/** Single-line values (names, IDs) are trimmed; long texts pass unchanged, byte for byte. */
	trim?: boolean;
	maxLength?: number;
}

export function readText(
	ctx: ItemContext,
	field: string,
	value: unknown,
	rules: TextRules = {},
): string | undefined {
	if (isBlank(value)) {
		if (rules.required) throw fieldError(ctx, field, 'is required', `Enter a value for ${field}.`);
		return undefined;
	}
	if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
	if (typeof value !== 'string') {
		throw fieldError(
			ctx,
			field,
			`must be text, got ${describe(value)}`,
			'Map a single text value.',
		);
	}
	const text = rules.trim ? value.trim() : value;
	if (rules.maxLength !== undefined && text.length > rules.maxLength) {
		throw fieldError(
			ctx,
			field,
			`is too long (${text.length} characters, at most ${rules.maxLength})`,
			'Shorten the text.',
		);
	}
	return text;
}

/**
 * An ID typed or mapped into a required ID field: trimmed text. IDs go into request paths, so anything that
 * would change the path once sent (".", "..", "/", "\\", "?", "#", control characters) is refused rather
 * than sent to another endpoint.
 */
export function readId(ctx: ItemContext, field: string, value: unknown): string {
	const id = readText(ctx, field, value, { required: true, trim: true }) as string;
	const hasControl = [...id].some(
		(char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f,
	);
	if (id === '.' || id === '..' || /[/\\?#]/.test(id) || hasControl) {
		throw fieldError(
			ctx,
			field,
			`is not an ID: ${describe(id)}`,
			'IDs have no slashes, "?", "#" or control characters, and are not "." or "..". Copy the ID from ContactSwing.',
		);
	}
	return id;
}

interface IntegerRules {
	required?: boolean;
	min?: number;
	max?: number;
}

/** Integers may come as numbers or as digit strings ("134"); anything else is refused. */
export function readInteger(
	ctx: ItemContext,
	field: string,
	value: unknown,
	rules: IntegerRules = {},
): number | undefined {
	if (isBlank(value)) {
		if (rules.required) throw fieldError(ctx, field, 'is required', `Enter a value for ${field}.`);
		return undefined;
	}
	const min = rules.min ?? 0;
	let number: number = NaN;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && /^\s*[+-]?\d+(\.0+)?\s*$/.test(value))
		number = Number(value);
	const expected = min > 0 ? 'a whole number of at least ' + min : 'a whole number, 0 or more';
	if (!Number.isSafeInteger(number) || number < min) {
		throw fieldError(ctx, field, `must be ${expected}, got ${describe(value)}`);
	}
	if (rules.max !== undefined && number > rules.max) {
		throw fieldError(ctx, field, `must be at most ${rules.max}, got ${number}`);
	}
	return number;
}

/** Lists may come as an array or as text separated by commas, semicolons or new lines. */
export function readList(ctx: ItemContext, field: string, value: unknown): unknown[] {
	if (isBlank(value)) return [];
	if (Array.isArray(value)) return value.filter((entry) => !isBlank(entry));
	if (typeof value === 'string') {
		const trimmed = value.trim();
		// A JSON array pasted as text, e.g. from a webhook field holding '["a","b"]'.
		if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
			try {
				const parsed: unknown = JSON.parse(trimmed);
				if (Array.isArray(parsed)) return parsed.filter((entry) => !isBlank(entry));
			} catch {
				throw fieldError(
					ctx,
					field,
					'looks like a JSON list but does not parse',
					'Use ["a", "b"] or a, b.',
				);
			}
		}
		return trimmed
			.split(/[,;\n]/)
			.map((entry) => entry.trim())
			.filter((entry) => entry !== '');
	}
	if (typeof value === 'number') return [value];
	throw fieldError(ctx, field, `must be a list, got ${describe(value)}`, 'Use a list or a, b, c.');
}

export function readIntegerList(
	ctx: ItemContext,
	field: string,
	value: unknown,
	rules: IntegerRules = {},
): number[] {
	const list = readList(ctx, field, value);
	if (rules.required && list.length === 0) {
		throw fieldError(ctx, field, 'is required', `Enter at least one value for ${field}.`);
	}
	return list.map(
		(entry, position) =>
			readInteger(ctx, `${field} (entry ${position + 1})`, entry, {
				min: rules.min,
				required: true,
			}) as number,
	);
}

export function readTextList(ctx: ItemContext, field: string, value: unknown): string[] {
	return readList(ctx, field, value).map(
		(entry, position) =>
			readText(ctx, `${field} (entry ${position + 1})`, entry, {
				required: true,
				trim: true,
			}) as string,
	);
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** Phone numbers in E.164; spaces, dashes, dots and brackets that people type are removed first. */
export function readE164(
	ctx: ItemContext,
	field: string,
	value: unknown,
	rules: { required?: boolean } = {},
): string | undefined {
	const text = readText(ctx, field, typeof value === 'number' ? `+${value}` : value, {
		required: rules.required,
		trim: true,
	});
	if (text === undefined) return undefined;
	const compact = text.replace(/[\s().-]/g, '');
	if (!E164.test(compact)) {
		throw fieldError(
			ctx,
			field,
			`must be a phone number in E.164 format, got ${describe(text)}`,
			'Use a plus sign, the country code and the number, e.g. +13465507166.',
		);
	}
	return compact;
}

export function readBoolean(ctx: ItemContext, field: string, value: unknown): boolean | undefined {
	if (isBlank(value)) return undefined;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string') {
		const lowered = value.trim().toLowerCase();
		if (lowered === 'true') return true;
		if (lowered === 'false') return false;
	}
	throw fieldError(ctx, field, `must be true or false, got ${describe(value)}`);
}

/** Copies only the entries that have a value, so unset optional fields are never sent as "" or null. */
export function compact<T extends IDataObject>(object: T): T {
	const result = {} as IDataObject;
	for (const [key, value] of Object.entries(object)) {
		if (value === undefined) continue;
		if (
			typeof value === 'object' &&
			value !== null &&
			!Array.isArray(value) &&
			Object.keys(value).length === 0
		) {
			continue;
		}
		result[key] = value;
	}
	return result as T;
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Text from a JSON field parsed; a value an expression already made an object or list passes as is. */
function parseJsonText(ctx: ItemContext, field: string, value: unknown, example: string): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch (error) {
		throw fieldError(ctx, field, `is not valid JSON: ${(error as Error).message}`, example);
	}
}

/**
 * A JSON object from a JSON field or an expression. Invalid JSON names the field and where it broke;
 * __proto__, constructor and prototype keys are refused so nothing can reach an object's prototype.
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
			`must be a JSON object, got ${describe(parsed)}`,
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
		throw fieldError(ctx, field, `must be a JSON list, got ${describe(parsed)}`);
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
		if (UNSAFE_KEYS.has(key)) throw fieldError(ctx, field, `must not contain the key "${key}"`);
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
		const current = result[key];
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
	options: IDataObject,
	body: IDataObject,
): IDataObject {
	const extra = readJsonObject(ctx, ADDITIONAL_BODY, options.additionalBody);
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

const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Minutes that `timeZone` is ahead of UTC at the instant `utcMs`. */
function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMs));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second'),
	);
	return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/**
 * A date or date-time in ISO 8601 (what n8n's date picker and `$now.toISO()` produce), as UTC text
 * (2026-12-31T23:59:59Z). Without a zone it is read in `timeZone`, the workflow's; a date alone means the
 * start of that day. Anything else ("7", 90, "next week") is refused rather than guessed.
 */
export function readIsoDateTime(
	ctx: ItemContext,
	field: string,
	value: unknown,
	timeZone: string,
): string | undefined {
	// A Luxon DateTime or a JS Date from an expression carries its own zone.
	if (value instanceof Date) value = value.toISOString();
	else if (value && typeof value === 'object' && typeof (value as IDataObject).toISO === 'function')
		value = (value as { toISO: () => string }).toISO();
	const hint = 'Use ISO 8601, e.g. 2026-12-31 or 2026-12-31T23:59:59Z.';
	if (typeof value === 'number') throw fieldError(ctx, field, `must be a date, got ${value}`, hint);
	const text = readText(ctx, field, value, { trim: true });
	if (text === undefined) return undefined;
	const match = ISO_DATE_TIME.exec(text);
	const refuse = () => fieldError(ctx, field, `must be a date, got ${describe(text)}`, hint);
	if (!match) throw refuse();
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
	const fields = [year, month, day, hour, minute, second].map(Number);
	const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
	const local = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5], ms);
	const check = new Date(local);
	// Date.UTC rolls 2026-02-31 over into March: a date that does not exist is refused.
	if (
		check.getUTCMonth() !== fields[1] - 1 ||
		check.getUTCDate() !== fields[2] ||
		fields[3] > 23 ||
		fields[4] > 59 ||
		fields[5] > 59
	)
		throw refuse();
	let utc: number;
	if (zone === undefined) {
		// The offset at the guessed instant, then again at the corrected one (a DST change in between).
		let offset = zoneOffsetMinutes(local, timeZone);
		offset = zoneOffsetMinutes(local - offset * 60_000, timeZone);
		utc = local - offset * 60_000;
	} else if (zone.toUpperCase() === 'Z') {
		utc = local;
	} else {
		const sign = zone.startsWith('-') ? -1 : 1;
		const digits = zone.replace(/[^\d]/g, '');
		utc = local - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
	}
	return new Date(utc).toISOString().replace(/\.000Z$/, 'Z');
}
