'use strict';
const {
	OPERATIONS,
	DAY_VALUES,
	DAY_NAMES,
	call,
	localDay,
	useGuardrailSandbox,
} = require('./sandbox');

const { ctx, callRequests, run } = useGuardrailSandbox();
const { toolInvoker } = require('../../../helpers/n8n');

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

		test('a refusal is an ordinary node error to n8n, whose MCP server shows "<name>: <message>"', async () => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const { error } = await run({
				items: [{ phone: '+33612345678' }],
				parameters: call(operation, agentId, { allowedNumbers: '+1346' }),
			});
			expect(`${error.name}: ${error.message}`).toMatch(
				/^NodeOperationError: Allowed Numbers refused the call to \+33612345678/,
			);
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
