'use strict';
const { useSandbox } = require('../../helpers/sandbox');

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
	const { loadActions } = require('../../helpers/n8n');
	const options = await loadActions(ctx.credentials());
	expect(options).toHaveLength(320);
	expect(options[0]).toEqual({
		name: 'Sandbox action 1 (Webhook / API Call)',
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

describe('Return All never returns a partial or doubled list without saying so', () => {
	const returnAll = (resource = 'customer') =>
		ctx.run({ parameters: { resource, operation: 'getMany', returnAll: true } });
	const ids = (output) => output.map((o) => o.json.id);

	test('an empty page that says more follow stops the list with an error', async () => {
		ctx.sandbox.setFaults({ emptyPage: 2 });
		const { output, error } = await returnAll();
		expect(output).toEqual([]);
		expect(error.message).toBe(
			"ContactSwing's list at /v2/_customers answered page 2 with no records, but says more follow [item 0]",
		);
		expect(error.description).toMatch(/Turn off Return All and set a Limit/);
	});

	test('a page size that changes between pages stops the list with an error', async () => {
		ctx.sandbox.setFaults({ perPageFromPage: { page: 2, perPage: 200 } });
		const { output, error } = await returnAll();
		expect(output).toEqual([]);
		expect(error.message).toBe(
			"ContactSwing's list at /v2/_customers answered page 2 with 200 records a page, where page 1 had 100 [item 0]",
		);
	});

	test('records added at the top while the list is read: each record once, none skipped', async () => {
		// Newest first: 5 new customers push the last 5 of page 1 onto page 2.
		ctx.sandbox.setFaults({ listOrder: 'newest-first', addOnPage: { page: 2, count: 5 } });
		const { output, error } = await returnAll();
		expect(error).toBeUndefined();
		expect(new Set(ids(output)).size).toBe(output.length);
		// Every customer there was when the list was started, and none twice.
		expect(
			ids(output)
				.filter((id) => !id.startsWith('added-'))
				.sort(),
		).toEqual(
			Array.from(
				{ length: 350 },
				(_, k) => `c0000000-0000-4000-8000-${String(k + 1).padStart(12, '0')}`,
			),
		);
	});

	test('records removed at the top while the list is read (some may be skipped): an error', async () => {
		ctx.sandbox.setFaults({ removeOnPage: { page: 2, count: 5 } });
		const { error } = await returnAll();
		expect(error.message).toBe(
			"ContactSwing's list at /v2/_customers went from 350 to 345 records between pages 1 and 2 [item 0]",
		);
		expect(error.description).toMatch(/^The list changed while it was read/);
	});

	test('a record seen on an earlier page, not provably pushed down, stops the list with an error', async () => {
		const page = (n, records) => ({
			status: 200,
			body: {
				data: {
					data: records,
					pagination: { current_page: n, per_page: 2, total_records: 4 },
				},
			},
		});
		ctx.sandbox.script(
			page(1, [{ id: 'x1' }, { id: 'x2' }]),
			page(2, [{ id: 'x3' }, { id: 'x1' }]),
		);
		const { output, error } = await returnAll();
		expect(output).toEqual([]);
		expect(error.message).toBe(
			'ContactSwing\'s list at /v2/_customers answered the record "x1" on page 2 again (an earlier page held it) [item 0]',
		);
	});

	test('a list that pages as documented is not slowed or changed by the checks', async () => {
		const { output } = await returnAll('action');
		expect(ids(output)).toEqual(ctx.sandbox.state.actions.map((action) => action.id));
	});

	test('records holding the token come out redacted; the next page is asked for by number alone', async () => {
		const { DEFAULT_TOKEN } = require('../../sandbox/server');
		ctx.sandbox.state.customers[99].email = `${DEFAULT_TOKEN}@example.com`;
		const { output, run } = await returnAll();
		expect(output[99].json.email).toBe('[redacted]@example.com');
		expect(JSON.stringify(run)).not.toContain(DEFAULT_TOKEN);
		expect(ctx.sandbox.requests.map((r) => r.query.page)).toEqual(['1', '2', '3', '4']);
	});
});

describe('Return All stops when the server does not page', () => {
	const { loadActions } = require('../../helpers/n8n');

	const ctx = useSandbox();

	// A full first page, so what is tested is the second one.
	beforeEach(() => {
		const [first] = ctx.sandbox.state.actions;
		for (let k = 0; k < 125; k++) ctx.sandbox.state.actions.push({ ...first, id: `extra-${k}` });
	});
	test.each([
		['ignores-page', /answered page 1 when page 2 was asked for/],
		['ignores-page-silently', /answered page 2 with the same records as page 1/],
	])('%s: two requests, then a clear error', async (pager, message) => {
		ctx.sandbox.setFaults({ pager });
		const { error } = await ctx.run({
			parameters: { resource: 'action', operation: 'getMany', returnAll: true },
		});
		expect(ctx.sandbox.requests).toHaveLength(2);
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(/Turn off Return All and set a Limit/);
	});

	test('the action picker stops alike, keeping the first page once (the reason is logged)', async () => {
		ctx.sandbox.setFaults({ pager: 'ignores-page' });
		const options = await loadActions(ctx.credentials());
		expect(options).toHaveLength(100);
		expect(new Set(options.map((o) => o.value)).size).toBe(100);
		expect(ctx.sandbox.requests).toHaveLength(2);
	});
});
