'use strict';
const { useSandbox } = require('../../helpers/sandbox');

const ctx = useSandbox({ rateLimits: { 'POST /v2/_call': { limit: 2, windowMs: 1000 } } });

const only = () => {
	expect(ctx.sandbox.requests).toHaveLength(1);
	return ctx.sandbox.requests[0];
};

describe('Get Many Calls', () => {
	test('Get Many with a limit', async () => {
		const { output } = await ctx.run({
			parameters: { resource: 'call', operation: 'getMany', returnAll: false, limit: 2 },
		});
		expect(only().query).toEqual({ page: '1', per_page: '2' });
		expect(output.map((i) => i.json)).toEqual([
			{ id: 'call-0001', customer_name: 'Customer 1', status: 'completed', duration: 30 },
			{ id: 'call-0002', customer_name: 'Customer 2', status: 'no-answer', duration: 31 },
		]);
	});
});
