import type { IDataObject } from 'n8n-workflow';

import type { ItemContext } from './fields';
import { describe, fieldError, readText } from './fields';

const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Minutes that `timeZone` is ahead of UTC at the instant `utcMs`. */
export function zoneOffsetMinutes(utcMs: number, timeZone: string): number {
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
