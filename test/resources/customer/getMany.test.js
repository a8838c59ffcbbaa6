'use strict';
const { useSandbox } = require('../../helpers/sandbox');

const ctx = useSandbox();

const only = () => {
	expect(ctx.sandbox.requests).toHaveLength(1);
	return ctx.sandbox.requests[0];
};

test('Get Many with a limit', async () => {
	const { output } = await ctx.run({
		parameters: { resource: 'customer', operation: 'getMany', returnAll: false, limit: 3 },
	});
	expect(only().query).toEqual({ page: '1', per_page: '3' });
	expect(output.map((i) => i.json.name)).toEqual(['Customer 1', 'Customer 2', 'Customer 3']);
});
