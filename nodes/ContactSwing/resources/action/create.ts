import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import type { ItemContext } from '../../shared/fields';
import {
	compact,
	fieldError,
	isBlank,
	readBoolean,
	readE164,
	readInteger,
	readJsonObject,
	readText,
	readTextList,
	withAdditionalBody,
} from '../../shared/fields';
import { sendOne } from '../../shared/output';
import type { ApiRequest } from '../../shared/transport';
import { itemParameters, showFor } from '../../shared/utils';
import { ACTION_TYPES, actionTimingField } from './fields';

/**
 * Create Action: POST /v2/_actions (API reference §5.1–5.2). One operation with an Action Type; each
 * type's settings are spelled exactly as its page spells them (run_before_call vs runBeforeCall,
 * send_static_contect with its typo) and action_timing is sent upper-case (§10-9).
 */

type Field = INodeProperties;
const forTypes = (types: string[], fields: Field[]): Field[] =>
	fields.map((field) => ({ ...field, displayOptions: { show: { actionType: types } } }));

/** Shows fields only in some versions of the node (for fields whose default changed with a version). */
const atVersions = (
	versions: Array<number | { _cnd: { gte: number } }>,
	fields: Field[],
): Field[] =>
	fields.map((field) => ({
		...field,
		displayOptions: { show: { ...field.displayOptions?.show, '@version': versions } },
	}));

const text = (
	name: string,
	displayName: string,
	description: string,
	placeholder = '',
	required = false,
): Field => ({
	displayName,
	name,
	type: 'string',
	default: '',
	required,
	placeholder,
	description,
});

const flag = (name: string, displayName: string, description: string): Field => ({
	displayName,
	name,
	type: 'boolean',
	default: false,
	description,
});

const additionalFields = (options: Field[]): Field => ({
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options,
});

const mandatory = flag(
	'mandatory',
	'Confirm Before Running',
	'Whether the agent must get the contact’s confirmation before firing the action (sent as mandatory)',
);

