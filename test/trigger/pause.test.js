'use strict';
/**
 * Publishing again after a pause. n8n reports `activate` for a workflow published after it was unpublished
 * (in the default scheduler for every poll of that activation; in the durable one for its activation poll),
 * `init` after a restart and `update` for the durable scheduler's scheduled polls. The trigger's version 2
 * starts from now after a pause (or catches up, if asked); version 1 catches up; a restart always catches up.
 */
const { createSandbox } = require('../sandbox/server');
const { createTrigger, useClock, ids } = require('./harness');

let sandbox;
let clock;
beforeEach(async () => {
	sandbox = await createSandbox({ calls: 45 }).listen();
	clock = useClock();
});
afterEach(async () => {
	jest.restoreAllMocks();
	await sandbox.close();
});
const HOUR = 3_600_000;
const addCalls = (count, prefix) =>
	Array.from({ length: count }, (_, k) => sandbox.addCall({ id: `${prefix}-${k}` }).id);
/** Polls until a poll emits nothing; returns everything emitted. */
const drain = async (trigger, options) => {
	const emitted = [];
	for (let k = 0; k < 10; k++) {
		const items = await trigger.poll(options);
		emitted.push(...ids(items));
		if (items.length === 0) break;
	}
	return emitted;
};

/** Published, polled every minute for 3 minutes, unpublished for an hour while 300 calls are made. */
async function pausedTrigger(parameters, typeVersion) {
	const trigger = createTrigger({ sandbox, parameters, typeVersion });
	for (let minute = 0; minute < 3; minute++) {
		await trigger.poll();
		clock.advance(60_000);
	}
	clock.advance(HOUR);
	const made = addCalls(300, 'call-paused');
	return { trigger, made };
}

test('version 2 (default: Start From Now): publishing after an hour unpublished emits none of the 300 calls made meanwhile; the next call arrives', async () => {
	const { trigger } = await pausedTrigger({ event: 'newCall' }, 2);
	expect(await drain(trigger)).toEqual([]);
	clock.advance(60_000);
	sandbox.addCall({ id: 'call-after-publishing' });
	expect(ids(await trigger.poll())).toEqual(['call-after-publishing']);
});

test('version 2, Catch Up: all 300 calls made while unpublished arrive, once', async () => {
	const { trigger, made } = await pausedTrigger({ event: 'newCall', afterPause: 'catchUp' }, 2);
	const emitted = await drain(trigger);
	expect(emitted.sort()).toEqual([...made].sort());
});

test('version 1 catches up, as it always did: all 300 arrive, once', async () => {
	const { trigger, made } = await pausedTrigger({ event: 'newCall' }, 1);
	expect((await drain(trigger)).sort()).toEqual([...made].sort());
});

test('a restart (n8n reports init) after an hour down always catches up, also in version 2', async () => {
	const { trigger, made } = await pausedTrigger({ event: 'newCall' }, 2);
	expect((await drain(trigger, { activation: 'init' })).sort()).toEqual([...made].sort());
});

test('polls every day: a day between two polls of one activation is no pause', async () => {
	const trigger = createTrigger({
		sandbox,
		parameters: {
			event: 'newCall',
			pollTimes: { item: [{ mode: 'everyDay', hour: 9, minute: 0 }] },
		},
	});
	await trigger.poll();
	clock.advance(24 * HOUR);
	const made = addCalls(3, 'call-daily');
	expect(ids(await trigger.poll())).toEqual(made);
});

describe("n8n's durable scheduler: the activation poll's node state is committed only when it emits", () => {
	test('a call made between publishing and the first scheduled poll arrives once', async () => {
		const trigger = createTrigger({ sandbox, parameters: { event: 'newCall' } });
		// Activation (a test poll): its staged node data is dropped.
		expect(await trigger.durablePoll({ staged: {}, activation: 'activate' })).toEqual([]);
		sandbox.addCall({ id: 'call-between' });
		clock.advance(60_000);
		const committed = {};
		expect(ids(await trigger.durablePoll({ staged: committed }))).toEqual(['call-between']);
		clock.advance(60_000);
		expect(await trigger.durablePoll({ staged: committed })).toEqual([]);
	});

	test('after an hour unpublished (version 2): the 300 calls of the pause are not emitted, a call made between publishing and the first scheduled poll is', async () => {
		const trigger = createTrigger({ sandbox, parameters: { event: 'newCall' } });
		const committed = {};
		await trigger.durablePoll({ staged: {}, activation: 'activate' });
		for (let minute = 0; minute < 3; minute++) {
			clock.advance(60_000);
			await trigger.durablePoll({ staged: committed });
		}
		clock.advance(HOUR);
		addCalls(300, 'call-paused');
		// Publishing again: the activation poll, on a staged copy of what was committed before the pause.
		const activation = await trigger.durablePoll({
			staged: JSON.parse(JSON.stringify(committed)),
			activation: 'activate',
		});
		expect(activation).toEqual([]);
		sandbox.addCall({ id: 'call-between' });
		clock.advance(60_000);
		const emitted = [];
		for (let k = 0; k < 3; k++) {
			emitted.push(...ids(await trigger.durablePoll({ staged: committed })));
			clock.advance(60_000);
		}
		expect(emitted).toEqual(['call-between']);
	});

	test('after an hour unpublished, Catch Up: the activation poll emits the 300 calls (n8n commits its state with the execution)', async () => {
		const trigger = createTrigger({
			sandbox,
			parameters: { event: 'newCall', afterPause: 'catchUp' },
		});
		const committed = {};
		await trigger.durablePoll({ staged: {}, activation: 'activate' });
		clock.advance(60_000);
		await trigger.durablePoll({ staged: committed });
		clock.advance(HOUR);
		const made = addCalls(300, 'call-paused');
		expect(
			ids(await trigger.durablePoll({ staged: committed, activation: 'activate' })).sort(),
		).toEqual([...made].sort());
		clock.advance(60_000);
		expect(await trigger.durablePoll({ staged: committed })).toEqual([]);
	});
});
