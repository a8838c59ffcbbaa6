import type { ItemReader } from '../../../shared/input/itemReader';
import { describe, fieldError } from '../../../shared/input/rules';
import { refusal } from './refusal';

/** An E.164 number or the start of one: "+", a country code's first digit, up to 15 digits in all. */
const E164_PREFIX = /^\+[1-9]\d{0,14}$/;

/** The list, each entry normalised as Phone Number is: spaces, dashes, dots and brackets removed. */
export function readAllowedNumbers(read: ItemReader): string[] {
	const label = read.label('options.allowedNumbers');
	return read.textList('options.allowedNumbers').map((entry, position) => {
		const compact = entry.replace(/[\s().-]/g, '');
		if (!E164_PREFIX.test(compact)) {
			throw fieldError(
				read.ctx,
				`${label} (entry ${position + 1})`,
				`must be an E.164 number or prefix, got ${describe(entry)}`,
				'Start each entry with a plus sign and the country code, e.g. +1346 or +44 20.',
			);
		}
		return compact;
	});
}

export function checkAllowedNumbers(read: ItemReader, phone: string): void {
	const allowed = readAllowedNumbers(read);
	if (allowed.some((prefix) => phone.startsWith(prefix))) return;
	const label = read.label('options.allowedNumbers');
	const list = allowed.length > 0 ? ` (${allowed.join(', ')})` : ' (empty)';
	throw refusal(
		read,
		`${label} refused the call to ${phone}: it is not in the list${list}; nothing was sent`,
		allowed.length > 0
			? `Add the number, or a prefix of it, to Options → ${label} to allow it.`
			: `${label} is empty, so no number may be called. Add numbers or prefixes, or remove the option.`,
	);
}
