import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch, loadOptions } from './methods';
import * as action from './resources/action';
import * as agent from './resources/agent';
import * as apiKey from './resources/apiKey';
import * as call from './resources/call';
import * as customer from './resources/customer';
import * as knowledgeBase from './resources/knowledgeBase';
import { route } from './router';

/*
 * Code comments cite the ContactSwing API reference by page slug ("page sms-ai"):
 * https://docs.contactswing.ai/api-reference/endpoint/<slug>. Readings of ambiguous pages are listed in
 * docs/readings.md.
 */

export class ContactSwing implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ContactSwing',
		name: 'contactSwing',
		icon: { light: 'file:contactSwing.svg', dark: 'file:contactSwing.dark.svg' },
		group: ['transform'],
		// Saved workflows keep the behaviour of the version they were built with; new nodes get the newest.
		// Version 2 changed what Update Action sends by default (no type unless chosen) and starts the Aircall
		// number IDs empty. Version 3: see CHANGELOG.md (exactly once across n8n's retries, exact Allowed
		// Numbers, field types in the editor).
		version: [1, 2, 3],
		defaultVersion: 3,
		// The operation in words under the node: each operation's own action text. n8n's lint accepts only a
		// literal here, so test/package.test.js checks it against the operations' action texts.
		subtitle:
			'={{ {"action:create":"Create an action that agents can run","action:get":"Get an action","action:getMany":"Get many actions","action:update":"Update an action that agents run","agent:createChatAgent":"Create chat AI agent for your website","agent:createEmailAgent":"Create email AI agent that answers emails","agent:createSmsAgent":"Create SMS AI agent that texts contacts","agent:createVoiceAgent":"Create voice AI agent that takes and places calls","agent:createWhatsAppAgent":"Create whatsapp AI agent that chats with contacts","apiKey:create":"Create an API key that grants access to your account","call:createCall":"Call a real person at a cost through the unified endpoint","call:getMany":"Get many calls","call:makeCall":"Call a real person at a cost from a voice agent","customer:getMany":"Get many customers","customer:update":"Update a customer record","knowledgeBase:create":"Create a knowledge base","knowledgeBase:update":"Add documents to a knowledge base"}[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description:
			'Create ContactSwing AI agents for SMS, voice, chat, e-mail and WhatsApp, their actions and knowledge bases, and place calls',
		defaults: { name: 'ContactSwing' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'contactSwingApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Action', value: 'action' },
					{ name: 'AI Agent', value: 'agent' },
					{ name: 'API Key', value: 'apiKey' },
					{ name: 'Call', value: 'call' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Knowledge Base', value: 'knowledgeBase' },
				],
				default: 'agent',
			},
			...action.description,
			...agent.description,
			...apiKey.description,
			...call.description,
			...customer.description,
			...knowledgeBase.description,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await route.call(this)];
	}
}
