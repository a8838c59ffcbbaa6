import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionalFields, optionsCollection, requiredNameField } from '../../shared/descriptions';
import { compact } from '../../shared/input/rules';
import { ItemReader } from '../../shared/input/itemReader';
import { sendOne } from '../../shared/operations/sendOne';
import type { ApiRequest } from '../../shared/http/transport';
import type { OperationOption } from '../../shared/operations/registry';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	action: 'Create an API key',
	description:
		"Create a ContactSwing API key with chosen permissions. The new key is in this node's output, and so in saved executions.",
	builderHint: {
		propertyHint:
			'The new secret key is returned in the output and kept in execution data; create one only when the user asks for it.',
	},
};

/** Create API Key: POST /v2/_api_keys (page apikeys-post). The response is undocumented; its data is passed on. */

const properties: INodeProperties[] = [
	{
		displayName:
			"The new key is in this node's output, and so in every saved execution of this workflow. Copy it into a ContactSwing API credential, then delete the execution. ContactSwing's API cannot list or delete keys.",
		name: 'keyInOutputNotice',
		type: 'notice',
		default: '',
	},
	requiredNameField('e.g. CRM integration', 'Name of the key in ContactSwing'),
	optionalFields('additionalFields', [
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
			description:
				"Scopes the key grants, comma-separated or a list. ContactSwing's API reference shows actions:read, actions:write and sms:send and lists no others.",
		},
	]),
	optionsCollection([], { createsOrCalls: true }),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['apiKey'], operation: ['create'] } },
	properties,
);

export function createApiKeyRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const read = new ItemReader(this, itemIndex, properties);
	const body = compact({
		name: read.name('name', { required: true }),
		description: read.text('additionalFields.description', { maxLength: 4096 }),
		permissions: read.optionalTextList('additionalFields.permissions'),
		expires_at: read.isoDateTime('additionalFields.expiresAt'),
	});
	return {
		method: 'POST',
		path: '/v2/_api_keys',
		body: read.withAdditionalBody(body),
		idempotent: false,
		creates: 'API key',
	};
}

export const execute = sendOne(createApiKeyRequest);
