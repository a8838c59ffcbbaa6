'use strict';
/**
 * The run-wide gate every request passes (dist/…/runGate.js), on a fake clock: how refusals pause the
 * run and how the pace is learned. The same behaviour end to end is in faults.test.js.
 */
const { RunGate } = require('../../../dist/nodes/ContactSwing/shared/http/runGate');

const T0 = 1_000_000;
beforeEach(() => jest.useFakeTimers({ now: T0 }));
afterEach(() => jest.useRealTimers());

/** gate.pass() on the fake clock: lets its turn of the event loop come without moving the clock on. */
async function passed(gate) {
	const passing = gate.pass();
	await jest.advanceTimersByTimeAsync(0);
	return passing;
}

/** Starts of `count` requests that queue at once, as times after T0. */
async function starts(gate, count, runFor) {
	const times = [];
	for (let k = 0; k < count; k++) void gate.pass().then((at) => times.push(at - T0));
	await jest.advanceTimersByTimeAsync(runFor);
	return times;
}

/** Gaps between consecutive start times. */
const gapsOf = (times) => times.slice(1).map((t, k) => t - times[k]);

/**
 * A gate that learned ~53 ms from 20 acceptances and a 429, then was refused again after only 5 more
 * (60 ms apart): the second refusal confirms a limit of ~5 per second.
 */
async function confirmedGate() {
	const gate = new RunGate(1);
	for (let k = 0; k < 20; k++) gate.accepted(await passed(gate));
	gate.refused(1000, await passed(gate), true);
	await jest.advanceTimersByTimeAsync(1000);
	const paced = async () => {
		const passing = gate.pass();
		await jest.advanceTimersByTimeAsync(60);
		return passing;
	};
	for (let k = 0; k < 5; k++) gate.accepted(await paced());
	gate.refused(1000, await paced(), true);
	return gate;
}

/** Starts `count` requests that ContactSwing takes the moment they are sent; returns their start times. */
async function acceptedStarts(gate, count, runFor) {
	const times = [];
	for (let k = 0; k < count; k++) {
		void gate.pass().then((at) => {
			times.push(at - T0);
			gate.accepted(at);
		});
	}
	await jest.advanceTimersByTimeAsync(runFor);
	return times;
}

test('a burst of refusals pauses the run from the first refusal, not from the last', async () => {
	const gate = new RunGate(5);
	const sent = await passed(gate);
	await jest.advanceTimersByTimeAsync(50);
	gate.refused(1000, sent, true);
	// More answers to requests sent before the first refusal arrive later in the same burst.
	await jest.advanceTimersByTimeAsync(40);
	gate.refused(1000, sent, true);
	gate.refused(1000, sent, true);
	expect(await starts(gate, 1, 2000)).toEqual([1050]);
});

test('a refusal of a request sent after the pause starts a new pause', async () => {
	const gate = new RunGate(5);
	gate.refused(1000, await passed(gate), true);
	const [resumed] = await starts(gate, 1, 1000);
	expect(resumed).toBe(1000);
	await jest.advanceTimersByTimeAsync(30);
	gate.refused(1000, T0 + resumed, true);
	expect(await starts(gate, 1, 2000)).toEqual([2030]);
});

test('after a 429 that followed enough acceptances, starts are spread at that rate, a little below it', async () => {
	const gate = new RunGate(2);
	for (let k = 0; k < 10; k++) gate.accepted(await passed(gate));
	gate.refused(1000, await passed(gate), true);
	const times = await starts(gate, 6, 2000);
	// 10 accepted per 1 s of Retry-After, paced at 95 %: one start every ~105 ms after the pause.
	expect(times[0]).toBe(1000);
	for (const gap of gapsOf(times)) expect(gap).toBeGreaterThanOrEqual(105);
	for (const gap of gapsOf(times)) expect(gap).toBeLessThanOrEqual(106);
});

