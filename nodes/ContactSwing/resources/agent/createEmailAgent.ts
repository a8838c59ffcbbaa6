import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { sendOne } from '../../shared/operations/sendOne';
import type { ApiRequest } from '../../shared/http/transport';
import type { OperationOption } from '../../shared/operations/registry';

import {
	agentAdditionalFields,
	agentOperationProperties,
	agentTopFields,
	newAssistantRequest,
	readAgentInput,
} from './common';

export const option: OperationOption = {
	name: 'Create Email AI Agent',
	value: 'createEmailAgent',
	action: 'Create an email agent',
	description: 'Create an AI agent that answers emails. Returns the new agent ID.',
};

/** Create E-mail AI Agent: POST /v2/_new_assistants with type "EMAIL" (page email-ai); no api_keys. */

const { properties, description } = agentOperationProperties('createEmailAgent', [
	agentTopFields.name,
	agentTopFields.model,
	agentTopFields.instructions,
	agentAdditionalFields([
		{
			displayName: 'Mailbox Role',
			name: 'emailSetup',
			type: 'options',
			options: [{ name: 'Responder', value: 'Responder', description: 'Answers incoming e-mails' }],
			default: 'Responder',
			description:
				"What the agent does with the mailbox. Responder is the only role ContactSwing's API reference documents; another can be given by expression.",
		},
		{
			displayName: 'Labels',
			name: 'labels',
			type: 'string',
			default: '',
			placeholder: 'e.g. support, billing',
			description: 'Email labels or categories the agent handles, as one text',
		},
		{
			displayName: 'Response Mode',
			name: 'genAiResponse',
			type: 'options',
			options: [
				{
					name: 'Semi-Touch',
					value: 'SEMI_TOUCH',
					description: 'The agent drafts and a person can step in',
				},
			],
			default: 'SEMI_TOUCH',
			description:
				"How replies are produced. Semi-Touch is the only mode ContactSwing's API reference documents; another can be given by expression.",
		},
	]),
]);

export { description };

export function createEmailAgentRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const input = readAgentInput.call(this, itemIndex, properties);
	const { read } = input;
	const body: IDataObject = {
		name: input.name,
		type: 'EMAIL',
		model: input.model,
		instructions: input.instructions,
		prompts: input.prompts,
		kb_id: input.kb_id,
		gen_ai_response: read.text('additionalFields.genAiResponse', { trim: true }),
		email_setup: read.text('additionalFields.emailSetup', { trim: true }),
		labels: read.text('additionalFields.labels', { trim: true }),
		action_ids: input.action_ids,
	};
	return newAssistantRequest(input, body);
}

export const execute = sendOne(createEmailAgentRequest);
