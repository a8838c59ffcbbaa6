import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import { compact, readE164, readId, readText, withAdditionalBody } from '../../shared/fields';
import { sendOne } from '../../shared/output';
import type { ApiRequest } from '../../shared/transport';
import { itemParameters, showFor } from '../../shared/utils';
import { callFields, readCallFields } from './fields';

/** Create Call (unified): POST /v2/_call, limited to 10 calls a minute (API reference §9.2). */

const properties: INodeProperties[] = [
	callFields.agentId,
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
	const { ctx, fields: additionalFields, options } = itemParameters.call(this, itemIndex);
	const body = compact({
		version: readText(ctx, 'Call Engine', additionalFields.version, { trim: true }),
		phone_number: readE164(ctx, 'Phone Number', this.getNodeParameter('phoneNumber', itemIndex), {
			required: true,
		}),
		agent_id: readId(ctx, 'Voice Agent ID', this.getNodeParameter('agentId', itemIndex)),
		...readCallFields.call(this, ctx),
	});
	return {
		method: 'POST',
		path: '/v2/_call',
		body: withAdditionalBody(ctx, options, body),
		// A repeated request would ring the person twice.
		idempotent: false,
		creates: 'call',
		returnsId: 'call_id',
		effect: 'placed the call',
	};
}

export const execute = sendOne(createCallRequest);
