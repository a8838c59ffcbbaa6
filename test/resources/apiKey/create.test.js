'use strict';
const { useSandbox } = require('../../helpers/sandbox');

const ctx = useSandbox();

const only = () => {
	expect(ctx.sandbox.requests).toHaveLength(1);
	return ctx.sandbox.requests[0];
};

describe('Create API Key', () => {
	test('Create full: scopes as a list, expiry as ISO 8601', async () => {
		const { output } = await ctx.run({
			parameters: {
				resource: 'apiKey',
				operation: 'create',
				name: 'Production SMS Key',
				additionalFields: {
					description: 'SMS and Webhook actions only',
					permissions: 'actions:read, actions:write, sms:send',
					expiresAt: '2026-12-31T23:59:59.000Z',
				},
			},
		});
		const request = only();
		expect([request.method, request.path]).toEqual(['POST', '/v2/_api_keys']);
		expect(request.body).toEqual({
			name: 'Production SMS Key',
			description: 'SMS and Webhook actions only',
			permissions: ['actions:read', 'actions:write', 'sms:send'],
			expires_at: '2026-12-31T23:59:59Z',
		});
		expect(output[0].json).toEqual(
			expect.objectContaining({
				id: expect.any(String),
				key: expect.stringMatching(/^csk_/),
				name: 'Production SMS Key',
			}),
		);
	});

	test('Create minimal', async () => {
		await ctx.run({ parameters: { resource: 'apiKey', operation: 'create', name: 'K' } });
		expect(only().body).toEqual({ name: 'K' });
	});

	test('Create failure: an expiry that is not a date', async () => {
		const { error } = await ctx.run({
			parameters: {
				resource: 'apiKey',
				operation: 'create',
				name: 'K',
				additionalFields: { expiresAt: 'next tuesday' },
			},
		});
		expect(error.message).toBe('Expires At must be a date, got "next tuesday" [item 0]');
	});
});

describe('Expires At (Create API Key)', () => {
	const apiKey = (expiresAt) => ({
		resource: 'apiKey',
		operation: 'create',
		name: 'Key',
		additionalFields: { expiresAt },
	});

	test.each(['7', '={{ 90 }}', '-5', '2026-02-31', '2026-13-01', 'next tuesday', '31/12/2026'])(
		'%s is refused, nothing sent',
		async (value) => {
			const { error } = await ctx.run({ parameters: apiKey(value) });
			expect(error.message).toMatch(/^Expires At must be a date, got .* \[item 0\]$/);
			expect(ctx.sandbox.requests).toHaveLength(0);
		},
	);

	test.each([
		['2026-12-31T23:59:59', '2026-12-31T22:59:59Z'],
		['2026-07-01', '2026-06-30T22:00:00Z'],
		['2026-12-31T23:59:59Z', '2026-12-31T23:59:59Z'],
		['2026-12-31T23:59:59+05:30', '2026-12-31T18:29:59Z'],
		['2026-12-31T23:59:59+0530', '2026-12-31T18:29:59Z'],
		['2026-07-01 12:00', '2026-07-01T10:00:00Z'],
		['2026-03-29T02:30:00', '2026-03-29T01:30:00Z'],
		['2026-12-31T23:59:59.5Z', '2026-12-31T23:59:59.500Z'],
	])('%s in a workflow in Europe/Berlin is sent as %s', async (value, sent) => {
		await ctx.run({ parameters: apiKey(value), settings: { timezone: 'Europe/Berlin' } });
		expect(ctx.sandbox.requests[0].body.expires_at).toBe(sent);
	});
});
