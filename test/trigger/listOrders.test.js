'use strict';
/**
 * Lists in orders the trigger does not assume, through n8n-core's poll path against the sandbox: a calls
 * list ordered by last update (a call that changes status moves to the top), an order that flips after
 * the trigger learned it, names in the middle of a list, and pages that answer per_page as the number of
 * records on them. Each history counts the events expected, emitted, duplicated and missed.
 */
const { createSandbox } = require('../sandbox/server');
const { createTrigger, ids, tally, random } = require('./harness');

let sandbox;
afterEach(async () => {
	jest.restoreAllMocks();
	await sandbox?.close();
});
// Each poll stands for a minute: the sandbox's 30 calls-list requests a minute would refuse the histories.
const UNLIMITED = { 'GET /v2/_calls': { limit: 10_000, windowMs: 60_000 } };
const open = async (options, faults) => {
	sandbox = await createSandbox({ ...options, rateLimits: UNLIMITED }).listen();
	if (faults) sandbox.setFaults(faults);
};
const STATUSES = ['ringing', 'in-progress', 'completed', 'no-answer'];

/**
 * 40 poll intervals with 0–3 new calls and 0–3 status changes each (a call anywhere in the list), on a
 * calls list ordered by last update. Returns the tally of the emitted events against the expected ones.
 */
async function updateOrderedHistory(event, seed) {
	await open({ calls: 45 }, { listOrder: 'updated-first' });
	const next = random(seed);
	const trigger = createTrigger({ sandbox, parameters: { event } });
	await trigger.poll();
	let last = new Map(sandbox.state.calls.map((call) => [call.id, call.status]));
	const expected = [];
	const emitted = [];
	for (let interval = 0; interval < 40; interval++) {
		for (let k = Math.floor(next() * 4); k > 0; k--) sandbox.addCall({ status: 'ringing' });
		for (let k = Math.floor(next() * 4); k > 0; k--) {
			const call = sandbox.state.calls[Math.floor(next() * sandbox.state.calls.length)];
			const status = STATUSES.filter((s) => s !== call.status)[Math.floor(next() * 3)];
			sandbox.setCallStatus(call.id, status);
		}
		// What a poll can see: a call it has not seen, or a call with another status than at the last poll.
		for (const call of sandbox.state.calls) {
			if (event === 'newCall' && !last.has(call.id)) expected.push(call.id);
			if (event === 'callStatusChanged' && last.get(call.id) !== call.status)
				expected.push(`${interval}:${call.id}:${call.status}`);
		}
		last = new Map(sandbox.state.calls.map((call) => [call.id, call.status]));
		const items = await trigger.poll();
		emitted.push(
			...items.map((item) =>
				event === 'newCall' ? item.json.id : `${interval}:${item.json.id}:${item.json.status}`,
			),
		);
	}
	return tally(expected, emitted);
}

describe('a calls list ordered by last update: a call that changes status moves to the top', () => {
	test.each([
		['newCall', 1],
		['newCall', 2],
		['newCall', 3],
		['callStatusChanged', 1],
		['callStatusChanged', 2],
		['callStatusChanged', 3],
	])('%s, seed %i: every event once over 40 intervals', async (event, seed) => {
		const counts = await updateOrderedHistory(event, seed);
		expect(counts).toEqual({ ...counts, duplicated: 0, missed: 0, unexpected: 0 });
		expect(counts.emitted).toBe(counts.expected);
	});
});

test('an order that flips after it was learned (newest first, then oldest first): the next 7 new calls arrive, once', async () => {
	await open({ calls: 250 }, { listOrder: 'newest-first' });
	const trigger = createTrigger({ sandbox, parameters: { event: 'newCall' } });
	await trigger.poll();
	sandbox.addCall({ id: 'call-teach' });
	expect(ids(await trigger.poll())).toEqual(['call-teach']);
	sandbox.setFaults({ listOrder: 'oldest-first' });
	const expected = [];
	const emitted = [];
	for (let k = 0; k < 7; k++) {
		expected.push(sandbox.addCall({ id: `call-after-flip-${k}` }).id);
		emitted.push(...ids(await trigger.poll()));
	}
	emitted.push(...ids(await trigger.poll()));
	expect(tally(expected, emitted)).toEqual({
		expected: 7,
		emitted: 7,
		duplicated: 0,
		missed: 0,
		unexpected: 0,
	});
});

test('customers listed by name: one added in the middle of the list is emitted once, and nothing old', async () => {
	await open({ customers: 350 });
	const trigger = createTrigger({ sandbox, parameters: { event: 'newCustomer' } });
	await trigger.poll();
	sandbox.state.customers.splice(170, 0, {
		id: 'cust-aaron',
		name: 'Aaron',
		phone: '+15550001111',
		email: 'a@example.com',
	});
	const emitted = [];
	for (let k = 0; k < 3; k++) emitted.push(...ids(await trigger.poll()));
	expect(emitted).toEqual(['cust-aaron']);
});

test('pages that answer per_page as the records on them (a short last page says fewer): the trigger starts, and emits each new customer once', async () => {
	await open({ customers: 150 }, { perPageAnswer: 'records' });
	const trigger = createTrigger({ sandbox, parameters: { event: 'newCustomer' } });
	expect(await trigger.poll()).toEqual([]);
	const added = ['c-1', 'c-2', 'c-3'].map((id) => sandbox.addCustomer({ id }).id);
	expect(ids(await trigger.poll())).toEqual(added);
	expect(await trigger.poll()).toEqual([]);
});
