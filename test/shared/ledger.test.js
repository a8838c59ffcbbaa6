'use strict';
/**
 * The ledger of creates and calls (Options → Repeat Protection; shared/operations/ledger.ts), run through
 * n8n-core's WorkflowExecute against the sandbox, with n8n's deduplication store as the CLI builds it
 * (test/helpers/dedupStore.js: one row per workflow and scope, md5 keys, read-modify-write). Each way n8n runs
 * the node again (Retry On Fail, a Retry of the execution, an AI agent repeating a tool call, a webhook
 * delivered twice) is run as n8n runs it; what reached the sandbox is what is asserted.
 */
const { useSandbox } = require('../helpers/sandbox');
const { deduplicationStore, runNode, toolInvoker } = require('../helpers/n8n');
const { createSandbox, DEFAULT_TOKEN } = require('../sandbox/server');
const { smsAgent, smsAgentFromAi, leads } = require('../fixtures');

const ctx = useSandbox();
const store = deduplicationStore();
beforeEach(() => store.reset());

const V3 = 3;
const NODE_ROW = 'n:f0c1a5b2-0000-4000-8000-000000000001';
const agentPosts = () => ctx.sandbox.requests.filter((r) => r.path === '/v2/_new_assistants');
const callPosts = () => ctx.sandbox.requests.filter((r) => r.path.endsWith('/makeCall'));
const createdOnce = () =>
	[...ctx.sandbox.state.createdByName.values()].every((count) => count === 1);
const placedTo = () => ctx.sandbox.state.placedCalls.map((call) => call.to);
const sms = (options = {}) => smsAgent({ name: '={{ $json.name }}', options });
const makeCall = (agentId, options = {}) => ({
	resource: 'call',
	operation: 'makeCall',
	agentId,
	phoneNumber: '={{ $json.phone }}',
	options,
});
const phones = (n) => Array.from({ length: n }, (_, k) => ({ phone: `+1346550710${k + 1}` }));

describe('Retry On Fail (the node setting, 3 tries) repeats nothing that happened', () => {
	test('three Make Call items, the third answered 400: each number is called once', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		ctx.sandbox.setFaults({ rejectValues: ['+13465507103'] });
		const { error } = await ctx.run({
			items: phones(3),
			typeVersion: V3,
			retryOnFail: { maxTries: 3 },
			parameters: makeCall(agentId),
		});
		expect(error.message).toMatch(/^ContactSwing rejected the request \(HTTP 400\)/);
		expect(placedTo()).toEqual(['+13465507101', '+13465507102']);
		// The 400 was sent on every try: ContactSwing processed none of them, so a repeat changes nothing.
		expect(callPosts().map((r) => r.body.phone_number)).toEqual([
			'+13465507101',
			'+13465507102',
			'+13465507103',
			'+13465507103',
			'+13465507103',
		]);
	});

	test('with Continue On Fail, an error item first makes n8n run the node again: still each number once', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		ctx.sandbox.setFaults({ rejectValues: ['+13465507101'] });
		const { output } = await ctx.run({
			items: phones(3),
			typeVersion: V3,
			continueOnFail: true,
			retryOnFail: { maxTries: 3 },
			parameters: makeCall(agentId),
		});
		expect(placedTo()).toEqual(['+13465507102', '+13465507103']);
		expect(callPosts()).toHaveLength(3 + 1 + 1);
		expect(output.map((o) => [o.pairedItem.item, o.json.outcome ?? o.json.error])).toEqual([
			[0, expect.stringMatching(/^ContactSwing rejected the request \(HTTP 400\)/)],
			[1, 'alreadyDone'],
			[2, 'alreadyDone'],
		]);
		expect(output[1].json).toEqual({
			outcome: 'alreadyDone',
			request: `POST /v2/_voicecalls/${agentId}/makeCall`,
			phone_number: '+13465507102',
			agent_id: agentId,
			message:
				'Already done by an earlier run of this node in this execution or the execution it retries (ContactSwing confirmed it); nothing was sent. The ledger keeps no IDs: look it up in ContactSwing if you need it.',
		});
	});

	test('node version 2 keeps its behaviour (no ledger) unless Repeat Protection is added to its Options', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		ctx.sandbox.setFaults({ rejectValues: ['+13465507103'] });
		await ctx.run({
			items: phones(3),
			typeVersion: 2,
			retryOnFail: { maxTries: 2 },
			parameters: makeCall(agentId),
		});
		expect(placedTo()).toEqual(['+13465507101', '+13465507102', '+13465507101', '+13465507102']);
		expect(callPosts().every((r) => r.body.outcome === undefined)).toBe(true);
		ctx.sandbox.reset();
		ctx.sandbox.setFaults({ rejectValues: ['+13465507103'] });
		const agent = ctx.sandbox.seedVoiceAgent();
		await ctx.run({
			items: phones(3),
			typeVersion: 2,
			retryOnFail: { maxTries: 2 },
			parameters: makeCall(agent, { repeatProtection: 'retries' }),
		});
		expect(placedTo()).toEqual(['+13465507101', '+13465507102']);
	});
});

