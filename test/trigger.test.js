'use strict';
/**
 * ContactSwing Trigger through n8n-core's poll path (TriggersAndPollers + PollContext) against the sandbox:
 * baseline, new records, status changes and their filter, paging in either list order, a 429 mid-poll,
 * Fetch Test Event, and the bound on what is remembered.
 */
const { createSandbox, DEFAULT_TOKEN } = require('./sandbox/server');
const { createPoller, triggerType } = require('./helpers/n8n');

let sandbox;
beforeEach(async () => {
	sandbox = await createSandbox({ calls: 45, customers: 35 }).listen();
});
afterEach(() => sandbox.close());

const poller = (parameters) => createPoller({ parameters, credentials: { accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url } });
const requests = () => sandbox.requests.map((r) => `${r.path}?page=${r.query.page}`);

test('the first poll records a baseline and emits nothing old; later polls emit each new call once', async () => {
	const trigger = poller({ event: 'newCall' });
	expect(await trigger.poll()).toEqual([]);
	expect(trigger.staticData().seen).toHaveLength(45);
	sandbox.addCall({ id: 'call-new-1', customer_name: 'Jane Doe', status: 'queued', duration: 0 });
	const [item, ...more] = await trigger.poll();
	expect(more).toEqual([]);
	expect(item.json).toEqual({ event: 'newCall', id: 'call-new-1', customer_name: 'Jane Doe', status: 'queued', duration: 0 });
	expect(await trigger.poll()).toEqual([]);
	// One request a poll while nothing changes: page 1, nothing new, the list did not grow.
	expect(requests()).toEqual(['/v2/_calls?page=1', '/v2/_calls?page=1', '/v2/_calls?page=1']);
});

test('Call Status Changed: a known call with another status, with the previous one; new calls are not status changes', async () => {
	const trigger = poller({ event: 'callStatusChanged' });
	sandbox.addCall({ id: 'call-live', status: 'queued' });
	await trigger.poll();
	sandbox.setCallStatus('call-live', 'in-progress');
	sandbox.addCall({ id: 'call-other', status: 'queued' });
	expect((await trigger.poll()).map((o) => o.json)).toEqual([
		{ event: 'callStatusChanged', previous_status: 'queued', id: 'call-live', customer_name: 'New caller', status: 'in-progress', duration: 0 },
	]);
	sandbox.setCallStatus('call-live', 'completed');
	expect((await trigger.poll()).map((o) => [o.json.id, o.json.previous_status, o.json.status])).toEqual([['call-live', 'in-progress', 'completed']]);
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
	sandbox.addCustomer({ id: 'cust-new', name: 'Jane Doe', phone: '+13465507166', email: 'jane@example.com' });
	expect((await trigger.poll()).map((o) => o.json)).toEqual([{ event: 'newCustomer', id: 'cust-new', name: 'Jane Doe', phone: '+13465507166', email: 'jane@example.com' }]);
});

