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
	expect(first.results[0]).toEqual({ name: 'Sandbox action 1 (WEBHOOK)', value: FIRST_ACTION });
	expect(first.paginationToken).toBe('2');
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
	expect(first.paginationToken).toBe('2');
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
