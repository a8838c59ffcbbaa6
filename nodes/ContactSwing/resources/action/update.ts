import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionalFields, optionsCollection } from '../../shared/descriptions';
import { compact, fieldError } from '../../shared/fields';
import { addFields } from '../../shared/json';
import { ItemReader } from '../../shared/itemReader';
import { sendOne } from '../../shared/output';
import type { ApiRequest } from '../../shared/transport';
import { ACTION_TYPES, actionIdFields, actionTimingField } from './fields';
import { normaliseAction } from './normalise';

/**
 * Update Action: PUT /v2/_actions/{action_id} (page actions-put; method and path are the reference's best
 * reading). Only name is required (and sms.to.value for Send SMS actions). From node version 2 the type is
 * an optional Update Field, sent only when the user picks one: version 1 always sent its Action Type
 * (default Webhook), which could turn a renamed Send SMS action into a webhook. The rest mirrors the
 * create body, so type-specific settings are given as JSON.
 */

const properties: INodeProperties[] = [
	...actionIdFields,
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
	optionalFields('updateFields', [
		{ ...actionTimingField, required: false },
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
	]),
	optionsCollection([]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['action'], operation: ['update'] } },
	properties,
);

export function updateActionRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const read = new ItemReader(this, itemIndex, properties);
	const version = this.getNode().typeVersion;
	const id = read.id('actionId');
	const smsTo = read.e164List('updateFields.smsTo');
	const timing = read.text('updateFields.actionTiming', { trim: true });
	const settings = read.jsonObject('updateFields.settings');
	const typed = compact({
		name: read.text('name', {
			required: true,
			trim: true,
			maxLength: 255,
		}),
		type:
			version < 2
				? read.text('actionType', { required: true, trim: true })
				: read.text('updateFields.actionType', { trim: true }),
		description: read.text('updateFields.description', { maxLength: 10_000 }),
		action_timing: timing?.toUpperCase(),
		is_active: read.boolean('updateFields.isActive'),
		sms: smsTo.length > 0 ? { to: { value: smsTo } } : undefined,
	});
	const body = settings
		? addFields(read.ctx, read.label('updateFields.settings'), typed, settings)
		: typed;
	const sms = body.sms as IDataObject | undefined;
	if (body.type === 'SEND_SMS' && !Array.isArray((sms?.to as IDataObject | undefined)?.value)) {
		throw fieldError(
			read.ctx,
			read.label('updateFields.smsTo'),
			'is required when updating a Send SMS action',
			'ContactSwing requires sms.to.value on every update of a Send SMS action.',
		);
	}
	return {
		method: 'PUT',
		path: `/v2/_actions/${encodeURIComponent(id)}`,
		body: read.withAdditionalBody(body),
		idempotent: true,
	};
}

export const execute = sendOne(updateActionRequest, normaliseAction);
