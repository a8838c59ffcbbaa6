import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import { compact, fieldError } from '../../shared/input/rules';
import { ItemReader } from '../../shared/input/itemReader';
import { sendOne } from '../../shared/operations/sendOne';
import type { ApiRequest } from '../../shared/http/transport';
import type { OperationOption } from '../../shared/operations/registry';
import { actionTimingField, actionTypeOptions, checkActionTiming } from './fields';
import type { ActionType } from './types';
import { actionTypes } from './types';
import { text } from './types/actionType';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	action: 'Create an agent action',
	description:
		'Create an action: something an agent can do mid-conversation (call an API, transfer the call, book a meeting, send an SMS, email or WhatsApp). Returns its ID, for the Action Names or IDs of agents.',
};

/**
 * Create Action: POST /v2/_actions (pages api, call-, data, email, rtb, shopify, aircall, sms, whatsapp
 * under https://docs.contactswing.ai/api-reference/endpoint/). One operation with an Action Type; each type
 * is a module in types/ with its fields and its part of the body. action_timing is sent upper-case.
 */

const types = Object.values(actionTypes);

/** What every type shares, above the type's own fields. */
const commonFields: INodeProperties[] = [
	{
		displayName: 'Action Type',
		name: 'actionType',
		type: 'options',
		noDataExpression: true,
		options: actionTypeOptions((value) => actionTypes[value] !== undefined),
		default: 'WEBHOOK',
		description: 'What the agent does when the action fires',
	},
	text({
		name: 'name',
		displayName: 'Name',
		description: 'Name of the action in ContactSwing',
		placeholder: 'e.g. Book a demo',
		required: true,
	}),
	{
		...text({
			name: 'description',
			displayName: 'Description',
			description: 'Tells the agent when to fire the action',
			placeholder: 'e.g. Use when the caller wants to book a demo',
			required: true,
		}),
		displayOptions: {
			show: { actionType: types.filter((t) => t.descriptionRequired).map((t) => t.type) },
		},
	},
	actionTimingField,
];

const options = optionsCollection([], { createsOrCalls: true });

/** A type's fields, shown only for that type (a version condition they carry is kept). */
const forType = (type: string, fields: INodeProperties[]): INodeProperties[] =>
	fields.map((field) => ({
		...field,
		displayOptions: { show: { ...field.displayOptions?.show, actionType: [type] } },
	}));

export const description = updateDisplayOptions(
	{ show: { resource: ['action'], operation: ['create'] } },
	[...commonFields, ...types.flatMap((type) => forType(type.type, type.fields)), options],
);

/** The properties one action type's create reads, built once per type (ItemReader caches labels by them). */
const typeProperties = new Map<ActionType, INodeProperties[]>();
function propertiesOf(actionType: ActionType): INodeProperties[] {
	let properties = typeProperties.get(actionType);
	if (!properties)
		typeProperties.set(actionType, (properties = [...commonFields, ...actionType.fields, options]));
	return properties;
}

export function createActionRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const type = String(this.getNodeParameter('actionType', itemIndex));
	const actionType = actionTypes[type];
	if (!actionType) {
		throw fieldError(
			{ node: this.getNode(), itemIndex },
			'Action Type',
			`"${type.slice(0, 40)}" has no create page in the API reference`,
		);
	}
	const read = new ItemReader(this, itemIndex, propertiesOf(actionType));
	const body: IDataObject = {
		name: read.name('name', { required: true }),
		description: actionType.descriptionRequired
			? read.text('description', { required: true, maxLength: 10_000 })
			: read.text('additionalFields.optionalDescription', { maxLength: 10_000 }),
		action_timing: (
			read.text('actionTiming', { required: true, trim: true }) as string
		).toUpperCase(),
		type,
		...actionType.settings(read),
	};
	checkActionTiming(read, 'actionTiming', body);
	return {
		method: 'POST',
		path: '/v2/_actions',
		body: read.withAdditionalBody({
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
