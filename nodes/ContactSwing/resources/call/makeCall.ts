import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import { compact, readE164, readId, withAdditionalBody } from '../../shared/fields';
import { sendOne } from '../../shared/output';
import type { ApiRequest } from '../../shared/transport';
import { showFor } from '../../shared/utils';
import { callFields, readCallFields } from './fields';

/**
 * Make Call: POST /v2/_voicecalls/{agent_id}/makeCall (API reference §9.1). The agent ID goes in the
 * path and the documented fields in the body, not the {"agent_id"} of the generated curl (§10-7).
 */

const properties: INodeProperties[] = [
	callFields.agentId,
	callFields.phoneNumber,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [callFields.callPurpose, callFields.customerName],
	},
	optionsCollection([]),
];

export const description = showFor(
	{ show: { resource: ['call'], operation: ['makeCall'] } },
	properties,
);

export function makeCallRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const ctx = { node: this.getNode(), itemIndex };
	const agentId = readId(ctx, 'Voice Agent ID', this.getNodeParameter('agentId', itemIndex));
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const fields = readCallFields.call(this, ctx);
	return {
		method: 'POST',
		path: `/v2/_voicecalls/${encodeURIComponent(agentId)}/makeCall`,
		body: withAdditionalBody(
			ctx,
			options,
			compact({
				phone_number: readE164(
					ctx,
					'Phone Number',
					this.getNodeParameter('phoneNumber', itemIndex),
					{ required: true },
				),
				...fields,
			}),
		),
		// A repeated request would ring the person twice.
		idempotent: false,
		creates: 'call',
	};
}

export const execute = sendOne(makeCallRequest);
