'use strict';
/**
 * Property: the trigger's poll logic (pollLogic.ts, no n8n in it), driven through random histories of a
 * ContactSwing list, against the reference model in test/trigger/model.js (which states what is
 * decidable). Records appear (at either end, or anywhere in a list sorted by name), change status (and move
 * to the new end in a list ordered by update) and disappear; the order may flip once; the server caps
 * per_page or not; total_records is right, missing, stuck, 0 or off; any poll may fail on any page or run
 * out of time; polls overlap (the lock). Without deletions: every decidable event once, the rest never false
 * or twice and never missed without a warning. With deletions and bursts: never a duplicate or a false
 * event. FUZZ_RUNS sets the count per property (default 40 in `npm test`, 240 histories; `npm run
 * test:fuzz` 2,000), FUZZ_SEED the seed. Example histories that read as documentation of the model: test/trigger/examples.test.js.
 */
const fc = require('fast-check');
const { simulate, check, STATUSES, ORDERS } = require('./trigger/model');

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);

const status = fc.constantFrom(...STATUSES);
const where = fc.double({ min: 0, max: 0.999, noNaN: true });
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
const listConfig = (event, strict) =>
	fc
		.record({
			event: fc.constant(event),
			order: fc.constantFrom(...ORDERS),
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
		})
		// A list sorted by name with a total_records that does not follow it is undecidable everywhere but
		// at its ends (model.js, U2): strict histories keep to decidable ones, so the check means something.
		.filter(
			(config) =>
				!strict || config.order !== 'by-name' || ['correct', 'off'].includes(config.totals),
		);

const adds = (max) => fc.array(fc.tuple(status, where), { maxLength: max });
const burst = fc.oneof(
	{ weight: 10, arbitrary: adds(12) },
	{ weight: 2, arbitrary: adds(260) },
	{
		weight: 2,
		arbitrary: fc
			.integer({ min: 1000, max: 2600 })
			.map((n) => Array.from({ length: n }, (_, k) => ['queued', k / n])),
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
		flip: fc.constantFrom(false, false, false, false, false, false, false, true),
	});
	return fc.asyncProperty(
		listConfig(event, strict),
		fc.array(step, { minLength: 1, maxLength: 10 }),
		async (config, steps) => {
			// One flip per history at most.
			const firstFlip = steps.findIndex((s) => s.flip);
			const once = steps.map((s, k) => ({ ...s, flip: k === firstFlip }));
			const run = await simulate(
				{ ...config, strictStatus: strict && event === 'callStatusChanged' },
				once,
			);
			const problems = check(config, run, { strict });
			if (problems.length > 0) {
				// The same history again, told poll by poll.
				const trace = [];
				await simulate(
					{
						...config,
						strictStatus: strict && event === 'callStatusChanged',
						trace: (line) => trace.push(line),
					},
					once,
				);
				throw new Error(`${problems.slice(0, 5).join('\n')}\n${trace.slice(0, 60).join('\n')}`);
			}
		},
	);
}

const options = { numRuns: RUNS, seed: SEED, endOnFailure: process.env.FUZZ_SHRINK !== '1' };

describe(`poll logic against the reference model (${RUNS} histories each)`, () => {
	for (const event of ['newCall', 'newCustomer', 'callStatusChanged']) {
		test(`${event}: without deletions every decidable event once, none lost silently`, async () => {
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
