'use strict';
/**
 * Bulk runs under every sandbox fault mode. For each: every input item yields exactly one output item,
 * in order and paired; no agent is created twice; errors say what happened and what to do.
 */
const { useSandbox } = require('../helpers/sandbox');
const { smsAgent, leads } = require('../fixtures');

const ctx = useSandbox();

const smsParameters = (options = {}) =>
	smsAgent({ name: '={{ $json.name }}', options: { maxRetryWait: 20, ...options } });

async function bulk(n, options, { continueOnFail = true } = {}) {
	const items = leads(n);
	const result = await ctx.run({ items, continueOnFail, parameters: smsParameters(options) });
	if (continueOnFail) {
		expect(result.error).toBeUndefined();
		expect(result.output.map((o) => o.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		for (const [k, o] of result.output.entries()) {
			if (!o.json.error) expect(o.json.name).toBe(items[k].name);
		}
	}
	for (const count of ctx.sandbox.state.createdByName.values()) expect(count).toBe(1);
	return result;
}

const agentPosts = () => ctx.sandbox.requests.filter((r) => r.path === '/v2/_new_assistants');

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

describe('rate limits', () => {
	test('a requests-per-second limit: 429s are waited out (Retry-After), nothing fails, nothing doubles', async () => {
		ctx.sandbox.setFaults({ requestsPerSecond: 4 });
		const { output } = await bulk(10, { batching: { batch: { batchSize: 5 } } });
		expect(output.every((o) => o.json.assistant_id)).toBe(true);
		expect(ctx.sandbox.state.rejected429).toBeGreaterThan(0);
		expect(ctx.sandbox.state.agents.size).toBe(10);
	});

	test('after the first 429 the run is paced at the rate ContactSwing accepted, instead of bursting into every window', async () => {
		ctx.sandbox.setFaults({ requestsPerSecond: 10 });
		const { output } = await bulk(45, { batching: { batch: { batchSize: 5 } } });
		expect(output.every((o) => o.json.assistant_id)).toBe(true);
		// Unpaced, each of the 4+ windows after the first ends in a burst of up to 5 refusals (measured:
		// 20–25); paced, only the first burst and at most one stray window are refused.
		expect(ctx.sandbox.state.rejected429).toBeGreaterThan(0);
		expect(ctx.sandbox.state.rejected429).toBeLessThanOrEqual(10);
	});

	test('Retry-After as an HTTP date is honoured', async () => {
		const soon = new Date(Date.now() + 1500).toUTCString();
		ctx.sandbox.script({
			status: 429,
			body: { detail: 'slow down' },
			headers: { 'retry-after': soon },
		});
		const { output } = await bulk(1, {});
		expect(output[0].json.assistant_id).toEqual(expect.any(String));
		expect(agentPosts()).toHaveLength(2);
	});

	test('when the wait would pass Max Retry Wait, the item fails saying so', async () => {
		ctx.sandbox.script({
			status: 429,
			body: { detail: 'Too many requests' },
			headers: { 'retry-after': '30' },
		});
		const { output } = await bulk(1, { maxRetryWait: 5 });
		expect(output[0].json.error).toBe(
			"ContactSwing's rate limit was still reached after 1 tries (HTTP 429): Too many requests [item 0]",
		);
		expect(output[0].json.description).toMatch(/Items per Batch|Max Retry Wait/);
	});

	test('503 with Retry-After is retried (not processed); 503 without it is not', async () => {
		ctx.sandbox.script({
			status: 503,
			body: { detail: 'maintenance' },
			headers: { 'retry-after': '1' },
		});
		const first = await bulk(1, {});
		expect(first.output[0].json.assistant_id).toEqual(expect.any(String));
		ctx.sandbox.reset();
		ctx.sandbox.script({ status: 503, body: { detail: 'maintenance' } });
		const second = await bulk(1, {});
		expect(second.output[0].json.error).toBe(
			'ContactSwing failed to process the request (HTTP 503): maintenance [item 0]',
		);
	});
});

describe('ambiguous failures: retried only when repeating is harmless', () => {
	const modes = [
		[
			'a 500 after processing',
			{ processed: true, status: 500, body: { detail: 'worker crashed' } },
			/ContactSwing failed to process the request \(HTTP 500\): worker crashed/,
		],
		[
			'a 502 HTML page from a proxy',
			{
				status: 502,
				body: '<html><head><title>502</title><style>b{}</style></head><body><h1>Bad Gateway</h1><p>upstream error</p></body></html>',
			},
			/\(HTTP 502\): 502 Bad Gateway upstream error/,
		],
		['a 504', { status: 504, body: 'Gateway Timeout' }, /\(HTTP 504\): Gateway Timeout/],
		[
			'a reset before processing',
			{ reset: true },
			/The connection to ContactSwing broke \(connection (reset|closed while sending)\)/,
		],
		[
			'a reset after processing',
			{ processed: true, reset: true },
			/The connection to ContactSwing broke \(connection (reset|closed while sending)\)/,
		],
		[
			'a cut-off JSON body after processing',
			{ processed: true, status: 201, body: '{"ctx_id": "x", "data": {"assistant' },
			/ContactSwing answered HTTP 201, but its answer could not be read/,
		],
	];

	test.each(modes)(
		'%s: without Overwrite the item fails, says the agent may exist, and is not repeated',
		async (_label, fault, message) => {
			ctx.sandbox.script(fault);
			const { output } = await bulk(3, {});
			expect(output[0].json.error).toMatch(message);
			expect(output[0].json.error).toMatch(/\[item 0\]$/);
			expect(output[0].json.description).toMatch(
				/^ContactSwing may have created the agent\. Check ContactSwing before running again/,
			);
			expect(output.slice(1).every((o) => o.json.assistant_id)).toBe(true);
			expect(agentPosts().filter((r) => r.body?.name === 'Lead 1')).toHaveLength(1);
		},
	);

	// What `force` matches is undocumented, so a forced repeat is not provably harmless either.
	test.each(modes)(
		'%s: with Overwrite Existing Agent too, the create is sent once and the item fails',
		async (_label, fault, message) => {
			ctx.sandbox.script(fault);
			const { output } = await bulk(3, { force: true });
			expect(output[0].json.error).toMatch(message);
			expect(output[0].json.description).toMatch(
				/^ContactSwing may have created the agent\. Check ContactSwing before running again/,
			);
			expect(agentPosts()).toHaveLength(3);
			expect(output.slice(1).every((o) => o.json.assistant_id)).toBe(true);
		},
	);

	test('a slow answer past Timeout: fails as "did not answer in time"; the agent was still created once', async () => {
		ctx.sandbox.script({ processed: true, delayMs: 1500 });
		const { output } = await bulk(2, { timeout: 1000 });
		expect(output[0].json.error).toBe('ContactSwing did not answer in time [item 0]');
		expect(output[0].json.description).toMatch(/may have created the agent.*longer Timeout/);
		expect(ctx.sandbox.state.createdByName.get('Lead 1')).toBe(1);
	});

	test('a slow answer past Timeout with Overwrite: not repeated either', async () => {
		ctx.sandbox.script({ processed: true, delayMs: 1500 });
		const { output } = await bulk(2, { timeout: 1000, force: true });
		expect(output[0].json.error).toBe('ContactSwing did not answer in time [item 0]');
		expect(agentPosts()).toHaveLength(2);
		expect(output[1].json.assistant_id).toEqual(expect.any(String));
	});

	test('reads are retried after a 500 (repeating a GET is harmless)', async () => {
		ctx.sandbox.script({ status: 500, body: { detail: 'oops' } });
		const { output } = await ctx.run({
			parameters: {
				resource: 'customer',
				operation: 'getMany',
				returnAll: false,
				limit: 2,
				options: { maxRetryWait: 20 },
			},
		});
		expect(output).toHaveLength(2);
		expect(ctx.sandbox.requests).toHaveLength(2);
	});
});

describe('connection refused', () => {
	test('nothing listens: retried with backoff within Max Retry Wait, then a clear message', async () => {
		const { output } = await ctx.run({
			items: leads(1),
			continueOnFail: true,
			credentials: ctx.credentials({ baseUrl: 'http://127.0.0.1:9' }),
			parameters: smsParameters({ maxRetryWait: 2 }),
		});
		expect(output[0].json.error).toBe('Could not reach ContactSwing (connection refused) [item 0]');
		expect(output[0].json.description).toMatch(/Base URL/);
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
