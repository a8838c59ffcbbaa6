import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { listSearch, loadOptions } from './methods';
import { resources } from './resources';
import { route } from './router';

/** Where the panel's Docs link goes: what every field means and sends. */
const DOCUMENTATION_URL =
	'https://github.com/contactswing/n8n-nodes-contactswing/blob/main/docs/operations.md';

/** "resource:operation" of every operation whose requests Repeat Protection covers (creates and calls). */
const REPEAT_PROTECTED = Object.entries(resources).flatMap(([resource, module]) =>
	Object.entries(module?.operations ?? {})
		.filter(([, operation]) => operation.createsOrCalls)
		.map(([operation]) => `${resource}:${operation}`),
);

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
		// Shown in the node's panel while the condition holds (n8n evaluates it with the node's parameters, and
		// with its input once the previous node has run).
		hints: [
			{
				message:
					"Repeat Protection is off: Retry On Fail and a Retry of the execution send this node's requests again. Set it under Options.",
				type: 'warning',
				location: 'outputPane',
				whenToDisplay: 'always',
				// Versions 1 and 2 protect nothing unless the option is set; version 3 protects retries by default.
				displayCondition: `={{ ${JSON.stringify(REPEAT_PROTECTED)}.includes($parameter.resource + ":" + $parameter.operation) && ($parameter.options?.repeatProtection ?? ($nodeVersion >= 3 ? "retries" : "off")) === "off" }}`,
			},
			{
				message:
					'Each input item places a paid call. Set Options → Max Calls per Execution to cap how many one execution places.',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'beforeExecution',
				displayCondition:
					'={{ $parameter.resource === "call" && ["createCall", "makeCall"].includes($parameter.operation) && $parameter.options?.maxCallsPerExecution === undefined && $input.all().length > 1 }}',
			},
		],
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
			...Object.values(resources).flatMap((resource) => resource?.description ?? []),
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await route.call(this)];
	}
}
