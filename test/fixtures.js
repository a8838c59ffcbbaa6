'use strict';
/** Parameter sets that several test files start from, so each is written once. */

/**
 * The smallest valid Create SMS AI Agent parameters (every required field, nothing optional). Tests pass
 * what they change; `instructions` stays as the SMS tests assert it.
 */
const smsAgent = (overrides = {}) => ({
	resource: 'agent',
	operation: 'createSmsAgent',
	name: 'Lead follow-up',
	model: 'cw-llm-1',
	smsKeyIds: '134',
	instructions: 'You text new leads and book a call.',
	smsType: 'OUTBOUND',
	...overrides,
});

/** n items named Lead 1 … Lead n, for bulk runs whose agent names come from `={{ $json.name }}`. */
const leads = (n, prefix = 'Lead') =>
	Array.from({ length: n }, (_, k) => ({ name: `${prefix} ${k + 1}` }));

/** Create SMS AI Agent as an AI agent's tool: the model fills the name and the instructions. */
const smsAgentFromAi = smsAgent({
	name: "={{ $fromAI('name', 'Display name of the agent, e.g. Acme Dental – Jane Doe', 'string') }}",
	instructions:
		"={{ $fromAI('instructions', 'What the agent texts the contact about', 'string') }}",
});

module.exports = { smsAgent, smsAgentFromAi, leads };
