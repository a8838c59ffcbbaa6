'use strict';
/**
 * Property: Calling Hours' "Next allowed time" is the first minute after now at which the window allows a
 * call, in every time zone and across daylight-saving changes (issue 26). The reference is a plain
 * minute-by-minute search over the zone's wall clock as Intl reads it (the node reads it through n8n's
 * Luxon), started at instants near each zone's changes of offset. FUZZ_RUNS sets the count (150 in
 * `npm test`; `npm run test:fuzz` runs 5,000), FUZZ_SEED the seed.
 */
const path = require('node:path');
const fc = require('fast-check');

const { judgeWindow } = require(
	path.join(__dirname, '../../dist/nodes/ContactSwing/resources/call/guardrails/callingHours.js'),
);

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEKDAYS = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

const formatters = new Map();
/** The zone's wall clock at `ms`, as Intl reads it: weekday (0 = Monday) and minutes after midnight. */
function wall(ms, timeZone) {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			weekday: 'short',
			hour: 'numeric',
			minute: 'numeric',
		});
		formatters.set(timeZone, format);
	}
	const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
	return {
		weekday: WEEKDAYS[parts.weekday],
		minutes: Number(parts.hour) * 60 + Number(parts.minute),
	};
}

/** The window's own rule, written out again: Start ≤ t < End on a listed day, or past midnight. */
function allows({ start, end, days }, { weekday, minutes }) {
	const today = days.includes(weekday);
	const yesterday = days.includes((weekday + 6) % 7);
	return start < end
		? today && minutes >= start && minutes < end
		: (today && minutes >= start) || (yesterday && minutes < end);
}

/** The first whole minute after `ms` that the window allows, searched minute by minute (nine days). */
function searchedNext(window, ms) {
	let at = Math.floor(ms / MINUTE) * MINUTE + MINUTE;
	for (let step = 0; step < 9 * 24 * 60; step++, at += MINUTE)
		if (allows(window, wall(at, window.timeZone))) return at;
	return undefined;
}

/** Minutes east of UTC at `ms`, from the wall clock (within ±12 h; a day's wrap undone). */
function offsetAt(ms, timeZone) {
	const { minutes } = wall(ms, timeZone);
	const utc = new Date(ms);
	let offset = minutes - (utc.getUTCHours() * 60 + utc.getUTCMinutes());
	if (offset > 720) offset -= 1440;
	if (offset <= -720) offset += 1440;
	return offset;
}

const changesByZone = new Map();
/** The instants at which a zone's offset changes in 2026 and 2027 (to the hour); none for most zones. */
function changesOf(timeZone) {
	let changes = changesByZone.get(timeZone);
	if (changes) return changes;
	changes = [];
	for (let day = Date.UTC(2026, 0, 1); day < Date.UTC(2028, 0, 1); day += DAY) {
		if (offsetAt(day, timeZone) === offsetAt(day + DAY, timeZone)) continue;
		for (let hour = day; hour < day + DAY; hour += HOUR)
			if (offsetAt(hour, timeZone) !== offsetAt(hour + HOUR, timeZone)) changes.push(hour + HOUR);
	}
	changesByZone.set(timeZone, changes);
	return changes;
}

const ZONES = Intl.supportedValuesOf('timeZone');
// Zones whose clocks change, the common ones first, and some that change at midnight or by 30 minutes.
const CHANGING = [
	'America/Chicago',
	'America/New_York',
	'Europe/Berlin',
	'Europe/London',
	'Australia/Sydney',
	'Pacific/Auckland',
	'America/Santiago',
	'America/Havana',
	'Asia/Beirut',
	'Australia/Lord_Howe',
	'America/Asuncion',
	'Pacific/Chatham',
];

