import type { INodeProperties } from 'n8n-workflow';

import * as createChatAgent from './createChatAgent';
import * as createEmailAgent from './createEmailAgent';
import * as createSmsAgent from './createSmsAgent';
import * as createVoiceAgent from './createVoiceAgent';
import * as createWhatsAppAgent from './createWhatsAppAgent';

export const operations = {
	createChatAgent: createChatAgent.execute,
	createEmailAgent: createEmailAgent.execute,
	createSmsAgent: createSmsAgent.execute,
	createVoiceAgent: createVoiceAgent.execute,
	createWhatsAppAgent: createWhatsAppAgent.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Create Chat AI Agent',
				value: 'createChatAgent',
				action: 'Create chat AI agent for your website',
				description: 'Create an AI agent for the website chat widget. Returns the new agent ID.',
			},
			{
				name: 'Create Email AI Agent',
				value: 'createEmailAgent',
				action: 'Create email AI agent that answers emails',
				description: 'Create an AI agent that answers emails. Returns the new agent ID.',
			},
			{
				name: 'Create SMS AI Agent',
				value: 'createSmsAgent',
				action: 'Create SMS AI agent that texts contacts',
				description:
					'Create an AI agent that holds text-message conversations with contacts. Returns the new agent ID.',
			},
			{
				name: 'Create Voice AI Agent',
				value: 'createVoiceAgent',
				action: 'Create voice AI agent that takes and places calls',
				description:
					'Create an AI agent that answers and places phone calls. Returns the new agent ID, used by Call operations.',
			},
			{
				name: 'Create WhatsApp AI Agent',
				value: 'createWhatsAppAgent',
				action: 'Create whatsapp AI agent that chats with contacts',
				description:
					'Create an AI agent that chats with contacts on WhatsApp. Returns the new agent ID.',
			},
		],
		default: 'createSmsAgent',
	},
	...createChatAgent.description,
	...createEmailAgent.description,
	...createSmsAgent.description,
	...createVoiceAgent.description,
	...createWhatsAppAgent.description,
];
