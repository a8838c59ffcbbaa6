'use strict';
/**
 * The trigger's poll model by example (pollLogic.ts, no n8n in it): a list as a plain array, one runPoll
 * per poll, the events and the mode it ends in. Read top to bottom, these say what the property test in
 * test/triggerModel.test.js checks in general.
 */
const path = require('node:path');

const DIST = path.join(__dirname, '../../dist/nodes/ContactSwingTrigger');
const { runPoll } = require(path.join(DIST, 'pollLogic.js'));

/** A list served `perPage` records a page (the server's cap), total_records as `totals` says. */
function list(ids, { perPage = 100, totals = 'right' } = {}) {
	const records = ids.map((id) => ({ id, status: 'queued' }));
	return {
		records,
		fetch: async (page, asked) => {
			const size = Math.min(asked, perPage);
			return {
				records: records.slice((page - 1) * size, page * size).map((r) => ({ ...r })),
				perPage: size,
				total: totals === 'right' ? records.length : undefined,
			};
		},
	};
}
const range = (prefix, count) => Array.from({ length: count }, (_, k) => `${prefix}${k}`);

/** Polls the list once from `state`; returns the next state, the emitted IDs and the warnings. */
async function poll(state, theList, { event = 'newCall', wanted = [], fail } = {}) {
	let requests = 0;
	const fetch = async (page, perPage) => {
		requests++;
		if (fail === requests) throw new Error('HTTP 500');
		return await theList.fetch(page, perPage);
	};
	const result = await runPoll(state, { event, wanted: new Set(wanted), fetch });
	return { ...result, ids: result.events.map((e) => e.id) };
}

test('the baseline reads the whole list and emits nothing: from then on, an ID it does not know is new', async () => {
	const calls = list(range('old-', 250));
	const baseline = await poll(undefined, calls);
	expect(baseline.ids).toEqual([]);
	expect(baseline.requests).toBe(3);
	expect(baseline.state).toMatchObject({ mode: 'learning', complete: true });
	expect(baseline.state.known).toHaveLength(250);
});

test('new calls at page 1 are emitted oldest first, and show that the list is newest first', async () => {
	const calls = list(range('old-', 250).reverse());
	const { state } = await poll(undefined, calls);
	calls.records.unshift({ id: 'new-2', status: 'queued' }, { id: 'new-1', status: 'queued' });
	const next = await poll(state, calls);
	expect(next.ids).toEqual(['new-1', 'new-2']);
	expect(next.state).toMatchObject({ mode: 'following', order: 'newest-first' });
	// From now on a quiet poll reads page 1 only.
	expect((await poll(next.state, calls)).requests).toBe(1);
});

test('new calls at the end show that the list is oldest first; a quiet poll then reads the last page', async () => {
	const calls = list(range('old-', 250));
	const { state } = await poll(undefined, calls);
	calls.records.push({ id: 'new-1', status: 'queued' });
	const next = await poll(state, calls);
	expect(next.ids).toEqual(['new-1']);
	expect(next.state).toMatchObject({ mode: 'following', order: 'oldest-first' });
	expect((await poll(next.state, calls)).requests).toBe(1);
});

test('a list ordered by last update: a call that changes status comes up above a new call, and both events arrive', async () => {
	const calls = list(range('old-', 30).reverse());
	let { state } = await poll(undefined, calls, { event: 'callStatusChanged' });
	calls.records.unshift({ id: 'new-1', status: 'queued' });
	({ state } = await poll(state, calls, { event: 'callStatusChanged' }));
	// old-5 completes: it moves to the top, above new-2, which is below the records the trigger knows.
	calls.records.unshift({ id: 'new-2', status: 'ringing' });
	const [changed] = calls.records.splice(
		calls.records.findIndex((r) => r.id === 'old-5'),
		1,
	);
	calls.records.unshift({ ...changed, status: 'completed' });
	const next = await poll(state, calls, { event: 'callStatusChanged' });
	expect(next.events.map((e) => [e.id, e.previous_status, e.status])).toEqual([
		['new-2', null, 'ringing'],
		['old-5', 'queued', 'completed'],
	]);
});

test('a customer added in the middle of a list sorted by name: total_records grew by more than the ends showed, so the whole list is read and it is emitted', async () => {
	const customers = list(range('c-', 400));
	const { state } = await poll(undefined, customers);
	customers.records.splice(170, 0, { id: 'aaron' });
	const next = await poll(state, customers);
	expect(next.ids).toEqual(['aaron']);
	expect(next.state.mode).toBe('learning');
});

