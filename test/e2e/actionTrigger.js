'use strict';
/**
 * What the end-to-end suites (single instance, queue mode) and the benchmark need for the ContactSwing
 * Action Trigger: the webhook actions a user would have set up, the workflows that serve them, and the
 * same workflow on n8n's own Webhook node (the latency baseline).
 */
const crypto = require('node:crypto');
const { CREDENTIAL_ID } = require('./instance');

/** A webhook ID of its own for each workflow and node, as the editor gives one (a UUID). */
function webhookIdFor(seed) {
	const hex = crypto.createHash('sha256').update(seed).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const ACTION_TRIGGER_TYPE = 'n8n-nodes-contactswing.contactSwingActionTrigger';
const SECRET_HEADER = 'X-N8n-ContactSwing-Secret';

/** A webhook action pointed at a CRM, as a user set it up before n8n served it. */
function crmActionSettings(name) {
	return {
		name,
		description: 'Look up the caller’s booking while you talk to them',
		url: 'https://crm.example.com/api/bookings/lookup',
		method: 'GET',
		headers: { Authorization: 'Bearer crm-api-key-123', 'Content-Type': 'application/json' },
		required: ['phone_number'],
		response: { prompt: 'Tell the caller the time of their booking' },
		mandatory: false,
		run_before_call: false,
	};
}

/**
 * The answer the workflows build: the booking of the caller the agent asked about; `ranOn` adds the process
 * that ran it (queue mode, where the suite lets workflows read CONTACTSWING_PROCESS).
 */
const answerExpression = (action, ranOn) =>
	`={{ { "booking": "Tuesday 10:00", "phone": $json.body.phone_number, "action": ${action}${ranOn ? ', "ran_on": $env.CONTACTSWING_PROCESS' : ''} } }}`;

/**
 * Action Trigger → Answer (Set) [→ Slots (Split Out) for "All Items"], as saved by the editor.
 * `respond`: { responseMode, responseData?, responsePropertyName? }.
 */
function actionTriggerWorkflow(
	id,
	actionId,
	respond,
	{ webhookId, credentialId = CREDENTIAL_ID, ranOn = false } = {},
) {
	const answer = answerNode(
		id,
		respond.responseData === 'allEntries'
			? '={{ { "slots": [{ "slot": "Tuesday 10:00" }, { "slot": "Wednesday 14:00" }] } }}'
			: answerExpression('$json.actionId', ranOn),
	);
	const nodes = [
		{
			id: `${id}-t`,
			name: 'ContactSwing Action Trigger',
			type: ACTION_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: webhookId ?? webhookIdFor(`${id}-t`),
			parameters: { actionId: { __rl: true, mode: 'id', value: actionId }, ...respond },
			credentials: { contactSwingApi: { id: credentialId, name: 'ContactSwing (sandbox)' } },
		},
		answer,
	];
	if (respond.responseData === 'allEntries') {
		nodes.push({
			id: `${id}-s`,
			name: 'Slots',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [440, 0],
			parameters: { fieldToSplitOut: 'slots', options: {} },
		});
	}
	return {
		id,
		name: `Action ${id}`,
		nodes,
		connections: chain(nodes),
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/**
 * The same workflow on n8n's own Webhook node (When Last Node Finishes, first item): the baseline. Version 2
 * is what the editor adds today; n8n 2.40 runs version 1, like every other webhook trigger, with an
 * expression isolate taken for the webhook's own phase.
 */
function webhookNodeWorkflow(
	id,
	path,
	{ ranOn = false, typeVersion = 2, credentialId = undefined } = {},
) {
	const nodes = [
		{
			id: `${id}-w`,
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion,
			position: [0, 0],
			webhookId: webhookIdFor(`${id}-w`),
			parameters: {
				httpMethod: 'POST',
				path,
				responseMode: 'lastNode',
				...(typeVersion === 1 ? { responseData: 'firstEntryJson' } : {}),
				options: {},
			},
		},
		answerNode(id, answerExpression('"webhook-node"', ranOn)),
	];
	// `credentialId`: a ContactSwing node that never runs (connected to nothing) but holds the credential, so
	// n8n checks the workflow's credentials before each execution, as it does for the Action Trigger's.
	const idle = credentialId && {
		id: `${id}-c`,
		name: 'Never runs',
		type: 'n8n-nodes-contactswing.contactSwing',
		typeVersion: 3,
		position: [220, 200],
		parameters: { resource: 'action', operation: 'getMany' },
		credentials: { contactSwingApi: { id: credentialId, name: 'ContactSwing (sandbox)' } },
	};
	return {
		id,
		name: `Webhook ${id}`,
		nodes: idle ? [...nodes, idle] : nodes,
		connections: chain(nodes),
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** The Set node that builds the answer, the same after every first node. */
function answerNode(id, jsonOutput) {
	return {
		id: `${id}-a`,
		name: 'Answer',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [220, 0],
		parameters: { mode: 'raw', jsonOutput, options: {} },
	};
}

function chain(nodes) {
	return Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((node, k) => [
				node.name,
				{ main: [[{ node: nodes[k + 1].name, type: 'main', index: 0 }]] },
			]),
	);
}

/** The action's webhook settings, as a comparable text (key order included). */
const webhookSettings = (sandbox, actionId) =>
	JSON.stringify(sandbox.state.actions.find((action) => action.id === actionId));

module.exports = {
	ACTION_TRIGGER_TYPE,
	SECRET_HEADER,
	actionTriggerWorkflow,
	crmActionSettings,
	webhookNodeWorkflow,
	webhookSettings,
};
