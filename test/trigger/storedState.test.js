'use strict';
/**
 * Static data the trigger cannot use as it is: a lock whose expiry lies further ahead than any poll holds
 * it, a state of the wrong shape (one log line, then a fresh baseline; never an error on every poll), and
 * the state of version 0.2.0 (its `seen` IDs are known IDs, so calls made during an upgrade arrive).
 */
const { createSandbox } = require('../sandbox/server');
const { createTrigger, captureWarnings, ids } = require('./harness');

let sandbox;
let warnings;
beforeEach(async () => {
	sandbox = await createSandbox({ calls: 45 }).listen();
	warnings = captureWarnings();
});
afterEach(async () => {
	jest.restoreAllMocks();
	await sandbox.close();
});

/** A trigger with a baseline and a learned order (newest first). */
async function runningTrigger() {
	sandbox.setFaults({ listOrder: 'newest-first' });
	const trigger = createTrigger({ sandbox, parameters: { event: 'newCall' } });
	await trigger.poll();
	sandbox.addCall({ id: 'call-teach' });
	expect(ids(await trigger.poll())).toEqual(['call-teach']);
	return trigger;
}

test('a lock whose expiry lies hours ahead (further than any poll holds it) is taken over: the next poll runs', async () => {
	const trigger = await runningTrigger();
	trigger.staticData().lock = { owner: 'elsewhere', expiresAt: Date.now() + 10 * 3_600_000 };
	sandbox.addCall({ id: 'call-after-lock' });
	expect(ids(await trigger.poll())).toEqual(['call-after-lock']);
	expect(trigger.staticData().lock).toBeUndefined();
});

describe('a state of the wrong shape: one log line, a fresh baseline, then every new call', () => {
	test.each([
		['known is a number', (poll) => (poll.known = 5)],
		['the marks are missing', (poll) => (delete poll.top, delete poll.end)],
		['order is "sideways"', (poll) => (poll.order = 'sideways')],
		['the state is a string', (_poll, stored) => (stored.poll = 'garbage')],
	])('%s', async (_label, spoil) => {
		const trigger = await runningTrigger();
		spoil(trigger.staticData().poll, trigger.staticData());
		sandbox.requests.length = 0;
		expect(await trigger.poll()).toEqual([]);
		expect(sandbox.requests.length).toBeLessThanOrEqual(2);
		expect(warnings.filter((w) => /could not be read/.test(w))).toHaveLength(1);
		sandbox.addCall({ id: 'call-after-repair' });
		expect(ids(await trigger.poll())).toEqual(['call-after-repair']);
		expect(await trigger.poll()).toEqual([]);
		expect(warnings.filter((w) => /could not be read/.test(w))).toHaveLength(1);
	});
});

test("0.2.0's state (seen, statuses) is read as known IDs: calls made during the upgrade arrive, nothing old does", async () => {
	const trigger = createTrigger({ sandbox, parameters: { event: 'callStatusChanged' } });
	Object.assign(trigger.staticData(), {
		seen: sandbox.state.calls.map((call) => call.id),
		statuses: Object.fromEntries(sandbox.state.calls.map((call) => [call.id, call.status])),
		total: sandbox.state.calls.length,
		order: 'oldest-first',
	});
	sandbox.addCall({ id: 'call-during-upgrade', status: 'ringing' });
	sandbox.setCallStatus('call-0045', 'refunded');
	const events = (await trigger.poll()).map((item) => [
		item.json.id,
		item.json.previous_status,
		item.json.status,
	]);
	expect(events.sort()).toEqual([
		['call-0045', 'completed', 'refunded'],
		['call-during-upgrade', null, 'ringing'],
	]);
	expect(trigger.staticData().seen).toBeUndefined();
	expect(await trigger.poll()).toEqual([]);
});