describe('a Retry of a failed execution (new execution ID, mode "retry") repeats nothing that happened', () => {
	test.each([
		['the workflow as it ran (loadWorkflow: false)', false],
		['the saved workflow (loadWorkflow: true)', true],
	])(
		'100 leads, the 41st rejected: the retry of %s creates each agent once',
		async (_label, loadWorkflow) => {
			ctx.sandbox.setFaults({ rejectValues: ['Lead 41'] });
			const failed = await ctx.run({ items: leads(100), typeVersion: V3, parameters: sms() });
			expect(failed.error.message).toMatch(/name "Lead 41" is not allowed \[item 40\]/);
			// The windows in flight with item 40's finished (at most Items per Batch − 1 more); none after.
			const createdBefore = ctx.sandbox.state.createdByName.size;
			expect(createdBefore).toBeGreaterThanOrEqual(40);
			expect(createdBefore).toBeLessThanOrEqual(44);
			ctx.sandbox.setFaults({ rejectValues: [] });
			const retried = await ctx.run({
				retryOf: failed,
				typeVersion: V3,
				executionId: 'retry-of-1',
				// The saved workflow may have changed since: what was done stays done.
				...(loadWorkflow ? { parameters: sms({ timeout: 20000 }) } : {}),
			});
			expect(retried.error).toBeUndefined();
			expect(ctx.sandbox.state.createdByName.size).toBe(100);
			expect(createdOnce()).toBe(true);
			// Before the failure: the agents created and item 40 (rejected); the retry: every other lead.
			expect(agentPosts()).toHaveLength(createdBefore + 1 + (100 - createdBefore));
			const outcomes = retried.output.map((o) => o.json.outcome);
			expect(outcomes.filter((o) => o === 'alreadyDone')).toHaveLength(createdBefore);
			expect(outcomes.filter((o) => o === 'created')).toHaveLength(100 - createdBefore);
			expect(retried.output.map((o) => o.pairedItem.item)).toEqual(leads(100).map((_, k) => k));
			expect(retried.output[0].json).toEqual(
				expect.objectContaining({ outcome: 'alreadyDone', name: 'Lead 1', type: 'SMS' }),
			);
			// The lineage the retry used is the original execution's, carried in its custom data.
			expect(retried.customData.contactSwing).toBe(`L:${failed.executionId}`);
		},
	);
});

describe('repeats the user wants still send', () => {
	test('two identical items in one run, a loop back to the node, and the next execution each send', async () => {
		const items = [{ name: 'Twin' }, { name: 'Twin' }];
		const first = await ctx.run({ items, typeVersion: V3, parameters: sms() });
		expect(agentPosts()).toHaveLength(2);
		expect(first.output.map((o) => o.json.outcome)).toEqual(['created', 'created']);
		// A loop back to the node: the same execution, the node's next run index.
		const loop = await ctx.run({ continueFrom: first, items, typeVersion: V3, parameters: sms() });
		expect(loop.output.map((o) => o.json.outcome)).toEqual(['created', 'created']);
		const nextWeek = await ctx.run({ items, typeVersion: V3, parameters: sms() });
		expect(nextWeek.output.map((o) => o.json.outcome)).toEqual(['created', 'created']);
		expect(agentPosts()).toHaveLength(6);
	});

	test('Repeat Protection Off sends on every run, as before version 3 (and adds no outcome)', async () => {
		ctx.sandbox.setFaults({ rejectValues: ['Rejected'] });
		const { error, output } = await ctx.run({
			items: [{ name: 'Again' }, { name: 'Rejected' }],
			typeVersion: V3,
			continueOnFail: true,
			parameters: sms({ repeatProtection: 'off' }),
			retryOnFail: { maxTries: 2 },
		});
		expect(error).toBeUndefined();
		expect(ctx.sandbox.state.createdByName.get('Again')).toBe(1);
		expect(output[0].json.outcome).toBeUndefined();
		const failing = await ctx.run({
			items: [{ name: 'Again' }, { name: 'Rejected' }],
			typeVersion: V3,
			parameters: sms({ repeatProtection: 'off' }),
			retryOnFail: { maxTries: 2 },
		});
		expect(failing.error).toBeDefined();
		expect(ctx.sandbox.state.createdByName.get('Again')).toBe(3);
	});
});

