import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { compact } from '../../shared/input/rules';
import { ItemReader } from '../../shared/input/itemReader';
import { sendOne } from '../../shared/operations/sendOne';
import type { ApiRequest } from '../../shared/http/transport';
import type { OperationOption } from '../../shared/operations/registry';

import { callProperties, readCallFields } from './fields';

export const option: OperationOption = {
	name: 'Make Call',
	value: 'makeCall',
	action: 'Call a real person at a cost from a voice agent',
	description:
		'Have a voice AI agent call a phone number now (older endpoint). Rings a real person.',
};

/**
 * Make Call: POST /v2/_voicecalls/{agent_id}/makeCall (page make-call). The agent ID goes in the path, as
 * the page's parameters say, and also in the body, as its generated curl shows: a FastAPI model ignores a
 * field it does not declare, so whichever reading is right, the call reaches the same agent.
 */

const properties = callProperties();

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['makeCall'] } },
	properties,
);

export function makeCallRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const read = new ItemReader(this, itemIndex, properties);
	const agentId = read.id('agentId');
	return {
		method: 'POST',
		path: `/v2/_voicecalls/${encodeURIComponent(agentId)}/makeCall`,
		body: read.withAdditionalBody(
			compact({
				phone_number: read.e164('phoneNumber', { required: true }),
				...readCallFields(read),
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
