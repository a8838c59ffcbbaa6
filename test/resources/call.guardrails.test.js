'use strict';
/**
 * The call operations' guardrails (Options → Allowed Numbers, Max Calls per Execution, Calling Hours), run
 * through n8n-core against the sandbox: what they allow is placed once, what they refuse never reaches
 * ContactSwing, and the refusal is an ordinary item error naming the rule.
 */
const path = require('node:path');
const { useSandbox } = require('../helpers/sandbox');
const { toolInvoker } = require('../helpers/n8n');

const { judgeWindow } = require(
	path.join(__dirname, '../../dist/nodes/ContactSwing/resources/call/guardrails/callingHours.js'),
);

// Far above the documented 10 calls a minute, so no test waits out a rate limit.
const ctx = useSandbox({ rateLimits: { 'POST /v2/_call': { limit: 1000, windowMs: 1000 } } });

const OPERATIONS = ['makeCall', 'createCall'];
const callRequests = () =>
	ctx.sandbox.requests.filter((r) => r.path === '/v2/_call' || r.path.endsWith('/makeCall'));
let executions = 0;
/** Every run is its own execution unless a test says otherwise. */
const run = (args) => ctx.run({ executionId: `guardrails-${++executions}`, ...args });
const call = (operation, agentId, options, extra = {}) => ({
	resource: 'call',
	operation,
	agentId,
	phoneNumber: '={{ $json.phone }}',
	options,
	...extra,
});

describe.each(OPERATIONS)('%s: Allowed Numbers', (operation) => {
	test('a number in the list, or under one of its prefixes (typed with spaces), is called', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const items = [
			{ phone: '+13465507166' },
			{ phone: '+44 20 7946 0018' },
			{ phone: '+1 (346) 550-7199' },
		];
		const { output, error } = await run({
			items,
			parameters: call(operation, agentId, { allowedNumbers: '+13465507166, +44 20\n+1346' }),
		});
		expect(error).toBeUndefined();
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1, 2]);
		expect(callRequests().map((r) => r.body.phone_number)).toEqual([
			'+13465507166',
			'+442079460018',
			'+13465507199',
		]);
	});

	test('a number outside the list is refused before anything is sent, naming the rule', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const { error } = await run({
			items: [{ phone: '+33 6 12 34 56 78' }],
			parameters: call(operation, agentId, { allowedNumbers: '+1346, +44 20' }),
		});
		expect(error.message).toBe(
			'Allowed Numbers refused the call to +33612345678: it is not in the list (+1346, +4420); nothing was sent [item 0]',
		);
		expect(error.description).toBe(
			'Add the number, or a prefix of it, to Options → Allowed Numbers to allow it.',
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail, a refused number is an error item paired to its input; the others are called', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const items = [
			{ phone: '+13465507101' },
			{ phone: '+4915112345678' },
			{ phone: '+13465507103' },
		];
		const { output } = await run({
			items,
			continueOnFail: true,
			parameters: call(operation, agentId, { allowedNumbers: '+1346' }),
		});
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1, 2]);
		expect(output[0].json.call_id).toEqual(expect.any(String));
		expect(output[1].json).toEqual({
			error:
				'Allowed Numbers refused the call to +4915112345678: it is not in the list (+1346); nothing was sent [item 1]',
			description: 'Add the number, or a prefix of it, to Options → Allowed Numbers to allow it.',
		});
		expect(callRequests().map((r) => r.body.phone_number)).toEqual([
			'+13465507101',
			'+13465507103',
		]);
	});

	test('added but empty, it allows no number; an entry that is not a number or prefix is named', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const empty = await run({
			items: [{ phone: '+13465507166' }],
			parameters: call(operation, agentId, { allowedNumbers: '' }),
		});
		expect(empty.error.message).toBe(
			'Allowed Numbers refused the call to +13465507166: it is not in the list (empty); nothing was sent [item 0]',
		);
		const bad = await run({
			items: [{ phone: '+13465507166' }],
			parameters: call(operation, agentId, { allowedNumbers: '+1346, 0044 20' }),
		});
		expect(bad.error.message).toBe(
			'Allowed Numbers (entry 2) must be an E.164 number or prefix, got "0044 20" [item 0]',
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});

