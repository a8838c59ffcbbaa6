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

/** Where the panel's Docs link goes: what every field means and sends. */
const DOCUMENTATION_URL =
	'https://github.com/contactswing/n8n-nodes-contactswing/blob/main/docs/operations.md';

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
		// Under the node's name (which n8n takes from the action text) a short "operation: object", as n8n's
		// own nodes show "getAll: contact". n8n's lint accepts only a literal here, so
		// test/package.test.js checks that it covers every operation, names its verb and stays short.
		subtitle:
			'={{ {"action:create":"create: agent action","action:get":"get: agent action","action:getMany":"get many: agent actions","action:update":"update: agent action","agent:createChatAgent":"create: chat agent","agent:createEmailAgent":"create: email agent","agent:createSmsAgent":"create: SMS agent","agent:createVoiceAgent":"create: voice agent","agent:createWhatsAppAgent":"create: WhatsApp agent","apiKey:create":"create: API key","call:createCall":"create: call","call:getMany":"get many: calls","call:makeCall":"make: call (legacy)","customer:getMany":"get many: customers","customer:update":"update: customer","knowledgeBase:create":"create: knowledge base","knowledgeBase:update":"update: knowledge base"}[$parameter["resource"] + ":" + $parameter["operation"]] }}',
		description:
			'Create ContactSwing AI agents for SMS, voice, chat, e-mail and WhatsApp, their actions and knowledge bases, and place calls',
		// An http(s) documentationUrl is opened as it is; a codex URL gets "?utm_…" appended, after any #fragment.
		documentationUrl: DOCUMENTATION_URL,
		// For n8n's AI Workflow Builder and instance MCP (their node catalog reads searchHint and relatedNodes).
		builderHint: {
			searchHint:
				"Creates ContactSwing AI agents (SMS, voice, chat, email, WhatsApp), their actions and knowledge bases, updates customers and places outbound AI phone calls. ContactSwing's API cannot send an SMS or WhatsApp message itself, and cannot get, list, update or delete agents. Calls ring real people and are charged.",
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-base.webhook',
					relationHint:
						'Starts the workflow with a lead or request; map its body into the agent name, instructions or number to call',
				},
				{
					nodeType: 'n8n-nodes-base.respondToWebhook',
					relationHint:
						'Returns the new agent or call ID to the caller, in workflows started by a Webhook whose responseMode is responseNode',
				},
				{
					nodeType: 'n8n-nodes-base.hubspot',
					relationHint: 'CRM that supplies leads to text or call, and records call results',
				},
				{
					nodeType: 'n8n-nodes-base.pipedrive',
					relationHint: 'CRM that supplies leads to text or call, and records call results',
				},
				{
					nodeType: 'n8n-nodes-base.salesforce',
					relationHint: 'CRM that supplies leads to text or call, and records call results',
				},
				{
					nodeType: 'n8n-nodes-contactswing.contactSwingTrigger',
					relationHint:
						'Starts a workflow when a ContactSwing call appears or changes status, or a customer appears',
				},
			],
		},
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
					// "Action" would head the node creator's list as "Action Actions".
					{
						name: 'Action Definition',
						value: 'action',
						description: 'What an agent can do mid-conversation (ContactSwing calls these actions)',
					},
					{
						name: 'AI Agent',
						value: 'agent',
						description: 'Agents that text, call, chat or email for you (create only)',
					},
					{ name: 'API Key', value: 'apiKey', description: "Keys for ContactSwing's API" },
					{
						name: 'Call',
						value: 'call',
						description: 'Outbound phone calls by a voice agent, and past calls',
					},
					{ name: 'Customer', value: 'customer', description: 'Your contacts in ContactSwing' },
					{
						name: 'Knowledge Base',
						value: 'knowledgeBase',
						description: 'Documents, web pages and FAQs agents answer from',
					},
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
