import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { idLocatorFields } from '../../shared/descriptions';
import { fieldError } from '../../shared/input/rules';
import type { ItemReader } from '../../shared/input/itemReader';

/** The action types the create, update and list pages name: value, name in the editor, what it does. */
export const ACTION_TYPES: Array<[value: string, name: string, description: string]> = [
	['AIRCALL', 'Aircall', 'Hand the call over through Aircall'],
	['APPOINTMENT', 'Appointment Booking', 'Book a meeting in a Google or Outlook calendar'],
	['CALL_TRANSFER', 'Call Transfer', 'Transfer the call to a phone number'],
	['SINGLEDATAEXTRACTION', 'Data Extraction', 'Extract one piece of data from the conversation'],
	['DTMF_ACTION', 'DTMF', 'Keypad tones (listed by the API, no create page)'],
	['SEND_EMAIL', 'Send Email', 'Send an email'],
	['SEND_SMS', 'Send SMS', 'Send a text message'],
	['SEND_WHATSAPP', 'Send WhatsApp', 'Send a WhatsApp template message'],
	['SHOPIFY', 'Shopify', 'Look things up in a Shopify store'],
	['WEBHOOK', 'Webhook / API Call', 'Call an HTTP API'],
];

/** The action types as editor options; `only` keeps the types that have a create page. */
export function actionTypeOptions(only?: (value: string) => boolean): INodePropertyOptions[] {
	return ACTION_TYPES.filter(([value]) => only?.(value) ?? true).map(
		([value, name, description]) => ({
			name,
			value,
			description,
		}),
	);
}

export const actionTimingField: INodeProperties = {
	displayName: 'Action Timing',
	name: 'actionTiming',
	type: 'options',
	options: [
		{ name: 'After the Conversation', value: 'AFTER' },
		{ name: 'Before the Conversation', value: 'BEFORE' },
		{ name: 'During the Conversation', value: 'DURING' },
	],
	default: 'DURING',
	required: true,
	description:
		'When the action may fire. Before and After are for Appointment Booking only (the API reference allows them for no other type).',
};

/**
 * The reference allows BEFORE and AFTER only on appointment booking (page rtb); every other type's page
 * shows DURING. The options stay for every type (saved workflows hold them), and are refused here.
 */
export function checkActionTiming(read: ItemReader, path: string, body: IDataObject): void {
	const timing = body.action_timing;
	if (timing === undefined || timing === 'DURING' || body.type === 'APPOINTMENT') return;
	const type =
		ACTION_TYPES.find(([value]) => value === body.type)?.[1] ?? String(body.type ?? 'unknown');
	throw fieldError(
		read.ctx,
		read.label(path),
		`is ${String(timing).slice(0, 20)}, which ContactSwing allows only for Appointment Booking actions, not for ${type}`,
		'Set Action Timing to During the Conversation.',
	);
}

/** The action to get or update: text in version 1, a resource locator from version 2. */
export const actionIdFields = idLocatorFields('actionId', {
	displayName: 'Action',
	description: 'The action (from Create or Get Many)',
	placeholder: 'e.g. 6f439f98-32f6-4b44-928c-6e890e298d51',
	searchListMethod: 'searchActions',
	what: 'action',
	propertyHint:
		'The action_id output of an earlier ContactSwing action create node, the id of an action from Get Many, or an ID the user gives; never invent one.',
});