describe.each(OPERATIONS)(
	'%s: Allowed Numbers means what it says from node version 3',
	(operation) => {
		const run3 = (args) => run({ typeVersion: 3, ...args });

		test('a listed number allows that number only; an entry ending in * allows every number under it', async () => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const items = [
				{ phone: '+4930123456' },
				{ phone: '+493012345678' },
				{ phone: '+13465507166' },
				{ phone: '+13465507166999' },
				{ phone: '+1 (212) 555-0199' },
			];
			const { output } = await run3({
				items,
				continueOnFail: true,
				parameters: call(operation, agentId, {
					allowedNumbers: '+49 30 123456, +13465507166\n+1 212*',
				}),
			});
			expect(callRequests().map((r) => r.body.phone_number)).toEqual([
				'+4930123456',
				'+13465507166',
				'+12125550199',
			]);
			expect(output[1].json).toEqual({
				error:
					'Allowed Numbers refused the call to +493012345678: it is not in the list (+4930123456, +13465507166, +1212*); nothing was sent [item 1]',
				description:
					'Add the number, or a prefix of it ending in *, to Options → Allowed Numbers to allow it.',
			});
			expect(output[3].json.error).toMatch(/^Allowed Numbers refused the call to \+13465507166999/);
		});

		test('an entry too short to be a number is named, with the * that makes it a prefix', async () => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const { error } = await run3({
				items: [{ phone: '+13465507166' }],
				parameters: call(operation, agentId, { allowedNumbers: '+13465507166, +1346' }),
			});
			expect(error.message).toBe(
				'Allowed Numbers (entry 2) is too short to be a phone number: "+1346" [item 0]',
			);
			expect(error.description).toBe(
				'An entry without * allows that one number only. Write +1346* to allow every number that starts with +1346.',
			);
			expect(ctx.sandbox.requests).toHaveLength(0);
		});

		test.each([1, 2])(
			'version %i keeps prefixes (and says so in the editor); a trailing * reads the same',
			async (typeVersion) => {
				const agentId = ctx.sandbox.seedVoiceAgent();
				const { error } = await run({
					typeVersion,
					items: [{ phone: '+493012345678' }, { phone: '+13465507166999' }],
					parameters: call(operation, agentId, { allowedNumbers: '+4930123456, +13465507166*' }),
				});
				expect(error).toBeUndefined();
				expect(callRequests()).toHaveLength(2);
			},
		);
	},
);

describe('Allowed Numbers in the editor', () => {
	const { nodeType } = require('../helpers/n8n');
	test('versions 1 and 2 say that entries are prefixes; version 3 that they are exact', () => {
		const options = nodeType.description.properties.find(
			(p) => p.name === 'options' && p.displayOptions.show.operation.includes('makeCall'),
		).options;
		const allowed = options.filter((o) => o.name === 'allowedNumbers');
		expect(allowed.map((o) => [o.displayOptions.show['@version'], o.hint])).toEqual([
			[[1, 2], expect.stringMatching(/^Every entry is a prefix: \+13465507166 also allows/)],
			[[{ _cnd: { gte: 3 } }], 'Added but empty, no number is allowed'],
		]);
		const hours = options.filter((o) => o.name === 'callingHours');
		expect(hours.map((o) => o.description)).toEqual([
			expect.stringMatching(/With its window removed, calls are allowed at any time/),
			expect.stringMatching(/With its window removed, no call is allowed\.$/),
		]);
	});
});

