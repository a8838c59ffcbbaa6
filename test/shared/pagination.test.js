'use strict';
const { useSandbox } = require('../helpers/sandbox');

// Lists long enough for more than three pages of 100.
const ctx = useSandbox({ actions: 320, customers: 350, calls: 401 });

test.each([
	['customer', '/v2/_customers', 350],
	['action', '/v2/_actions', 320],
	['call', '/v2/_calls', 401],
])('%s Get Many with Return All fetches every page', async (resource, path, total) => {
	const { output } = await ctx.run({ parameters: { resource, operation: 'getMany', returnAll: true } });
	const pages = Math.ceil(total / 100);
	expect(ctx.sandbox.requests.map((r) => [r.path, r.query])).toEqual(
		Array.from({ length: pages }, (_, k) => [path, { page: String(k + 1), per_page: '100' }]),
	);
	expect(output).toHaveLength(total);
	expect(new Set(output.map((o) => o.json.id)).size).toBe(total);
	expect(output.every((o) => o.pairedItem.item === 0)).toBe(true);
});

test('a limit across pages stops as soon as it has enough', async () => {
	const { output } = await ctx.run({ parameters: { resource: 'customer', operation: 'getMany', returnAll: false, limit: 250 } });
	expect(ctx.sandbox.requests.map((r) => r.query)).toEqual([
		{ page: '1', per_page: '100' },
		{ page: '2', per_page: '100' },
		{ page: '3', per_page: '100' },
	]);
	expect(output).toHaveLength(250);
});

test('two input items each get their own list, paired to them', async () => {
	const { output } = await ctx.run({ items: [{}, {}], parameters: { resource: 'customer', operation: 'getMany', returnAll: false, limit: 2 } });
	expect(output.map((o) => [o.json.id.slice(-2), o.pairedItem.item])).toEqual([['01', 0], ['02', 0], ['01', 1], ['02', 1]]);
});

test('the action picker lists every action from every page', async () => {
	const { loadActions } = require('../helpers/n8n');
	const options = await loadActions(ctx.credentials());
	expect(options).toHaveLength(320);
	expect(options[0]).toEqual({ name: 'Sandbox action 1 (WEBHOOK)', value: 'a0000000-0000-4000-8000-000000000001' });
	expect(ctx.sandbox.requests).toHaveLength(4);
});