describe('across executions, by Repeat Key', () => {
	const across = (extra = {}) =>
		sms({ repeatProtection: 'acrossExecutions', repeatKey: '={{ $json.leadId }}', ...extra });
	const lead = (leadId, name = `Lead ${leadId}`) => ({ leadId, name });

	test('the same webhook delivered twice: the second run sends nothing', async () => {
		const items = [lead('L-1'), lead('L-2'), lead('L-3')];
		const first = await ctx.run({ items, typeVersion: V3, parameters: across(), mode: 'webhook' });
		expect(first.output.map((o) => o.json.outcome)).toEqual(['created', 'created', 'created']);
		const again = await ctx.run({ items, typeVersion: V3, parameters: across(), mode: 'webhook' });
		expect(agentPosts()).toHaveLength(3);
		expect(again.output.map((o) => o.json)).toEqual(
			items.map((item) => ({
				outcome: 'alreadyDone',
				request: 'POST /v2/_new_assistants',
				name: item.name,
				type: 'SMS',
				message: `Already done for Repeat Key "${item.leadId}" (ContactSwing confirmed it); nothing was sent. The ledger keeps no IDs: look it up in ContactSwing if you need it.`,
			})),
		);
	});

	test('two items of one run with one key: one request, the other follows it', async () => {
		const items = [lead('L-7', 'First'), lead('L-7', 'Second'), lead('L-8')];
		const { output } = await ctx.run({ items, typeVersion: V3, parameters: across() });
		expect(agentPosts().map((r) => r.body.name)).toEqual(['First', 'Lead L-8']);
		expect(output[1].json).toEqual(
			expect.objectContaining({
				outcome: 'alreadyDone',
				name: 'Second',
				message: expect.stringMatching(/^Item 0 of this run has the same Repeat Key/),
			}),
		);
	});

	test('without a key, the request and the account: 8 client accounts with equal bodies are 8 requests, once each', async () => {
		const clients = await Promise.all(
			Array.from({ length: 8 }, (_, k) => createSandbox({ token: `client-${k}-token` }).listen()),
		);
		try {
			const items = clients.map((client, k) => ({
				name: 'Same body',
				token: `client-${k}-token`,
				baseUrl: client.url,
			}));
			const parameters = sms({ repeatProtection: 'acrossExecutions' });
			const credentials = { accessToken: '={{ $json.token }}', baseUrl: '={{ $json.baseUrl }}' };
			for (let delivery = 0; delivery < 2; delivery++)
				await runNode({ items, credentials, typeVersion: V3, parameters });
			expect(clients.map((client) => client.requests.length)).toEqual(Array(8).fill(1));
			// The ledger keeps md5 hashes of keys built from a fingerprint: no token reaches the store.
			expect(JSON.stringify([...store.table.rows.values()])).not.toMatch(/client-\d-token/);
		} finally {
			await Promise.all(clients.map((client) => client.close()));
		}
	});

	test('a manual run records its keys too (and says so): a later production run sends nothing for them', async () => {
		const items = [lead('M-1')];
		const manual = await ctx.run({ items, typeVersion: V3, parameters: across(), mode: 'manual' });
		expect(manual.hints.map((h) => h.message)).toEqual([
			expect.stringMatching(/^This manual run records its Repeat Keys like any other/),
		]);
		const production = await ctx.run({
			items,
			typeVersion: V3,
			parameters: across(),
			mode: 'webhook',
		});
		expect(production.output[0].json.outcome).toBe('alreadyDone');
		expect(agentPosts()).toHaveLength(1);
	});

	test('scope: This Node keeps keys per node; Whole Workflow shares them between nodes', async () => {
		const items = [lead('S-1')];
		const otherNode = 'f0c1a5b2-0000-4000-8000-00000000000b';
		await ctx.run({ items, typeVersion: V3, parameters: across() });
		await ctx.run({ items, typeVersion: V3, parameters: across(), nodeId: otherNode });
		expect(agentPosts()).toHaveLength(2);
		const shared = across({ repeatScope: 'workflow' });
		await ctx.run({ items, typeVersion: V3, parameters: shared });
		const second = await ctx.run({ items, typeVersion: V3, parameters: shared, nodeId: otherNode });
		expect(second.output[0].json.outcome).toBe('alreadyDone');
		expect(agentPosts()).toHaveLength(3);
	});

	test('Requests to Remember: the oldest keys are forgotten and would be sent again', async () => {
		const parameters = across({ rememberRequests: 2 });
		await ctx.run({ items: [lead('R-1'), lead('R-2')], typeVersion: V3, parameters });
		await ctx.run({ items: [lead('R-3'), lead('R-4')], typeVersion: V3, parameters });
		expect(store.size('test', NODE_ROW)).toBe(2 * 2 + 2);
		const again = await ctx.run({ items: [lead('R-1'), lead('R-4')], typeVersion: V3, parameters });
		expect(again.output.map((o) => o.json.outcome)).toEqual(['created', 'alreadyDone']);
	});

	test('Forget Ledger clears the node’s ledger once per value', async () => {
		const items = [lead('F-1')];
		await ctx.run({ items, typeVersion: V3, parameters: across() });
		const forget = across({ forgetLedger: '2026-06-01' });
		const cleared = await ctx.run({ items, typeVersion: V3, parameters: forget });
		expect(cleared.output[0].json.outcome).toBe('created');
		const kept = await ctx.run({ items, typeVersion: V3, parameters: forget });
		expect(kept.output[0].json.outcome).toBe('alreadyDone');
		expect(agentPosts()).toHaveLength(2);
	});
});