describe.each(OPERATIONS)('%s: Max Calls per Execution', (operation) => {
	test('counts across items, concurrent ones included: the calls past the limit are refused and never sent', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const items = [1, 2, 3, 4, 5].map((n) => ({ phone: `+1346550710${n}` }));
		// Items per Batch 5: all five are read at once.
		const { output } = await run({
			items,
			continueOnFail: true,
			parameters: call(operation, agentId, { maxCallsPerExecution: 2 }),
		});
		expect(callRequests()).toHaveLength(2);
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1, 2, 3, 4]);
		expect(output.slice(0, 2).every((o) => typeof o.json.call_id === 'string')).toBe(true);
		expect(output.slice(2).map((o) => o.json.error)).toEqual(
			[2, 3, 4].map(
				(i) =>
					`Max Calls per Execution (2) refused the call: this node has already placed 2 calls in this execution; nothing was sent [item ${i}]`,
			),
		);
		expect(output[2].json.description).toBe(
			'Raise Options → Max Calls per Execution to place more calls in one execution.',
		);
	});

	test('counts across repeated runs of the node in one execution (as an AI agent runs a tool), not across executions', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const parameters = call(operation, agentId, { maxCallsPerExecution: 1 });
		const first = await ctx.run({
			executionId: `tool-${operation}`,
			items: [{ phone: '+13465507101' }],
			parameters,
		});
		const second = await ctx.run({
			executionId: `tool-${operation}`,
			items: [{ phone: '+13465507102' }],
			parameters,
		});
		expect(first.error).toBeUndefined();
		expect(second.error.message).toBe(
			'Max Calls per Execution (1) refused the call: this node has already placed 1 call in this execution; nothing was sent [item 0]',
		);
		expect(callRequests().map((r) => r.body.phone_number)).toEqual(['+13465507101']);
		const another = await ctx.run({
			executionId: `tool-${operation}-next`,
			items: [{ phone: '+13465507103' }],
			parameters,
		});
		expect(another.error).toBeUndefined();
		expect(callRequests().map((r) => r.body.phone_number)).toEqual([
			'+13465507101',
			'+13465507103',
		]);
	});

	test('a run without an execution ID (an MCP tool call) counts within that run only', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const parameters = call(operation, agentId, { maxCallsPerExecution: 1 });
		const items = [{ phone: '+13465507101' }, { phone: '+13465507102' }];
		const first = await ctx.run({ executionId: '', items, continueOnFail: true, parameters });
		const second = await ctx.run({
			executionId: '',
			items: [{ phone: '+13465507103' }],
			parameters,
		});
		expect(first.output[1].json.error).toMatch(/^Max Calls per Execution \(1\) refused the call/);
		expect(second.error).toBeUndefined();
		expect(callRequests().map((r) => r.body.phone_number)).toEqual([
			'+13465507101',
			'+13465507103',
		]);
	});

	test('a call ContactSwing refuses (HTTP 4xx) places nothing, so it does not count', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const items = [
			{ phone: '+13465507101', agent: 'ghost' },
			{ phone: '+13465507102', agent: agentId },
		];
		const { output } = await run({
			items,
			continueOnFail: true,
			// One at a time, so the refused call has been answered before the next is counted.
			parameters: call(operation, '={{ $json.agent }}', {
				maxCallsPerExecution: 1,
				batching: { batch: { batchSize: 1 } },
			}),
		});
		expect(output[0].json.error).toMatch(/HTTP 404/);
		expect(output[1].json.call_id).toEqual(expect.any(String));
		expect(ctx.sandbox.state.placedCalls.map((c) => c.to)).toEqual(['+13465507102']);
	});
});

