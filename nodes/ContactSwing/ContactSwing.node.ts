import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodePropertyOptions,
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
import { route } from './router';

/*
 * Code comments cite the ContactSwing API reference by page slug ("page sms-ai"):
 * https://docs.contactswing.ai/api-reference/endpoint/<slug>. Readings of ambiguous pages are listed in the
 * README ("Readings of the reference").
 */

const resources = { action, agent, apiKey, call, customer, knowledgeBase };

/** "Create SMS AI agent" for agent:createSmsAgent, and so on, from the operations' `action` texts. */
function subtitleExpression(): string {
	const words: Record<string, string> = {};
	for (const [resource, { description }] of Object.entries(resources)) {
		const operation = description.find((property) => property.name === 'operation');
		for (const option of (operation?.options ?? []) as INodePropertyOptions[]) {
			words[`${resource}:${String(option.value)}`] = option.action ?? option.name;
		}
	}
	return `={{ ${JSON.stringify(words)}[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}

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
		// The operation in words under the node, built from each operation's own action text.
		subtitle: subtitleExpression(),
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
