import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { compact } from '../../shared/input/rules';
import { sendOne } from '../../shared/operations/sendOne';
import type { ApiRequest } from '../../shared/http/transport';
import type { OperationOption } from '../../shared/operations/registry';

import {
	agentAdditionalFields,
	apiKeysFromIds,
	agentOperationProperties,
	agentTopFields,
	maxMessagesField,
	newAssistantRequest,
	readAgentInput,
} from './common';

export const option: OperationOption = {
	name: 'Create SMS AI Agent',
	value: 'createSmsAgent',
	action: 'Create an SMS agent',
	description:
		"Create an AI agent that holds text-message conversations with contacts. Creating it texts nobody: ContactSwing's API has no request that starts a conversation or sends a text. Returns the new agent ID.",
	builderHint: {
		propertyHint:
			"Creates the agent only and sends no text message; ContactSwing's API has no send-SMS request.",
	},
};

/** Create SMS AI Agent: POST /v2/_new_assistants with type "SMS" (page sms-ai). */

const { properties, description } = agentOperationProperties('createSmsAgent', [
	agentTopFields.name,
	agentTopFields.model,
	{
		displayName: 'SMS API Key IDs',
		name: 'smsKeyIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 134',
		description:
			'ID of the SMS provider key saved under API Setup in ContactSwing (a whole number), not your ContactSwing API key. Several IDs may be separated by commas.',
		builderHint: {
			propertyHint:
				'Whole-number IDs of SMS provider keys the user saved under API Setup in ContactSwing; ask the user, never invent one. Not the access token.',
		},
	},
	agentTopFields.instructions,
	{
		displayName: 'SMS Direction',
		name: 'smsType',
		type: 'options',
		options: [{ name: 'Outbound', value: 'OUTBOUND', description: 'The agent writes first' }],
		default: 'OUTBOUND',
		required: true,
		description:
			"Who starts the conversation. Outbound is the only direction ContactSwing's API reference documents; another can be given by expression.",
	},
	agentAdditionalFields([
		{
			displayName: 'Idle Timeout (Seconds)',
			name: 'idleTimeSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 86400,
			description: 'Seconds without a reply after which the conversation ends (86400 = 24 hours)',
		},
		maxMessagesField,
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. +13465507166',
			description:
				"The agent's own number: one of your ContactSwing numbers, which it texts from (E.164). Not the contact's number.",
			builderHint: {
				propertyHint:
					"The agent's own ContactSwing sender number in E.164 (e.g. +13465507166), never the contact's number; leave it out unless the user gives it.",
			},
		},
	]),
]);

export { description };

/** Maps one item's parameters to the exact request; validation failures name the field and item. */
export function createSmsAgentRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const input = readAgentInput.call(this, itemIndex, properties);
	const { read } = input;
	const body: IDataObject = {
		name: input.name,
		type: 'SMS',
		model: input.model,
		api_keys: apiKeysFromIds(read, 'smsKeyIds', 'SMS'),
		instructions: input.instructions,
		prompts: input.prompts,
		sms_type: read.text('smsType', {
			required: true,
			trim: true,
		}),
		phone_number: read.e164('additionalFields.phoneNumber'),
		kb_id: input.kb_id,
		action_ids: input.action_ids,
		// Nested, un-prefixed keys: the reading the API reference recommends over the sample curl's dotted keys.
		additional_settings: compact({
			idle_time: read.integer('additionalFields.idleTimeSeconds'),
			max_messages: read.integer('additionalFields.maxMessages', {
				min: 1,
			}),
		}),
	};
	return newAssistantRequest(input, body);
}

export const execute = sendOne(createSmsAgentRequest);
