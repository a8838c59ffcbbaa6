import { compact, fieldError } from '../../../shared/input/rules';
import type { ActionType } from './actionType';
import { additionalFields, atVersions, flag, text } from './actionType';

/**
 * Call transfer, type CALL_TRANSFER (page `call-`): hands the call to a phone number. The page's example
 * (12817126508) is digits with the country code, no "+". From node version 3 the number follows the phone
 * rule of every other phone field (E.164 with "+"; a JSON number is refused, never given a country) and is
 * sent in the page's form, without the "+"; versions 1 and 2 send the digits as given.
 */
export const callTransfer: ActionType = {
	type: 'CALL_TRANSFER',
	descriptionRequired: true,
	fields: [
		...atVersions(
			[1, 2],
			[
				{
					...text({
						name: 'transferNumber',
						displayName: 'Transfer To Number',
						description: 'Number the call is transferred to, digits with the country code',
						placeholder: 'e.g. 12817126508',
						required: true,
					}),
					hint: 'Sent as given, also a number from a spreadsheet: include the country code (node version 3 requires a +)',
				},
			],
		),
		...atVersions(
			[{ _cnd: { gte: 3 } }],
			[
				text({
					name: 'transferNumber',
					displayName: 'Transfer To Number',
					description:
						'Number the call is transferred to, in E.164: a plus sign, the country code and the number. Sent as the digits without the plus sign, as the API reference shows it.',
					placeholder: 'e.g. +12817126508',
					required: true,
				}),
			],
		),
		additionalFields([
			flag({
				name: 'extensionEnabled',
				displayName: 'Extension Dialling',
				description: 'Whether the agent may dial an extension after connecting',
			}),
			flag({
				name: 'runBeforeCall',
				displayName: 'Run Before Call',
				description: 'Whether the transfer happens before the conversation starts',
			}),
			text({
				name: 'speech',
				displayName: 'Speech',
				description: 'What the agent says before transferring',
				placeholder: 'e.g. Let me put you through to a colleague',
			}),
		]),
	],
	settings(read) {
		let number: string | undefined;
		if (read.ctx.node.typeVersion >= 3) {
			number = read.e164('transferNumber', { required: true })?.slice(1);
		} else {
			// Versions 1 and 2: digits with the country code, as people type them, "+" optional.
			number = read
				.text('transferNumber', { required: true, trim: true })
				?.replace(/[\s().-]/g, '');
			if (number !== undefined && !/^\+?\d{6,15}$/.test(number)) {
				throw fieldError(
					read.ctx,
					read.label('transferNumber'),
					`must be a phone number, got "${number.slice(0, 30)}"`,
				);
			}
		}
		return {
			phone_number: number,
			webhook: compact({ extension_enabled: read.boolean('additionalFields.extensionEnabled') }),
			speech: read.text('additionalFields.speech'),
			runBeforeCall: read.boolean('additionalFields.runBeforeCall'),
		};
	},
};
