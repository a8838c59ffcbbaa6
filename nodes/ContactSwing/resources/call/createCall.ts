import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idField, optionsCollection } from '../../shared/descriptions';
import { compact, withAdditionalBody, readE164, readText } from '../../shared/fields';
import { unwrap } from '../../shared/output';
import type { ApiRequest, OperationScope } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';
import { showFor } from '../../shared/utils';
import { callFields, readCallFields } from './fields';

/** Create Call (unified): POST /v2/_call, limited to 10 calls a minute (API reference §9.2). */

const properties: INodeProperties[] = [
	idField(
		'agentId',
		'Voice Agent ID',
		'ID of the voice AI agent that places the call (from Create Voice AI Agent)',
		'e.g. 6f439f98-32f6-4b44-928c-6e890e298d51',
	),
	callFields.phoneNumber,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			callFields.callPurpose,
			{
				displayName: 'Call Engine',
				name: 'version',
				type: 'options',
				options: [
					{ name: 'V1 (Twilio)', value: 'v1' },
					{ name: 'V2 (LiveKit SIP)', value: 'v2' },
				],
				default: 'v1',
				description: 'Telephony engine; ContactSwing uses v1 when not set',
			},
			callFields.customerName,
		],
	},
	optionsCollection([]),
];

export const description = showFor(
	{ show: { resource: ['call'], operation: ['createCall'] } },
	properties,
);

export function createCallRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const ctx = { node: this.getNode(), itemIndex };
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = compact({
		version: readText(ctx, 'Call Engine', additionalFields.version, { trim: true }),
		phone_number: readE164(ctx, 'Phone Number', this.getNodeParameter('phoneNumber', itemIndex), {
			required: true,
		}),
		agent_id: readText(ctx, 'Voice Agent ID', this.getNodeParameter('agentId', itemIndex), {
			required: true,
			trim: true,
		}),
		...readCallFields.call(this, ctx),
	});
	return {
		method: 'POST',
		path: '/v2/_call',
		body: withAdditionalBody(ctx, options, body),
		// A repeated request would ring the person twice.
		idempotent: false,
		creates: 'call',
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	scope: OperationScope,
): Promise<IDataObject> {
	return unwrap(
		await apiRequest.call(this, createCallRequest.call(this, itemIndex), scope, itemIndex),
	);
}
