import type { INodeProperties } from 'n8n-workflow';

import { compact } from '../../../shared/input/rules';
import type { ItemReader } from '../../../shared/input/itemReader';
import type { ActionType } from './actionType';
import { additionalFields, atVersions, flag, mandatory, text } from './actionType';

/**
 * Send WhatsApp, type SEND_WHATSAPP (page `whatsapp`): a template message; timing upper-case as elsewhere.
 * The page's webhook.to example (12817126508) is digits with the country code, no "+". From node version 3
 * To and Phone Number Override follow the phone rule of every other phone field (E.164 with "+"; a JSON
 * number is refused, never given a country) and are sent in the page's form, without the "+"; versions 1
 * and 2 send them as given.
 */

const V3 = [{ _cnd: { gte: 3 } }];
const AS_GIVEN_HINT =
	'Sent as given, also a number from a spreadsheet: include the country code (node version 3 requires a +)';
const E164_DESCRIPTION =
	'in E.164: a plus sign, the country code and the number. Sent as the digits without the plus sign, as the API reference shows it.';

/** A phone field of this type: as given in versions 1 and 2, under the phone rule from version 3. */
function phoneField(
	name: string,
	displayName: string,
	what: string,
	required: boolean,
	placeholder?: string,
): INodeProperties[] {
	return [
		...atVersions(
			[1, 2],
			[
				{
					...text({ name, displayName, description: what, placeholder, required }),
					hint: AS_GIVEN_HINT,
				},
			],
		),
		...atVersions(V3, [
			text({
				name,
				displayName,
				description: `${what}, ${E164_DESCRIPTION}`,
				placeholder: 'e.g. +12817126508',
				required,
			}),
		]),
	];
}

/** A phone field's value as sent: from version 3 the phone rule, digits without "+"; before, as given. */
function phone(read: ItemReader, path: string, required: boolean): string | undefined {
	if (read.ctx.node.typeVersion >= 3) return read.e164(path, { required })?.slice(1);
	return read.text(path, { required, trim: true });
}

export const sendWhatsApp: ActionType = {
	type: 'SEND_WHATSAPP',
	descriptionRequired: true,
	fields: [
		...phoneField(
			'whatsappTo',
			'To',
			'Recipient WhatsApp number, digits with the country code',
			true,
			'e.g. 12817126508',
		),
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
			...phoneField(
				'overridePhoneNumber',
				'Phone Number Override',
				'Sends from this number instead',
				false,
			),
		]),
	],
	settings(read, update) {
		return {
			// Update Action has its own Active field.
			is_active: update ? undefined : read.boolean('additionalFields.isActive'),
			phone_number: phone(read, 'additionalFields.overridePhoneNumber', false),
			webhook: compact({
				to: phone(read, 'whatsappTo', true),
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
