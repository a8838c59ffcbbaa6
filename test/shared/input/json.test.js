'use strict';
const { base, useAgentSandbox } = require('../../resources/agent/sandbox');

const { ctx, sent } = useAgentSandbox();
describe('Additional Body (JSON)', () => {
	test("is merged last, deeply, so tomorrow's fields work today", async () => {
		const { request } = await sent({
			...base,
			operation: 'createSmsAgent',
			smsKeyIds: '134',
			smsType: 'OUTBOUND',
			additionalFields: { idleTimeSeconds: 60 },
			options: { additionalBody: '{"additional_settings": {"max_messages": 3}, "version": "v2"}' },
		});
		expect(request.body.additional_settings).toEqual({ idle_time: 60, max_messages: 3 });
		expect(request.body.version).toBe('v2');
	});

	test.each([
		['[1, 2]', /must be a JSON object, got a list/],
		['"text"', /must be a JSON object, got "text"/],
		['{"a": 1,}', /is not valid JSON: .*position 8/],
		['{"__proto__": {"polluted": true}}', /must not contain the key "__proto__"/],
		['{"x": {"constructor": {"prototype": {}}}}', /must not contain the key "constructor"/],
	])('refuses %s', async (json, message) => {
		const { error, request } = await sent({
			...base,
			operation: 'createEmailAgent',
			options: { additionalBody: json },
		});
		expect(request).toBeUndefined();
		expect(error.message).toMatch(/^Additional Body \(JSON\) /);
		expect(error.message).toMatch(message);
		expect({}.polluted).toBeUndefined();
	});
});

describe('Additional Body cannot change what the node sends', () => {
	const { smsAgent } = require('../../fixtures');
	const sms = (options = {}, extra = {}) =>
		smsAgent({ name: 'Safety check', options: { maxRetryWait: 5, ...options }, ...extra });

	const agentPosts = () => ctx.sandbox.requests.filter((r) => r.path === '/v2/_new_assistants');

	test.each([
		['{"type": "VOICE_INCOMING"}', '{"type": "VOICE_INCOMING"}', /must not set "type"/],
		[
			'{"api_keys": []}',
			'{"api_keys": []}',
			/must not change "api_keys", which the node already sends/,
		],
		['{"name": null}', '{"name": null}', /must not contain null \(at "name"\)/],
		[
			'{"additional_settings": {"idle_time": 5}}',
			'{"additional_settings": {"idle_time": 5}}',
			/must not change "additional_settings.idle_time"/,
		],
		[
			'a 2 MB field',
			JSON.stringify({ notes: 'x'.repeat(2_000_000) }),
			/is too long \(2000012 characters, at most 200000\)/,
		],
	])('%s is refused before sending', async (_label, json, message) => {
		const { error } = await ctx.run({
			parameters: sms({ additionalBody: json }, { additionalFields: { idleTimeSeconds: 60 } }),
		});
		expect(error.message).toMatch(/^Additional Body \(JSON\) /);
		expect(error.message).toMatch(message);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('it adds fields the node has none for, also inside objects it sends', async () => {
		await ctx.run({
			parameters: sms(
				{ additionalBody: '{"additional_settings": {"max_messages": 3}, "version": "v2"}' },
				{ additionalFields: { idleTimeSeconds: 60 } },
			),
		});
		const [request] = agentPosts();
		expect(request.body.additional_settings).toEqual({ idle_time: 60, max_messages: 3 });
		expect(request.body.version).toBe('v2');
		expect(request.body.type).toBe('SMS');
	});
});
