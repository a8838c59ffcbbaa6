import { compact, fieldError } from '../../../shared/input/rules';
import type { ActionType } from './actionType';
import { additionalFields, flag, text } from './actionType';

/** Call transfer, type CALL_TRANSFER (page `call-`): hands the call to a phone number. */
export const callTransfer: ActionType = {
	type: 'CALL_TRANSFER',
	descriptionRequired: true,
	fields: [
		text(
			'transferNumber',
			'Transfer To Number',
			'Number the call is transferred to, digits with the country code',
			'e.g. 12817126508',
			true,
		),
		additionalFields([
			flag(
				'extensionEnabled',
				'Extension Dialling',
				'Whether the agent may dial an extension after connecting',
			),
			flag(
				'runBeforeCall',
				'Run Before Call',
				'Whether the transfer happens before the conversation starts',
			),
			text(
				'speech',
				'Speech',
				'What the agent says before transferring',
				'e.g. Let me put you through to a colleague',
			),
		]),
	],
	settings(read) {
		// The page's example has no "+": digits with the country code, as people type them.
		const number = (read.text('transferNumber', { required: true, trim: true }) as string).replace(
			/[\s().-]/g,
			'',
		);
		if (!/^\+?\d{6,15}$/.test(number)) {
			throw fieldError(
				read.ctx,
				read.label('transferNumber'),
				`must be a phone number, got "${number.slice(0, 30)}"`,
			);
		}
		return {
			phone_number: number,
			webhook: compact({ extension_enabled: read.boolean('additionalFields.extensionEnabled') }),
			speech: read.text('additionalFields.speech'),
			runBeforeCall: read.boolean('additionalFields.runBeforeCall'),
		};
	},
};