describe.each(OPERATIONS)(
	'%s: Max Calls per Execution counts only calls that may have reached ContactSwing, as long as the execution lives',
	(operation) => {
		const { runNode } = require('../helpers/n8n');
		const { DEFAULT_TOKEN } = require('../sandbox/server');
		/** Items that each name their own account (the credential's fields are expressions), one at a time. */
		const perItem = (agentId) => ({
			credentials: { accessToken: '={{ $json.token }}', baseUrl: '={{ $json.baseUrl }}' },
			continueOnFail: true,
			parameters: call(operation, agentId, {
				maxCallsPerExecution: 1,
				maxRetryWait: 0,
				batching: { batch: { batchSize: 1 } },
			}),
		});
		const good = (phone) => ({ phone, token: DEFAULT_TOKEN, baseUrl: ctx.sandbox.url });

		test.each([
			['a broken per-item credential', () => ({ token: 'short' })],
			['a refused connection', () => ({ baseUrl: 'http://127.0.0.1:9' })],
			[
				'a redirect the node does not follow',
				() => {
					ctx.sandbox.script({
						status: 302,
						headers: { location: 'https://elsewhere.example/v2/_call' },
					});
					return {};
				},
			],
		])('%s places nothing, so it does not count', async (_label, fault) => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const items = [{ ...good('+13465507101'), ...fault() }, good('+13465507102')];
			const { output } = await runNode({ items, ...perItem(agentId) });
			expect(output[0].json.error).toEqual(expect.any(String));
			expect(output[1].json.call_id).toEqual(expect.any(String));
			expect(ctx.sandbox.state.placedCalls.map((c) => c.to)).toEqual(['+13465507102']);
		});

		test('a Retry of the execution keeps the calls the execution it retries placed (node version 1 too)', async () => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const parameters = call(operation, agentId, {
				maxCallsPerExecution: 1,
				batching: { batch: { batchSize: 1 } },
			});
			const failed = await run({ items: phones2(), parameters });
			expect(failed.error.message).toMatch(/^Max Calls per Execution \(1\) refused the call/);
			const retried = await run({ retryOf: failed, executionId: `retry-${operation}` });
			expect(retried.error.message).toBe(
				'Max Calls per Execution (1) refused the call: this node has already placed 1 call in this execution; nothing was sent [item 0]',
			);
			expect(ctx.sandbox.state.placedCalls.map((c) => c.to)).toEqual(['+13465507101']);
		});

		test('an execution resumed in another process (a Wait longer than a day) keeps its count', async () => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const parameters = call(operation, agentId, { maxCallsPerExecution: 1 });
			const before = await run({ items: [{ phone: '+13465507101' }], parameters });
			expect(before.error).toBeUndefined();
			// A fresh copy of the node: nothing of the first run is left in this process's memory.
			let Fresh;
			jest.isolateModules(() => {
				({ ContactSwing: Fresh } = require('../../dist/nodes/ContactSwing/ContactSwing.node.js'));
			});
			const resumed = await ctx.run({
				continueFrom: before,
				items: [{ phone: '+13465507102' }],
				parameters,
				node: new Fresh(),
			});
			expect(resumed.error.message).toMatch(
				/^Max Calls per Execution \(1\) refused the call: this node has already placed 1 call/,
			);
			expect(ctx.sandbox.state.placedCalls.map((c) => c.to)).toEqual(['+13465507101']);
		});
	},
);

const phones2 = () => [{ phone: '+13465507101' }, { phone: '+13465507102' }];

/** The date (YYYY-MM-DD) and weekday (0 = Monday) `days` days after today in `timeZone`. */
function localDay(timeZone, days) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
		})
			.formatToParts(new Date())
			.map((p) => [p.type, p.value]),
	);
	const date = new Date(
		Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + days),
	);
	return { ymd: date.toISOString().slice(0, 10), weekday: (date.getUTCDay() + 6) % 7 };
}
const DAY_VALUES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

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

describe.each(OPERATIONS)('%s: guardrails combined', (operation) => {
	test('each item is refused by the first rule that refuses it; only what all allow is sent, up to the limit', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const window = { start: '00:00', end: '24:00', days: DAY_VALUES, timeZone: 'UTC' };
		const items = [
			{ phone: '+33612345678' },
			{ phone: '+13465507102' },
			{ phone: '+13465507103' },
			{ phone: '+13465507104' },
		];
		const { output } = await run({
			items,
			continueOnFail: true,
			parameters: call(operation, agentId, {
				allowedNumbers: '+1346',
				maxCallsPerExecution: 2,
				callingHours: { window },
			}),
		});
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1, 2, 3]);
		expect(output[0].json.error).toMatch(/^Allowed Numbers refused the call to \+33612345678/);
		expect(output[1].json.call_id).toEqual(expect.any(String));
		expect(output[2].json.call_id).toEqual(expect.any(String));
		expect(output[3].json.error).toMatch(
			/^Max Calls per Execution \(2\) refused the call: this node has already placed 2 calls/,
		);
		expect(callRequests().map((r) => r.body.phone_number)).toEqual([
			'+13465507102',
			'+13465507103',
		]);
	});

	test('outside the calling hours, an allowed number is refused by the hours and uses up none of the limit', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const target = localDay('UTC', 3);
		const closed = {
			start: '09:00',
			end: '10:00',
			days: [DAY_VALUES[target.weekday]],
			timeZone: 'UTC',
		};
		const executionId = `combined-${operation}`;
		const options = { allowedNumbers: '+1346', maxCallsPerExecution: 1 };
		const refused = await ctx.run({
			executionId,
			items: [{ phone: '+13465507101' }, { phone: '+4420' }],
			continueOnFail: true,
			parameters: call(operation, agentId, { ...options, callingHours: { window: closed } }),
		});
		expect(refused.output[0].json.error).toMatch(
			new RegExp(
				`^Calling Hours \\(${DAY_NAMES[target.weekday]} 09:00–10:00 UTC\\) refused the call`,
			),
		);
		// Phone Number's own rule comes first of all.
		expect(refused.output[1].json.error).toBe(
			'Phone Number must be a phone number in E.164 format, got "+4420" [item 1]',
		);
		// Same execution, hours lifted: the one allowed call is still available.
		const placed = await ctx.run({
			executionId,
			items: [{ phone: '+13465507101' }],
			parameters: call(operation, agentId, options),
		});
		expect(placed.error).toBeUndefined();
		expect(callRequests().map((r) => r.body.phone_number)).toEqual(['+13465507101']);
	});
});

