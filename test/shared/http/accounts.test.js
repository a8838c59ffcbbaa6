'use strict';
/**
 * One workflow, many ContactSwing accounts: a credential whose fields are expressions over the item
 * (Access Token `{{ $json.token }}`, Base URL `{{ $json.baseUrl }}`) names another account on every item,
 * as n8n resolves credential fields per item. Each client's sandbox must receive only its own items,
 * with its own token, whatever the batching; a 429 from one account must not pause another.
 */
const { createSandbox } = require('../../sandbox/server');
const { runNode } = require('../../helpers/n8n');

const CLIENTS = 8;
const CUSTOMER_ID = 'c0000000-0000-4000-8000-000000000001';
const perItemCredential = { accessToken: '={{ $json.token }}', baseUrl: '={{ $json.baseUrl }}' };

let sandboxes = [];
beforeAll(async () => {
	sandboxes = await Promise.all(
		Array.from({ length: CLIENTS }, (_, k) =>
			createSandbox({ token: `client-${k}-secret-token` }).listen(),
		),
	);
});
afterAll(() => Promise.all(sandboxes.map((sandbox) => sandbox.close())));
beforeEach(() => {
	for (const [k, sandbox] of sandboxes.entries()) {
		sandbox.reset();
		sandbox.addCustomer({ name: `Only in client ${k}` });
	}
});

const clientItems = () =>
	sandboxes.map((sandbox, k) => ({
		token: `client-${k}-secret-token`,
		baseUrl: sandbox.url,
		client: k,
		newName: `Client ${k} customer`,
	}));

const batching = {
	'Items per Batch 1': { batching: { batch: { batchSize: 1 } } },
	'Items per Batch 5': { batching: { batch: { batchSize: 5 } } },
	'all at once (Items per Batch 8)': { batching: { batch: { batchSize: 8 } } },
	'the default batching': {},
};

describe.each(Object.entries(batching))('each item reaches its own account: %s', (_, options) => {
	test('Update Customer: every client receives only its own item, with its own token', async () => {
		const items = clientItems();
		const { output, error } = await runNode({
			credentials: perItemCredential,
			items,
			parameters: {
				resource: 'customer',
				operation: 'update',
				customerId: CUSTOMER_ID,
				updateFields: { name: '={{ $json.newName }}' },
				options,
			},
		});
		expect(error).toBeUndefined();
		for (const [k, sandbox] of sandboxes.entries()) {
			expect(
				sandbox.requests.map((r) => [r.method, r.path, r.headers.authorization, r.body]),
			).toEqual([
				[
					'PUT',
					`/v2/_customers/${CUSTOMER_ID}`,
					`Bearer client-${k}-secret-token`,
					{ name: `Client ${k} customer` },
				],
			]);
		}
		expect(output.map((o) => [o.json.name, o.pairedItem])).toEqual(
			items.map((item, k) => [item.newName, { item: k }]),
		);
	});

	test('Get Many: every item lists its own account', async () => {
		const { output, error } = await runNode({
			credentials: perItemCredential,
			items: clientItems(),
			parameters: { resource: 'customer', operation: 'getMany', returnAll: true, options },
		});
		expect(error).toBeUndefined();
		for (let k = 0; k < CLIENTS; k++) {
			const names = output.filter((o) => o.pairedItem.item === k).map((o) => o.json.name);
			expect(names).toHaveLength(36);
			expect(names.filter((name) => name.startsWith('Only in client'))).toEqual([
				`Only in client ${k}`,
			]);
		}
		for (const [k, sandbox] of sandboxes.entries()) {
			expect(new Set(sandbox.requests.map((r) => r.headers.authorization))).toEqual(
				new Set([`Bearer client-${k}-secret-token`]),
			);
		}
	});
});

test("a 429 from one account pauses only that account's requests", async () => {
	// Client 0 refuses its first request for 2 s. Two requests in flight: while item 0 waits, the other slot
	// serves clients 1–7, which must all be sent before client 0's retry (with one gate for the run they
	// would all wait for client 0's Retry-After).
	sandboxes[0].script({
		status: 429,
		body: { detail: 'Too many requests' },
		headers: { 'retry-after': '2' },
	});
	const { output } = await runNode({
		credentials: perItemCredential,
		items: clientItems(),
		parameters: {
			resource: 'customer',
			operation: 'update',
			customerId: CUSTOMER_ID,
			updateFields: { name: '={{ $json.newName }}' },
			options: { batching: { batch: { batchSize: 2 } } },
		},
	});
	expect(output.every((o) => o.json.error === undefined)).toBe(true);
	const retryOfClient0 = sandboxes[0].requests[1].receivedAt;
	expect(sandboxes[0].requests).toHaveLength(2);
	for (const sandbox of sandboxes.slice(1))
		expect(sandbox.requests[0].receivedAt).toBeLessThan(retryOfClient0);
});

test('a broken credential on one item fails that item only, with its own item number', async () => {
	const items = clientItems();
	items[3] = { ...items[3], token: '' };
	const { output } = await runNode({
		credentials: perItemCredential,
		items,
		continueOnFail: true,
		parameters: {
			resource: 'customer',
			operation: 'update',
			customerId: CUSTOMER_ID,
			updateFields: { name: '={{ $json.newName }}' },
		},
	});
	expect(output[3].json.error).toBe('The ContactSwing API credential has no access token');
	expect(sandboxes[3].requests).toHaveLength(0);
	expect(output.filter((o) => o.json.error === undefined)).toHaveLength(CLIENTS - 1);
});
