'use strict';
const { useSandbox } = require('../../helpers/sandbox');

const ctx = useSandbox();

const seeded = 'a0000000-0000-4000-8000-000000000003';

describe('Get Action', () => {
	test('Get: GET /v2/_actions/{id}, output is the action', async () => {
		const { output } = await ctx.run({
			parameters: { resource: 'action', operation: 'get', actionId: seeded },
		});
		expect(ctx.sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', `/v2/_actions/${seeded}`, {}],
		]);
		expect(output).toEqual([
			{
				json: expect.objectContaining({
					id: seeded,
					name: 'Sandbox action 3',
					type: 'SEND_SMS',
					ctx_id: expect.any(String),
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	test('Get: an unknown ID is a 404 that says what to check', async () => {
		const { error } = await ctx.run({
			parameters: { resource: 'action', operation: 'get', actionId: 'nope-x 1' },
		});
		expect(ctx.sandbox.requests[0].path).toBe('/v2/_actions/nope-x%201');
		expect(error.message).toMatch(
			/^ContactSwing found nothing at GET \/v2\/_actions\/nope-x%201 \(HTTP 404\): Action not found/,
		);
	});
});
