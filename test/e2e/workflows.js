'use strict';
/** Workflows the end-to-end suites import into the real n8n. */
const { CREDENTIAL_ID } = require('./instance');

const fs = require('node:fs');
const path = require('node:path');
const { smsAgent, smsAgentFromAi } = require('../fixtures');

/** What a sandbox account has, filled into the examples' blanks as a user fills in their own account's. */
const SANDBOX_ACCOUNT = {
	smsKeyIds: '134',
	whatsappNumberId: '650175178190170',
	agentId: 'voice-agent-e2e',
};

/** An example workflow from examples/, with its account-specific blanks filled in for the sandbox. */
function exampleWorkflow(file, account = SANDBOX_ACCOUNT) {
	const workflow = JSON.parse(
		fs.readFileSync(path.join(__dirname, '../../examples', file), 'utf8'),
	);
	for (const node of workflow.nodes) {
		for (const [name, value] of Object.entries(account)) {
			if (node.parameters?.[name] === '') node.parameters[name] = value;
		}
	}
	return workflow;
}

const credentials = { contactSwingApi: { id: CREDENTIAL_ID, name: 'ContactSwing (sandbox)' } };

function manualWorkflow(id, name, contactSwingNode, middle = []) {
	const nodes = [
		{
			id: `${id}-trigger`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		...middle,
		{
			id: `${id}-cs`,
			name: 'ContactSwing',
			type: 'n8n-nodes-contactswing.contactSwing',
			typeVersion: 1,
			position: [600, 0],
			credentials,
			...contactSwingNode,
		},
	];
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

const everySmsField = {
	resource: 'agent',
	operation: 'createSmsAgent',
	name: 'E2E every field',
	model: 'cw-llm-1',
	smsKeyIds: '134, 442',
	instructions: 'Line one.\nLine two with ünïcödé and emoji 🚀.',
	smsType: 'OUTBOUND',
	additionalFields: {
		actionIds: ['a0000000-0000-4000-8000-000000000001'],
		agentPrompt: 'You are Ashley',
		goal: 'Book a call',
		idleTimeSeconds: 7200,
		kbId: 'kb-e2e',
		maxMessages: 12,
		phoneNumber: '+13465507166',
	},
	options: { force: true },
};

const expectedEverySmsBody = {
	name: 'E2E every field',
	type: 'SMS',
	model: 'cw-llm-1',
	api_keys: [
		{ api_key_id: 134, type: 'SMS' },
		{ api_key_id: 442, type: 'SMS' },
	],
	instructions: 'Line one.\nLine two with ünïcödé and emoji 🚀.',
	prompts: { agent: 'You are Ashley', goal: 'Book a call' },
	sms_type: 'OUTBOUND',
	phone_number: '+13465507166',
	kb_id: 'kb-e2e',
	action_ids: ['a0000000-0000-4000-8000-000000000001'],
	additional_settings: { idle_time: 7200, max_messages: 12 },
};

/** An Edit Fields node holding `rows` under `field`, and a Split Out node making one item of each. */
function rowsAsItems(id, field, rows) {
	return [
		{
			id: `${id}-set`,
			name: 'Rows',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ [field]: rows }), options: {} },
		},
		{
			id: `${id}-split`,
			name: 'One item per row',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [400, 0],
			parameters: { fieldToSplitOut: field, options: {} },
		},
	];
}

/** Three leads from an Edit Fields node, split into items; the middle one has a bad phone number. */
function continueOnFailWorkflow(id) {
	const leads = [
		{ name: 'Good lead 1', phone: '+13465507101' },
		{ name: 'Bad lead', phone: 'not-a-phone' },
		{ name: 'Good lead 2', phone: '+13465507103' },
	];
	return manualWorkflow(
		id,
		'E2E continue on fail',
		{
			onError: 'continueRegularOutput',
			parameters: {
				resource: 'agent',
				operation: 'createSmsAgent',
				name: '={{ $json.name }}',
				model: 'cw-llm-1',
				smsKeyIds: '134',
				instructions: 'Follow up.',
				smsType: 'OUTBOUND',
				additionalFields: { phoneNumber: '={{ $json.phone }}' },
				options: {},
			},
		},
		rowsAsItems(id, 'leads', leads),
	);
}

/**
 * One workflow, many accounts: Update Customer for one item per client, on a credential whose Access
 * Token and Base URL are expressions over the item ({{ $json.token }}, {{ $json.baseUrl }}).
 */
function perClientWorkflow(id, clients, credentialsOfClients, batchSize) {
	return manualWorkflow(
		id,
		'E2E one credential, many accounts',
		{
			typeVersion: 2,
			credentials: credentialsOfClients,
			parameters: {
				resource: 'customer',
				operation: 'update',
				customerId: { __rl: true, mode: 'id', value: '={{ $json.customerId }}' },
				updateFields: { name: '={{ $json.newName }}' },
				options: { batching: { batch: { batchSize } } },
			},
		},
		rowsAsItems(id, 'clients', clients),
	);
}

/**
 * Webhook (POST /webhook/<path>, answered at once) → one item per lead (body.leads) → Create SMS AI Agent,
 * node version 3: Repeat Protection at its default (the ledger keyed on the retry lineage).
 */