describe('paging, whichever order the list comes in', () => {
	beforeEach(async () => {
		await sandbox.close();
		sandbox = await createSandbox({ calls: 350 }).listen();
	});

	test('newest first: new calls are on page 1, and one page is read', async () => {
		sandbox.setFaults({ listOrder: 'newest-first' });
		const trigger = poller({ event: 'newCall' });
		await trigger.poll();
		sandbox.requests.length = 0;
		sandbox.addCall({ id: 'call-a' });
		sandbox.addCall({ id: 'call-b' });
		expect((await trigger.poll()).map((o) => o.json.id)).toEqual(['call-b', 'call-a']);
		expect(requests()).toEqual(['/v2/_calls?page=1']);
	});

	test('oldest first: nothing new on page 1 although the list grew, so it reads from the last page; then it knows', async () => {
		const trigger = poller({ event: 'newCall' });
		await trigger.poll();
		sandbox.requests.length = 0;
		sandbox.addCall({ id: 'call-a' });
		expect((await trigger.poll()).map((o) => o.json.id)).toEqual(['call-a']);
		expect(requests()).toEqual(['/v2/_calls?page=1', '/v2/_calls?page=4']);
		expect(trigger.staticData().order).toBe('oldest-first');
		sandbox.requests.length = 0;
		for (let k = 0; k < 120; k++) sandbox.addCall({ id: `call-bulk-${k}` });
		const emitted = await trigger.poll();
		expect(emitted).toHaveLength(120);
		expect(new Set(emitted.map((o) => o.json.id)).size).toBe(120);
		expect(requests()).toEqual(['/v2/_calls?page=1', '/v2/_calls?page=5', '/v2/_calls?page=4']);
	});

	test('a baseline reads at most 10 pages (1,000 records); every poll stays within 10 requests', async () => {
		await sandbox.close();
		sandbox = await createSandbox({ calls: 1500 }).listen();
		const trigger = poller({ event: 'callStatusChanged' });
		await trigger.poll();
		expect(sandbox.requests).toHaveLength(10);
		expect(trigger.staticData().seen).toHaveLength(1000);
	});
});

test('a 429 during a poll is waited out through the same gate as the action node; nothing is emitted twice', async () => {
	const trigger = poller({ event: 'newCall' });
	await trigger.poll();
	sandbox.addCall({ id: 'call-after-429' });
	sandbox.script({ status: 429, headers: { 'retry-after': '1' }, body: { detail: 'Rate limit exceeded: 30 per 60 s' } });
	const started = Date.now();
	expect((await trigger.poll()).map((o) => o.json.id)).toEqual(['call-after-429']);
	expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	expect(await trigger.poll()).toEqual([]);
});

test('the documented 30-a-minute limit on the calls list: a poll past it waits out Retry-After and catches up', async () => {
	await sandbox.close();
	sandbox = await createSandbox({ rateLimits: { 'GET /v2/_calls': { limit: 2, windowMs: 1500 } } }).listen();
	const trigger = poller({ event: 'newCall' });
	await trigger.poll();
	await trigger.poll();
	sandbox.addCall({ id: 'call-late' });
	const started = Date.now();
	// The third request in the window is refused with Retry-After: waited out, then the call is emitted.
	expect((await trigger.poll()).map((o) => o.json.id)).toEqual(['call-late']);
	expect(Date.now() - started).toBeGreaterThanOrEqual(900);
	expect(sandbox.requests).toHaveLength(4);
});

test('Fetch Test Event returns one record to map fields from, and records nothing', async () => {
	const trigger = poller({ event: 'newCustomer' });
	const items = await trigger.poll({ mode: 'manual' });
	expect(items).toHaveLength(1);
	expect(items[0].json).toEqual(expect.objectContaining({ event: 'newCustomer', id: expect.any(String), name: expect.any(String) }));
	expect(trigger.staticData().seen).toBeUndefined();
});

test('what is remembered is bounded: 10,000 IDs, the newest kept', async () => {
	const trigger = poller({ event: 'newCall' });
	await trigger.poll();
	const state = trigger.staticData();
	state.seen = [...Array.from({ length: 10_000 }, (_, k) => `old-${k}`), ...state.seen];
	sandbox.addCall({ id: 'call-newest' });
	expect((await trigger.poll()).map((o) => o.json.id)).toEqual(['call-newest']);
	expect(state.seen).toHaveLength(10_000);
	expect(state.seen.at(-1)).toBe('call-newest');
	expect(state.seen).not.toContain('old-0');
});

test('the trigger is a polling node on the same credential', () => {
	expect(triggerType.description).toEqual(
		expect.objectContaining({ name: 'contactSwingTrigger', polling: true, inputs: [], credentials: [{ name: 'contactSwingApi', required: true }] }),
	);
	const events = triggerType.description.properties.find((p) => p.name === 'event').options.map((o) => o.value);
	expect(events.sort()).toEqual(['callStatusChanged', 'newCall', 'newCustomer']);
});
