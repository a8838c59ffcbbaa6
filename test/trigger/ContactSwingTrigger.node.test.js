'use strict';
/**
 * ContactSwing Trigger through n8n-core's poll path (TriggersAndPollers + PollContext) against the sandbox,
 * static data kept between polls as n8n keeps it, each behaviour as a user would meet it: a call first seen
 * finished, a poll failing part-way, overlapping polls, big accounts, lists with wrong totals, a server that
 * caps per_page, and what a quiet poll costs. Lists in other orders, the state's binding, pauses and stored
 * state: test/trigger/*.test.js.
 */
const { createSandbox } = require('../sandbox/server');
const { createTrigger, captureWarnings, triggerType } = require('./harness');

// Polls here follow each other within milliseconds: the sandbox's 30 calls-list requests a minute would
// refuse the bigger histories (429s are scripted where a test needs them).
const UNLIMITED = { 'GET /v2/_calls': { limit: 10_000, windowMs: 60_000 } };
let sandbox;
let warnings;
beforeEach(async () => {
	sandbox = await createSandbox({ calls: 45, customers: 35, rateLimits: UNLIMITED }).listen();
	warnings = captureWarnings();
});
afterEach(async () => {
	jest.restoreAllMocks();
	await sandbox.close();
});

const withSandbox = async (options) => {
	await sandbox.close();
	sandbox = await createSandbox({ ...options, rateLimits: UNLIMITED }).listen();
};
const poller = (parameters) => createTrigger({ sandbox, parameters });
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

	describe('Fetch Test Event is shaped like a real event', () => {
		test('Call Status Changed: previous_status as in a real event, a status in Only These Statuses, the newest such call', async () => {
			// 45 calls, oldest first; the newest busy one is call-0043 (call-0044 and call-0045 are completed).
			const trigger = poller({ event: 'callStatusChanged', statuses: 'busy, no-answer' });
			const [item, ...more] = await trigger.poll({ mode: 'manual' });
			expect(more).toEqual([]);
			expect(item.json).toEqual({
				event: 'callStatusChanged',
				previous_status: null,
				id: 'call-0043',
				customer_name: 'Customer 43',
				status: 'busy',
				duration: 72,
			});
			// Same keys, in the same order, as the event a published trigger emits for a call first seen.
			await trigger.poll();
			sandbox.addCall({ id: 'call-live', status: 'busy' });
			const [live] = await trigger.poll();
			expect(Object.keys(live.json)).toEqual(Object.keys(item.json));
			expect(
				(await poller({ event: 'callStatusChanged' }).poll({ mode: 'manual' }))[0].json.id,
			).toBe('call-live');
		});

		test('the newest record sits on the last page: both ends are read, 2 requests', async () => {
			await withSandbox({ calls: 250, customers: 150 });
			sandbox.requests.length = 0;
			const [call] = await poller({ event: 'newCall' }).poll({ mode: 'manual' });
			expect(call.json).toEqual(expect.objectContaining({ event: 'newCall', id: 'call-0250' }));
			expect(call.json).not.toHaveProperty('previous_status');
			expect(requests()).toEqual(['/v2/_calls?page=1', '/v2/_calls?page=3']);
			const [customer] = await poller({ event: 'newCustomer' }).poll({ mode: 'manual' });
			expect(customer.json.id).toBe(sandbox.state.customers.at(-1).id);
		});

		test("a list the trigger learned is newest first: the newest is page 1's first", async () => {
			await withSandbox({ calls: 250 });
			sandbox.setFaults({ listOrder: 'newest-first' });
			const trigger = poller({ event: 'newCall' });
			await trigger.poll();
			sandbox.addCall({ id: 'call-a' });
			await trigger.poll();
			sandbox.addCall({ id: 'call-b' });
			await trigger.poll();
			expect(trigger.staticData().poll.order).toBe('newest-first');
			sandbox.addCall({ id: 'call-c' });
			const [item] = await trigger.poll({ mode: 'manual' });
			expect(item.json.id).toBe('call-c');
		});

		test('no call in a wanted status: a message naming the field, not a call in another status', async () => {
			const trigger = poller({ event: 'callStatusChanged', statuses: 'voicemail' });
			await expect(trigger.poll({ mode: 'manual' })).rejects.toThrow(
				/No call on the first or last page of ContactSwing's call list has a status in Only These Statuses \(voicemail\)/,
			);
		});
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
		const after = createTrigger({
			sandbox,
			parameters: { event: 'callStatusChanged', statuses: 'completed' },
			staticData: saved,
		});
		expect(ids(await after.poll({ activation: 'init' }))).toEqual(['call-while-down']);
		expect(await after.poll({ activation: 'init' })).toEqual([]);
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
		expect(triggerType.description.version).toEqual([1, 2]);
		expect(triggerType.description.defaultVersion).toBe(2);
	});
});

