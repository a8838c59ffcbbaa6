import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import { compact, readE164, readId, withAdditionalBody } from '../../shared/fields';
import { sendOne } from '../../shared/output';
import type { ApiRequest } from '../../shared/transport';
import { showFor } from '../../shared/utils';
import { callFields, readCallFields } from './fields';

/**
 * Make Call: POST /v2/_voicecalls/{agent_id}/makeCall (page make-call). The agent ID goes in the path, as
 * the page's parameters say, and also in the body, as its generated curl shows: a FastAPI model ignores a
 * field it does not declare, so whichever reading is right, the call reaches the same agent.
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
				agent_id: agentId,
			}),
		),
		// A repeated request would ring the person twice.
		idempotent: false,
		creates: 'call',
		returnsId: 'call_id',
		effect: 'placed the call',
	};
}

export const execute = sendOne(makeCallRequest);