/** Descriptions are required on most types; Shopify, Aircall and data extraction treat them as optional. */
const TYPES_WITH_REQUIRED_DESCRIPTION = [
	'WEBHOOK',
	'CALL_TRANSFER',
	'SEND_EMAIL',
	'APPOINTMENT',
	'SEND_SMS',
	'SEND_WHATSAPP',
];

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const properties: Field[] = [
	{
		displayName: 'Action Type',
		name: 'actionType',
		type: 'options',
		noDataExpression: true,
		options: ACTION_TYPES.filter(([value]) => value !== 'DTMF_ACTION').map(
			([value, name, description]) => ({ name, value, description }),
		),
		default: 'WEBHOOK',
		description: 'What the agent does when the action fires',
	},
	text('name', 'Name', 'Name of the action in ContactSwing', 'e.g. Book a demo', true),
	{
		...text(
			'description',
			'Description',
			'Tells the agent when to fire the action',
			'e.g. Use when the caller wants to book a demo',
			true,
		),
		displayOptions: { show: { actionType: TYPES_WITH_REQUIRED_DESCRIPTION } },
	},
	actionTimingField,
	// API / webhook
	...forTypes(
		['WEBHOOK'],
		[
			text('url', 'URL', 'Address the action calls', 'e.g. https://api.example.com/leads', true),
			{
				displayName: 'Method',
				name: 'method',
				type: 'options',
				options: ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((m) => ({ name: m, value: m })),
				default: 'POST',
				required: true,
				description: 'HTTP method of the call',
			},
		],
	),
	// Call transfer
	...forTypes(
		['CALL_TRANSFER'],
		[
			text(
				'transferNumber',
				'Transfer To Number',
				'Number the call is transferred to, digits with the country code',
				'e.g. 12817126508',
				true,
			),
		],
	),
	// E-mail
	...forTypes(
		['SEND_EMAIL'],
		[text('emailTo', 'To', 'Recipient addresses, comma-separated', 'e.g. sales@example.com', true)],
	),
	// Appointment booking
	...forTypes(
		['APPOINTMENT'],
		[
			text(
				'calendarEmail',
				'Calendar E-Mail',
				'E-mail of the calendar account bookings go to',
				'e.g. name@email.com',
				true,
			),
			{
				displayName: 'Calendar Provider',
				name: 'calendarType',
				type: 'options',
				options: [
					{ name: 'Google', value: 'google' },
					{ name: 'Outlook', value: 'outlook' },
				],
				default: 'google',
				required: true,
				description: 'Where the calendar lives',
			},
			text(
				'userId',
				'ContactSwing User ID',
				'UUID of the ContactSwing user who owns the calendar',
				'e.g. 4808cc67-194e-4dfc-97ad-146ddf3d4126',
				true,
			),
		],
	),
	// Shopify
	...forTypes(
		['SHOPIFY'],
		[
			text(
				'shopifyType',
				'Shopify Action',
				'Which Shopify action to run',
				'e.g. contactswing_shopify_search',
				true,
			),
		],
	),
	// Aircall. Version 1 offered the IDs as numbers that started at 0, so they looked filled in and were
	// refused at run time; from version 2 they start empty.
	...atVersions(
		[1],
		forTypes(
			['AIRCALL'],
			[
				{
					displayName: 'From Number ID',
					name: 'aircallFrom',
					type: 'number',
					default: 0,
					required: true,
					description: 'Aircall number ID calls come from, e.g. 1768408427',
				},
				{
					displayName: 'To Number ID',
					name: 'aircallTo',
					type: 'number',
					default: 0,
					required: true,
					description: 'Aircall number ID or user the call goes to',
				},
			],
		),
	),
	...atVersions(
		[{ _cnd: { gte: 2 } }],
		forTypes(
			['AIRCALL'],
			[
				text(
					'aircallFrom',
					'From Number ID',
					'Aircall number ID calls come from (a whole number)',
					'e.g. 1768408427',
					true,
				),
				text(
					'aircallTo',
					'To Number ID',
					'Aircall number ID or user the call goes to (a whole number)',
					'e.g. 1768408428',
					true,
				),
			],
		),
	),
	// SMS
	...forTypes(
		['SEND_SMS'],
		[text('smsTo', 'To', 'Recipient numbers in E.164, comma-separated', 'e.g. +13465507166', true)],
	),
	// WhatsApp
	...forTypes(
		['SEND_WHATSAPP'],
		[
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
		],
	),
	...forTypes(
		['SHOPIFY', 'AIRCALL', 'SINGLEDATAEXTRACTION'],
		[
			additionalFields([
				{ ...mandatory },
				text(
					'optionalDescription',
					'Description',
					'Tells the agent when to fire the action (optional for this type)',
				),
			]),
		],
	),
	...forTypes(
		['WEBHOOK'],
		[
			additionalFields([
				{
					displayName: 'Body Parameters',
					name: 'bodyParameters',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					default: {},
					placeholder: 'Add Parameter',
					description: 'Values sent in the call’s body, as webhook.body',
					options: [
						{
							displayName: 'Parameter',
							name: 'parameter',
							values: [
								{
									displayName: 'Kind',
									name: 'type',
									type: 'options',
									options: [
										{ name: 'Static', value: 'static' },
										{ name: 'Dynamic', value: 'dynamic' },
									],
									default: 'static',
								},
								{
									displayName: 'Data',
									name: 'data',
									type: 'string',
									default: '',
									placeholder: 'e.g. info',
								},
							],
						},
					],
				},
				{ ...mandatory },
				{
					displayName: 'Headers (JSON)',
					name: 'headers',
					type: 'json',
					default: '{}',
					description: 'Headers of the call as a JSON object, e.g. {"X-Api-Key": "abc123"}',
				},
				text(
					'requiredFields',
					'Required Fields',
					'Field names the agent must collect first, comma-separated',
					'e.g. email, company',
				),
				text(
					'responsePrompt',
					'Response Prompt',
					'How the agent should use the response',
					'e.g. Read the order status to the caller',
				),
				flag(
					'runBeforeCall',
					'Run Before Call',
					'Whether the action runs before the conversation starts',
				),
				text('staticBody', 'Static Body', 'A fixed payload sent as the body'),
				text('webhookType', 'Webhook Kind', 'Sent as webhook.type', 'e.g. static'),
			]),
		],
	),
	...forTypes(
		['CALL_TRANSFER'],
		[
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
	),
	...forTypes(
		['SINGLEDATAEXTRACTION'],
		[
			{
				displayName: 'Data Field',
				name: 'extraction',
				type: 'collection',
				placeholder: 'Add Setting',
				default: {},
				description: 'What to extract from the conversation and where to store it',
				options: [
					text('answerType', 'Answer Type', 'Kind of answer to extract', 'e.g. yes/no'),
					text(
						'fieldDescription',
						'Field Description',
						'What the field means',
						'e.g. user interested on buying the product',
					),
					text('fieldName', 'Field Name', 'Name of the extracted data field', 'e.g. interested'),
					flag(
						'syncData',
						'Save to Record',
						'Whether the value is written to a record automatically',
					),
					text('syncField', 'Record Field', 'Field it is written to', 'e.g. customer_timezone'),
					text('syncModule', 'Record Module', 'Module it is written to', 'e.g. customers'),
				],
			},
		],
	),
	...forTypes(
		['SEND_EMAIL'],
		[
			additionalFields([
				text('bcc', 'BCC', 'Blind-copy addresses, comma-separated'),
				text('body', 'Body', 'Message body; HTML is allowed'),
				text('cc', 'CC', 'Copy addresses, comma-separated'),
				text('responseMessageContext', 'Response Message', 'What the agent says after sending'),
				flag(
					'sendStaticContent',
					'Send Static Content',
					'Whether the body is sent as written instead of generated',
				),
				text('subject', 'Subject', 'Subject line', 'e.g. Welcome to Contactswing'),
				text('emailUserId', 'Sender User ID', 'ID of the user whose mailbox sends'),
			]),
		],
	),
	...forTypes(
		['APPOINTMENT'],
		[
			additionalFields([
				{
					displayName: 'Booking Hours',
					name: 'bookingTimings',
					type: 'fixedCollection',
					typeOptions: { multipleValues: true },
					default: {},
					placeholder: 'Add Day',
					options: [
						{
							displayName: 'Day',
							name: 'day',
							values: [
								{
									displayName: 'Weekday',
									name: 'weekday',
									type: 'options',
									options: weekdays.map((d) => ({
										name: d.charAt(0).toUpperCase() + d.slice(1),
										value: d,
									})),
									default: 'monday',
								},
								{
									displayName: 'Start Time',
									name: 'startTime',
									type: 'string',
									default: '09:00',
									placeholder: 'e.g. 09:00',
								},
								{
									displayName: 'End Time',
									name: 'endTime',
									type: 'string',
									default: '17:00',
									placeholder: 'e.g. 17:00',
								},
							],
						},
					],
				},
				{
					displayName: 'Buffer Time (Minutes)',
					name: 'bufferTime',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 15,
					description: 'Minutes kept free between bookings',
				},
				{ ...mandatory },
				text(
					'roundRobinEmails',
					'Round-Robin E-Mails',
					'Calendars that share bookings, comma-separated',
				),
				text(
					'timezone',
					'Time Zone',
					'IANA time zone of the booking hours',
					'e.g. America/New_York',
				),
			]),
		],
	),
	...forTypes(
		['SHOPIFY'],
		[
			text(
				'storeUrl',
				'Store URL',
				'Address of the Shopify store',
				'e.g. https://acme.myshopify.com',
			),
		],
	),
	...forTypes(
		['AIRCALL'],
		[text('tags', 'Tags', 'Tags added to the Aircall call, comma-separated', 'e.g. lead, inbound')],
	),
	...forTypes(
		['SEND_SMS'],
		[
			additionalFields([
				text('smsCc', 'CC', 'Numbers that get a copy, E.164, comma-separated'),
				text('smsFrom', 'From', 'Sending number in E.164', 'e.g. +13465507166'),
				{ ...mandatory },
				text('smsBody', 'Message', 'Text of the message', 'e.g. Here is the link we talked about'),
				{
					displayName: 'Provider',
					name: 'provider',
					type: 'options',
					options: [{ name: 'Twilio', value: 'TWILIO' }],
					default: 'TWILIO',
					description: 'SMS provider',
				},
				text(
					'responseMessageContext',
					'Response Message',
					'What the agent says after sending',
					'e.g. I’ve just sent you a text message',
				),
			]),
		],
	),
	...forTypes(
		['SEND_WHATSAPP'],
		[
			additionalFields([
				text(
					'bodyParams',
					'Body Parameters',
					'Template body parameters, comma-separated or a list',
				),
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
	),
	optionsCollection([]),
];

export const description = showFor(
	{ show: { resource: ['action'], operation: ['create'] } },
	properties,
);

function list(ctx: ItemContext, field: string, value: unknown): string[] | undefined {
	const values = readTextList(ctx, field, value);
	return values.length > 0 ? values : undefined;
}

/** Each type's own body part; the common fields are added by createActionRequest. */
function typeSettings(
	this: IExecuteFunctions,
	ctx: ItemContext,
	type: string,
	extra: IDataObject,
): IDataObject {
	const i = ctx.itemIndex;
	const param = (name: string) => this.getNodeParameter(name, i, '');
	const required = (name: string, label: string) =>
		readText(ctx, label, param(name), { required: true, trim: true });
	const mandatoryFlag = readBoolean(ctx, 'Confirm Before Running', extra.mandatory);
	switch (type) {
		case 'WEBHOOK': {
			const bodyParameters = (
				((extra.bodyParameters as IDataObject | undefined)?.parameter ?? []) as IDataObject[]
			).map((p, n) => ({
				type: readText(ctx, `Body Parameters (entry ${n + 1}) Kind`, p.type, {
					required: true,
					trim: true,
				}),
				values: {
					data: readText(ctx, `Body Parameters (entry ${n + 1}) Data`, p.data, { required: true }),
				},
			}));
			return {
				webhook: compact({
					url: required('url', 'URL'),
					method: required('method', 'Method'),
					mandatory: mandatoryFlag,
					headers: readJsonObject(ctx, 'Headers (JSON)', extra.headers),
					body: bodyParameters.length > 0 ? bodyParameters : undefined,
					static_body: readText(ctx, 'Static Body', extra.staticBody),
					required: list(ctx, 'Required Fields', extra.requiredFields),
					response: compact({ prompt: readText(ctx, 'Response Prompt', extra.responsePrompt) }),
					run_before_call: readBoolean(ctx, 'Run Before Call', extra.runBeforeCall),
					type: readText(ctx, 'Webhook Kind', extra.webhookType, { trim: true }),
				}),
			};
		}
		case 'CALL_TRANSFER': {
			const number = (required('transferNumber', 'Transfer To Number') as string).replace(
				/[\s().-]/g,
				'',
			);
			if (!/^\+?\d{6,15}$/.test(number))
				throw fieldError(
					ctx,
					'Transfer To Number',
					`must be a phone number, got "${number.slice(0, 30)}"`,
				);
			return {
				phone_number: number,
				webhook: compact({
					extension_enabled: readBoolean(ctx, 'Extension Dialling', extra.extensionEnabled),
				}),
				speech: readText(ctx, 'Speech', extra.speech),
				runBeforeCall: readBoolean(ctx, 'Run Before Call', extra.runBeforeCall),
			};
		}
		case 'SINGLEDATAEXTRACTION': {
			const data = (this.getNodeParameter('extraction', i, {}) ?? {}) as IDataObject;
			return {
				webhook: compact({
					mandatory: mandatoryFlag,
					name: readText(ctx, 'Field Name', data.fieldName, { trim: true }),
					description: readText(ctx, 'Field Description', data.fieldDescription),
					type: readText(ctx, 'Answer Type', data.answerType, { trim: true }),
					sync_data: readBoolean(ctx, 'Save to Record', data.syncData),
					sync_module: readText(ctx, 'Record Module', data.syncModule, { trim: true }),
					sync_field: readText(ctx, 'Record Field', data.syncField, { trim: true }),
				}),
			};
		}
		case 'SEND_EMAIL':
			return {
				email: compact({
					to: required('emailTo', 'To'),
					user_id: readText(ctx, 'Sender User ID', extra.emailUserId, { trim: true }),
					cc: readText(ctx, 'CC', extra.cc, { trim: true }),
					bcc: readText(ctx, 'BCC', extra.bcc, { trim: true }),
					subject: readText(ctx, 'Subject', extra.subject),
					body: readText(ctx, 'Body', extra.body),
					send_static_contect: readBoolean(ctx, 'Send Static Content', extra.sendStaticContent),
					response_message_context: readText(ctx, 'Response Message', extra.responseMessageContext),
				}),
			};
		case 'APPOINTMENT': {
			const days = ((extra.bookingTimings as IDataObject | undefined)?.day ?? []) as IDataObject[];
			const timings: IDataObject = {};
			days.forEach((day, position) => {
				// A row left empty is skipped, as for FAQs.
				if (isBlank(day.weekday) && isBlank(day.startTime) && isBlank(day.endTime)) return;
				const label = `Booking Hours (entry ${position + 1})`;
				const weekday = readText(ctx, `${label} Weekday`, day.weekday, {
					required: true,
					trim: true,
				}) as string;
				if (!weekdays.includes(weekday))
					throw fieldError(
						ctx,
						`${label} Weekday`,
						`must be a weekday in English lower case, got "${weekday.slice(0, 20)}"`,
					);
				const [start, end] = ['Start Time', 'End Time'].map((name, k) => {
					const time = readText(ctx, `${label} ${name}`, k === 0 ? day.startTime : day.endTime, {
						required: true,
						trim: true,
					}) as string;
					if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time))
						throw fieldError(
							ctx,
							`${label} ${name}`,
							`must be a time as HH:MM, got "${time.slice(0, 20)}"`,
						);
					return time;
				});
				timings[weekday] = { start_time: start, end_time: end };
			});
			return {
				webhook: compact({
					email: required('calendarEmail', 'Calendar E-Mail'),
					type: required('calendarType', 'Calendar Provider'),
					user_id: required('userId', 'ContactSwing User ID'),
					mandatory: mandatoryFlag,
					timezone: readText(ctx, 'Time Zone', extra.timezone, { trim: true }),
					buffer_time: readInteger(ctx, 'Buffer Time (Minutes)', extra.bufferTime),
					booking_timings: compact(timings),
					// The newest page documents [] for none.
					round_robin_emails: readTextList(ctx, 'Round-Robin E-Mails', extra.roundRobinEmails),
				}),
			};
		}
		case 'SHOPIFY':
			return {
				webhook: compact({
					type: required('shopifyType', 'Shopify Action'),
					mandatory: mandatoryFlag,
					url: readText(ctx, 'Store URL', param('storeUrl'), { trim: true }),
				}),
			};
		case 'AIRCALL':
			return {
				webhook: compact({
					from: readInteger(ctx, 'From Number ID', param('aircallFrom'), {
						required: true,
						min: 1,
					}),
					to: readInteger(ctx, 'To Number ID', param('aircallTo'), { required: true, min: 1 }),
					mandatory: mandatoryFlag,
				}),
				tags: list(ctx, 'Tags', param('tags')),
			};
		case 'SEND_SMS': {
			const to = readTextList(ctx, 'To', param('smsTo')).map(
				(n, k) => readE164(ctx, `To (entry ${k + 1})`, n, { required: true }) as string,
			);
			if (to.length === 0) throw fieldError(ctx, 'To', 'is required', 'Enter at least one number.');
			const cc = readTextList(ctx, 'CC', extra.smsCc).map(
				(n, k) => readE164(ctx, `CC (entry ${k + 1})`, n, { required: true }) as string,
			);
			return {
				webhook: compact({ mandatory: mandatoryFlag }),
				sms: compact({
					to: { value: to },
					provider: readText(ctx, 'Provider', extra.provider, { trim: true }),
					from: readE164(ctx, 'From', extra.smsFrom),
					cc: cc.length > 0 ? cc : undefined,
					body: compact({ value: readText(ctx, 'Message', extra.smsBody) }),
					response_message_context: readText(ctx, 'Response Message', extra.responseMessageContext),
				}),
			};
		}
		case 'SEND_WHATSAPP':
			return {
				is_active: readBoolean(ctx, 'Active', extra.isActive),
				phone_number: readText(ctx, 'Phone Number Override', extra.overridePhoneNumber, {
					trim: true,
				}),
				webhook: compact({
					to: required('whatsappTo', 'To'),
					from: required('whatsappFrom', 'From (Sender ID)'),
					template_name: required('templateName', 'Template Name'),
					body_params: list(ctx, 'Body Parameters', extra.bodyParams),
					header_params: list(ctx, 'Header Parameters', extra.headerParams),
					button_params: list(ctx, 'Button Parameters', extra.buttonParams),
					language_code: readText(ctx, 'Language Code', extra.languageCode, { trim: true }),
					mandatory: mandatoryFlag,
				}),
			};
		default:
			throw fieldError(ctx, 'Action Type', `"${type}" has no create page in the API reference`);
	}
}

export function createActionRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const { ctx, fields: extra, options } = itemParameters.call(this, itemIndex);
	const type = this.getNodeParameter('actionType', itemIndex) as string;
	const descriptionRequired = TYPES_WITH_REQUIRED_DESCRIPTION.includes(type);
	const body: IDataObject = {
		name: readText(ctx, 'Name', this.getNodeParameter('name', itemIndex), {
			required: true,
			trim: true,
			maxLength: 255,
		}),
		description: readText(
			ctx,
			'Description',
			descriptionRequired
				? this.getNodeParameter('description', itemIndex)
				: extra.optionalDescription,
			{
				required: descriptionRequired,
				maxLength: 10_000,
			},
		),
		action_timing: (
			readText(ctx, 'Action Timing', this.getNodeParameter('actionTiming', itemIndex), {
				required: true,
				trim: true,
			}) as string
		).toUpperCase(),
		type,
		...typeSettings.call(this, ctx, type, extra),
	};
	return {
		method: 'POST',
		path: '/v2/_actions',
		body: withAdditionalBody(ctx, options, {
			...compact(body),
			// The data extraction page marks webhook required although every field in it is optional.
			...(type === 'SINGLEDATAEXTRACTION' ? { webhook: body.webhook } : {}),
		}),
		idempotent: false,
		creates: 'action',
		returnsId: 'action_id',
	};
}

export const execute = sendOne(createActionRequest);