describe('unknown outcomes: sent, never confirmed', () => {
	/** A create that ContactSwing processes but whose connection breaks before the answer. */
	const resetAfterSending = () => ctx.sandbox.script({ processed: true, reset: true });

	test('a reset after sending: Retry On Fail does not send it again, and the item says what to check', async () => {
		resetAfterSending();
		const { error } = await ctx.run({
			items: [{ name: 'Maybe' }],
			typeVersion: V3,
			retryOnFail: { maxTries: 3 },
			parameters: sms(),
		});
		expect(agentPosts()).toHaveLength(1);
		expect(error.message).toBe(
			'ContactSwing may already have created the agent: an earlier run of this node sent this request but never learned whether ContactSwing processed it; nothing was sent again [item 0]',
		);
		expect(error.description).toBe(
			'Check ContactSwing (POST /v2/_new_assistants, name Maybe, type SMS). If it did not happen, set Options → If Outcome Unknown → Send Again for one run.',
		);
	});

	test('If Outcome Unknown → Pass Through Flagged: an output item without json.error, so n8n does not retry', async () => {
		resetAfterSending();
		const { output, error } = await ctx.run({
			items: [{ name: 'Maybe' }, { name: 'Sure' }],
			typeVersion: V3,
			retryOnFail: { maxTries: 3 },
			parameters: sms({ ifOutcomeUnknown: 'passThrough' }),
		});
		expect(error).toBeUndefined();
		expect(output[0].json).toEqual({
			outcome: 'unknown',
			request: 'POST /v2/_new_assistants',
			name: 'Maybe',
			type: 'SMS',
			message: expect.stringMatching(/^The connection to ContactSwing broke \(connection reset\)/),
		});
		expect(output[0].json.error).toBeUndefined();
		expect(output[1].json.outcome).toBe('created');
		// n8n ran the node once: nothing flagged looked like a failure to it.
		expect(agentPosts()).toHaveLength(2);
	});

	test('If Outcome Unknown → Send Again (after checking ContactSwing) sends it once more', async () => {
		resetAfterSending();
		const first = await ctx.run({ items: [{ name: 'Maybe' }], typeVersion: V3, parameters: sms() });
		const again = await ctx.run({
			retryOf: first,
			executionId: 'after-checking',
			typeVersion: V3,
			parameters: sms({ ifOutcomeUnknown: 'sendAgain' }),
		});
		expect(again.output[0].json.outcome).toBe('created');
		expect(agentPosts()).toHaveLength(2);
	});

	test('with Continue (using error output), an unknown goes to the error output', async () => {
		resetAfterSending();
		// The error item comes first, so n8n's Retry On Fail runs the node again: the unknown is not resent.
		const { output, errorOutput } = await ctx.run({
			items: [{ name: 'Maybe' }, { name: 'Sure' }],
			typeVersion: V3,
			continueOnFail: 'errorOutput',
			retryOnFail: { maxTries: 2 },
			parameters: sms(),
		});
		expect(errorOutput.map((o) => [o.pairedItem.item, o.json.error])).toEqual([
			[0, expect.stringMatching(/^ContactSwing may already have created the agent/)],
		]);
		expect(output.map((o) => [o.pairedItem.item, o.json.outcome])).toEqual([[1, 'alreadyDone']]);
		expect(agentPosts()).toHaveLength(2);
	});
});

