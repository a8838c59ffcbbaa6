'use strict';
const { OPERATIONS, call, useGuardrailSandbox } = require('./sandbox');

const { ctx, callRequests, run } = useGuardrailSandbox();
const phones2 = () => [{ phone: '+13465507101' }, { phone: '+13465507102' }];

describe.each(OPERATIONS)('%s: Max Calls per Execution', (operation) => {
	test('counts across items, concurrent ones included: the calls past the limit are refused and never sent', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const items = [1, 2, 3, 4, 5].map((n) => ({ phone: `+1346550710${n}` }));
		// Items per Batch 5: all five are read at once.
		const { output } = await run({
			items,
			continueOnFail: true,
			parameters: call(operation, agentId, { maxCallsPerExecution: 2 }),
		});
		expect(callRequests()).toHaveLength(2);
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1, 2, 3, 4]);
		expect(output.slice(0, 2).every((o) => typeof o.json.call_id === 'string')).toBe(true);
		expect(output.slice(2).map((o) => o.json.error)).toEqual(
			[2, 3, 4].map(
				(i) =>
					`Max Calls per Execution (2) refused the call: this node has already placed 2 calls in this execution; nothing was sent [item ${i}]`,
			),
		);
		expect(output[2].json.description).toBe(
			'Raise Options → Max Calls per Execution to place more calls in one execution.',
		);
	});

	test('counts across repeated runs of the node in one execution (as an AI agent runs a tool), not across executions', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const parameters = call(operation, agentId, { maxCallsPerExecution: 1 });
		const first = await ctx.run({
			executionId: `tool-${operation}`,
			items: [{ phone: '+13465507101' }],
			parameters,
		});
		const second = await ctx.run({
			executionId: `tool-${operation}`,
			items: [{ phone: '+13465507102' }],
			parameters,
		});
		expect(first.error).toBeUndefined();
		expect(second.error.message).toBe(
			'Max Calls per Execution (1) refused the call: this node has already placed 1 call in this execution; nothing was sent [item 0]',
		);
		expect(callRequests().map((r) => r.body.phone_number)).toEqual(['+13465507101']);
		const another = await ctx.run({
			executionId: `tool-${operation}-next`,
			items: [{ phone: '+13465507103' }],
			parameters,
		});
		expect(another.error).toBeUndefined();
		expect(callRequests().map((r) => r.body.phone_number)).toEqual([
			'+13465507101',
			'+13465507103',
		]);
	});

	test('a run without an execution ID (an MCP tool call) counts within that run only', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const parameters = call(operation, agentId, { maxCallsPerExecution: 1 });
		const items = [{ phone: '+13465507101' }, { phone: '+13465507102' }];
		const first = await ctx.run({ executionId: '', items, continueOnFail: true, parameters });
		const second = await ctx.run({
			executionId: '',
			items: [{ phone: '+13465507103' }],
			parameters,
		});
		expect(first.output[1].json.error).toMatch(/^Max Calls per Execution \(1\) refused the call/);
		expect(second.error).toBeUndefined();
		expect(callRequests().map((r) => r.body.phone_number)).toEqual([
			'+13465507101',
			'+13465507103',
		]);
	});

	test('a call ContactSwing refuses (HTTP 4xx) places nothing, so it does not count', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const items = [
			{ phone: '+13465507101', agent: 'ghost' },
			{ phone: '+13465507102', agent: agentId },
		];
		const { output } = await run({
			items,
			continueOnFail: true,
			// One at a time, so the refused call has been answered before the next is counted.
			parameters: call(operation, '={{ $json.agent }}', {
				maxCallsPerExecution: 1,
				batching: { batch: { batchSize: 1 } },
			}),
		});
		expect(output[0].json.error).toMatch(/HTTP 404/);
		expect(output[1].json.call_id).toEqual(expect.any(String));
		expect(ctx.sandbox.state.placedCalls.map((c) => c.to)).toEqual(['+13465507102']);
	});
});

describe.each(OPERATIONS)(
	'%s: Max Calls per Execution counts only calls that may have reached ContactSwing, as long as the execution lives',
	(operation) => {
		const { runNode } = require('../../../helpers/n8n');
		const { DEFAULT_TOKEN } = require('../../../sandbox/server');
		/** Items that each name their own account (the credential's fields are expressions), one at a time. */
		const perItem = (agentId) => ({
			credentials: { accessToken: '={{ $json.token }}', baseUrl: '={{ $json.baseUrl }}' },
			continueOnFail: true,
			parameters: call(operation, agentId, {
				maxCallsPerExecution: 1,
				maxRetryWait: 0,
				batching: { batch: { batchSize: 1 } },
			}),
		});
		const good = (phone) => ({ phone, token: DEFAULT_TOKEN, baseUrl: ctx.sandbox.url });

		test.each([
			['a broken per-item credential', () => ({ token: 'short' })],
			['a refused connection', () => ({ baseUrl: 'http://127.0.0.1:9' })],
			[
				'a redirect the node does not follow',
				() => {
					ctx.sandbox.script({
						status: 302,
						headers: { location: 'https://elsewhere.example/v2/_call' },
					});
					return {};
				},
			],
		])('%s places nothing, so it does not count', async (_label, fault) => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const items = [{ ...good('+13465507101'), ...fault() }, good('+13465507102')];
			const { output } = await runNode({ items, ...perItem(agentId) });
			expect(output[0].json.error).toEqual(expect.any(String));
			expect(output[1].json.call_id).toEqual(expect.any(String));
			expect(ctx.sandbox.state.placedCalls.map((c) => c.to)).toEqual(['+13465507102']);
		});

		test('a Retry of the execution keeps the calls the execution it retries placed (node version 1 too)', async () => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const parameters = call(operation, agentId, {
				maxCallsPerExecution: 1,
				batching: { batch: { batchSize: 1 } },
			});
			const failed = await run({ items: phones2(), parameters });
			expect(failed.error.message).toMatch(/^Max Calls per Execution \(1\) refused the call/);
			const retried = await run({ retryOf: failed, executionId: `retry-${operation}` });
			expect(retried.error.message).toBe(
				'Max Calls per Execution (1) refused the call: this node has already placed 1 call in this execution; nothing was sent [item 0]',
			);
			expect(ctx.sandbox.state.placedCalls.map((c) => c.to)).toEqual(['+13465507101']);
		});

		test('an execution resumed in another process (a Wait longer than a day) keeps its count', async () => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const parameters = call(operation, agentId, { maxCallsPerExecution: 1 });
			const before = await run({ items: [{ phone: '+13465507101' }], parameters });
			expect(before.error).toBeUndefined();
			// A fresh copy of the node: nothing of the first run is left in this process's memory.
			let Fresh;
			jest.isolateModules(() => {
				({
					ContactSwing: Fresh,
				} = require('../../../../dist/nodes/ContactSwing/ContactSwing.node.js'));
			});
			const resumed = await ctx.run({
				continueFrom: before,
				items: [{ phone: '+13465507102' }],
				parameters,
				node: new Fresh(),
			});
			expect(resumed.error.message).toMatch(
				/^Max Calls per Execution \(1\) refused the call: this node has already placed 1 call/,
			);
			expect(ctx.sandbox.state.placedCalls.map((c) => c.to)).toEqual(['+13465507101']);
		});
	},
);