test('an order that flips (newest first, then served oldest first): the trigger learns it again, and the next new call arrives', async () => {
	const calls = list(range('old-', 250).reverse());
	let { state } = await poll(undefined, calls);
	calls.records.unshift({ id: 'teach', status: 'queued' });
	({ state } = await poll(state, calls));
	calls.records.reverse();
	calls.records.push({ id: 'after-flip', status: 'queued' });
	const next = await poll(state, calls);
	expect(next.ids).toEqual(['after-flip']);
	expect(next.warnings.join(' ')).toMatch(/no longer in the order the trigger learned/);
	calls.records.push({ id: 'next', status: 'queued' });
	const after = await poll(next.state, calls);
	expect(after.ids).toEqual(['next']);
	expect(after.state).toMatchObject({ mode: 'following', order: 'oldest-first' });
});

test('a poll that fails part-way throws and changes nothing; the next poll emits what it could not', async () => {
	const calls = list(range('old-', 250));
	const { state } = await poll(undefined, calls);
	calls.records.push({ id: 'new-1', status: 'queued' });
	await expect(poll(state, calls, { fail: 2 })).rejects.toThrow('HTTP 500');
	expect((await poll(state, calls)).ids).toEqual(['new-1']);
});

test('more new calls than a poll reads: it emits what it read, keeps where it got to, and the next poll reads on; each once', async () => {
	const calls = list(range('old-', 150).reverse());
	let { state } = await poll(undefined, calls);
	calls.records.unshift({ id: 'teach', status: 'queued' });
	({ state } = await poll(state, calls));
	const burst = range('burst-', 1500);
	calls.records.unshift(...[...burst].reverse().map((id) => ({ id, status: 'queued' })));
	const first = await poll(state, calls);
	expect(first.ids).toHaveLength(1000);
	expect(first.state.walk).toBeDefined();
	const second = await poll(first.state, calls);
	expect([...first.ids, ...second.ids].sort()).toEqual([...burst].sort());
	expect(second.state.walk).toBeUndefined();
});

test('a list of more than 20 pages: the baseline reads it over two polls (and says so); a call added at its end meanwhile is emitted when it is done, as total_records grew by one', async () => {
	const calls = list(range('old-', 2550));
	const first = await poll(undefined, calls);
	expect(first.state.mode).toBe('surveying');
	calls.records.push({ id: 'during-baseline', status: 'queued' });
	const second = await poll(first.state, calls);
	expect(second.ids).toEqual(['during-baseline']);
	expect(second.warnings.join(' ')).toMatch(/baseline goes on reading/);
	expect(second.state.mode).toBe('learning');
	calls.records.push({ id: 'after-baseline', status: 'queued' });
	expect((await poll(second.state, calls)).ids).toEqual(['after-baseline']);
});

test('…newest first too: two calls added at page 1 meanwhile arrive then, oldest first', async () => {
	const calls = list(range('old-', 2550).reverse());
	const first = await poll(undefined, calls);
	calls.records.unshift({ id: 'first', status: 'queued' });
	calls.records.unshift({ id: 'second', status: 'queued' });
	expect((await poll(first.state, calls)).ids).toEqual(['first', 'second']);
});

test('…and without total_records it cannot tell such a call from one that only moved: it joins the baseline, and the log says so', async () => {
	const calls = list(range('old-', 2550), { totals: 'missing' });
	const first = await poll(undefined, calls);
	calls.records.push({ id: 'during-baseline', status: 'queued' });
	const second = await poll(first.state, calls);
	expect(second.ids).toEqual([]);
	expect(second.warnings.join(' ')).toMatch(/joins? the baseline/);
});

test('a list longer than the trigger remembers (10,000): read at its ends; new records at one end are emitted, at both ends none (and the log says why)', async () => {
	const calls = list(range('old-', 12_000));
	let { state } = await poll(undefined, calls);
	expect(state).toMatchObject({ mode: 'learning', complete: false });
	calls.records.push({ id: 'at-end', status: 'queued' });
	const next = await poll(state, calls);
	expect(next.ids).toEqual(['at-end']);
	({ state } = next);
	calls.records.unshift({ id: 'at-top', status: 'queued' });
	calls.records.push({ id: 'at-end-2', status: 'queued' });
	// Following the end: only the end is new; a record at page 1 of a list it cannot know whole is not.
	expect((await poll(state, calls)).ids).toEqual(['at-end-2']);
});

test('Call Status Changed: a call first seen already in a wanted status fires with previous_status null; other statuses are tracked, not emitted', async () => {
	const calls = list(range('old-', 10));
	let { state } = await poll(undefined, calls, {
		event: 'callStatusChanged',
		wanted: ['completed'],
	});
	calls.records.push(
		{ id: 'short-call', status: 'completed' },
		{ id: 'ringing', status: 'ringing' },
	);
	const next = await poll(state, calls, { event: 'callStatusChanged', wanted: ['completed'] });
	expect(next.events.map((e) => [e.id, e.previous_status])).toEqual([['short-call', null]]);
	({ state } = next);
	calls.records.find((r) => r.id === 'ringing').status = 'completed';
	const after = await poll(state, calls, { event: 'callStatusChanged', wanted: ['completed'] });
	expect(after.events.map((e) => [e.id, e.previous_status])).toEqual([['ringing', 'ringing']]);
});
