'use strict';
/**
 * What the trigger's state belongs to: the event, the credential's Base URL and the credential itself. A
 * changed event, Base URL or credential starts a fresh baseline; a rotated token in the same credential
 * keeps the state; a renamed node starts afresh (n8n keeps node static data under the node's name).
 */
const { createSandbox, DEFAULT_TOKEN } = require('../sandbox/server');
const { createTrigger, ids, tally } = require('./harness');

let sandbox;
let other;
afterEach(async () => {
	jest.restoreAllMocks();
	await sandbox?.close();
	await other?.close();
	other = undefined;
});

test('New Call → New Customer on one account (integer IDs shared by both lists): no old customer is emitted, and the 5 created after are', async () => {
	sandbox = await createSandbox({ calls: 0, customers: 0 }).listen();
	for (let id = 1; id <= 300; id++) sandbox.addCall({ id });
	for (let id = 102; id <= 200; id++) sandbox.addCustomer({ id });
	const trigger = createTrigger({ sandbox, parameters: { event: 'newCall' } });
	await trigger.poll();
	sandbox.addCall({ id: 301 });
	expect(ids(await trigger.poll())).toEqual([301]);

	trigger.node.parameters.event = 'newCustomer';
	const emitted = ids(await trigger.poll());
	const added = [201, 202, 203, 204, 205].map((id) => sandbox.addCustomer({ id }).id);
	emitted.push(...ids(await trigger.poll()), ...ids(await trigger.poll()));
	expect(tally(added, emitted)).toEqual({
		expected: 5,
		emitted: 5,
		duplicated: 0,
		missed: 0,
		unexpected: 0,
	});
});

/** Two accounts whose calls have integer IDs 1–300 and 1–250: the trigger has run on the first. */
async function switchedAccount(change) {
	sandbox = await createSandbox({ calls: 0 }).listen();
	other = await createSandbox({ calls: 0 }).listen();
	for (let id = 1; id <= 300; id++) sandbox.addCall({ id });
	for (let id = 1; id <= 250; id++) other.addCall({ id });
	const trigger = createTrigger({ sandbox, parameters: { event: 'newCall' } });
	await trigger.poll();
	sandbox.addCall({ id: 301 });
	expect(ids(await trigger.poll())).toEqual([301]);
	change(trigger);
	const emitted = ids(await trigger.poll());
	const added = [251, 252, 253].map((id) => other.addCall({ id }).id);
	emitted.push(...ids(await trigger.poll()), ...ids(await trigger.poll()));
	return tally(added, emitted);
}

test('another credential (another account, integer IDs like the first): a fresh baseline, nothing old emitted, its new calls arrive', async () => {
	const counts = await switchedAccount((trigger) => {
		trigger.node.credentials.contactSwingApi = { id: 'cred-2', name: 'Other account' };
		trigger.setCredentials({ accessToken: DEFAULT_TOKEN, baseUrl: other.url });
	});
	expect(counts).toEqual({ expected: 3, emitted: 3, duplicated: 0, missed: 0, unexpected: 0 });
});

test('the same credential pointed at another Base URL: a fresh baseline, nothing old emitted, its new calls arrive', async () => {
	const counts = await switchedAccount((trigger) =>
		trigger.setCredentials({ accessToken: DEFAULT_TOKEN, baseUrl: other.url }),
	);
	expect(counts).toEqual({ expected: 3, emitted: 3, duplicated: 0, missed: 0, unexpected: 0 });
});

test('a rotated token in the same credential keeps the state: calls made meanwhile arrive once; the token is not in static data', async () => {
	sandbox = await createSandbox({ calls: 45, token: 'first-token-0001' }).listen();
	const trigger = createTrigger({
		sandbox,
		parameters: { event: 'newCall' },
		credentials: { accessToken: 'first-token-0001', baseUrl: sandbox.url },
	});
	await trigger.poll();
	sandbox.state.token = 'second-token-0002';
	sandbox.addCall({ id: 'call-during-rotation' });
	trigger.setCredentials({ accessToken: 'second-token-0002', baseUrl: sandbox.url });
	expect(ids(await trigger.poll())).toEqual(['call-during-rotation']);
	const stored = JSON.stringify(trigger.workflow.staticData);
	expect(stored).not.toContain('first-token');
	expect(stored).not.toContain('second-token');
});

test('a renamed trigger node starts a fresh baseline (its static data stays under the old name): nothing old is emitted', async () => {
	sandbox = await createSandbox({ calls: 45 }).listen();
	const trigger = createTrigger({ sandbox, parameters: { event: 'newCall' } });
	await trigger.poll();
	trigger.rename('Calls');
	expect(await trigger.poll()).toEqual([]);
	sandbox.addCall({ id: 'call-after-rename' });
	expect(ids(await trigger.poll())).toEqual(['call-after-rename']);
});