describe('guardrails: generated values', () => {
	const fc = require('fast-check');
	const LABELS = [
		'Allowed Numbers',
		'Calling Hours',
		'Max Calls per Execution',
		'Start',
		'End',
		'Days',
		'Time Zone',
	];
	const junk = fc.oneof(
		fc.string({ maxLength: 12 }),
		fc.integer(),
		fc.constantFrom(null, true, [], {}, [1, 'x'], { a: 1 }),
	);
	const prefix = fc.oneof(
		fc.constantFrom('+1', '+1346', '+44 20', '+1 (346) 550', '+49', '+13465507166'),
		fc.string({ maxLength: 8 }),
	);
	const clockText = fc.oneof(
		fc
			.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
			.map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
		junk,
	);
	const set = fc.record(
		{
			phone: fc.oneof(
				{
					weight: 4,
					arbitrary: fc.constantFrom(
						'+13465507166',
						'+442079460018',
						'+4915112345678',
						'+1 346 550 7101',
					),
				},
				{ weight: 1, arbitrary: junk },
			),
			allowedNumbers: fc.oneof(
				{ weight: 2, arbitrary: fc.constantFrom('+1, +44, +49', ['+1', '+44 20', '+49']) },
				{ weight: 2, arbitrary: fc.array(prefix, { maxLength: 3 }).map((list) => list.join(', ')) },
				{ weight: 1, arbitrary: fc.array(prefix, { maxLength: 3 }) },
				{ weight: 1, arbitrary: junk },
			),
			maxCallsPerExecution: fc.oneof(
				{ weight: 3, arbitrary: fc.constant(1000) },
				fc.integer({ min: -1, max: 4 }),
				fc.constantFrom('2', ' 3 ', 'two', 1.5),
				junk,
			),
			window: fc.oneof(
				{
					weight: 2,
					arbitrary: fc.constant({
						start: '00:00',
						end: '24:00',
						days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
						timeZone: 'UTC',
					}),
				},
				fc.record(
					{
						start: clockText,
						end: clockText,
						days: fc.oneof(
							fc.subarray(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
							fc.constantFrom('mon, sat', 'Sunday', 'funday'),
							junk,
						),
						timeZone: fc.oneof(
							fc.constantFrom('UTC', 'Asia/Tokyo', 'America/Chicago', '', 'Mars/Olympus'),
							junk,
						),
					},
					{ requiredKeys: [] },
				),
			),
		},
		{ requiredKeys: ['phone'] },
	);

	test.each(OPERATIONS)(
		'%s: 300 generated sets: each item is placed, or refused naming its rule and item with nothing sent for it',
		async (operation) => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const sets = fc.sample(set, { numRuns: 300, seed: 20261206 });
			const read = (key) => `={{ $json.${key} }}`;
			const parameters = call(operation, agentId, {
				allowedNumbers: read('allowedNumbers'),
				maxCallsPerExecution: read('maxCallsPerExecution'),
				callingHours: {
					window: {
						start: read('window?.start'),
						end: read('window?.end'),
						days: read('window?.days'),
						timeZone: read('window?.timeZone'),
					},
				},
				batching: { batch: { batchSize: 16 } },
			});
			const { output, error } = await run({ items: sets, continueOnFail: true, parameters });
			expect(error).toBeUndefined();
			expect(output.map((o) => o.pairedItem.item)).toEqual(sets.map((_, i) => i));
			const placed = output.filter((o) => o.json.call_id !== undefined);
			const unexplained = output.filter(
				(o) =>
					o.json.call_id === undefined &&
					!(
						LABELS.concat('Phone Number').some((label) =>
							String(o.json.error).startsWith(`${label} `),
						) && String(o.json.error).endsWith(`[item ${o.pairedItem.item}]`)
					),
			);
			expect(unexplained.map((o) => o.json.error)).toEqual([]);
			// Exactly the placed items reached ContactSwing, each to a number its Allowed Numbers let through.
			expect(callRequests()).toHaveLength(placed.length);
			for (const item of placed) {
				const { to } = ctx.sandbox.state.placedCalls.find((c) => c.call_id === item.json.call_id);
				const allowed = []
					.concat(sets[item.pairedItem.item].allowedNumbers)
					.join(',')
					.split(/[,;\n]/)
					.map((p) => p.replace(/[\s().-]/g, ''));
				expect(allowed.filter((p) => p !== '' && to.startsWith(p))).not.toEqual([]);
			}
			// Both sides are reached.
			expect(placed.length).toBeGreaterThan(0);
			expect(placed.length).toBeLessThan(sets.length);
		},
	);
});

