import { compact } from '../../../shared/input/rules';
import type { ActionType } from './actionType';
import { additionalFields, flag, mandatory, text } from './actionType';

/** Send WhatsApp, type SEND_WHATSAPP (page `whatsapp`): a template message; timing upper-case as elsewhere. */
export const sendWhatsApp: ActionType = {
	type: 'SEND_WHATSAPP',
	descriptionRequired: true,
	fields: [
		text(
			'whatsappTo',
			'To',
			'Recipient WhatsApp number, digits with the country code',
			'e.g. 12817126508',
			true,
		),
		text(
			'whatsappFrom',
			'From (Sender ID)',
			'WhatsApp sender (phone number) ID',
			'e.g. 650175178190170',
			true,
		),
		text(
			'templateName',
			'Template Name',
			'Approved WhatsApp message template',
			'e.g. appointment_reminder',
			true,
		),
		additionalFields([
			text('bodyParams', 'Body Parameters', 'Template body parameters, comma-separated or a list'),
			text(
				'buttonParams',
				'Button Parameters',
				'Template button parameters, comma-separated or a list',
			),
			text(
				'headerParams',
				'Header Parameters',
				'Template header parameters, comma-separated or a list',
			),
			flag('isActive', 'Active', 'Whether the action is active'),
			text('languageCode', 'Language Code', 'Template language', 'e.g. en'),
			{ ...mandatory },
			text('overridePhoneNumber', 'Phone Number Override', 'Sends from this number instead'),
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
