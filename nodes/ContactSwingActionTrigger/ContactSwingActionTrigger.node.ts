import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchWebhookActions } from '../ContactSwing/methods/listSearch';
import { receiveCall } from './call';
import { TRIGGER_METHOD, checkExists, create, remove } from './lifecycle';

/** Where the panel's Docs link goes (opened as it is; a codex URL would get "?utm_…" appended). */
const DOCUMENTATION_URL =
	'https://github.com/contactswing/n8n-nodes-contactswing/blob/main/docs/action-trigger.md';

/**
 * ContactSwing Action Trigger: the workflow becomes the endpoint of a webhook (API) action, which an
 * agent calls during the conversation and whose answer it uses. Publishing points the action here with a
 * secret header (lifecycle.ts), each call with that header starts the workflow (call.ts), unpublishing
 * restores the action. The response settings are n8n's own webhook response modes.
 */
export class ContactSwingActionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ContactSwing Action Trigger',
		name: 'contactSwingActionTrigger',
		icon: { light: 'file:contactSwing.svg', dark: 'file:contactSwing.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ $parameter["responseMode"] === "lastNode" ? "Answers the agent" : "Answers at once" }}',
		description:
			'Answers a ContactSwing agent during the conversation: the agent’s webhook action calls this workflow',
		documentationUrl: DOCUMENTATION_URL,
		// For n8n's AI Workflow Builder and instance MCP (their node catalog reads searchHint and relatedNodes).
		// Respond to Webhook is never related: n8n refuses to run it unless its own Webhook node started the run.
		builderHint: {
			searchHint:
				"Starts a workflow when a ContactSwing AI agent asks n8n something in the middle of a live call or chat (a lookup, a booking, a CRM record) and answers the agent with the last node's output. Pick it when the agent must use the answer during the conversation; for events after the fact use the ContactSwing Trigger. The agent is waiting on a live call, so the workflow must answer within a few seconds. It answers by itself (Respond: When Last Node Finishes): never add Respond to Webhook after it. Serves a Webhook / API Call action already linked to the agent; publishing points that action at n8n.",
			relatedNodes: [
				{
					nodeType: 'n8n-nodes-contactswing.contactSwing',
					relationHint:
						"Create Action (type Webhook / API Call) makes the action this trigger serves; link it in the agent's Action IDs",
				},
				{
					nodeType: 'n8n-nodes-base.httpRequest',
					relationHint: 'Looks up what the agent asked for in another system, quickly',
				},
				{
					nodeType: 'n8n-nodes-base.hubspot',
					relationHint: "Finds the caller's CRM record to answer the agent with",
				},
				{
					nodeType: 'n8n-nodes-base.set',
					relationHint:
						'The last node: shapes the answer the agent receives (one small JSON object)',
				},
				{
					nodeType: 'n8n-nodes-contactswing.contactSwingTrigger',
					relationHint:
						'Use instead for what happens after a call or chat (call status changes, new customers)',
				},
			],
		},
		defaults: { name: 'ContactSwing Action Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'contactSwingApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: TRIGGER_METHOD,
				path: 'action',
				responseMode: '={{$parameter["responseMode"]}}',
				// "One Field" is n8n's first-item answer narrowed to a property; Immediately answers n8n's
				// "Workflow was started" (an empty value here leaves n8n's default).
				responseData:
					'={{$parameter["responseMode"] === "lastNode" ? ($parameter["responseData"] === "firstEntryField" ? "firstEntryJson" : $parameter["responseData"]) : ""}}',
				responsePropertyName:
					'={{$parameter["responseMode"] === "lastNode" && $parameter["responseData"] === "firstEntryField" ? $parameter["responsePropertyName"] : undefined}}',
			},
		],
		properties: [
			{
				displayName:
					'The agent waits for this workflow on a live call: answer within a few seconds. Publishing points the action at this workflow; unpublishing restores it.',
				name: 'liveCallNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Action',
				name: 'actionId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				required: true,
				description:
					'The Webhook / API Call action to serve. Create one with the ContactSwing node’s Create Action (or in the dashboard) and add it to the agent’s Action IDs.',
				hint: 'A webhook action linked to the agent (its Action IDs): the agent calls this workflow through it',
				builderHint: {
					propertyHint:
						'The ID of an existing ContactSwing Webhook / API Call action (from a ContactSwing Create Action node or the user); never invent one',
				},
				modes: [
					{
						displayName: 'From List',
						name: 'list',
						type: 'list',
						placeholder: 'Select a webhook action...',
						typeOptions: { searchListMethod: 'searchWebhookActions', searchable: true },
					},
					{
						displayName: 'By ID',
						name: 'id',
						type: 'string',
						placeholder: 'e.g. 6f439f98-32f6-4b44-928c-6e890e298d51',
						validation: [
							{
								type: 'regex',
								properties: {
									regex: '(?![.]{1,2}$)[^/\\\\?#\\s]+',
									errorMessage: 'Not a ContactSwing action ID',
								},
							},
						],
					},
				],
			},
			{
				displayName: 'Respond',
				name: 'responseMode',
				type: 'options',
				required: true,
				options: [
					{
						name: 'Immediately',
						value: 'onReceived',
						description:
							'Answer at once with n8n’s “Workflow was started”; the agent does not wait for the workflow',
					},
					{
						name: 'When Last Node Finishes',
						value: 'lastNode',
						description: 'Answer with what the last node outputs; the agent waits for it',
					},
				],
				default: 'lastNode',
				description: 'When and with what ContactSwing’s agent is answered',
			},
			{
				displayName: 'Response Data',
				name: 'responseData',
				type: 'options',
				required: true,
				options: [
					{
						name: 'All Items',
						value: 'allEntries',
						description: 'Every item of the last node, as a JSON array',
					},
					{
						name: 'First Item',
						value: 'firstEntryJson',
						description: 'The first item of the last node, as a JSON object',
					},
					{
						name: 'No Body',
						value: 'noData',
						description: 'An empty answer, once the workflow has finished',
					},
					{
						name: 'One Field',
						value: 'firstEntryField',
						description: 'One field of the first item of the last node',
					},
				],
				default: 'firstEntryJson',
				description: 'What the agent receives',
				displayOptions: { show: { responseMode: ['lastNode'] } },
			},
			{
				displayName: 'Field',
				name: 'responsePropertyName',
				type: 'string',
				required: true,
				default: 'answer',
				placeholder: 'e.g. answer',
				description:
					'The field of the first item to answer with (dots for nested fields: booking.time)',
				displayOptions: { show: { responseMode: ['lastNode'], responseData: ['firstEntryField'] } },
			},
		],
	};

	methods = { listSearch: { searchWebhookActions } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveCall.call(this);
	}
}
