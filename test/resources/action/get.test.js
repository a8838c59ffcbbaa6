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
		// Named as the user gave it: the field and its value, not the path it went into.
		expect(error.message).toBe(
			'Action ID nope-x 1 was not found by ContactSwing (HTTP 404: Action not found) [item 0]',
		);
		expect(error.description).toBe(
			'Check Action ID. If it is right, check the Base URL of the ContactSwing API credential (the request was GET /v2/_actions/nope-x%201).',
		);
	});
});
