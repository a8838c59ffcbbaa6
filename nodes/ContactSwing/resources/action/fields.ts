import type { INodeProperties } from 'n8n-workflow';

import { idLocatorFields } from '../../shared/descriptions';

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
	description: 'When the action may fire',
};

/** The action to get or update: text in version 1, a resource locator from version 2. */
export const actionIdFields = idLocatorFields('actionId', {
	displayName: 'Action',
	description: 'The action (from Create or Get Many)',
	placeholder: 'e.g. 6f439f98-32f6-4b44-928c-6e890e298d51',
	searchListMethod: 'searchActions',
	what: 'action',
});
