'use strict';
/**
 * The call operations' guardrails (Options → Allowed Numbers, Max Calls per Execution, Calling Hours), run
 * through n8n-core against the sandbox: what they allow is placed once, what they refuse never reaches
 * ContactSwing, and the refusal is an ordinary item error naming the rule.
 */
const path = require('node:path');
const {
	OPERATIONS,
	DAY_VALUES,
	DAY_NAMES,
	call,
	localDay,
	useGuardrailSandbox,
} = require('./sandbox');

const { ctx, callRequests, run } = useGuardrailSandbox();
const { judgeWindow } = require(
	path.join(
		__dirname,
		'../../../../dist/nodes/ContactSwing/resources/call/guardrails/callingHours.js',
	),
);

describe.each(OPERATIONS)('%s: Calling Hours', (operation) => {
	test('inside the window the call is placed', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const window = { start: '00:00', end: '24:00', days: DAY_VALUES, timeZone: 'Asia/Tokyo' };
		const { error } = await run({
			items: [{ phone: '+13465507166' }],
			parameters: call(operation, agentId, { callingHours: { window } }),
		});
		expect(error).toBeUndefined();
		expect(callRequests()).toHaveLength(1);
	});

	test('outside it the call is refused, not delayed: nothing is sent and the message gives the next allowed time', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		// Only the day three days from now (Tokyo has no daylight saving time: always +09:00).
		const target = localDay('Asia/Tokyo', 3);
		const window = {
			start: '09:30',
			end: '17:00',
			days: [DAY_VALUES[target.weekday]],
			timeZone: 'Asia/Tokyo',
		};
		const { output } = await run({
			items: [{ phone: '+13465507166' }],
			continueOnFail: true,
			parameters: call(operation, agentId, { callingHours: { window } }),
		});
		expect(ctx.sandbox.requests).toHaveLength(0);
		const day = DAY_NAMES[target.weekday];
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json.error).toMatch(
			new RegExp(
				`^Calling Hours \\(${day} 09:30–17:00 Asia/Tokyo\\) refused the call: it is (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d\\d:\\d\\d there\\. Next allowed time: ${day} ${target.ymd} 09:30 \\(${target.ymd}T09:30:00\\+09:00\\); nothing was sent \\[item 0\\]$`,
			),
		);
		expect(output[0].json.description).toBe(
			'The call was refused, not delayed. Run it again within the calling hours, or change Options → Calling Hours.',
		);
	});

	test("without a time zone, the workflow's is used", async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const target = localDay('Pacific/Auckland', 3);
		const window = {
			start: '10:00',
			end: '12:00',
			days: [DAY_VALUES[target.weekday]],
			timeZone: '',
		};
		const { error } = await run({
			settings: { timezone: 'Pacific/Auckland' },
			items: [{ phone: '+13465507166' }],
			parameters: call(operation, agentId, { callingHours: { window } }),
		});
		expect(error.message).toContain(
			`Calling Hours (${DAY_NAMES[target.weekday]} 10:00–12:00 Pacific/Auckland) refused the call`,
		);
		expect(error.message).toContain(
			`Next allowed time: ${DAY_NAMES[target.weekday]} ${target.ymd} 10:00 (${target.ymd}T10:00:00+1`,
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('a time, time zone or day list that cannot be read is named, and nothing is sent', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const attempt = async (window) =>
			(
				await run({
					items: [{ phone: '+13465507166' }],
					parameters: call(operation, agentId, { callingHours: { window } }),
				})
			).error.message;
		expect(await attempt({ start: '9am', end: '17:00', days: ['mon'], timeZone: 'UTC' })).toBe(
			'Start must be a time of day as HH:MM, got "9am" [item 0]',
		);
		expect(await attempt({ start: '09:00', end: '25:00', days: ['mon'], timeZone: 'UTC' })).toBe(
			'End must be a time of day as HH:MM, got "25:00" [item 0]',
		);
		expect(
			await attempt({ start: '09:00', end: '17:00', days: ['mon'], timeZone: 'Mars/Olympus' }),
		).toBe('Time Zone is not a time zone: "Mars/Olympus" [item 0]');
		expect(await attempt({ start: '09:00', end: '17:00', days: [], timeZone: 'UTC' })).toBe(
			'Days is empty, so no call may ever be placed [item 0]',
		);
		expect(await attempt({ start: '09:00', end: '09:00', days: ['mon'], timeZone: 'UTC' })).toBe(
			'Calling Hours has the same Start and End (09:00) [item 0]',
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});

describe.each(OPERATIONS)('%s: Calling Hours with its window removed', (operation) => {
	test.each([{}, { window: null }])(
		'version 3 refuses every call (%j), as Allowed Numbers added empty does',
		async (callingHours) => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const { error } = await run({
				typeVersion: 3,
				items: [{ phone: '+13465507166' }],
				parameters: call(operation, agentId, { callingHours }),
			});
			expect(error.message).toBe(
				'Calling Hours refused the call: it has no window (Start, End, Days), so no time is allowed; nothing was sent [item 0]',
			);
			expect(error.description).toBe(
				'Add the window under Options → Calling Hours, or remove Calling Hours to call at any time.',
			);
			expect(ctx.sandbox.requests).toHaveLength(0);
		},
	);

	test.each([1, 2])('version %i keeps today’s reading: no hours set', async (typeVersion) => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const { error } = await run({
			typeVersion,
			items: [{ phone: '+13465507166' }],
			parameters: call(operation, agentId, { callingHours: {} }),
		});
		expect(error).toBeUndefined();
		expect(callRequests()).toHaveLength(1);
	});
});

