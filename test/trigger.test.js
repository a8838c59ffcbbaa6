'use strict';
/**
 * ContactSwing Trigger through n8n-core's poll path (TriggersAndPollers + PollContext) against the sandbox,
 * static data kept between polls as n8n keeps it. The named tests are the points of issue 20, each as a
 * user would meet it: a call first seen finished, a poll failing part-way, overlapping polls, big accounts,
 * lists in another order or with wrong totals, a server that caps per_page, and what a quiet poll costs.
 */
// n8n-core's own copies: the logger a PollContext hands the node is n8n-core's Container's Logger.
const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));
const { Logger } = require(
	require.resolve('@n8n/backend-common', { paths: [require.resolve('n8n-core')] }),
);
const { createSandbox, DEFAULT_TOKEN } = require('./sandbox/server');
const { createPoller, triggerType } = require('./helpers/n8n');

let sandbox;
let warnings;
beforeEach(async () => {
	sandbox = await createSandbox({ calls: 45, customers: 35 }).listen();
	warnings = [];
	jest
		.spyOn(Container.get(Logger), 'warn')
		.mockImplementation((message) => warnings.push(String(message)));
});
afterEach(async () => {
	jest.restoreAllMocks();
	await sandbox.close();
});

const withSandbox = async (options) => {
	await sandbox.close();
	sandbox = await createSandbox(options).listen();
};
const poller = (parameters) =>
	createPoller({ parameters, credentials: { accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url } });
const requests = () => sandbox.requests.map((r) => `${r.path}?page=${r.query.page}`);
const ids = (items) => items.map((o) => o.json.id);
/** Requests of one poll. */
const counted = async (trigger) => {
	sandbox.requests.length = 0;
	const items = await trigger.poll();
	return { items, requests: sandbox.requests.length };
};
const newCalls = (count, prefix = 'call-new') =>
	Array.from(
		{ length: count },
		(_, k) => sandbox.addCall({ id: `${prefix}-${k}`, status: 'queued' }).id,
	);

