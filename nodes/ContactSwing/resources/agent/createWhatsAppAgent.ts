import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { compact, fieldError } from '../../shared/input/rules';
import { sendOne } from '../../shared/operations/sendOne';
import type { ApiRequest } from '../../shared/http/transport';
import type { OperationOption } from '../../shared/operations/registry';

import { apiKeysJsonField } from './fields';
import {
	agentAdditionalFields,
	agentOperationProperties,
	agentTopFields,
	maxMessagesField,
	newAssistantRequest,
	readAgentInput,
	readApiKeysJson,
} from './common';

export const option: OperationOption = {
	name: 'Create WhatsApp AI Agent',
	value: 'createWhatsAppAgent',
	action: 'Create a WhatsApp agent',
	description: 'Create an AI agent that chats with contacts on WhatsApp. Returns the new agent ID.',
};

/** Create WhatsApp AI Agent: POST /v2/_new_assistants with type "WHATSAPP" (page what-ai). */

const { properties, description } = agentOperationProperties('createWhatsAppAgent', [
	agentTopFields.name,
	agentTopFields.model,
	{
		displayName: 'WhatsApp Phone Number ID',
		name: 'whatsappNumberId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 650175178190170',
		description:
			'The phone number ID Meta assigned to your WhatsApp Business number (digits only, not the phone number itself)',
		builderHint: {
			propertyHint:
				"Meta's WhatsApp phone number ID: digits only (e.g. 650175178190170), not an E.164 phone number; ask the user.",
		},
	},
	agentTopFields.instructions,
	agentAdditionalFields([
		apiKeysJsonField,
		{
			displayName: 'Greeting Message',
			name: 'greeting',
			type: 'string',
			default: '',
			placeholder: 'e.g. Hi! This is Ashley from Acme Dental.',
			description: 'First message of the conversation',
		},
		{
			displayName: 'Idle Timeout (Hours)',
			name: 'idleTimeHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 24,
			description:
				'Hours without a reply after which the conversation ends. WhatsApp counts hours, unlike SMS.',
		},
		maxMessagesField,
	]),
]);

export { description };

export function createWhatsAppAgentRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const input = readAgentInput.call(this, itemIndex, properties);
	const { read } = input;
	const numberId = read.id('whatsappNumberId');
	if (!/^\d{5,25}$/.test(numberId)) {
		throw fieldError(
			read.ctx,
			read.label('whatsappNumberId'),
			`must be the digits of Meta's phone number ID, got "${numberId.slice(0, 30)}"`,
			'Copy the Phone number ID from WhatsApp Manager (API Setup), e.g. 650175178190170, not the +1… number.',
		);
	}
	const body: IDataObject = {
		name: input.name,
		type: 'WHATSAPP',
		model: input.model,
		// The reference reads api_keys as default [] for WhatsApp, whose page shows only [].
		api_keys: readApiKeysJson(read) ?? [],
		instructions: input.instructions,
		prompts: input.prompts,
		phone_number: numberId,
		kb_id: input.kb_id,
		action_ids: input.action_ids,
		additional_settings: compact({
			idle_time: read.integer('additionalFields.idleTimeHours'),
			max_messages: read.integer('additionalFields.maxMessages', {
				min: 1,
			}),
		}),
		incoming_call_greeting: read.text('additionalFields.greeting', {
			maxLength: 4096,
		}),
	};
	return newAssistantRequest(input, body);
}

export const execute = sendOne(createWhatsAppAgentRequest);
