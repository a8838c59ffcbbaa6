'use strict';
/**
 * Bulk runs under every sandbox fault mode. For each: every input item yields exactly one output item,
 * in order and paired; no agent is created twice; errors say what happened and what to do.
 */
const { useSandbox } = require('./helpers/sandbox');
const { leads } = require('./fixtures');

const ctx = useSandbox();

const { bulkRunner, smsParameters } = require('./helpers/bulk');

const { bulk, agentPosts } = bulkRunner(ctx);
describe('batching', () => {
	test('Items per Batch bounds the requests in flight; output order is kept whatever finishes first', async () => {
		ctx.sandbox.setFaults({ latencyMs: 40 });
		// Vary latency per request so answers come back out of order.
		ctx.sandbox.script(...[90, 10, 60, 0, 30].map((delayMs) => ({ processed: true, delayMs })));
		const { output } = await bulk(12, { batching: { batch: { batchSize: 3 } } });
		expect(output.map((o) => o.json.name)).toEqual(leads(12).map((l) => l.name));
		expect(ctx.sandbox.state.maxInFlight).toBeLessThanOrEqual(3);
		expect(ctx.sandbox.state.maxInFlight).toBeGreaterThanOrEqual(2);
	});

	test('with a Batch Interval, batches start that far apart, as in the HTTP Request node', async () => {
		ctx.sandbox.setFaults({ latencyMs: 10 });
		await bulk(7, { batching: { batch: { batchSize: 3, batchInterval: 120 } } });
		const times = agentPosts().map((r) => r.receivedAt);
		// Requests 4 and 7 open new batches, an interval (120 ms) after the previous batch opened. Arrival times
		// jitter on a loaded machine (a batch of three reads three credentials before its first request leaves),
		// so the bound is half an interval: far above back-to-back requests (~10 ms), far below two intervals.
		expect(times[3] - times[0]).toBeGreaterThanOrEqual(60);
		expect(times[6] - times[3]).toBeGreaterThanOrEqual(60);
		expect(times[2] - times[0]).toBeLessThan(60);
	});

	test('the default runs 5 in flight', async () => {
		ctx.sandbox.setFaults({ latencyMs: 30 });
		await bulk(12, {});
		expect(ctx.sandbox.state.maxInFlight).toBe(5);
	});
});

describe('without Continue On Fail', () => {
	test('the run stops at the first failing item and reports it', async () => {
		ctx.sandbox.script({ status: 200 }, { status: 400, body: { detail: 'bad' } });
		const { error } = await bulk(
			6,
			{ batching: { batch: { batchSize: 1 } } },
			{ continueOnFail: false },
		);
		expect(error.message).toMatch(/\[item (0|1)\]$/);
		expect(agentPosts().length).toBeLessThan(6);
	});
});

describe("cancelling the execution (the editor's Stop button)", () => {
	const until = async (condition) => {
		while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
	};

	test('during a rate-limit pause: the node stops waiting at once and sends nothing more', async () => {
		// Without the cancel reaching the wait, the node would sit out this whole 100 s pause.
		ctx.sandbox.script({
			status: 429,
			body: { detail: 'slow down' },
			headers: { 'retry-after': '100' },
		});
		const { run, nodeDone } = await ctx.run({
			items: leads(6),
			continueOnFail: true,
			parameters: smsParameters({ batching: { batch: { batchSize: 2 } }, maxRetryWait: 300 }),
			whileRunning: async ({ cancel }) => {
				await until(() => agentPosts().length >= 2);
				cancel();
			},
		});
		expect(run.status).toBe('canceled');
		await nodeDone;
		expect(agentPosts().length).toBeLessThanOrEqual(2);
		expect(ctx.sandbox.state.agents.size).toBeLessThanOrEqual(1);
	});

	test('during a Batch Interval: no further batch starts', async () => {
		ctx.sandbox.setFaults({ latencyMs: 10 });
		const { nodeDone } = await ctx.run({
			items: leads(9),
			continueOnFail: true,
			parameters: smsParameters({ batching: { batch: { batchSize: 3, batchInterval: 100_000 } } }),
			whileRunning: async ({ cancel }) => {
				await until(() => ctx.sandbox.state.agents.size >= 3);
				cancel();
			},
		});
		await nodeDone;
		expect(agentPosts()).toHaveLength(3);
	});
});