describe('the basics', () => {
	test('the first poll records a baseline and emits nothing old; later polls emit each new call once', async () => {
		const trigger = poller({ event: 'newCall' });
		expect(await trigger.poll()).toEqual([]);
		sandbox.addCall({ id: 'call-new-1', customer_name: 'Jane Doe', status: 'queued', duration: 0 });
		const [item, ...more] = await trigger.poll();
		expect(more).toEqual([]);
		expect(item.json).toEqual({
			event: 'newCall',
			id: 'call-new-1',
			customer_name: 'Jane Doe',
			status: 'queued',
			duration: 0,
		});
		expect(await trigger.poll()).toEqual([]);
		expect(trigger.staticData().lock).toBeUndefined();
	});

	test('Call Status Changed: a known call with another status, with the previous one', async () => {
		const trigger = poller({ event: 'callStatusChanged' });
		sandbox.addCall({ id: 'call-live', status: 'queued' });
		await trigger.poll();
		sandbox.setCallStatus('call-live', 'in-progress');
		expect((await trigger.poll()).map((o) => o.json)).toEqual([
			{
				event: 'callStatusChanged',
				previous_status: 'queued',
				id: 'call-live',
				customer_name: 'New caller',
				status: 'in-progress',
				duration: 0,
			},
		]);
		sandbox.setCallStatus('call-live', 'completed');
		expect(
			(await trigger.poll()).map((o) => [o.json.id, o.json.previous_status, o.json.status]),
		).toEqual([['call-live', 'in-progress', 'completed']]);
		expect(await trigger.poll()).toEqual([]);
	});

	test('Only These Statuses: fires on the listed statuses only, and still tracks the others', async () => {
		const trigger = poller({ event: 'callStatusChanged', statuses: 'completed, no-answer' });
		sandbox.addCall({ id: 'call-live', status: 'queued' });
		await trigger.poll();
		sandbox.setCallStatus('call-live', 'in-progress');
		expect(await trigger.poll()).toEqual([]);
		sandbox.setCallStatus('call-live', 'completed');
		expect((await trigger.poll()).map((o) => o.json.previous_status)).toEqual(['in-progress']);
	});

	test('New Customer', async () => {
		const trigger = poller({ event: 'newCustomer' });
		await trigger.poll();
		sandbox.addCustomer({
			id: 'cust-new',
			name: 'Jane Doe',
			phone: '+13465507166',
			email: 'jane@example.com',
		});
		expect((await trigger.poll()).map((o) => o.json)).toEqual([
			{
				event: 'newCustomer',
				id: 'cust-new',
				name: 'Jane Doe',
				phone: '+13465507166',
				email: 'jane@example.com',
			},
		]);
	});

	test('Fetch Test Event returns one record to map fields from, and records nothing', async () => {
		const trigger = poller({ event: 'newCustomer' });
		const items = await trigger.poll({ mode: 'manual' });
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual(
			expect.objectContaining({
				event: 'newCustomer',
				id: expect.any(String),
				name: expect.any(String),
			}),
		);
		expect(trigger.staticData().poll).toBeUndefined();
	});

	test("a 429 within the poll's time is waited out through the same gate as the action node; nothing is emitted twice", async () => {
		const trigger = poller({ event: 'newCall' });
		await trigger.poll();
		sandbox.addCall({ id: 'call-after-429' });
		sandbox.script({
			status: 429,
			headers: { 'retry-after': '1' },
			body: { detail: 'Rate limit exceeded: 30 per 60 s' },
		});
		expect(ids(await trigger.poll())).toEqual(['call-after-429']);
		expect(sandbox.requests.filter((r) => r.query.page === '1').length).toBeGreaterThanOrEqual(2);
		expect(await trigger.poll()).toEqual([]);
	});

	test('a restart: static data as n8n reloads it from its database; calls added while n8n was down are emitted once', async () => {
		const before = poller({ event: 'callStatusChanged', statuses: 'completed' });
		await before.poll();
		const saved = JSON.parse(JSON.stringify(before.workflow.staticData));
		sandbox.addCall({ id: 'call-while-down', status: 'completed' });
		const after = createPoller({
			parameters: { event: 'callStatusChanged', statuses: 'completed' },
			credentials: { accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url },
			staticData: saved,
		});
		expect(ids(await after.poll())).toEqual(['call-while-down']);
		expect(await after.poll()).toEqual([]);
	});

	test('a trigger of an earlier version (a list of IDs in static data) records a new baseline instead of emitting old records', async () => {
		const trigger = poller({ event: 'newCall' });
		Object.assign(trigger.staticData(), {
			seen: ['call-0001'],
			statuses: {},
			total: 1,
			order: 'newest-first',
		});
		expect(await trigger.poll()).toEqual([]);
		expect(trigger.staticData().seen).toBeUndefined();
		sandbox.addCall({ id: 'call-after-upgrade' });
		expect(ids(await trigger.poll())).toEqual(['call-after-upgrade']);
	});

	test('the trigger is a polling node on the same credential', () => {
		expect(triggerType.description).toEqual(
			expect.objectContaining({
				name: 'contactSwingTrigger',
				polling: true,
				inputs: [],
				credentials: [{ name: 'contactSwingApi', required: true }],
			}),
		);
		const events = triggerType.description.properties.find((p) => p.name === 'event');
		expect(events.options.map((o) => o.value).sort()).toEqual([
			'callStatusChanged',
			'newCall',
			'newCustomer',
		]);
		expect(events.default).toBe('newCall');
		expect(triggerType.description.properties.find((p) => p.name === 'statuses').default).toBe('');
	});
});

describe("n8n's durable scheduler, as its PollContext is built (staged node data, a budget)", () => {
	const { PollContext, TriggersAndPollers } = require('n8n-core');
	const { baseAdditionalData } = require('./helpers/n8n');
	/** One poll on a staged copy of the node's static data; `commit` keeps it, as n8n does when the poll completes. */
	const stagedPoll = async (trigger, { staged, activation }) => {
		const node = trigger.workflow.getNode('ContactSwing Trigger');
		const context = new PollContext(
			trigger.workflow,
			node,
			baseAdditionalData({ accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url }),
			'trigger',
			activation,
			undefined,
			undefined,
			undefined,
			undefined,
			() => staged,
			() => 36_000,
		);
		const result = await new TriggersAndPollers().runPollFunction(trigger.workflow, node, context);
		return result?.[0] ?? [];
	};

	test('the activation poll is not committed: the first scheduled poll starts from its baseline, and a call added in between is emitted', async () => {
		const trigger = poller({ event: 'newCall' });
		// Activation (a test poll): its staged node data is dropped; the workflow's own static data is saved.
		expect(await stagedPoll(trigger, { staged: {}, activation: 'activate' })).toEqual([]);
		sandbox.addCall({ id: 'call-between' });
		const committed = {};
		expect(ids(await stagedPoll(trigger, { staged: committed, activation: 'update' }))).toEqual([
			'call-between',
		]);
		expect(ids(await stagedPoll(trigger, { staged: committed, activation: 'update' }))).toEqual([]);
		// Once the node's own state is kept, the activation baseline is dropped.
		expect(trigger.workflow.getStaticData('global').contactSwingTriggerBaselines).toEqual({});
	});
});

