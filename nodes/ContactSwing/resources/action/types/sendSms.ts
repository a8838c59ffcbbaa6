import { compact, fieldError } from '../../../shared/input/rules';
import type { ActionType } from './actionType';
import { additionalFields, mandatory, text } from './actionType';

/** Send SMS, type SEND_SMS (page `sms`): sms.to.value is required; the schema's doubled `value` is an artefact. */
export const sendSms: ActionType = {
	type: 'SEND_SMS',
	descriptionRequired: true,
	fields: [
		{
			...text({
				name: 'smsTo',
				displayName: 'To',
				description: 'Recipient numbers in E.164, comma-separated',
				placeholder: 'e.g. +13465507166',
				required: true,
			}),
			builderHint: {
				propertyHint:
					'Numbers the action texts when an agent fires it, in E.164 with + and country code (e.g. +13465507166), comma-separated.',
			},
		},
		additionalFields([
			text({
				name: 'smsCc',
				displayName: 'CC',
				description: 'Numbers that get a copy, E.164, comma-separated',
			}),
			text({
				name: 'smsFrom',
				displayName: 'From',
				description: 'Sending number in E.164',
				placeholder: 'e.g. +13465507166',
			}),
			{ ...mandatory },
			text({
				name: 'smsBody',
				displayName: 'Message',
				description: 'Text of the message',
				placeholder: 'e.g. Here is the link we talked about',
			}),
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				options: [{ name: 'Twilio', value: 'TWILIO' }],
				default: 'TWILIO',
				description:
					"SMS provider. Twilio is the only one ContactSwing's API reference documents; another can be given by expression.",
			},
			text({
				name: 'responseMessageContext',
				displayName: 'Response Message',
				description: 'What the agent says after sending',
				placeholder: 'e.g. I’ve just sent you a text message',
			}),
		]),
	],
	settings(read, update) {
		// Update Action takes the recipients from its own SMS Recipients field.
		const to = update ? [] : read.e164List('smsTo');
		if (to.length === 0 && !update) {
			throw fieldError(read.ctx, read.label('smsTo'), 'is required', 'Enter at least one number.');
		}
		const cc = read.e164List('additionalFields.smsCc');
		return {
			webhook: compact({ mandatory: read.boolean('additionalFields.mandatory') }),
			sms: compact({
				to: to.length > 0 ? { value: to } : undefined,
				provider: read.text('additionalFields.provider', { trim: true }),
				from: read.e164('additionalFields.smsFrom'),
				cc: cc.length > 0 ? cc : undefined,
				body: compact({ value: read.text('additionalFields.smsBody') }),
				response_message_context: read.text('additionalFields.responseMessageContext'),
			}),
		};
	},
};