describe.each(OPERATIONS)(
	'%s as an AI tool, run by n8n-core as the AI Agent runs it (makeHandleToolInvocation)',
	(operation) => {
		const toolParameters = (agentId, options) => ({
			resource: 'call',
			operation,
			agentId,
			phoneNumber: "={{ $fromAI('phone_number', 'The number to call, E.164', 'string') }}",
			options,
		});
		/** What the model reads back: the tool's JSON answer, or the node's message and its hint. */
		const answer = (promise) =>
			promise.then(
				(text) => JSON.parse(text),
				(error) => error.message,
			);

		test("each tool call is a new run of the node; the count spans them, and refusals are the model's text with nothing sent", async () => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const tool = toolInvoker({
				credentials: ctx.credentials(),
				executionId: `agent-${operation}`,
				parameters: toolParameters(agentId, { allowedNumbers: '+1346', maxCallsPerExecution: 1 }),
			});
			const outside = await answer(tool.invoke({ phone_number: '+33612345678' }));
			const first = await answer(tool.invoke({ phone_number: '+13465507166' }));
			const second = await answer(tool.invoke({ phone_number: '+13465507167' }));
			expect(outside).toBe(
				'Allowed Numbers refused the call to +33612345678: it is not in the list (+1346); nothing was sent [item 0]\n\nDetails: Add the number, or a prefix of it, to Options → Allowed Numbers to allow it.',
			);
			expect(first).toEqual([
				expect.objectContaining({ call_id: ctx.sandbox.state.placedCalls[0].call_id }),
			]);
			expect(second).toBe(
				'Max Calls per Execution (1) refused the call: this node has already placed 1 call in this execution; nothing was sent [item 0]\n\nDetails: Raise Options → Max Calls per Execution to place more calls in one execution.',
			);
			expect(callRequests().map((r) => r.body.phone_number)).toEqual(['+13465507166']);
		});

		test('outside Calling Hours the tool answers with the next allowed time; without an execution ID (MCP) each tool call counts alone', async () => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const target = localDay('UTC', 3);
			const closed = toolInvoker({
				credentials: ctx.credentials(),
				executionId: `hours-${operation}`,
				parameters: toolParameters(agentId, {
					callingHours: {
						window: {
							start: '08:00',
							end: '09:00',
							days: [DAY_VALUES[target.weekday]],
							timeZone: 'UTC',
						},
					},
				}),
			});
			expect(await answer(closed.invoke({ phone_number: '+13465507166' }))).toContain(
				`Next allowed time: ${DAY_NAMES[target.weekday]} ${target.ymd} 08:00 (${target.ymd}T08:00:00+00:00); nothing was sent [item 0]`,
			);
			expect(ctx.sandbox.requests).toHaveLength(0);
			const mcp = toolInvoker({
				credentials: ctx.credentials(),
				executionId: undefined,
				parameters: toolParameters(agentId, { maxCallsPerExecution: 1 }),
			});
			await answer(mcp.invoke({ phone_number: '+13465507101' }));
			await answer(mcp.invoke({ phone_number: '+13465507102' }));
			expect(callRequests().map((r) => r.body.phone_number)).toEqual([
				'+13465507101',
				'+13465507102',
			]);
		});
	},
);
