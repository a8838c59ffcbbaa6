import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import {
	compact,
	readIsoDateTime,
	readText,
	readTextList,
	withAdditionalBody,
} from '../../shared/fields';
import { sendOne } from '../../shared/output';
import type { ApiRequest } from '../../shared/transport';
import { itemParameters, showFor } from '../../shared/utils';

/** Create API Key: POST /v2/_api_keys (API reference §7). The response is undocumented; its data is passed on. */

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Production SMS Key',
		description: 'Name of the key in ContactSwing',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				placeholder: 'e.g. SMS and Webhook actions only',
				description: 'What the key is for',
			},
			{
				displayName: 'Expires At',
				name: 'expiresAt',
				type: 'dateTime',
				default: '',
				description:
					"When the key stops working (ISO 8601; without a time zone, the workflow's); never, if empty",
			},
			{
				displayName: 'Permissions',
				name: 'permissions',
				type: 'string',
				default: '',
				placeholder: 'e.g. actions:read, actions:write, sms:send',
				description: 'Scopes the key grants, comma-separated or a list',
			},
		],
	},
	optionsCollection([]),
];

export const description = showFor(
	{ show: { resource: ['apiKey'], operation: ['create'] } },
	properties,
);

export function createApiKeyRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const { ctx, fields, options } = itemParameters.call(this, itemIndex);
	const permissions = readTextList(ctx, 'Permissions', fields.permissions);
	const expiresAt = readIsoDateTime(ctx, 'Expires At', fields.expiresAt, this.getTimezone());
	const body = compact({
		name: readText(ctx, 'Name', this.getNodeParameter('name', itemIndex), {
			required: true,
			trim: true,
			maxLength: 255,
		}),
		description: readText(ctx, 'Description', fields.description, { maxLength: 4096 }),
		permissions: permissions.length > 0 ? permissions : undefined,
		expires_at: expiresAt,
	});
	return {
		method: 'POST',
		path: '/v2/_api_keys',
		body: withAdditionalBody(ctx, options, body),
		idempotent: false,
		creates: 'API key',
	};
}

export const execute = sendOne(createApiKeyRequest);
