import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import {
	compact,
	mergeBody,
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
 * Update Action: PUT /v2/_actions/{action_id} (API reference §5.5; method and path are its best reading).
 * name and type are required; type is one enum string although the page says "array" (§10-13). The
 * rest mirrors the create body, so type-specific settings are given as JSON.
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
		displayName: 'Action Type',
		name: 'actionType',
		type: 'options',
		options: ACTION_TYPES.map(([value, name, description]) => ({ name, value, description })),
		default: 'WEBHOOK',
		required: true,
		description: 'Type of the action (required by ContactSwing on every update)',
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
					'For Send SMS actions: recipient numbers in E.164, comma-separated (sent as sms.to.value)',
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
	const body = mergeBody(
		compact({
			name: readText(ctx, 'Name', this.getNodeParameter('name', itemIndex), {
				required: true,
				trim: true,
				maxLength: 255,
			}),
			type: readText(ctx, 'Action Type', this.getNodeParameter('actionType', itemIndex), {
				required: true,
				trim: true,
			}),
			description: readText(ctx, 'Description', fields.description, { maxLength: 10_000 }),
			action_timing: timing?.toUpperCase(),
			is_active: readBoolean(ctx, 'Active', fields.isActive),
			sms: smsTo.length > 0 ? { to: { value: smsTo } } : undefined,
		}),
		readJsonObject(ctx, 'Type Settings (JSON)', fields.settings),
	);
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
