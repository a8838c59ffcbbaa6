'use strict';
/**
 * Resource locators (node version 2): Action on Get and Update, Customer on Update, picked From List
 * (GET /v2/_actions, /v2/_customers, a page at a time) or typed By ID. Version 1 keeps its text fields.
 */
const { useSandbox } = require('../helpers/sandbox');
const { searchList, nodeType } = require('../helpers/n8n');

const ctx = useSandbox({ actions: 150, customers: 120 });
const FIRST_ACTION = 'a0000000-0000-4000-8000-000000000001';
const FIRST_CUSTOMER = 'c0000000-0000-4000-8000-000000000001';
const locator = (value, mode = 'list') => ({ __rl: true, mode, value });

test('version 2 offers From List and By ID; version 1 keeps the text field saved workflows hold', () => {
	const fields = nodeType.description.properties.filter(
		(p) => p.name === 'actionId' && p.displayOptions.show.operation.includes('get'),
	);
	const [v1, v2] = fields;
	expect(v1).toEqual(expect.objectContaining({ type: 'string', default: '' }));
	expect(v1.displayOptions.show['@version']).toEqual([1]);
	expect(v2).toEqual(
		expect.objectContaining({ type: 'resourceLocator', default: { mode: 'list', value: '' } }),
	);
	expect(v2.modes.map((m) => [m.name, m.typeOptions?.searchListMethod])).toEqual([
		['list', 'searchActions'],
		['id', undefined],
	]);
});

test('Get Action with an action picked from the list, and Update Customer with an ID typed in', async () => {
	await ctx.run({
		typeVersion: 2,
		parameters: { resource: 'action', operation: 'get', actionId: locator(FIRST_ACTION) },
	});
	await ctx.run({
		typeVersion: 2,
		parameters: {
			resource: 'customer',
			operation: 'update',
			customerId: locator(FIRST_CUSTOMER, 'id'),
			updateFields: { name: 'Jane' },
		},
	});
	expect(ctx.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
		`GET /v2/_actions/${FIRST_ACTION}`,
		`PUT /v2/_customers/${FIRST_CUSTOMER}`,
	]);
});

test("an ID typed By ID that would change the path is stopped by n8n's own check of the By ID form", async () => {
	// n8n flags the node in the editor and refuses to run the workflow.
	await expect(
		ctx.run({
			typeVersion: 2,
			parameters: {
				resource: 'action',
				operation: 'update',
				actionId: locator('..', 'id'),
				name: 'X',
			},
		}),
	).rejects.toThrow(/Not a ContactSwing action ID/);
	expect(ctx.sandbox.requests).toHaveLength(0);
});

test("an ID mapped into From List that would change the path is refused by the node, named by the picker's label", async () => {
	const { error } = await ctx.run({
		typeVersion: 2,
		parameters: {
			resource: 'action',
			operation: 'get',
			actionId: locator('={{ "../_customers" }}'),
		},
	});
	expect(error.message).toBe('Action is not an ID: "../_customers" [item 0]');
	expect(ctx.sandbox.requests).toHaveLength(0);
});

test('From List pages through the actions as the editor scrolls, labelled with their type', async () => {
	const first = await searchList('searchActions', ctx.credentials());
	expect(first.results).toHaveLength(100);
	expect(first.results[0]).toEqual({
		name: 'Sandbox action 1 (Webhook / API Call)',
		value: FIRST_ACTION,
	});
	// The next page, and the first and last IDs of this one (so no record is listed twice).
	expect(JSON.parse(first.paginationToken)).toEqual({
		page: 2,
		first: FIRST_ACTION,
		last: 'a0000000-0000-4000-8000-000000000100',
	});
	const second = await searchList(
		'searchActions',
		ctx.credentials(),
		undefined,
		first.paginationToken,
	);
	expect(second.results).toHaveLength(50);
	expect(second.paginationToken).toBeUndefined();
	expect(ctx.sandbox.requests.map((r) => r.query)).toEqual([
		{ page: '1', per_page: '100' },
		{ page: '2', per_page: '100' },
	]);
});

test('the search filters each page (the list endpoints document no search); the next page stays reachable', async () => {
	const first = await searchList('searchCustomers', ctx.credentials(), 'customer 11');
	expect(first.results).toEqual([
		{ name: 'Customer 11 · +15550000011', value: 'c0000000-0000-4000-8000-000000000011' },
	]);
	expect(JSON.parse(first.paginationToken).page).toBe(2);
	const second = await searchList(
		'searchCustomers',
		ctx.credentials(),
		'customer 11',
		first.paginationToken,
	);
	expect(second.results.map((r) => r.name)).toEqual(
		Array.from({ length: 10 }, (_, k) => `Customer 11${k} · +1555000011${k}`),
	);
});