describe('what ContactSwing certainly did not process is sent again; what it may have processed is not', () => {
	const tryThenRetry = async (fault, options = {}) => {
		fault();
		const first = await ctx.run({
			items: [{ name: 'Classified' }],
			typeVersion: V3,
			parameters: sms({ maxRetryWait: 0, timeout: 1000, ...options }),
		});
		expect(first.error).toBeDefined();
		ctx.sandbox.reset();
		const again = await ctx.run({
			retryOf: first,
			executionId: `${first.executionId}-retry`,
			typeVersion: V3,
			continueOnFail: true,
		});
		return again.output[0].json.outcome ?? again.output[0].json.error;
	};
	const answer = (status, headers) => () => ctx.sandbox.script({ status, headers, body: '' });

	test.each([
		['400', answer(400)],
		['401', answer(401)],
		['404', answer(404)],
		['422', answer(422)],
		['429, past the retry budget', answer(429, { 'retry-after': '5' })],
		['503 with Retry-After, past the retry budget', answer(503, { 'retry-after': '5' })],
		['a redirect to another origin', answer(302, { location: 'https://elsewhere.example/v2' })],
	])('not processed: %s → sent again', async (_label, fault) => {
		expect(await tryThenRetry(fault)).toBe('created');
	});

	test.each([
		['500', answer(500)],
		['502', answer(502)],
		['504', answer(504)],
		['503 without Retry-After', answer(503)],
		['a reset after sending', () => ctx.sandbox.script({ processed: true, reset: true })],
		['a timeout', () => ctx.sandbox.script({ processed: true, delayMs: 1500 })],
	])('may have been processed: %s → unknown, not sent', async (_label, fault) => {
		expect(await tryThenRetry(fault)).toMatch(/^ContactSwing may already have created the agent/);
	});

	test('nothing sent: a refused connection, a broken per-item credential → sent again', async () => {
		const refused = await runNode({
			items: [{ name: 'Nowhere' }],
			credentials: { accessToken: DEFAULT_TOKEN, baseUrl: 'http://127.0.0.1:9' },
			typeVersion: V3,
			parameters: sms({ maxRetryWait: 0 }),
		});
		expect(refused.error.message).toMatch(/^Could not reach ContactSwing \(connection refused\)/);
		const broken = await runNode({
			items: [{ name: 'Nowhere' }],
			credentials: { accessToken: 'short', baseUrl: ctx.sandbox.url },
			typeVersion: V3,
			parameters: sms(),
		});
		expect(broken.error.message).toMatch(/too short/);
		for (const first of [refused, broken]) {
			const again = await ctx.run({
				retryOf: first,
				executionId: `${first.executionId}-retry`,
				typeVersion: V3,
			});
			expect(again.output[0].json.outcome).toBe('created');
		}
	});
});

