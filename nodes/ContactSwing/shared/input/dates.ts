import type { IDataObject } from 'n8n-workflow';
import { tryToParseDateTime } from 'n8n-workflow';

import type { ItemContext } from './rules';
import { quote, fieldError, readText } from './rules';

const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

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
	const refuse = () => fieldError(ctx, field, `must be a date, got ${quote(text)}`, hint);
	if (!match) throw refuse();
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
	const fields = [year, month, day, hour, minute, second].map(Number);
	const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
	// Date.UTC reads years 0–99 as 1900–1999; four-digit years below 1000 are not what anyone means.
	if (fields[0] < 1000)
		throw fieldError(ctx, field, `must be a date from the year 1000 on, got ${quote(text)}`, hint);
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
	if (zone !== undefined && zone.toUpperCase() !== 'Z') {
		const digits = zone.replace(/[^\d]/g, '');
		// Real offsets lie within ±18:00 (ISO 8601 and every zone database); +99:99 is a typo, not a zone.
		if (
			Number(digits.slice(2)) > 59 ||
			Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)) > 18 * 60
		) {
			throw fieldError(ctx, field, `has an offset outside ±18:00, got ${quote(text)}`, hint);
		}
	}
	// Checked above as ISO 8601 that exists; n8n's own date parsing applies the zone (the workflow's when
	// the text has none, daylight saving included).
	const instant = tryToParseDateTime(text.replace(' ', 'T'), timeZone).toJSDate();
	return instant.toISOString().replace(/\.000Z$/, 'Z');
}
