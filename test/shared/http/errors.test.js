'use strict';
const { useSandbox } = require('../../helpers/sandbox');
const { smsAgent } = require('../../fixtures');
const ctx = useSandbox();

describe('a create answered 2xx without its ID fails the item', () => {
	const sms = smsAgent({ name: 'No ID', smsKeyIds: '7', instructions: 'Hi' });
	test.each([
		['{}', true, "ContactSwing answered HTTP 201 without the new agent's assistant_id [item 0]"],
		[
			'data not an object',
			'not-object',
			"ContactSwing answered HTTP 201 without the new agent's assistant_id [item 0]",
		],
		[
			'an empty body',
			'no-body',
			"ContactSwing answered HTTP 201 without the new agent's assistant_id [item 0]",
		],
	])(
		'%s: the agent may exist, says the message, and nothing is emitted as success',
		async (_label, emptyData, message) => {
			ctx.sandbox.script({ processed: true, emptyData });
			const { output, error } = await ctx.run({ parameters: sms, continueOnFail: true });
			expect(error).toBeUndefined();
			expect(output).toHaveLength(1);
			expect(output[0].json.error).toBe(message);
			expect(output[0].json.description).toMatch(
				/^ContactSwing may have created the agent\. Check ContactSwing before running again/,
			);
			expect(ctx.sandbox.requests).toHaveLength(1);
		},
	);

	test('alike for actions, knowledge bases and calls', async () => {
		const voice = ctx.sandbox.seedVoiceAgent();
		const cases = [
			[
				{
					resource: 'action',
					operation: 'create',
					actionType: 'SHOPIFY',
					name: 'S',
					actionTiming: 'DURING',
					shopifyType: 'contactswing_shopify_search',
				},
				"action's action_id",
			],
			[{ resource: 'knowledgeBase', operation: 'create', name: 'KB' }, "knowledge base's id"],
			[
				{ resource: 'call', operation: 'makeCall', agentId: voice, phoneNumber: '+1234567890' },
				"call's call_id",
			],
		];
		for (const [parameters, missing] of cases) {
			ctx.sandbox.script({ processed: true, emptyData: true });
			const { error } = await ctx.run({ parameters });
			expect(error.message).toMatch(new RegExp(`without the new ${missing} \\[item 0\\]$`));
		}
	});
});

describe('odd answers and odd input', () => {
	const sms = (options = {}, extra = {}) =>
		smsAgent({ name: 'Safety check', options: { maxRetryWait: 5, ...options }, ...extra });

	const agentPosts = () => ctx.sandbox.requests.filter((r) => r.path === '/v2/_new_assistants');

	test('a __proto__, constructor or prototype key in an answer is dropped, never an output prototype', async () => {
		ctx.sandbox.script({
			status: 201,
			body: '{"data": {"assistant_id": "a-1", "__proto__": {"polluted": "yes"}, "constructor": {"x": 1}, "nested": {"prototype": 1, "__proto__": {"p": 2}, "kept": true}}}',
		});
		const { output } = await ctx.run({ parameters: sms() });
		const json = output[0].json;
		expect(json.polluted).toBeUndefined();
		expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
		expect(Object.keys(json).sort()).toEqual(['assistant_id', 'nested']);
		expect(json.nested).toEqual({ kept: true });
		expect(Object.getPrototypeOf(json.nested)).toBe(Object.prototype);
	});

	test('an answer nested 20,000 levels deep: a clear "may have created" error, not a stack overflow', async () => {
		const deep = `{"data": {"assistant_id": "a-1", "x": ${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
		ctx.sandbox.script({ processed: true, status: 201, body: deep });
		const { error } = await ctx.run({ parameters: sms() });
		expect(error.message).toBe(
			'ContactSwing answered HTTP 201, but its answer is nested more than 100 levels deep and was not read [item 0]',
		);
		expect(error.description).toMatch(
			/^ContactSwing may have created the agent\. Check ContactSwing before running again/,
		);
		expect(agentPosts()).toHaveLength(1);
	});

	test('an error answer nested that deep still gives its status', async () => {
		ctx.sandbox.script({
			status: 400,
			body: `{"detail": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
		});
		const { error } = await ctx.run({ parameters: sms() });
		expect(error.message).toBe('ContactSwing rejected the request (HTTP 400) [item 0]');
	});

	test('Additional Body keys named like built-in methods (toString, hasOwnProperty) are new keys and are sent', async () => {
		await ctx.run({
			parameters: sms({ additionalBody: '{"toString": "a", "hasOwnProperty": "b"}' }),
		});
		expect(agentPosts()[0].body).toEqual(
			expect.objectContaining({ toString: 'a', hasOwnProperty: 'b' }),
		);
	});

	test.each([
		[
			'0090-01-01',
			/^Expires At must be a date from the year 1000 on, got "0090-01-01" \[item 0\]$/,
		],
		['0999-12-31T00:00:00Z', /^Expires At must be a date from the year 1000 on/],
		[
			'2026-12-31T23:59:59+99:99',
			/^Expires At has an offset outside ±18:00, got "2026-12-31T23:59:59\+99:99" \[item 0\]$/,
		],
		['2026-12-31T23:59:59-18:30', /^Expires At has an offset outside ±18:00/],
		['2026-12-31T23:59:59+05:60', /^Expires At has an offset outside ±18:00/],
	])('Expires At %s is refused, nothing sent', async (expiresAt, message) => {
		const { error } = await ctx.run({
			parameters: {
				resource: 'apiKey',
				operation: 'create',
				name: 'Key',
				additionalFields: { expiresAt },
			},
		});
		expect(error.message).toMatch(message);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test.each([
		['1000-01-01T00:00:00Z', '1000-01-01T00:00:00Z'],
		['2026-12-31T23:59:59+18:00', '2026-12-31T05:59:59Z'],
		['2026-12-31T23:59:59-12:00', '2027-01-01T11:59:59Z'],
	])('Expires At %s is sent as %s', async (expiresAt, sent) => {
		await ctx.run({
			parameters: {
				resource: 'apiKey',
				operation: 'create',
				name: 'Key',
				additionalFields: { expiresAt },
			},
		});
		expect(ctx.sandbox.requests[0].body.expires_at).toBe(sent);
	});
});
