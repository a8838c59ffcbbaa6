'use strict';
/** The input rules (docs/operations.md, "Input rules"), each through the real node and the sandbox. */
const { useSandbox } = require('../../helpers/sandbox');
const { smsAgent } = require('../../fixtures');

const ctx = useSandbox();

const sms = (extra = {}, additionalFields = {}, options = {}) =>
	smsAgent({ name: 'Coercion', additionalFields, options, ...extra });

async function body(parameters, items) {
	const { error } = await ctx.run({ parameters, items });
	if (error) throw error;
	return ctx.sandbox.requests[0].body;
}

async function refusal(parameters) {
	const { error } = await ctx.run({ parameters });
	expect(ctx.sandbox.requests).toHaveLength(0);
	return error.message;
}

describe('numbers', () => {
	test.each([
		['134', [134]],
		[' 134 ', [134]],
		['={{ 134 }}', [134]],
		['134,442', [134, 442]],
		['134; 442\n7', [134, 442, 7]],
		['={{ ["134", 442] }}', [134, 442]],
		['["134","442"]', [134, 442]],
		['12.0', [12]],
	])('key IDs %j become %j', async (given, ids) => {
		expect((await body(sms({ smsKeyIds: given }))).api_keys.map((k) => k.api_key_id)).toEqual(ids);
	});

	test.each(['1e3', '1.5', '-3', 'abc', '0', '={{ {"id": 1} }}', '9007199254740993'])(
		'key ID %j is refused',
		async (given) => {
			expect(await refusal(sms({ smsKeyIds: given }))).toMatch(
				/^SMS API Key IDs( \(entry 1\))? must be/,
			);
		},
	);

	test('counts as strings from a webhook work; negative counts do not', async () => {
		expect(
			(await body(sms({}, { idleTimeSeconds: '={{ " 3600 " }}', maxMessages: '={{ "3" }}' })))
				.additional_settings,
		).toEqual({ idle_time: 3600, max_messages: 3 });
		ctx.sandbox.reset();
		expect(await refusal(sms({}, { maxMessages: '={{ "-1" }}' }))).toBe(
			'Max Messages must be a whole number of at least 1, got "-1" [item 0]',
		);
		ctx.sandbox.reset();
		// An agent that may send no message at all is no SMS agent: 0 is refused, not sent.
		expect(await refusal(sms({}, { maxMessages: 0 }))).toBe(
			'Max Messages must be a whole number of at least 1, got 0 [item 0]',
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});

describe('text', () => {
	test('single-line values are trimmed; numbers become text; lists and objects are refused', async () => {
		expect((await body(sms({ name: '  Jane  ' }))).name).toBe('Jane');
		ctx.sandbox.reset();
		expect((await body(sms({ name: '={{ 42 }}' }))).name).toBe('42');
		ctx.sandbox.reset();
		expect(await refusal(sms({ name: '={{ {"first": "Jane"} }}' }))).toBe(
			'Name must be text, got an object [item 0]',
		);
	});

	test('large but legal text passes byte for byte, unicode included', async () => {
		const unit = 'Ünïcödé 😀 e\u0301 \u{1F469}\u200D\u{1F4BB} 中文 \t\r\n';
		const instructions = unit.repeat(Math.floor(99_000 / unit.length));
		await body(sms({ instructions }));
		const raw = ctx.sandbox.requests[0].rawBody;
		expect(JSON.parse(raw).instructions).toBe(instructions);
		expect(
			Buffer.from(JSON.parse(raw).instructions, 'utf8').equals(Buffer.from(instructions, 'utf8')),
		).toBe(true);
	});

	test('2 MB of instructions is refused before sending, with the sizes', async () => {
		expect(await refusal(sms({ instructions: 'x'.repeat(2 * 1024 * 1024) }))).toBe(
			'Instructions is too long (2097152 characters, at most 100000) [item 0]',
		);
	});

	test('phone numbers lose the punctuation people type, nothing else', async () => {
		expect((await body(sms({}, { phoneNumber: ' +1 (346) 550-7166 ' }))).phone_number).toBe(
			'+13465507166',
		);
		ctx.sandbox.reset();
		expect(await refusal(sms({}, { phoneNumber: '+1 346 CALL NOW' }))).toMatch(
			/^Phone Number must be a phone number in E\.164 format/,
		);
	});

	// A spreadsheet or CSV column gives 3465507166 as a JSON number: adding "+" would call +34 (Spain).
	test.each([
		[
			'Make Call',
			() => ({
				resource: 'call',
				operation: 'makeCall',
				agentId: ctx.sandbox.seedVoiceAgent(),
				phoneNumber: '={{ $json.phone }}',
			}),
			'Phone Number',
		],
		[
			'Create Call',
			() => ({
				resource: 'call',
				operation: 'createCall',
				agentId: 'agent-1',
				phoneNumber: '={{ $json.phone }}',
			}),
			'Phone Number',
		],
		[
			'Update Customer',
			() => ({
				resource: 'customer',
				operation: 'update',
				customerId: 'c0000000-0000-4000-8000-000000000001',
				updateFields: { phone: '={{ $json.phone }}' },
			}),
			'Phone',
		],
		['the SMS agent', () => sms({}, { phoneNumber: '={{ $json.phone }}' }), 'Phone Number'],
	])(
		'%s refuses a phone number that arrives as a JSON number, and says how to map it',
		async (_, parameters, label) => {
			const { error } = await ctx.run({ parameters: parameters(), items: [{ phone: 3465507166 }] });
			expect(ctx.sandbox.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
			expect(error.message).toBe(
				`${label} must be a phone number in E.164 format, got the number 3465507166 (no plus sign, so no country code) [item 0]`,
			);
			expect(error.description).toContain('+1{{ $json.phone }}');
		},
	);

	test('SMS recipients given as JSON numbers are refused too', async () => {
		const { error } = await ctx.run({
			parameters: {
				resource: 'action',
				operation: 'update',
				actionId: 'a0000000-0000-4000-8000-000000000001',
				name: 'x',
				updateFields: { smsTo: '={{ [$json.phone] }}' },
			},
			items: [{ phone: 3465507166 }],
			typeVersion: 2,
		});
		expect(ctx.sandbox.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
		expect(error.message).toMatch(
			/^SMS Recipients \(entry 1\) must be a phone number in E\.164 format, got the number 3465507166/,
		);
	});
});

describe('booleans', () => {
	test.each([
		['true', { force: 'true' }],
		[true, { force: 'true' }],
		['false', {}],
	])('Overwrite Existing Agent %j', async (given, query) => {
		await body(sms({}, {}, { force: given }));
		expect(ctx.sandbox.requests[0].query).toEqual(query);
	});

	test('anything else is refused', async () => {
		expect(await refusal(sms({}, {}, { force: '={{ "yes" }}' }))).toBe(
			'Overwrite Existing Agent must be true or false, got "yes" [item 0]',
		);
	});
});

describe('lists', () => {
	test('action IDs as a list, JSON text or separated text; empty entries dropped', async () => {
		for (const given of ['={{ ["a1", "", "a2"] }}', '["a1","a2"]', 'a1, ,a2', 'a1\na2']) {
			ctx.sandbox.reset();
			expect((await body(sms({}, { actionIds: given }))).action_ids).toEqual(['a1', 'a2']);
		}
	});

	test('a list entry that is not text is refused with its position', async () => {
		expect(await refusal(sms({}, { actionIds: '={{ ["a1", {"id": 2}] }}' }))).toBe(
			'Action Names or IDs (entry 2) must be text, got an object [item 0]',
		);
	});
});

describe('IDs that would change the path are refused with the field name', () => {
	const operations = [
		['Action ID', (id) => ({ resource: 'action', operation: 'get', actionId: id })],
		[
			'Customer ID',
			(id) => ({
				resource: 'customer',
				operation: 'update',
				customerId: id,
				updateFields: { name: 'X' },
			}),
		],
		[
			'Knowledge Base ID',
			(id) => ({
				resource: 'knowledgeBase',
				operation: 'update',
				knowledgeBaseId: id,
				updateFields: { name: 'X' },
			}),
		],
		[
			'Voice Agent ID',
			(id) => ({
				resource: 'call',
				operation: 'makeCall',
				agentId: id,
				phoneNumber: '+1234567890',
			}),
		],
	];
	const ids = ['.', '..', 'a/b', '../_customers', 'x?y=1', 'x#y', 'a\\b', 'a\u0000b'];
	test.each(operations)('%s', async (field, parameters) => {
		for (const id of ids) {
			const { error } = await ctx.run({ parameters: parameters(id) });
			expect(error.message).toMatch(new RegExp(`^${field} is not an ID: .* \\[item 0\\]$`));
		}
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});
