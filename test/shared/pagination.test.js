'use strict';
const { useSandbox } = require('../helpers/sandbox');

// Lists long enough for more than three pages of 100.
const ctx = useSandbox({ actions: 320, customers: 350, calls: 401 });

test.each([
	['customer', '/v2/_customers', 350],
	['action', '/v2/_actions', 320],
	['call', '/v2/_calls', 401],
])('%s Get Many with Return All fetches every page', async (resource, path, total) => {
	const { output } = await ctx.run({
		parameters: { resource, operation: 'getMany', returnAll: true },
	});
	const pages = Math.ceil(total / 100);
	expect(ctx.sandbox.requests.map((r) => [r.path, r.query])).toEqual(
		Array.from({ length: pages }, (_, k) => [path, { page: String(k + 1), per_page: '100' }]),
	);
	expect(output).toHaveLength(total);
	expect(new Set(output.map((o) => o.json.id)).size).toBe(total);
	expect(output.every((o) => o.pairedItem.item === 0)).toBe(true);
});

test('a limit across pages stops as soon as it has enough', async () => {
	const { output } = await ctx.run({
		parameters: { resource: 'customer', operation: 'getMany', returnAll: false, limit: 250 },
	});
	expect(ctx.sandbox.requests.map((r) => r.query)).toEqual([
		{ page: '1', per_page: '100' },
		{ page: '2', per_page: '100' },
		{ page: '3', per_page: '100' },
	]);
	expect(output).toHaveLength(250);
});

test('two input items each get their own list, paired to them', async () => {
	const { output } = await ctx.run({
		items: [{}, {}],
		parameters: { resource: 'customer', operation: 'getMany', returnAll: false, limit: 2 },
	});
	expect(output.map((o) => [o.json.id.slice(-2), o.pairedItem.item])).toEqual([
		['01', 0],
		['02', 0],
		['01', 1],
		['02', 1],
	]);
});

test('the action picker lists every action from every page', async () => {
	const { loadActions } = require('../helpers/n8n');
	const options = await loadActions(ctx.credentials());
	expect(options).toHaveLength(320);
	expect(options[0]).toEqual({
		name: 'Sandbox action 1 (WEBHOOK)',
		value: 'a0000000-0000-4000-8000-000000000001',
	});
	expect(ctx.sandbox.requests).toHaveLength(4);
});

describe('a server that caps per_page: the answered page size counts, not the asked one', () => {
	test.each([
		[50, false],
		[10, false],
		[50, true],
		[10, true],
	])(
		'Return All over 350 customers, per_page capped at %i (only the documented pagination fields: %s)',
		async (cap, documentedOnly) => {
			ctx.sandbox.setFaults({ perPageCap: cap, documentedOnly });
			const { output, error } = await ctx.run({
				parameters: { resource: 'customer', operation: 'getMany', returnAll: true },
			});
			expect(error).toBeUndefined();
			expect(output).toHaveLength(350);
			expect(new Set(output.map((o) => o.json.id)).size).toBe(350);
			expect(ctx.sandbox.requests).toHaveLength(Math.ceil(350 / cap));
		},
	);

	test.each([
		[60, 50],
		[130, 50],
		[25, 10],
	])('Limit %i with per_page capped at %i returns exactly the first %i', async (limit, cap) => {
		ctx.sandbox.setFaults({ perPageCap: cap, documentedOnly: true });
		const { output } = await ctx.run({
			parameters: { resource: 'customer', operation: 'getMany', returnAll: false, limit },
		});
		expect(output.map((o) => o.json.name)).toEqual(
			Array.from({ length: limit }, (_, k) => `Customer ${k + 1}`),
		);
	});

	test('a page shorter than its own per_page before the end stops the list with a clear error', async () => {
		ctx.sandbox.script({
			status: 200,
			body: {
				data: {
					data: [{ id: 'x1' }],
					pagination: { current_page: 1, per_page: 100, total_records: 350 },
				},
			},
		});
		const { error } = await ctx.run({
			parameters: { resource: 'customer', operation: 'getMany', returnAll: true },
		});
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(error.message).toBe(
			"ContactSwing's list at /v2/_customers answered 1 records on page 1 where its per_page says 100, before the last page [item 0]",
		);
	});
});
