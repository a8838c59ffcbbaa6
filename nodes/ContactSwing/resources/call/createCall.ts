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
	name: 'Create Call',
	value: 'createCall',
	action: 'Make a paid call',
	description:
		'Have a voice agent call a phone number now. The recommended endpoint: you choose the call engine (limit: 10 calls a minute). Rings a real person, and ContactSwing charges for the call.',
	builderHint: {
		propertyHint:
			'The preferred way to place a call. It rings a real person and is charged: set options.allowedNumbers and options.maxCallsPerExecution when the number comes from input data.',
	},
};

/** Create Call (unified): POST /v2/_call, limited to 10 calls a minute (page unified-voice-call). */

const properties = callProperties([
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
]);

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['createCall'] } },
	properties,
);

export function createCallRequest(this: IExecuteFunctions, itemIndex: number): GuardedCall {
	const read = new ItemReader(this, itemIndex, properties);
	const phone = read.e164('phoneNumber', { required: true }) as string;
	const body = compact({
		version: read.text('additionalFields.version', { trim: true }),
		phone_number: phone,
		agent_id: read.id('agentId'),
		...readCallFields(read),
	});
	// Checked just before sending, so a call the ledger does not send again is not refused by them.
	const guard = () => checkGuardrails(this, read, phone);
	const request: ApiRequest = {
		method: 'POST',
		path: '/v2/_call',
		body: read.withAdditionalBody(body),
		// A repeated request would ring the person twice.
		idempotent: false,
		creates: 'call',
		returnsId: 'call_id',
		effect: 'placed the call',
	};
	return { request, guard };
}

export const execute = sendCall(createCallRequest);
