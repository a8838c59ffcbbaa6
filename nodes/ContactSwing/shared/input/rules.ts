import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { itemSuffix } from '../itemSuffix';

// Reading and coercing one item's parameter values.
//
// Values arrive from the UI or from expressions over whatever the previous node produced, so every reader
// accepts the forms whose meaning is clear ("134" for 134, "a, b" for a list) and refuses the rest with a
// message that names the field and the item. The rules are listed in docs/operations.md ("Input rules").

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
	return new NodeOperationError(ctx.node, `${field} ${problem}${itemSuffix(ctx.itemIndex)}`, {
		itemIndex: ctx.itemIndex,
		description: hint,
	});
}

/** A value as a message quotes it: text in quotes, a number or boolean as written, an object or list by kind. */
export function quote(value: unknown): string {
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
		throw fieldError(ctx, field, `must be text, got ${quote(value)}`, 'Map a single text value.');
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
			`is not an ID: ${quote(id)}`,
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
		throw fieldError(ctx, field, `must be ${expected}, got ${quote(value)}`);
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
	throw fieldError(ctx, field, `must be a list, got ${quote(value)}`, 'Use a list or a, b, c.');
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
	const howToMap =
		'Use a plus sign, the country code and the number, e.g. +13465507166. For digits without a country code from a spreadsheet or CRM, put the code in front in the expression: +1{{ $json.phone }}.';
	// A JSON number (a spreadsheet or CSV column) says nothing about its country: never guess by adding "+".
	if (typeof value === 'number' || typeof value === 'bigint') {
		throw fieldError(
			ctx,
			field,
			`must be a phone number in E.164 format, got the number ${String(value).slice(0, 40)} (no plus sign, so no country code)`,
			howToMap,
		);
	}
	const text = readText(ctx, field, value, { required: rules.required, trim: true });
	if (text === undefined) return undefined;
	const compact = text.replace(/[\s().-]/g, '');
	if (!E164.test(compact)) {
		throw fieldError(
			ctx,
			field,
			`must be a phone number in E.164 format, got ${quote(text)}`,
			howToMap,
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
	throw fieldError(ctx, field, `must be true or false, got ${quote(value)}`);
}

/**
 * Leaves out the entries that are undefined (an optional field left unset) or an empty object (a group none
 * of whose fields was set). It keeps "" and null as they are: the readers return undefined for an unset
 * field, so an unset field is never sent.
 */
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