test('action entries show the type as the Action Type dropdown names it, and a search by that name finds them', async () => {
	const result = await searchList('searchActions', ctx.credentials(), 'send sms');
	expect(result.results.length).toBeGreaterThan(0);
	for (const entry of result.results) expect(entry.name).toMatch(/ \(Send SMS\)$/);
	expect(JSON.stringify(result.results)).not.toMatch(/SEND_SMS|WEBHOOK|CALL_TRANSFER/);
});

describe('a picker gives up within seconds and never lists a record twice (issue 26)', () => {
	const { loadActions } = require('../helpers/n8n');
	const { DEFAULT_TOKEN } = require('../sandbox/server');
	const page2 = JSON.stringify({
		page: 2,
		first: FIRST_ACTION,
		last: 'a0000000-0000-4000-8000-000000000100',
	});
	const failing = (count) =>
		Array.from({ length: count }, () => ({ status: 500, body: { detail: 'Database is down' } }));
	/** The first page of the action picker, and the one the editor asks for next as it scrolls. */
	const twoPages = async () => {
		const first = await searchList('searchActions', ctx.credentials());
		const second = await searchList(
			'searchActions',
			ctx.credentials(),
			undefined,
			first.paginationToken,
		);
		return [first, second];
	};

	test('a 5xx on the first page: a few tries inside a second of waiting, then ContactSwing’s own message', async () => {
		ctx.sandbox.script(...failing(12));
		await expect(searchList('searchActions', ctx.credentials())).rejects.toThrow(
			'ContactSwing failed to process the request (HTTP 500): Database is down',
		);
		// A run would try up to 12 times over two minutes; the picker stops after its one-second budget.
		expect(ctx.sandbox.requests.length).toBeLessThanOrEqual(3);
	});

	test('a 5xx on a later page ends the list there: what was listed stays, nothing is repeated', async () => {
		ctx.sandbox.script(...failing(12));
		const second = await searchList('searchActions', ctx.credentials(), undefined, page2);
		expect(second).toEqual({ results: [] });
		expect(ctx.sandbox.requests.length).toBeLessThanOrEqual(3);
	});

	test.each(['ignores-page', 'ignores-page-silently'])(
		'a server that %s: page 2 lists nothing rather than page 1 again',
		async (pager) => {
			ctx.sandbox.setFaults({ pager });
			const [first, second] = await twoPages();
			expect(first.results).toHaveLength(100);
			expect(second.results).toEqual([]);
			expect(second.paginationToken).toBeUndefined();
		},
	);

	test('records pushed down onto the next page by new ones at the top are not listed again', async () => {
		ctx.sandbox.setFaults({ listOrder: 'newest-first', addOnPage: { page: 2, count: 3 } });
		const [first, second] = await twoPages();
		const values = [...first.results, ...second.results].map((r) => r.value);
		expect(new Set(values).size).toBe(values.length);
		expect(values).toHaveLength(150);
	});

	test('the Action IDs picker keeps the pages it read when a later one fails', async () => {
		ctx.sandbox.setFaults({ emptyPage: 2 });
		const options = await loadActions(ctx.credentials());
		expect(options).toHaveLength(100);
		ctx.sandbox.reset();
		ctx.sandbox.script(...failing(12));
		await expect(loadActions(ctx.credentials())).rejects.toThrow(/HTTP 500\): Database is down/);
	});

	test('what a picker shows and carries to the next page never holds the token', async () => {
		const [action] = ctx.sandbox.state.actions;
		Object.assign(action, { id: `id-${DEFAULT_TOKEN}`, name: `Calls ${DEFAULT_TOKEN}` });
		const first = await searchList('searchActions', ctx.credentials());
		expect(first.results[0]).toEqual({
			name: 'Calls [redacted] (Webhook / API Call)',
			value: 'id-[redacted]',
		});
		expect(JSON.stringify(first)).not.toContain(DEFAULT_TOKEN);
		// The next page is asked for by number alone: nothing from an answer goes into the request.
		await searchList('searchActions', ctx.credentials(), undefined, first.paginationToken);
		expect(ctx.sandbox.requests.map((r) => r.query)).toEqual([
			{ page: '1', per_page: '100' },
			{ page: '2', per_page: '100' },
		]);
	});
});
