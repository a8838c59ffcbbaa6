'use strict';
/**
 * What each operation of the ContactSwing node really outputs, per node version: the built node run through
 * n8n-core against the sandbox with one parameter set per operation, plus the runs that show its other
 * shapes (every record of a list, each seeded action type, an API key with and without expiry, and for
 * creates and calls the ledger's alreadyDone and unknown items). docs/operations.md's examples
 * (test/editor.test.js), the output schemas (scripts/schemas.js) and their test (test/schemas.test.js) all
 * start from here, so the schemas describe what the node outputs, not what someone wrote down.
 */
const { nodeType } = require('./n8n');
const { smsAgent } = require('../fixtures');

/** The node versions n8n looks schemas up for (it pads 3 to v3.0.0). */
const VERSIONS = [1, 2, 3];

const ACTION_ID = 'a0000000-0000-4000-8000-000000000001';
const CUSTOMER_ID = 'c0000000-0000-4000-8000-000000000001';

/** Every operation of the node, as its Resource and Operation lists offer them. */
function operations() {
	const { properties } = nodeType.description;
	return properties
		.find((p) => p.name === 'resource')
		.options.flatMap((resource) =>
			properties
				.find((p) => p.name === 'operation' && p.displayOptions.show.resource[0] === resource.value)
				.options.map((operation) => ({ resource, operation })),
		);
}

const key = ({ resource, operation }) => `${resource.value}:${operation.value}`;

/** An ID field as the version holds it: plain text in version 1, a resource locator from version 2. */
const idParameter = (version, value) => (version === 1 ? value : { __rl: true, mode: 'id', value });

/**
 * One parameter set per operation for node `version` (what a user fills in); `ctx` is useSandbox's (or the
 * script's) context, for the sandbox and runs that must happen first.
 */
function parameterSets(ctx, version) {
	const prompt = { model: 'cw-llm-1', instructions: 'You are the assistant of Acme Dental.' };
	const action = idParameter(version, ACTION_ID);
	return {
		'agent:createSmsAgent': () => smsAgent(),
		'agent:createVoiceAgent': () => ({ ...prompt, name: 'Reception', modelKeyIds: '442' }),
		'agent:createChatAgent': () => ({ ...prompt, name: 'Website chat' }),
		'agent:createEmailAgent': () => ({ ...prompt, name: 'Inbox' }),
		'agent:createWhatsAppAgent': () => ({
			...prompt,
			name: 'WhatsApp',
			whatsappNumberId: '650175178190170',
		}),
		'action:create': () => ({
			actionType: 'WEBHOOK',
			name: 'Look up order',
			description: 'Use when the caller asks about an order',
			actionTiming: 'DURING',
			url: 'https://api.example.com/orders',
			method: 'POST',
		}),
		'action:get': () => ({ actionId: action }),
		'action:getMany': () => ({ limit: 1 }),
		'action:update': () => ({
			actionId: action,
			name: 'Look up order',
			updateFields: { description: 'Use when the caller asks about an order' },
		}),
		'knowledgeBase:create': () => ({ name: 'Product Documentation' }),
		'knowledgeBase:update': async () => {
			const created = await ctx.run({
				parameters: {
					resource: 'knowledgeBase',
					operation: 'create',
					name: 'Product Documentation',
				},
			});
			return {
				knowledgeBaseId: created.output[0].json.id,
				updateFields: { urls: 'https://example.com/pricing' },
			};
		},
		'apiKey:create': () => ({ name: 'CRM integration' }),
		'customer:getMany': () => ({ limit: 1 }),
		'customer:update': () => ({
			customerId: idParameter(version, CUSTOMER_ID),
			updateFields: { tags: 'vip' },
		}),
		'call:makeCall': () => ({ agentId: ctx.sandbox.seedVoiceAgent(), phoneNumber: '+13465507166' }),
		'call:createCall': () => ({
			agentId: ctx.sandbox.seedVoiceAgent(),
			phoneNumber: '+13465507166',
		}),
		'call:getMany': () => ({ limit: 1 }),
	};
}

/** Parameter sets that show an operation's other shapes, beside its own (each a change of its own set). */
const VARIANTS = {
	// Every seeded action type, and every record of each list.
	'action:get': (version) =>
		[2, 3, 4].map((n) => ({
			actionId: idParameter(version, `a0000000-0000-4000-8000-00000000000${n}`),
		})),
	'action:getMany': () => [{ returnAll: true }],
	'customer:getMany': () => [{ returnAll: true }],
	'call:getMany': () => [{ returnAll: true }],
	'apiKey:create': () => [
		{
			name: 'Expiring key',
			additionalFields: {
				expiresAt: '2030-01-01T00:00:00Z',
				permissions: 'actions:read',
				description: 'For the CRM',
			},
		},
	],
};

/** Whether the operation creates something or places a call: the ledger (Repeat Protection) covers it. */
const protectedByLedger = ({ operation }) =>
	nodeType.description.properties.some(
		(p) =>
			p.name === 'options' &&
			p.displayOptions?.show?.operation?.includes(operation.value) &&
			p.options.some((option) => option.name === 'repeatProtection'),
	);

/**
 * The output items of one operation at node `version`: its own parameter set, its variants, and for a create
 * or a call the ledger's other outcomes (opted into in versions 1 and 2, where Repeat Protection is off by
 * default): a request already done (a Repeat Key seen before) and one whose outcome is unknown (a
 * connection reset after ContactSwing processed it, passed through flagged).
 */
async function outputSamples(ctx, version, entry) {
	const { resource, operation } = entry;
	const base = { resource: resource.value, operation: operation.value };
	const parameters = parameterSets(ctx, version)[key(entry)];
	if (!parameters) {
		throw new Error(
			`${key(entry)} has no parameter set: add one to parameterSets in test/helpers/outputSamples.js`,
		);
	}
	const given = await parameters();
	const outputs = [];
	const run = async (parameters) => {
		const { output, error } = await ctx.run({
			parameters: { ...base, ...parameters },
			typeVersion: version,
		});
		if (error) throw new Error(`${key(entry)} v${version}: ${error.message}`);
		outputs.push(...output.map((item) => item.json));
	};
	await run(given);
	for (const variant of VARIANTS[key(entry)]?.(version) ?? []) await run({ ...given, ...variant });
	if (protectedByLedger(entry)) {
		const across = {
			...given,
			options: { repeatProtection: 'acrossExecutions', repeatKey: `output-sample-v${version}` },
		};
		await run(across);
		await run(across);
		const fresh = await parameterSets(ctx, version)[key(entry)]();
		// The sandbox processes the next request, then resets the connection before answering.
		ctx.sandbox.script({ processed: true, reset: true });
		await run({
			...fresh,
			options: { repeatProtection: 'retries', ifOutcomeUnknown: 'passThrough' },
		});
	}
	return outputs;
}

module.exports = { VERSIONS, operations, key, parameterSets, outputSamples, protectedByLedger };
