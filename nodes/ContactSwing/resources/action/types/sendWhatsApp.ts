import { compact } from '../../../shared/input/rules';
import type { ActionType } from './actionType';
import { additionalFields, flag, mandatory, text } from './actionType';

/** Send WhatsApp, type SEND_WHATSAPP (page `whatsapp`): a template message; timing upper-case as elsewhere. */
export const sendWhatsApp: ActionType = {
	type: 'SEND_WHATSAPP',
	descriptionRequired: true,
	fields: [
		text({
			name: 'whatsappTo',
			displayName: 'To',
			description: 'Recipient WhatsApp number, digits with the country code',
			placeholder: 'e.g. 12817126508',
			required: true,
		}),
		text({
			name: 'whatsappFrom',
			displayName: 'From (Sender ID)',
			description: 'WhatsApp sender (phone number) ID',
			placeholder: 'e.g. 650175178190170',
			required: true,
		}),
		text({
			name: 'templateName',
			displayName: 'Template Name',
			description: 'Approved WhatsApp message template',
			placeholder: 'e.g. appointment_reminder',
			required: true,
		}),
		additionalFields([
			text({
				name: 'bodyParams',
				displayName: 'Body Parameters',
				description: 'Template body parameters, comma-separated or a list',
			}),
			text({
				name: 'buttonParams',
				displayName: 'Button Parameters',
				description: 'Template button parameters, comma-separated or a list',
			}),
			text({
				name: 'headerParams',
				displayName: 'Header Parameters',
				description: 'Template header parameters, comma-separated or a list',
			}),
			flag({
				name: 'isActive',
				displayName: 'Active',
				description: 'Whether the action is active',
			}),
			text({
				name: 'languageCode',
				displayName: 'Language Code',
				description: 'Template language',
				placeholder: 'e.g. en',
			}),
			{ ...mandatory },
			text({
				name: 'overridePhoneNumber',
				displayName: 'Phone Number Override',
				description: 'Sends from this number instead',
			}),
		]),
	],
	settings(read) {
		return {
			is_active: read.boolean('additionalFields.isActive'),
			phone_number: read.text('additionalFields.overridePhoneNumber', { trim: true }),
			webhook: compact({
				to: read.text('whatsappTo', { required: true, trim: true }),
				from: read.text('whatsappFrom', { required: true, trim: true }),
				template_name: read.text('templateName', { required: true, trim: true }),
				body_params: read.optionalTextList('additionalFields.bodyParams'),
				header_params: read.optionalTextList('additionalFields.headerParams'),
				button_params: read.optionalTextList('additionalFields.buttonParams'),
				language_code: read.text('additionalFields.languageCode', { trim: true }),
				mandatory: read.boolean('additionalFields.mandatory'),
			}),
		};
	},
};