test('requests that queue together are spread over turns of the event loop, in order, not all in one', async () => {
	jest.useRealTimers();
	// Count turns of the real event loop. The gate waits a timer between starts, so the loop services I/O
	// (sends the request just started) in between; on a busy machine two late timers may share a turn.
	let turn = 0;
	let counting = true;
	const countTurns = () => {
		turn++;
		if (counting) setImmediate(countTurns);
	};
	countTurns();
	const gate = new RunGate(8);
	const turns = await Promise.all(Array.from({ length: 8 }, () => gate.pass().then(() => turn)));
	counting = false;
	for (const [k, t] of turns.slice(1).entries()) expect(t).toBeGreaterThanOrEqual(turns[k]);
	expect(new Set(turns).size).toBeGreaterThanOrEqual(4);
});

test('a stray 429 (fewer acceptances than requests in flight) or a 503 pauses but does not pace', async () => {
	const gate = new RunGate(5);
	gate.accepted(await passed(gate));
	gate.refused(1000, await passed(gate), true);
	const times = await starts(gate, 3, 1500);
	expect(times[0]).toBe(1000);
	for (const gap of gapsOf(times)) expect(gap).toBeLessThanOrEqual(1);

	const other = new RunGate(1);
	for (let k = 0; k < 10; k++) other.accepted(await passed(other));
	other.refused(1000, await passed(other), false);
	for (const gap of gapsOf(await starts(other, 3, 4000))) expect(gap).toBeLessThanOrEqual(1);
});

test('a later refusal re-learns the pace from what was accepted since the one before', async () => {
	// ContactSwing took only 5 more before refusing again: the pace slows to ~5 per second.
	const gate = await confirmedGate();
	const times = await starts(gate, 3, 3000);
	expect(times[1] - times[0]).toBeGreaterThanOrEqual(210);
	expect(times[1] - times[0]).toBeLessThanOrEqual(211);
});

test('cancelling the run ends a pause at once, and the gate says so', async () => {
	const controller = new AbortController();
	const gate = new RunGate(1, controller.signal);
	gate.refused(60_000, await passed(gate), true);
	const waiting = gate.pass();
	controller.abort(new Error('cancelled'));
	await expect(waiting).rejects.toThrow('cancelled');
	expect(gate.cancelled).toBe(true);
	expect(Date.now()).toBe(T0);
});

test('a stray 429 costs its pause and little more: an unconfirmed pace relaxes with every accepted request', async () => {
	const gate = new RunGate(5);
	for (let k = 0; k < 7; k++) gate.accepted(await passed(gate));
	// 7 accepted, then a 429 asking for 5 s: a pace of ~752 ms is learned, but nothing confirms it.
	gate.refused(5000, await passed(gate), true);
	const times = await acceptedStarts(gate, 20, 20_000);
	expect(times).toHaveLength(20);
	expect(times[0]).toBe(5000);
	// Without relaxing, the 20th start came at 5000 + 19 × 752 ms ≈ 19.3 s.
	expect(times[19]).toBeLessThan(5000 + 400);
});

test('a confirmed limit relaxes additively: each quiet spell of ten windows raises the rate by a twentieth of the learned rate', async () => {
	// A second refusal confirmed the limit: ~210.5 ms between starts (5 per 1 s at 95 %).
	const gate = await confirmedGate();
	const times = await acceptedStarts(gate, 150, 32_000);
	const gaps = gapsOf(times);
	expect(gaps[0]).toBeGreaterThanOrEqual(210);
	expect(gaps[0]).toBeLessThanOrEqual(211);
	// Quiet for 10 s after the pause: still the learned pace. After 20 s and 30 s: 1/(1/210.5 + k × 0.05/210.5).
	const gapAt = (ms) => gaps[times.findIndex((t) => t >= ms) - 1];
	expect(gapAt(1000 + 9_000)).toBeGreaterThanOrEqual(210);
	expect(gapAt(1000 + 19_000)).toBeGreaterThanOrEqual(199);
	expect(gapAt(1000 + 19_000)).toBeLessThanOrEqual(202);
	expect(gapAt(1000 + 29_000)).toBeGreaterThanOrEqual(190);
	expect(gapAt(1000 + 29_000)).toBeLessThanOrEqual(193);
});
