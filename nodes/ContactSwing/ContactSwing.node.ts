import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadOptions } from './methods';
import * as action from './resources/action';
import * as agent from './resources/agent';
import * as apiKey from './resources/apiKey';
import * as call from './resources/call';
import * as customer from './resources/customer';
import * as knowledgeBase from './resources/knowledgeBase';
import { route } from './shared/router';

export class ContactSwing implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ContactSwing',
		name: 'contactSwing',
		icon: { light: 'file:contactSwing.svg', dark: 'file:contactSwing.dark.svg' },
		group: ['transform'],
		// Version 2 changed what Update Action sends by default (no type unless chosen) and starts the Aircall
		// number IDs empty; version 1 workflows keep their behaviour.
		version: [1, 2],
		defaultVersion: 2,
		// Shows the operation in words under the node; a test keeps this map in step with the operations.
		subtitle:
			'={{ {"agent:createChatAgent":"Create Chat AI Agent","agent:createEmailAgent":"Create E-Mail AI Agent","agent:createSmsAgent":"Create SMS AI Agent","agent:createVoiceAgent":"Create Voice AI Agent","agent:createWhatsAppAgent":"Create WhatsApp AI Agent","action:create":"Create Action","action:get":"Get Action","action:getMany":"Get Many Actions","action:update":"Update Action","knowledgeBase:create":"Create Knowledge Base","knowledgeBase:update":"Update Knowledge Base","apiKey:create":"Create API Key","customer:getMany":"Get Many Customers","customer:update":"Update Customer","call:makeCall":"Make Call","call:createCall":"Create Call","call:getMany":"Get Many Calls"}[$parameter["resource"] + ":" + $parameter["operation"]] }}',
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

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await route.call(this)];
	}
}
