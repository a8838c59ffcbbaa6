'use strict';
const { useSandbox } = require('../helpers/sandbox');

const ctx = useSandbox({ rateLimits: { 'POST /v2/_call': { limit: 2, windowMs: 1000 } } });

const only = () => {
	expect(ctx.sandbox.requests).toHaveLength(1);
	return ctx.sandbox.requests[0];
};

describe('API Key', () => {
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