describe('as an AI agent’s tool (each tool call runs the node anew)', () => {
	const tool = (executionId, extra = {}) =>
		toolInvoker({
			credentials: ctx.credentials(),
			executionId,
			name: 'Create SMS agent',
			typeVersion: V3,
			parameters: smsAgentFromAi,
			...extra,
		});
	const args = { name: 'Acme – Jane', instructions: 'Text Jane.' };

	test('the model repeating a call with the same arguments creates once, and reads why', async () => {
		const agent = tool('agent-execution-1');
		const first = JSON.parse(await agent.invoke(args));
		const repeat = JSON.parse(await agent.invoke(args));
		const other = JSON.parse(await agent.invoke({ ...args, name: 'Acme – John' }));
		expect(first[0].outcome).toBe('created');
		expect(repeat).toEqual([
			expect.objectContaining({ outcome: 'alreadyDone', name: 'Acme – Jane' }),
		]);
		expect(repeat[0].message).toMatch(/nothing was sent/);
		expect(other[0].outcome).toBe('created');
		expect(agentPosts().map((r) => r.body.name)).toEqual(['Acme – Jane', 'Acme – John']);
	});

	test('a Retry of the execution re-running the agent: its tool calls are not repeated', async () => {
		const agent = tool('agent-execution-2');
		await agent.invoke(args);
		// The retry runs in a new execution with the failed one's data (its custom data included).
		const retry = tool('agent-execution-2-retry', {
			runExecutionData: structuredClone(agent.runExecutionData),
		});
		expect(JSON.parse(await retry.invoke(args))[0].outcome).toBe('alreadyDone');
		expect(agentPosts()).toHaveLength(1);
	});

	test('gap: a tool called over MCP in single-instance mode has no execution, so a repeat sends again', async () => {
		const mcp = tool(undefined);
		await mcp.invoke(args);
		await mcp.invoke(args);
		expect(agentPosts()).toHaveLength(2);
	});

	test('an unknown outcome comes back to the model as text naming what to check', async () => {
		const agent = tool('agent-execution-3');
		ctx.sandbox.script({ processed: true, reset: true });
		await expect(agent.invoke(args)).rejects.toThrow(/The connection to ContactSwing broke/);
		await expect(agent.invoke(args)).rejects.toThrow(
			/^ContactSwing may already have created the agent: an earlier run of this node sent this request but never learned whether ContactSwing processed it; nothing was sent again \[item 0\]\n\nDetails: Check ContactSwing/,
		);
		expect(agentPosts()).toHaveLength(1);
	});
});

describe('where the retry lineage does not exist (documented gaps)', () => {
	test('10 custom data keys already in use: a warning; Retry On Fail is still safe, a Retry of the execution is not', async () => {
		const full = Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`key${k}`, 'x']));
		const warned = await ctx.run({
			items: [{ name: 'Warned' }],
			typeVersion: V3,
			parameters: sms(),
			customData: full,
		});
		expect(warned.hints.map((h) => h.message)).toEqual([
			expect.stringMatching(
				/^This execution already has 10 custom data keys, so n8n dropped the "contactSwing" key/,
			),
		]);
		ctx.sandbox.setFaults({ rejectValues: ['Rejected'] });
		const first = await ctx.run({
			items: [{ name: 'Once' }, { name: 'Rejected' }],
			typeVersion: V3,
			retryOnFail: { maxTries: 2 },
			parameters: sms(),
			customData: full,
		});
		expect(ctx.sandbox.state.createdByName.get('Once')).toBe(1);
		await ctx.run({ retryOf: first, executionId: 'full-retry', typeVersion: V3 });
		expect(ctx.sandbox.state.createdByName.get('Once')).toBe(2);
	});

	test('a retry whose execution data lost the custom data (a crash before n8n saved it; a sub-workflow whose parent is retried) sends again', async () => {
		ctx.sandbox.setFaults({ rejectValues: ['Rejected'] });
		const first = await ctx.run({
			items: [{ name: 'Once' }, { name: 'Rejected' }],
			typeVersion: V3,
			parameters: sms(),
		});
		delete first.run.data.resultData.metadata;
		await ctx.run({ retryOf: first, executionId: 'crashed-retry', typeVersion: V3 });
		expect(ctx.sandbox.state.createdByName.get('Once')).toBe(2);
	});
});

