import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { compact } from '../../shared/input/rules';
import { sendOne } from '../../shared/operations/sendOne';
import type { ApiRequest } from '../../shared/http/transport';
import type { OperationOption } from '../../shared/operations/registry';

import { apiKeysJsonField } from './fields';
import {
	agentAdditionalFields,
	agentOperationProperties,
	agentTopFields,
	newAssistantRequest,
	readAgentInput,
	readApiKeysJson,
} from './common';

export const option: OperationOption = {
	name: 'Create Chat AI Agent',
	value: 'createChatAgent',
	action: 'Create a chat agent',
	description: 'Create an AI agent for the website chat widget. Returns the new agent ID.',
};

/** Create Chat AI Agent: POST /v2/_new_assistants with type "CHAT" (page chat-ai). */

// The widget's texts; ContactSwing spells these keys in camelCase under additional_settings.ChatbotCustomization.
const customisation: Array<
	[name: string, displayName: string, placeholder: string, description: string]
> = [
	['brandName', 'Widget Brand Name', 'e.g. Acme Dental', 'Brand shown in the chat widget'],
	[
		'checkInMessage',
		'Widget Check-In Message',
		'e.g. Are you still there?',
		'Sent when the visitor goes quiet',
	],
	[
		'finalCloseMessage',
		'Widget Closing Message',
		'e.g. Thanks for chatting with us!',
		'Sent when the chat ends',
	],
	[
		'greetingText',
		'Widget Greeting Text',
		'e.g. Hello, welcome back',
		'Greeting shown on the widget',
	],
	[
		'initialMessage',
		'Widget Initial Message',
		"e.g. Hi, I'm Ashley 👋",
		'First message in the chat',
	],
	[
		'logoUrl',
		'Widget Logo URL',
		'e.g. https://example.com/logo.png',
		'Logo shown in the chat widget',
	],
	['tagline', 'Widget Tagline', 'e.g. We reply in seconds', 'Tagline under the brand name'],
];

const { properties, description } = agentOperationProperties('createChatAgent', [
	agentTopFields.name,
	agentTopFields.model,
	agentTopFields.instructions,
	agentAdditionalFields([
		apiKeysJsonField,
		...customisation.map(([name, displayName, placeholder, description]) => ({
			displayName,
			name,
			type: 'string' as const,
			default: '',
			placeholder,
			description,
		})),
	]),
]);

export { description };

export function createChatAgentRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const input = readAgentInput.call(this, itemIndex, properties);
	const { read } = input;
	const widget: IDataObject = {};
	for (const [name] of customisation) {
		widget[name] = read.text(`additionalFields.${name}`, {
			trim: name === 'logoUrl',
			maxLength: 10_000,
		});
	}
	const body: IDataObject = {
		name: input.name,
		type: 'CHAT',
		model: input.model,
		// The reference reads api_keys as default [] for Chat, whose page shows only [].
		api_keys: readApiKeysJson(read) ?? [],
		instructions: input.instructions,
		prompts: input.prompts,
		kb_id: input.kb_id,
		additional_settings: compact({ ChatbotCustomization: compact(widget) }),
		action_ids: input.action_ids,
	};
	return newAssistantRequest(input, body);
}

export const execute = sendOne(createChatAgentRequest);
