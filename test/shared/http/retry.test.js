'use strict';
/**
 * Bulk runs under every sandbox fault mode. For each: every input item yields exactly one output item,
 * in order and paired; no agent is created twice; errors say what happened and what to do.
 */
const { useSandbox } = require('../../helpers/sandbox');
const { smsAgent, leads } = require('../../fixtures');

const ctx = useSandbox();

const { bulkRunner, smsParameters } = require('../../helpers/bulk');

const { bulk, agentPosts } = bulkRunner(ctx);
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

describe('Retry-After', () => {
	const { smsAgent } = require('../../fixtures');
	const sms = (options = {}, extra = {}) =>
		smsAgent({ name: 'Safety check', options: { maxRetryWait: 5, ...options }, ...extra });

	test.each(['-5', '+5', '.5', 'Retry 3', '0', 'Wed, 21 Oct 2015 07:28:00 GMT', '1.5', ''])(
		'"%s" never means "retry at once": at least 250 ms pass, and one 429 costs one extra request',
		async (value) => {
			ctx.sandbox.script({ status: 429, headers: { 'retry-after': value } });
			const { output } = await ctx.run({ parameters: sms() });
			expect(output[0].json.assistant_id).toEqual(expect.any(String));
			const [refused, accepted] = agentPosts();
			expect(agentPosts()).toHaveLength(2);
			expect(accepted.receivedAt - refused.receivedAt).toBeGreaterThanOrEqual(240);
		},
	);

	test('three items under unreadable Retry-After values make a handful of requests, not dozens', async () => {
		ctx.sandbox.script(
			...['-5', '+5', '.5', 'Retry 3', '-5', '+5'].map((value) => ({
				status: 429,
				headers: { 'retry-after': value },
			})),
		);
		const started = Date.now();
		const { output } = await ctx.run({ parameters: sms(), items: [{}, {}, {}] });
		expect(output.every((o) => o.json.assistant_id)).toBe(true);
		expect(agentPosts().length).toBeLessThanOrEqual(9);
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
	});
});
