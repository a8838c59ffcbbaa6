'use strict';
/**
 * Property: the trigger's poll logic (pollLogic.ts, no n8n in it), driven through random histories of a
 * ContactSwing list, against a reference model. Records appear (at the list's new end, in either order),
 * change status and disappear; the server caps per_page or not; total_records is right, missing, stuck, 0
 * or off; any poll may fail on any page or run out of time; polls overlap (the lock). Always: no event twice,
 * no event for a record or status that was there at activation or never happened. Where the list allows
 * knowing (no deletions), also: every record added is emitted, and every status a call enters that is
 * wanted (calls changing in the watched window, once between two complete polls). Histories stay within
 * what the README promises: at most 9,000 records, bursts of at most 260 into a list empty at activation.
 * FUZZ_RUNS sets the count per property (default 100 in `npm test`, 600 histories), FUZZ_SEED the seed.
 */
const fc = require('fast-check');
const { simulate, check, STATUSES } = require('./trigger/model');

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);

const status = fc.constantFrom(...STATUSES);
const pollFault = fc.oneof(
	{ weight: 6, arbitrary: fc.constant({ fault: 'none' }) },
	{
		weight: 1,
		arbitrary: fc.record({ fault: fc.constant('throw'), at: fc.integer({ min: 1, max: 4 }) }),
	},
	{
		weight: 1,
		arbitrary: fc.record({ fault: fc.constant('stop'), at: fc.integer({ min: 1, max: 4 }) }),
	},
);
const listConfig = (event) =>
	fc.record({
		event: fc.constant(event),
		order: fc.constantFrom('newest-first', 'oldest-first'),
		initial: fc.oneof(
			fc.constant(0),
			fc.integer({ min: 1, max: 30 }),
			fc.integer({ min: 90, max: 420 }),
			fc.constant(2500),
		),
		cap: fc.constantFrom(100, 100, 20, 7),
		askPerPage: fc.constant(100),
		totals: fc.constantFrom('correct', 'correct', 'missing', 'stuck', 'zero', 'off'),
		totalOffset: fc.integer({ min: -5, max: 5 }),
		wanted: fc.subarray(STATUSES),
	});

const adds = (max) => fc.array(status, { maxLength: max });
const burst = fc.oneof(
	{ weight: 10, arbitrary: adds(12) },
	{ weight: 2, arbitrary: adds(260) },
	{
		weight: 2,
		arbitrary: fc.integer({ min: 1000, max: 2600 }).map((n) => Array(n).fill('queued')),
	},
);

function property(event, { strict, deletes, bursts }) {
	const step = fc.record({
		adds: bursts ? burst : adds(10),
		deletes: deletes
			? fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { maxLength: 3 })
			: fc.constant([]),
		changes:
			event === 'callStatusChanged'
				? fc.array(fc.tuple(fc.double({ min: 0, max: 0.999, noNaN: true }), status), {
						maxLength: 4,
					})
				: fc.constant([]),
		poll: pollFault,
		overlap: fc.constantFrom(undefined, undefined, undefined, 'normal', 'crash'),
	});
	return fc.asyncProperty(
		listConfig(event),
		fc.array(step, { minLength: 1, maxLength: 10 }),
		async (config, steps) => {
			const run = await simulate(
				{ ...config, strictStatus: strict && event === 'callStatusChanged' },
				steps,
			);
			const problems = check(config, run, { strict });
			if (problems.length > 0)
				throw new Error(
					`${problems.slice(0, 5).join('\n')}\nwarnings: ${run.warnings.slice(0, 3).join(' | ')}`,
				);
		},
	);
}

const options = { numRuns: RUNS, seed: SEED, endOnFailure: process.env.FUZZ_SHRINK !== '1' };

describe(`poll logic against the reference model (${RUNS} histories each)`, () => {
	for (const event of ['newCall', 'newCustomer', 'callStatusChanged']) {
		test(`${event}: without deletions every event once, none lost`, async () => {
			await fc.assert(
				property(event, { strict: true, deletes: false, bursts: event !== 'callStatusChanged' }),
				options,
			);
		}, 600_000);
		test(`${event}: with deletions and bursts, never a duplicate or a false event`, async () => {
			await fc.assert(property(event, { strict: false, deletes: true, bursts: true }), options);
		}, 600_000);
	}
});
