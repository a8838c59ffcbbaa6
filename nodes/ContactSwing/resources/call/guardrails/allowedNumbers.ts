import type { ItemReader } from '../../../shared/input/itemReader';
import { describe, fieldError } from '../../../shared/input/rules';
import { refusal } from './refusal';

/**
 * Allowed Numbers. From node version 3 an entry is one number exactly ("+13465507166"), or every number
 * that starts with it when it ends in "*" ("+1346*"): a listed number means that number, not also the
 * longer ones that start with it (German numbers vary in length; "+4930123456" must not allow
 * "+493012345678"). Versions 1 and 2 keep what they did: every entry is a prefix ("*" optional).
 */

/** An E.164 number or the start of one: "+", a country code's first digit, up to 15 digits in all. */
const E164_PREFIX = /^\+[1-9]\d{0,14}$/;
/** A whole E.164 number, as Phone Number requires it. */
const E164 = /^\+[1-9]\d{6,14}$/;

export interface AllowedEntry {
	/** The number or prefix, normalised ("+1346"). */
	digits: string;
	/** Whether every number starting with it is allowed, not only the number itself. */
	prefix: boolean;
}

/** The list, each entry normalised as Phone Number is: spaces, dashes, dots and brackets removed. */
export function readAllowedNumbers(read: ItemReader): AllowedEntry[] {
	const label = read.label('options.allowedNumbers');
	const exact = read.ctx.node.typeVersion >= 3;
	return read.textList('options.allowedNumbers').map((entry, position) => {
		const compact = entry.replace(/[\s().-]/g, '');
		const starred = compact.endsWith('*');
		const digits = starred ? compact.slice(0, -1) : compact;
		const name = `${label} (entry ${position + 1})`;
		if (!E164_PREFIX.test(digits)) {
			throw fieldError(
				read.ctx,
				name,
				exact
					? `must be an E.164 number, or a prefix ending in *, got ${describe(entry)}`
					: `must be an E.164 number or prefix, got ${describe(entry)}`,
				exact
					? 'Start each entry with a plus sign and the country code, e.g. +13465507166, or +1346* for every number that starts with +1346.'
					: 'Start each entry with a plus sign and the country code, e.g. +1346 or +44 20.',
			);
		}
		if (exact && !starred && !E164.test(digits)) {
			throw fieldError(
				read.ctx,
				name,
				`is too short to be a phone number: ${describe(entry)}`,
				`An entry without * allows that one number only. Write ${digits}* to allow every number that starts with ${digits}.`,
			);
		}
		return { digits, prefix: starred || !exact };
	});
}

export function checkAllowedNumbers(read: ItemReader, phone: string): void {
	const allowed = readAllowedNumbers(read);
	const exact = read.ctx.node.typeVersion >= 3;
	if (allowed.some(({ digits, prefix }) => (prefix ? phone.startsWith(digits) : phone === digits)))
		return;
	const label = read.label('options.allowedNumbers');
	const shown = allowed.map(({ digits, prefix }) => (exact && prefix ? `${digits}*` : digits));
	const list = shown.length > 0 ? ` (${shown.join(', ')})` : ' (empty)';
	throw refusal(
		read,
		`${label} refused the call to ${phone}: it is not in the list${list}; nothing was sent`,
		allowed.length === 0
			? `${label} is empty, so no number may be called. Add numbers or prefixes, or remove the option.`
			: exact
				? `Add the number, or a prefix of it ending in *, to Options → ${label} to allow it.`
				: `Add the number, or a prefix of it, to Options → ${label} to allow it.`,
	);
}
