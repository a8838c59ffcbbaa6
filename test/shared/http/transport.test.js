'use strict';
/**
 * The transport under ContactSwing's rate limits: bulk runs in which every input item yields exactly one output
 * item, in order and paired, and no agent is created twice.
 */
const { useSandbox } = require('../../helpers/sandbox');
const ctx = useSandbox();

const { bulkRunner } = require('../../helpers/bulk');

const { bulk, agentPosts } = bulkRunner(ctx);
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
		// 20–25); paced, the first burst and a stray window or two are refused (measured: 5–11, the most on a
		// machine busy with other work, whose timers wake late).
		expect(ctx.sandbox.state.rejected429).toBeGreaterThan(0);
		expect(ctx.sandbox.state.rejected429).toBeLessThanOrEqual(15);
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
