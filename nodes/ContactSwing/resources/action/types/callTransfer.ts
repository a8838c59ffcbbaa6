import { compact, fieldError } from '../../../shared/input/rules';
import type { ActionType } from './actionType';
import { additionalFields, flag, text } from './actionType';

/** Call transfer, type CALL_TRANSFER (page `call-`): hands the call to a phone number. */
export const callTransfer: ActionType = {
	type: 'CALL_TRANSFER',
	descriptionRequired: true,
	fields: [
		text({
			name: 'transferNumber',
			displayName: 'Transfer To Number',
			description: 'Number the call is transferred to, digits with the country code',
			placeholder: 'e.g. 12817126508',
			required: true,
		}),
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