function leadsWebhookWorkflow(id, webhookPath, webhookId, options = {}) {
	return {
		id,
		name: `E2E ledger ${webhookPath}`,
		nodes: [
			{
				id: `${id}-hook`,
				name: 'Leads',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters: {
					httpMethod: 'POST',
					path: webhookPath,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: `${id}-split`,
				name: 'One item per lead',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [200, 0],
				parameters: { fieldToSplitOut: 'body.leads', options: {} },
			},
			{
				id: `${id}-cs`,
				name: 'ContactSwing',
				type: 'n8n-nodes-contactswing.contactSwing',
				typeVersion: 3,
				position: [400, 0],
				credentials,
				parameters: smsAgent({
					name: '={{ $json.name }}',
					instructions: 'Follow up with the lead.',
					options,
				}),
			},
		],
		connections: {
			Leads: { main: [[{ node: 'One item per lead', type: 'main', index: 0 }]] },
			'One item per lead': { main: [[{ node: 'ContactSwing', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Webhook (POST /webhook/<path>, answered with the node's output) → Create SMS AI Agent for the lead in the
 * body, node version 3, Repeat Protection across executions keyed by the lead's ID.
 */
function repeatKeyWebhookWorkflow(id, webhookPath) {
	return {
		id,
		name: `E2E repeat key ${webhookPath}`,
		nodes: [
			{
				id: `${id}-hook`,
				name: 'Lead',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '5f0c1e2a-1111-4a55-9a01-00000000c0de',
				parameters: {
					httpMethod: 'POST',
					path: webhookPath,
					responseMode: 'lastNode',
					responseData: 'firstEntryJson',
					options: {},
				},
			},
			{
				id: `${id}-cs`,
				name: 'ContactSwing',
				type: 'n8n-nodes-contactswing.contactSwing',
				typeVersion: 3,
				position: [300, 0],
				credentials,
				parameters: smsAgent({
					name: '={{ $json.body.name }}',
					instructions: 'Follow up with the lead.',
					options: { repeatProtection: 'acrossExecutions', repeatKey: '={{ $json.body.leadId }}' },
				}),
			},
		],
		connections: { Lead: { main: [[{ node: 'ContactSwing', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** A manual workflow whose items come from an Edit Fields node (`rows`), split into one item each. */
function manualItemsWorkflow(id, name, rows, contactSwingNode) {
	return manualWorkflow(
		id,
		name,
		{ typeVersion: 3, ...contactSwingNode },
		rowsAsItems(id, 'rows', rows),
	);
}

/** The OpenAI credential the AI-agent workflows use; the e2e suites point its Base URL at a local stub. */
const OPENAI_STUB_CREDENTIAL = { id: 'csOpenAiStub0001', name: 'OpenAI (local stub)' };

/** Manual trigger → AI Agent, with the OpenAI Chat Model and one ContactSwing Tool attached. */
function aiAgentWorkflow(id, toolName, toolParameters, { toolVersion = 2 } = {}) {
	return {
		id,
		name: `E2E AI agent ${id}`,
		nodes: [
			{
				id: `${id}-start`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-agent`,
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [300, 0],
				parameters: { promptType: 'define', text: 'Set up what the user asked for.', options: {} },
			},
			{
				id: `${id}-model`,
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [200, 250],
				parameters: { model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' }, options: {} },
				credentials: { openAiApi: OPENAI_STUB_CREDENTIAL },
			},
			{
				id: `${id}-tool`,
				name: toolName,
				type: 'n8n-nodes-contactswing.contactSwingTool',
				typeVersion: toolVersion,
				position: [400, 250],
				parameters: { descriptionType: 'auto', ...toolParameters },
				credentials: {
					contactSwingApi: { id: 'csSandboxCred001', name: 'ContactSwing (sandbox)' },
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			[toolName]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * MCP Server Trigger (Streamable HTTP and SSE at /mcp/<path>) serving two ContactSwing tools: Create SMS AI
 * Agent with $fromAI fields, and Make Call to the voice agent `voiceAgentId`, with Allowed Numbers +1346.
 */
function mcpWorkflow(id, mcpPath, credentialId, voiceAgentId) {
	const tool = (suffix, name, x, parameters) => ({
		id: `${id}-${suffix}`,
		name,
		type: 'n8n-nodes-contactswing.contactSwingTool',
		typeVersion: 2,
		position: [x, 250],
		parameters: { descriptionType: 'auto', ...parameters },
		credentials: { contactSwingApi: { id: credentialId, name: 'ContactSwing (sandbox)' } },
	});
	return {
		id,
		name: 'ContactSwing over MCP',
		nodes: [
			{
				id: `${id}-mcp`,
				name: 'MCP Server Trigger',
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: 2,
				position: [300, 0],
				webhookId: '7d4c2c1e-5b8a-4e0f-9c61-2f1f0a6e1b01',
				parameters: { path: mcpPath },
			},
			tool('sms', 'Create SMS agent', 200, smsAgentFromAi),
			tool('call', 'Call the lead', 420, {
				resource: 'call',
				operation: 'makeCall',
				agentId: voiceAgentId,
				phoneNumber: "={{ $fromAI('phone_number', 'The number to call, E.164', 'string') }}",
				options: { allowedNumbers: '+1346' },
			}),
		],
		connections: {
			'Create SMS agent': {
				ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]],
			},
			'Call the lead': { ai_tool: [[{ node: 'MCP Server Trigger', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

module.exports = {
	leadsWebhookWorkflow,
	repeatKeyWebhookWorkflow,
	manualItemsWorkflow,
	perClientWorkflow,
	aiAgentWorkflow,
	mcpWorkflow,
	OPENAI_STUB_CREDENTIAL,
	exampleWorkflow,
	SANDBOX_ACCOUNT,
	manualWorkflow,
	everySmsField,
	expectedEverySmsBody,
	continueOnFailWorkflow,
};