describe('what users meet', () => {
	test('a call first seen already completed fires Call Status Changed, with previous_status null', async () => {
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

	describe('a poll that fails part-way loses nothing', () => {
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

		test('a 429 on page 2 asking for longer than the poll may wait: the poll ends at once with what page 1 showed (all 5), says so; nothing is emitted twice', async () => {
			const trigger = poller({ event: 'callStatusChanged', statuses: 'completed-now' });
			await trigger.poll();
			sandbox.addCall({ id: 'call-teach' });
			await trigger.poll();
			completeNewest();
			sandbox.requests.length = 0;
			sandbox.script(
				{ processed: true },
				{ status: 429, headers: { 'retry-after': '90' }, body: { detail: 'Too many requests' } },
			);
			sandbox.addCall({ id: 'call-burst-0' });
			for (let k = 1; k < 100; k++) sandbox.addCall({ id: `call-burst-${k}`, status: 'queued' });
			const first = await trigger.poll();
			// The refused page was not asked again within the poll: it did not wait out the 90 s.
			expect(requests()).toEqual(['/v2/_calls?page=1', '/v2/_calls?page=2']);
			expect(warnings.join('\n')).toMatch(/ran out of time or requests/);
			const emitted = [...first, ...(await trigger.poll())].map((o) => o.json.id);
			expect(emitted.sort()).toEqual(
				sandbox.state.calls
					.slice(-105, -100)
					.map((call) => call.id)
					.sort(),
			);
			expect(await trigger.poll()).toEqual([]);
		});
	});

	describe('overlapping polls never emit twice', () => {
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
			trigger.staticData().lock = { owner: 'crashed', expiresAt: Date.now() + 30_000 };
			expect(await trigger.poll()).toEqual([]);
			trigger.staticData().lock = { owner: 'crashed', expiresAt: Date.now() - 1 };
			expect(ids(await trigger.poll())).toEqual(['call-after-crash']);
			expect(trigger.staticData().lock).toBeUndefined();
		});

		test("a poll takes n8n's getPollBudgetMs() when it is shorter than its own bound, and stops requesting when it is spent", async () => {
			const trigger = poller({ event: 'newCall' });
			await trigger.poll();
			sandbox.addCall({ id: 'call-budget' });
			// As n8n's durable scheduler builds it: a staged copy of the static data and a budget.
			const staged = JSON.parse(JSON.stringify(trigger.staticData()));
			sandbox.requests.length = 0;
			expect(await trigger.durablePoll({ staged, budgetMs: 1_000 })).toEqual([]);
			expect(sandbox.requests).toHaveLength(0);
			expect(warnings.join('\n')).toMatch(/ran out of time/);
		});
	});

	describe('big accounts', () => {
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
			'%s: 1,500 new calls between two polls: all 1,500 emitted once over two polls, oldest first within each',
			async (order) => {
				await withSandbox({ calls: 350 });
				sandbox.setFaults({ listOrder: order });
				const trigger = poller({ event: 'newCall' });
				await trigger.poll();
				newCalls(3, 'call-teach'); // one poll learns where new records arrive
				expect(await trigger.poll()).toHaveLength(3);
				const added = newCalls(1500, 'call-bulk');
				const polls = [];
				for (let k = 0; k < 4; k++) polls.push(ids(await trigger.poll()));
				expect(polls.flat().sort()).toEqual([...added].sort());
				expect(polls.filter((emitted) => emitted.length > 0)).toHaveLength(2);
				const position = new Map(added.map((id, k) => [id, k]));
				for (const emitted of polls) {
					const positions = emitted.map((id) => position.get(id));
					expect(positions).toEqual([...positions].sort((a, b) => a - b));
				}
				expect(warnings.join('\n')).toMatch(/carries on where it stopped/);
			},
		);
	});

	describe('order and size surprises', () => {
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
			// 26 pages: the baseline reads 20 in the first poll and the rest in the second.
			await trigger.poll();
			await trigger.poll();
			expect(trigger.staticData().poll.mode).toBe('learning');
			const added = newCalls(2);
			expect(ids(await trigger.poll())).toEqual(added);
			expect(await trigger.poll()).toEqual([]);
		});
	});

	test('a server that pages by 20 whatever per_page asks: New Customer emits every new customer', async () => {
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

	/**
	 * docs/trigger.md's table of requests per quiet poll, measured: before new records show where the list
	 * grows (both ends read), and once they have (its new end read), for a list of one page, 250 calls (a
	 * last page of 50), 215 (a last page of 15, fewer than the end anchor's 20), 300 (an exactly full last
	 * page) and 1,500; and a list ordered by update.
	 */
	describe('what a quiet poll costs (requests)', () => {
		test.each([
			['newCall', 'newest-first', 45, 1, 1],
			['newCall', 'oldest-first', 45, 1, 1],
			['newCall', 'newest-first', 250, 2, 1],
			['newCall', 'oldest-first', 250, 2, 1],
			['newCall', 'oldest-first', 215, 3, 2],
			['newCall', 'oldest-first', 300, 3, 2],
			['newCall', 'newest-first', 1500, 3, 1],
			['newCall', 'oldest-first', 1500, 3, 2],
			['newCall', 'updated-first', 250, 2, 1],
			['callStatusChanged', 'newest-first', 45, 1, 1],
			['callStatusChanged', 'newest-first', 250, 3, 1],
			['callStatusChanged', 'oldest-first', 250, 3, 2],
			['callStatusChanged', 'newest-first', 1500, 3, 1],
			['callStatusChanged', 'oldest-first', 1500, 3, 2],
			['callStatusChanged', 'updated-first', 250, 3, 1],
		])(
			'%s, %s, %i calls: %i before the order is known, %i once it is',
			async (event, order, calls, before, after) => {
				await withSandbox({ calls });
				sandbox.setFaults({ listOrder: order });
				const trigger = poller({ event });
				await trigger.poll();
				expect((await counted(trigger)).requests).toBe(before);
				newCalls(1, 'call-teach');
				await trigger.poll();
				expect(trigger.staticData().poll.mode).toBe('following');
				const quiet = await counted(trigger);
				expect(quiet.items).toEqual([]);
				expect(quiet.requests).toBe(after);
			},
		);
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

describe('its description in the editor and for the AI builder', () => {
	const fs = require('node:fs');
	const path = require('node:path');
	const { NodeTypeParser } = require('@n8n/ai-utilities/node-catalog');
	const root = path.join(__dirname, '../..');
	const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');
	const codex = require('../../dist/nodes/ContactSwing/ContactSwing.node.json');

	const { loadedAsN8nDoes } = require('../helpers/n8n');

	describe('the ContactSwing Trigger: found, documented, and saying that it polls', () => {
		const {
			ContactSwingTrigger,
		} = require('../../dist/nodes/ContactSwingTrigger/ContactSwingTrigger.node');
		const trigger = new ContactSwingTrigger().description;
		const triggerCodex = require('../../dist/nodes/ContactSwingTrigger/ContactSwingTrigger.node.json');
		const TRIGGER = 'n8n-nodes-contactswing.contactSwingTrigger';
		const loadedTrigger = async () => (await loadedAsN8nDoes()).find((n) => n.name === TRIGGER);

		test('its Docs link opens docs/trigger.md, as the panel and any codex reader build it', () => {
			const base = 'https://github.com/contactswing/n8n-nodes-contactswing/blob/main/';
			expect(trigger.documentationUrl).toBe(`${base}docs/trigger.md`);
			expect(triggerCodex.resources.primaryDocumentation).toEqual([
				{ url: `${base}docs/trigger.md` },
			]);
			expect(triggerCodex.resources.credentialDocumentation).toEqual([
				{ url: `${base}docs/credentials.md` },
			]);
			for (const url of [trigger.documentationUrl, `${base}docs/credentials.md`])
				expect(fs.existsSync(path.join(root, url.slice(base.length)))).toBe(true);
		});

		test("n8n loads its aliases and builder hint; n8n's node catalog finds it by what it watches", async () => {
			const node = await loadedTrigger();
			expect(node.codex.alias).toEqual(
				expect.arrayContaining(['Call', 'Phone', 'Voice', 'Call Status', 'Customer', 'Contact']),
			);
			expect(node.builderHint.searchHint).toMatch(/^Polls ContactSwing/);
			expect(node.builderHint.searchHint).toMatch(/already exist when the workflow is published/);
			expect(node.builderHint.searchHint).toMatch(/previous_status/);
			const related = node.builderHint.relatedNodes.map((r) => r.nodeType);
			expect(related).toEqual(
				expect.arrayContaining([
					'n8n-nodes-contactswing.contactSwing',
					'n8n-nodes-base.hubspot',
					'n8n-nodes-base.pipedrive',
					'n8n-nodes-base.salesforce',
				]),
			);
			// Respond to Webhook refuses to run after any trigger but a Webhook.
			expect(related).not.toContain('n8n-nodes-base.respondToWebhook');
			const parser = new NodeTypeParser(await loadedAsN8nDoes());
			for (const query of ['call status', 'phone', 'voice'])
				expect([query, parser.searchNodeTypes(query).map((n) => n.id)]).toEqual([
					query,
					expect.arrayContaining([TRIGGER]),
				]);
		});

		test('the panel says that it polls and that records existing at publish are not emitted', () => {
			const notice = trigger.properties.find((p) => p.type === 'notice');
			expect(trigger.properties.indexOf(notice)).toBe(0);
			expect(notice.displayOptions).toBeUndefined();
			expect(notice.displayName).toMatch(/^Checks ContactSwing on the Poll Times schedule/);
			expect(notice.displayName).toMatch(/already exist when you publish are not emitted/);
		});

		test("its icon is the action node's (the arc removed)", () => {
			for (const file of ['contactSwing.svg', 'contactSwing.dark.svg'])
				expect(read(`nodes/ContactSwingTrigger/${file}`)).toBe(read(`nodes/ContactSwing/${file}`));
		});
	});
});