describe('issue 20, as observed', () => {
	test('1. a call first seen already completed fires Call Status Changed, with previous_status null', async () => {
		const trigger = poller({ event: 'callStatusChanged', statuses: 'completed' });
		await trigger.poll();
		sandbox.addCall({ id: 'call-short', status: 'completed' });
		sandbox.addCall({ id: 'call-still-ringing', status: 'ringing' });
		expect(
			(await trigger.poll()).map((o) => [o.json.id, o.json.previous_status, o.json.status]),
		).toEqual([['call-short', null, 'completed']]);
		sandbox.setCallStatus('call-still-ringing', 'completed');
		expect((await trigger.poll()).map((o) => [o.json.id, o.json.previous_status])).toEqual([
			['call-still-ringing', 'ringing'],
		]);
		expect(await trigger.poll()).toEqual([]);
	});

	describe('2. a poll that fails part-way loses nothing', () => {
		beforeEach(async () => {
			await withSandbox({ calls: 150 });
			// Newest first: the 5 calls that complete are on page 1, the page read before the one that fails.
			sandbox.setFaults({ listOrder: 'newest-first' });
		});
		const completeNewest = () => {
			for (const call of sandbox.state.calls.slice(-5))
				sandbox.setCallStatus(call.id, 'completed-now');
		};

		test('a 400 on page 2: the poll fails, the state is as it was, the next poll emits all 5', async () => {
			const trigger = poller({ event: 'callStatusChanged', statuses: 'completed-now' });
			await trigger.poll();
			const before = JSON.stringify(trigger.staticData().poll);
			completeNewest();
			sandbox.script(
				{ processed: true },
				{ status: 400, body: { detail: 'page must be an integer of at least 1' } },
			);
			await expect(trigger.poll()).rejects.toThrow();
			expect(JSON.stringify(trigger.staticData().poll)).toBe(before);
			expect(trigger.staticData().lock).toBeUndefined();
			const emitted = (await trigger.poll()).map((o) => o.json);
			expect(emitted.map((call) => call.id).sort()).toEqual(
				sandbox.state.calls
					.slice(-5)
					.map((call) => call.id)
					.sort(),
			);
			expect(
				emitted.every(
					(call) => call.status === 'completed-now' && call.previous_status !== 'completed-now',
				),
			).toBe(true);
			expect(await trigger.poll()).toEqual([]);
		});

		test('a 429 on page 2 asking for longer than the poll may wait: the poll ends at once, records nothing, says so; the next emits all 5', async () => {
			const trigger = poller({ event: 'callStatusChanged', statuses: 'completed-now' });
			await trigger.poll();
			completeNewest();
			sandbox.requests.length = 0;
			sandbox.script(
				{ processed: true },
				{ status: 429, headers: { 'retry-after': '90' }, body: { detail: 'Too many requests' } },
			);
			expect(await trigger.poll()).toEqual([]);
			// The refused page was not asked again within the poll: it did not wait out the 90 s.
			expect(requests()).toEqual(['/v2/_calls?page=1', '/v2/_calls?page=2']);
			expect(warnings.join('\n')).toMatch(/ran out of time or requests/);
			expect((await trigger.poll()).map((o) => o.json.id)).toHaveLength(5);
			expect(await trigger.poll()).toEqual([]);
		});
	});

	describe('3. overlapping polls never emit twice', () => {
		test('a second poll while the first waits out a 429 is skipped; the call is emitted once', async () => {
			const trigger = poller({ event: 'newCall' });
			await trigger.poll();
			sandbox.addCall({ id: 'call-once' });
			sandbox.script({
				status: 429,
				headers: { 'retry-after': '2' },
				body: { detail: 'Too many requests' },
			});
			const first = trigger.poll();
			// n8n's cron starts the next poll without waiting for this one (legacy mode).
			await new Promise((resolve) => setTimeout(resolve, 300));
			const second = await trigger.poll();
			expect(second).toEqual([]);
			expect(warnings.join('\n')).toMatch(/previous poll is still running/);
			expect(ids(await first)).toEqual(['call-once']);
			expect(await trigger.poll()).toEqual([]);
		});

		test('a lock left by a poll that crashed expires', async () => {
			const trigger = poller({ event: 'newCall' });
			await trigger.poll();
			sandbox.addCall({ id: 'call-after-crash' });
			trigger.staticData().lock = { owner: 'crashed', expiresAt: Date.now() + 3_600_000 };
			expect(await trigger.poll()).toEqual([]);
			trigger.staticData().lock = { owner: 'crashed', expiresAt: Date.now() - 1 };
			expect(ids(await trigger.poll())).toEqual(['call-after-crash']);
			expect(trigger.staticData().lock).toBeUndefined();
		});

		test("a poll takes n8n's getPollBudgetMs() when it is shorter than its own bound, and stops requesting when it is spent", async () => {
			const { PollContext, TriggersAndPollers } = require('n8n-core');
			const trigger = poller({ event: 'newCall' });
			await trigger.poll();
			sandbox.addCall({ id: 'call-budget' });
			const node = trigger.workflow.getNode('ContactSwing Trigger');
			// As n8n's durable scheduler builds it: a staged copy of the static data and a budget.
			const staged = JSON.parse(JSON.stringify(trigger.staticData()));
			const context = new PollContext(
				trigger.workflow,
				node,
				require('./helpers/n8n').baseAdditionalData({
					accessToken: DEFAULT_TOKEN,
					baseUrl: sandbox.url,
				}),
				'trigger',
				'update',
				undefined,
				undefined,
				undefined,
				undefined,
				() => staged,
				() => 1_000,
			);
			sandbox.requests.length = 0;
			expect(
				await new TriggersAndPollers().runPollFunction(trigger.workflow, node, context),
			).toBeNull();
			expect(sandbox.requests).toHaveLength(0);
			expect(warnings.join('\n')).toMatch(/ran out of time/);
		});
	});

	describe('4. big accounts', () => {
		test.each(['oldest-first', 'newest-first'])(
			'Call Status Changed on %s 1,500 calls: 10 recent calls completing fire 10 of 10',
			async (order) => {
				await withSandbox({ calls: 1500 });
				sandbox.setFaults({ listOrder: order });
				const trigger = poller({ event: 'callStatusChanged', statuses: 'completed-now' });
				await trigger.poll();
				for (const call of sandbox.state.calls.slice(-10))
					sandbox.setCallStatus(call.id, 'completed-now');
				expect(await trigger.poll()).toHaveLength(10);
				expect(await trigger.poll()).toEqual([]);
			},
		);

		test.each(['oldest-first', 'newest-first'])(
			'%s: 1,500 new calls between two polls: all 1,500 emitted once, oldest first, over two polls',
			async (order) => {
				await withSandbox({ calls: 350 });
				sandbox.setFaults({ listOrder: order });
				const trigger = poller({ event: 'newCall' });
				await trigger.poll();
				newCalls(3, 'call-teach'); // one poll learns where new records arrive
				expect(await trigger.poll()).toHaveLength(3);
				const added = newCalls(1500, 'call-bulk');
				const emitted = [];
				for (let k = 0; k < 4; k++) emitted.push(...ids(await trigger.poll()));
				expect(emitted).toEqual(added);
				expect(warnings.join('\n')).toMatch(/carries on where it stopped/);
			},
		);
	});

	describe('5. order and size surprises', () => {
		test('customers listed by name: one inserted deep in the list is not taken for new, nothing old is emitted, and the log says so', async () => {
			await withSandbox({ customers: 350 });
			const trigger = poller({ event: 'newCustomer' });
			await trigger.poll();
			sandbox.state.customers.splice(170, 0, {
				id: 'cust-aaron',
				name: 'Aaron',
				phone: '+15550001111',
				email: 'a@example.com',
			});
			expect(await trigger.poll()).toEqual([]);
			expect(warnings.join('\n')).toMatch(
				/grew by 1 records .* records added elsewhere in the list were not emitted/,
			);
			expect(await trigger.poll()).toEqual([]);
			expect(trigger.staticData().poll.order).toBeUndefined();
		});

		test('a call inserted deep in a long list (past 10,000 IDs) is not taken for new', async () => {
			await withSandbox({ calls: 12_000 });
			const trigger = poller({ event: 'newCall' });
			await trigger.poll();
			newCalls(1, 'call-teach');
			expect(await trigger.poll()).toHaveLength(1);
			sandbox.state.calls.splice(500, 0, {
				id: 'call-deep',
				customer_name: 'Deep',
				status: 'queued',
				duration: 0,
			});
			expect(await trigger.poll()).toEqual([]);
			expect(warnings.join('\n')).toMatch(/not emitted/);
		});

		test('oldest first: a delete plus an add emits the new call at once; 5 deletes + 2 adds emit 2 of 2', async () => {
			await withSandbox({ calls: 350 });
			const trigger = poller({ event: 'newCall' });
			await trigger.poll();
			sandbox.removeCall('call-0010');
			newCalls(1, 'call-one');
			expect(ids(await trigger.poll())).toEqual(['call-one-0']);
			for (const id of ['call-0001', 'call-0100', 'call-0200', 'call-0300', 'call-0349'])
				sandbox.removeCall(id);
			expect(ids(await trigger.poll())).toEqual([]);
			const added = newCalls(2, 'call-two');
			for (const id of ['call-0002', 'call-0101', 'call-0201', 'call-0301', 'call-0348'])
				sandbox.removeCall(id);
			expect(ids(await trigger.poll())).toEqual(added);
		});

		test.each([
			['stuck', 350],
			['0', 0],
			['absent', 'missing'],
		])('total_records %s: 2 new calls emit 2 of 2', async (_label, totalRecords) => {
			await withSandbox({ calls: 350 });
			sandbox.setFaults({ totalRecords });
			const trigger = poller({ event: 'newCall' });
			await trigger.poll();
			const first = newCalls(2, 'call-a');
			expect(ids(await trigger.poll())).toEqual(first);
			const second = newCalls(2, 'call-b');
			expect(ids(await trigger.poll())).toEqual(second);
			expect(await trigger.poll()).toEqual([]);
		});

		test('an oldest-first account of 2,550 calls: 2 new calls start 2 executions, not 52', async () => {
			await withSandbox({ calls: 2550 });
			const trigger = poller({ event: 'newCall' });
			await trigger.poll();
			const added = newCalls(2);
			expect(ids(await trigger.poll())).toEqual(added);
			expect(await trigger.poll()).toEqual([]);
		});
	});

	test('6. a server that pages by 20 whatever per_page asks: New Customer emits every new customer', async () => {
		await withSandbox({ customers: 95 });
		sandbox.setFaults({ perPageCap: 20 });
		const trigger = poller({ event: 'newCustomer' });
		await trigger.poll();
		const added = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'].map((id) => sandbox.addCustomer({ id }).id);
		expect(ids(await trigger.poll())).toEqual(added);
		sandbox.addCustomer({ id: 'c-6' });
		expect(ids(await trigger.poll())).toEqual(['c-6']);
		expect(trigger.staticData().poll.perPage).toBe(20);
	});

	describe('7. what a quiet poll costs (requests)', () => {
		test.each([
			['newCall', 'newest-first', 250, 1],
			['newCall', 'oldest-first', 250, 1],
			['callStatusChanged', 'newest-first', 250, 1],
			['callStatusChanged', 'oldest-first', 250, 2],
			['callStatusChanged', 'newest-first', 1500, 1],
			['callStatusChanged', 'oldest-first', 1500, 2],
		])('%s, %s, %i calls: %i once the order is known', async (event, order, calls, expected) => {
			await withSandbox({ calls });
			sandbox.setFaults({ listOrder: order });
			const trigger = poller({ event });
			await trigger.poll();
			// Before any new record the order is unknown: both ends are read (at most 3 requests).
			expect((await counted(trigger)).requests).toBeLessThanOrEqual(3);
			newCalls(1, 'call-teach');
			await trigger.poll();
			expect(trigger.staticData().poll.order).toBe(order);
			const quiet = await counted(trigger);
			expect(quiet.items).toEqual([]);
			expect(quiet.requests).toBe(expected);
		});
	});
});

test('what is remembered is bounded: 10,000 IDs, the newest kept', async () => {
	const trigger = poller({ event: 'newCall' });
	await trigger.poll();
	const state = trigger.staticData().poll;
	state.known = [...Array.from({ length: 10_000 }, (_, k) => `old-${k}`), ...state.known];
	sandbox.addCall({ id: 'call-newest' });
	expect(ids(await trigger.poll())).toEqual(['call-newest']);
	const known = trigger.staticData().poll.known;
	expect(known).toHaveLength(10_000);
	expect(known.at(-1)).toBe('call-newest');
	expect(known).not.toContain('old-0');
});