describe('Calling Hours: the window at fixed instants', () => {
	const chicago = {
		start: 9 * 60,
		end: 17 * 60,
		days: [0, 1, 2, 3, 4],
		timeZone: 'America/Chicago',
	};
	test('inside, before, after and on a weekend; the next start carries the offset of that day', () => {
		// Friday 2026-03-06 10:00 in Chicago (CST, -06:00).
		expect(judgeWindow(chicago, Date.parse('2026-03-06T16:00:00Z'))).toEqual({
			allowed: true,
			localNow: 'Fri 10:00',
		});
		// Friday 17:00 is the end: refused, next is Monday, after the switch to daylight saving time (-05:00).
		expect(judgeWindow(chicago, Date.parse('2026-03-06T23:00:00Z'))).toEqual({
			allowed: false,
			localNow: 'Fri 17:00',
			nextLocal: 'Mon 2026-03-09 09:00',
			nextIso: '2026-03-09T09:00:00-05:00',
		});
		// Sunday, the day of the switch.
		expect(judgeWindow(chicago, Date.parse('2026-03-08T15:00:00Z'))).toMatchObject({
			allowed: false,
			localNow: 'Sun 10:00',
			nextIso: '2026-03-09T09:00:00-05:00',
		});
		// Monday 08:59: later the same day.
		expect(judgeWindow(chicago, Date.parse('2026-03-09T13:59:00Z'))).toMatchObject({
			allowed: false,
			localNow: 'Mon 08:59',
			nextLocal: 'Mon 2026-03-09 09:00',
		});
	});

	test('a window past midnight belongs to the day it starts on; a single day waits a week', () => {
		const night = { start: 22 * 60, end: 6 * 60, days: [4], timeZone: 'UTC' };
		expect(judgeWindow(night, Date.parse('2026-12-04T23:00:00Z')).allowed).toBe(true); // Fri 23:00
		expect(judgeWindow(night, Date.parse('2026-12-05T05:59:00Z')).allowed).toBe(true); // Sat 05:59
		expect(judgeWindow(night, Date.parse('2026-12-05T06:00:00Z'))).toEqual({
			allowed: false,
			localNow: 'Sat 06:00',
			nextLocal: 'Fri 2026-12-11 22:00',
			nextIso: '2026-12-11T22:00:00+00:00',
		});
		expect(judgeWindow(night, Date.parse('2026-12-04T21:00:00Z')).nextLocal).toBe(
			'Fri 2026-12-04 22:00',
		);
		const friday = { start: 9 * 60, end: 10 * 60, days: [4], timeZone: 'UTC' };
		expect(judgeWindow(friday, Date.parse('2026-12-04T11:00:00Z')).nextLocal).toBe(
			'Fri 2026-12-11 09:00',
		);
	});
});

describe('Next allowed time', () => {
	const fc = require('fast-check');

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

	test('the daylight-saving cases: a start in the skipped hour, a start in the repeated hour, a week away', () => {
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
});
