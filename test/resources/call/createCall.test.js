'use strict';
const { useSandbox } = require('../../helpers/sandbox');

const ctx = useSandbox({ rateLimits: { 'POST /v2/_call': { limit: 2, windowMs: 1000 } } });

describe('Create Call', () => {
	test('Create Call full and minimal', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const full = await ctx.run({
			parameters: {
				resource: 'call',
				operation: 'createCall',
				agentId,
				phoneNumber: '+1234567890',
				additionalFields: {
					version: 'v2',
					customerName: 'John Doe',
					callPurpose: 'Appointment reminder',
				},
			},
		});
		await ctx.run({
			parameters: {
				resource: 'call',
				operation: 'createCall',
				agentId,
				phoneNumber: '+1234567890',
			},
		});
		expect(ctx.sandbox.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			[
				'POST',
				'/v2/_call',
				{
					version: 'v2',
					phone_number: '+1234567890',
					agent_id: agentId,
					customer_name: 'John Doe',
					call_purpose: 'Appointment reminder',
				},
			],
			['POST', '/v2/_call', { phone_number: '+1234567890', agent_id: agentId }],
		]);
		expect(full.output[0].json).toEqual({
			call_id: expect.any(String),
			status: 'queued',
			version: 'v2',
			ctx_id: expect.any(String),
		});
	});

	test('Create Call over the rate limit waits as Retry-After says; every call is placed once', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const items = [1, 2, 3, 4].map((n) => ({ phone: `+1234567890${n}` }));
		const { output, error } = await ctx.run({
			items,
			parameters: {
				resource: 'call',
				operation: 'createCall',
				agentId,
				phoneNumber: '={{ $json.phone }}',
			},
		});
		expect(error).toBeUndefined();
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1, 2, 3]);
		expect(ctx.sandbox.requests.filter((r) => r.path === '/v2/_call').length).toBeGreaterThan(4);
		expect(ctx.sandbox.state.placedCalls.map((c) => c.to).sort()).toEqual(
			items.map((i) => i.phone).sort(),
		);
	});

	test('Create Call failure: a phone number that is not E.164', async () => {
		const { error } = await ctx.run({
			parameters: { resource: 'call', operation: 'createCall', agentId: 'a', phoneNumber: '12345' },
		});
		expect(error.message).toBe(
			'Phone Number must be a phone number in E.164 format, got "12345" [item 0]',
		);
	});
});