describe('the store: calls per window, serialised per row', () => {
	test('one store call per window (half of Items per Batch: attempts, with the confirmations of the window two back), one at the end', async () => {
		ctx.sandbox.setFaults({ latencyMs: 20 });
		await ctx.run({
			items: leads(20),
			typeVersion: V3,
			parameters: sms({ batching: { batch: { batchSize: 5 } } }),
		});
		// Windows of 3 and 2 items: 8 windows.
		expect(store.calls).toEqual({
			checkProcessedAndRecord: 8 + 1,
			removeProcessed: 0,
			clearAllProcessedItems: 0,
		});
		expect(store.size('test', NODE_ROW)).toBe(40);
		expect(ctx.sandbox.state.maxInFlight).toBeLessThanOrEqual(5);
		expect(ctx.sandbox.state.maxInFlight).toBeGreaterThanOrEqual(3);
	});

	test.each([1, 4, 9, 14])(
		'the process dies after store call %i: the input sent again creates nothing twice and flags at most Items per Batch',
		async (calls) => {
			ctx.sandbox.setFaults({ latencyMs: 10 });
			const items = leads(60).map((lead, k) => ({ ...lead, key: `crash-${k}` }));
			const parameters = sms({
				repeatProtection: 'acrossExecutions',
				repeatKey: '={{ $json.key }}',
				ifOutcomeUnknown: 'passThrough',
				batching: { batch: { batchSize: 6 } },
			});
			store.dieAfter(calls);
			await ctx.run({ items, typeVersion: V3, continueOnFail: true, parameters });
			store.dieAfter(undefined);
			const resent = await ctx.run({ items, typeVersion: V3, continueOnFail: true, parameters });
			const outcomes = resent.output.map((o) => o.json.outcome);
			expect(outcomes.every((o) => ['created', 'alreadyDone', 'unknown'].includes(o))).toBe(true);
			// What was on its way when the process died: at least one request, at most Items per Batch.
			expect(outcomes.filter((o) => o === 'unknown').length).toBeGreaterThan(0);
			expect(outcomes.filter((o) => o === 'unknown').length).toBeLessThanOrEqual(6);
			expect(createdOnce()).toBe(true);
			// Every lead exists once, or is flagged for a person to check.
			expect(
				ctx.sandbox.state.createdByName.size + outcomes.filter((o) => o === 'unknown').length,
			).toBeGreaterThanOrEqual(60);
		},
	);

	test('20 executions at once on one row: every record kept (the calls take turns); 10 with one key send once', async () => {
		const parameters = sms({ repeatProtection: 'acrossExecutions', repeatKey: '={{ $json.key }}' });
		await Promise.all(
			Array.from({ length: 20 }, (_, k) =>
				ctx.run({ items: [{ name: `Parallel ${k}`, key: `p-${k}` }], typeVersion: V3, parameters }),
			),
		);
		expect(store.size('test', NODE_ROW)).toBe(40);
		await Promise.all(
			Array.from({ length: 10 }, () =>
				ctx.run({ items: [{ name: 'One key', key: 'same' }], typeVersion: V3, parameters }),
			),
		);
		expect(ctx.sandbox.state.createdByName.get('One key')).toBe(1);
	});

	test('two processes on one row (queue-mode workers: n8n has no lock across them) lose records: measured, not prevented', async () => {
		// A second copy of the node, as a second worker: its own memory (and lock), the same database.
		let OtherWorker;
		jest.isolateModules(() => {
			({
				ContactSwing: OtherWorker,
			} = require('../../dist/nodes/ContactSwing/ContactSwing.node.js'));
		});
		const parameters = sms({ repeatProtection: 'acrossExecutions', repeatKey: '={{ $json.key }}' });
		const workers = [undefined, new OtherWorker()];
		const runs = await Promise.all(
			Array.from({ length: 20 }, (_, k) =>
				ctx.run({
					items: [{ name: `Worker ${k}`, key: `w-${k}` }],
					typeVersion: V3,
					continueOnFail: true,
					parameters,
					node: workers[k % 2],
				}),
			),
		);
		const created = runs.filter((r) => r.output[0].json.outcome === 'created').length;
		const kept = store.size('test', NODE_ROW);
		// Each worker's calls take turns, but the two workers' read-modify-writes interleave: records are lost
		// (and two first calls on a missing row collide on its primary key). docs/retries.md reports the figures.
		console.log(
			`two workers, 20 executions with distinct keys: ${created} created, ${kept / 2} of 20 requests still recorded`,
		);
		expect(kept).toBeLessThan(2 * created);
		expect(createdOnce()).toBe(true);
	});
});