const clock = fc.oneof(
	fc.integer({ min: 0, max: 1439 }),
	// Quarter hours around the night, where clocks change.
	fc.integer({ min: 0, max: 16 }).map((quarter) => quarter * 15),
);
const windowAndInstant = fc
	.record({
		timeZone: fc.oneof(
			{ weight: 3, arbitrary: fc.constantFrom(...CHANGING) },
			fc.constantFrom(...ZONES),
		),
		start: clock,
		end: fc.oneof(clock, fc.constant(1440)),
		days: fc.oneof(
			fc.subarray([0, 1, 2, 3, 4, 5, 6], { minLength: 1 }),
			fc.constant([0, 1, 2, 3, 4, 5, 6]),
		),
		change: fc.nat(),
		// Around a change of offset: up to three days either side, often within hours.
		shift: fc.oneof(
			fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
			fc.integer({ min: -300, max: 300 }),
		),
		seconds: fc.integer({ min: 0, max: 59 }),
		anyDay: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 1) }),
	})
	.filter(({ start, end }) => start !== end)
	.map(({ timeZone, start, end, days, change, shift, seconds, anyDay }) => {
		const changes = changesOf(timeZone);
		const near = changes.length > 0 ? changes[change % changes.length] : anyDay;
		return {
			window: { start, end, days, timeZone },
			now: near + shift * MINUTE + seconds * 1000,
		};
	});

test(`Next allowed time is the first minute the window allows, in every zone and across clock changes: ${RUNS} cases`, () => {
	fc.assert(
		fc.property(windowAndInstant, ({ window, now }) => {
			const verdict = judgeWindow(window, now);
			const allowedNow = allows(window, wall(now, window.timeZone));
			expect(verdict.allowed).toBe(allowedNow);
			if (allowedNow) return;
			const expected = searchedNext(window, now);
			const next = Date.parse(verdict.nextIso);
			// An instant after now, at which a call is allowed, and no later than the first such minute.
			expect(new Date(next).toISOString()).toBe(new Date(expected).toISOString());
			const at = wall(next, window.timeZone);
			const hhmm = `${String(Math.floor(at.minutes / 60)).padStart(2, '0')}:${String(at.minutes % 60).padStart(2, '0')}`;
			expect(verdict.nextLocal.endsWith(hhmm)).toBe(true);
			expect(verdict.nextIso.slice(11, 16)).toBe(hhmm);
		}),
		{ numRuns: RUNS, seed: SEED },
	);
}, 600_000);

test('the cases of issue 26: a start in the skipped hour, a start in the repeated hour, a week away', () => {
	const chicago = (start, end, days) => ({ start, end, days, timeZone: 'America/Chicago' });
	// 02:30 does not exist on 2026-03-08 in Chicago: the window opens when the clock jumps to 03:00.
	expect(judgeWindow(chicago(150, 300, [6]), Date.parse('2026-03-08T07:00:00Z'))).toEqual({
		allowed: false,
		localNow: 'Sun 01:00',
		nextLocal: 'Sun 2026-03-08 03:00',
		nextIso: '2026-03-08T03:00:00-05:00',
	});
	// 01:45 the first time on 2026-11-01 (CDT), window 01:30–01:40: the clock shows 01:30 again an hour later.
	expect(judgeWindow(chicago(90, 100, [6]), Date.parse('2026-11-01T06:45:00Z'))).toEqual({
		allowed: false,
		localNow: 'Sun 01:45',
		nextLocal: 'Sun 2026-11-01 01:30',
		nextIso: '2026-11-01T01:30:00-06:00',
	});
	// Sundays 01:00–01:15 in Boise, at 01:29 MDT on 2026-11-01: the repeated hour opens it again at 01:00 MST,
	// not a week later.
	expect(
		judgeWindow(
			{ start: 60, end: 75, days: [6], timeZone: 'America/Boise' },
			Date.parse('2026-11-01T07:29:21Z'),
		),
	).toEqual({
		allowed: false,
		localNow: 'Sun 01:29',
		nextLocal: 'Sun 2026-11-01 01:00',
		nextIso: '2026-11-01T01:00:00-07:00',
	});
});
