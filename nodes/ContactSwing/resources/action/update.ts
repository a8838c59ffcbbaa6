import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import {
	compact,
	addFields,
	fieldError,
	readBoolean,
	readE164,
	readId,
	readJsonObject,
	readText,
	readTextList,
	withAdditionalBody,
} from '../../shared/fields';
import { unwrap } from '../../shared/output';
import type { ApiRequest, OperationScope } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';
import { itemParameters, showFor } from '../../shared/utils';
import { ACTION_TYPES, actionIdField } from './fields';
import { normaliseAction } from './normalise';

/**
 * Update Action: PUT /v2/_actions/{action_id} (page actions-put; method and path are the reference's best
 * reading). Only name is required (and sms.to.value for Send SMS actions). From node version 2 the type is
 * an optional Update Field, sent only when the user picks one: version 1 always sent its Action Type
 * (default Webhook), which could turn a renamed Send SMS action into a webhook. The rest mirrors the
 * create body, so type-specific settings are given as JSON.
 */

const properties: INodeProperties[] = [
	actionIdField,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Book a demo',
		description: 'Name of the action (required by ContactSwing on every update)',
	},
	{
		displayName:
			'ContactSwing does not document whether an update replaces the whole action or only the fields sent: include every setting you want to keep',
		name: 'updateNotice',
		type: 'notice',
		default: '',
	},
	{
		// Version 1 only: always sent, so it could change the type of an action nobody meant to change.
		displayName: 'Action Type',
		name: 'actionType',
		type: 'options',
		options: ACTION_TYPES.map(([value, name, description]) => ({ name, value, description })),
		default: 'WEBHOOK',
		required: true,
		description:
			'Type of the action, sent on every update. Set it to the action’s current type unless you mean to change it.',
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Action Timing',
				name: 'actionTiming',
				type: 'options',
				options: [
					{ name: 'After the Conversation', value: 'AFTER' },
					{ name: 'Before the Conversation', value: 'BEFORE' },
					{ name: 'During the Conversation', value: 'DURING' },
				],
				default: 'DURING',
				description: 'When the action may fire',
			},
			{
				displayName: 'Action Type',
				name: 'actionType',
				type: 'options',
				options: ACTION_TYPES.map(([value, name, description]) => ({ name, value, description })),
				default: 'WEBHOOK',
				description: 'Changes the type of the action. Leave it out to keep the current type.',
				displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
			},
			{
				displayName: 'Active',
				name: 'isActive',
				type: 'boolean',
				default: true,
				description: 'Whether the action is active',
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				description: 'Tells the agent when to fire the action',
			},
			{
				displayName: 'SMS Recipients',
				name: 'smsTo',
				type: 'string',
				default: '',
				placeholder: 'e.g. +13465507166',
				description:
					'Recipient numbers in E.164, comma-separated (sent as sms.to.value). ContactSwing requires them when updating a Send SMS action.',
			},
			{
				displayName: 'Type Settings (JSON)',
				name: 'settings',
				type: 'json',
				default: '{}',
				description: 'The type’s settings as in Create, e.g. {"webhook": {"method": "POST"}}',
			},
		],
	},
	optionsCollection([]),
];

export const description = showFor(
	{ show: { resource: ['action'], operation: ['update'] } },
	properties,
);

export function updateActionRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const ctx = { node: this.getNode(), itemIndex };
	const id = readId(ctx, 'Action ID', this.getNodeParameter('actionId', itemIndex));
	const { fields, options } = itemParameters.call(this, itemIndex, 'updateFields');
	const smsTo = readTextList(ctx, 'SMS Recipients', fields.smsTo).map(
		(n, k) => readE164(ctx, `SMS Recipients (entry ${k + 1})`, n, { required: true }) as string,
	);
	const timing = readText(ctx, 'Action Timing', fields.actionTiming, { trim: true });
	const settings = readJsonObject(ctx, 'Type Settings (JSON)', fields.settings);
	const typed = compact({
		name: readText(ctx, 'Name', this.getNodeParameter('name', itemIndex), {
			required: true,
			trim: true,
			maxLength: 255,
		}),
		type: readText(
			ctx,
			'Action Type',
			this.getNode().typeVersion < 2
				? this.getNodeParameter('actionType', itemIndex)
				: fields.actionType,
			{ required: this.getNode().typeVersion < 2, trim: true },
		),
		description: readText(ctx, 'Description', fields.description, { maxLength: 10_000 }),
		action_timing: timing?.toUpperCase(),
		is_active: readBoolean(ctx, 'Active', fields.isActive),
		sms: smsTo.length > 0 ? { to: { value: smsTo } } : undefined,
	});
	const body = settings ? addFields(ctx, 'Type Settings (JSON)', typed, settings) : typed;
	const sms = body.sms as IDataObject | undefined;
	if (body.type === 'SEND_SMS' && !Array.isArray((sms?.to as IDataObject | undefined)?.value)) {
		throw fieldError(
			ctx,
			'SMS Recipients',
			'is required when updating a Send SMS action',
			'ContactSwing requires sms.to.value on every update of a Send SMS action.',
		);
	}
	return {
		method: 'PUT',
		path: `/v2/_actions/${encodeURIComponent(id)}`,
		body: withAdditionalBody(ctx, options, body),
		idempotent: true,
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	scope: OperationScope,
): Promise<IDataObject> {
	return normaliseAction(
		unwrap(
			await apiRequest.call(this, updateActionRequest.call(this, itemIndex), scope, itemIndex),
		),
	);
}
