import type { IExecuteFunctions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { compact } from '../../shared/input/rules';
import { ItemReader } from '../../shared/input/itemReader';
import type { ApiRequest } from '../../shared/http/transport';
import type { OperationOption } from '../../shared/operations/registry';

import { callProperties, readCallFields } from './fields';
import type { GuardedCall } from './guardrails';
import { checkGuardrails, sendCall } from './guardrails';

export const option: OperationOption = {
	name: 'Make Call (Legacy)',
	value: 'makeCall',
	action: 'Make a paid call (legacy)',
	description:
		'The older per-agent endpoint; prefer Create Call. Has a voice agent call a phone number now. Rings a real person, and ContactSwing charges for the call.',
	builderHint: {
		propertyHint: 'Legacy endpoint: use createCall unless the user asks for this one.',
	},
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

export function makeCallRequest(this: IExecuteFunctions, itemIndex: number): GuardedCall {
	const read = new ItemReader(this, itemIndex, properties);
	const agentId = read.id('agentId');
	const phone = read.e164('phoneNumber', { required: true }) as string;
	const body = read.withAdditionalBody(
		compact({ phone_number: phone, ...readCallFields(read), agent_id: agentId }),
	);
	// Checked just before sending, so a call the ledger does not send again is not refused by them.
	const guard = () => checkGuardrails(this, read, phone);
	const request: ApiRequest = {
		method: 'POST',
		path: `/v2/_voicecalls/${encodeURIComponent(agentId)}/makeCall`,
		body,
		// A repeated request would ring the person twice.
		idempotent: false,
		creates: 'call',
		returnsId: 'call_id',
		effect: 'placed the call',
	};
	return { request, guard };
}

export const execute = sendCall(makeCallRequest);
