'use strict';
const { useSandbox } = require('../helpers/sandbox');

const ctx = useSandbox({ rateLimits: { 'POST /v2/_call': { limit: 2, windowMs: 1000 } } });

const only = () => {
	expect(ctx.sandbox.requests).toHaveLength(1);
	return ctx.sandbox.requests[0];
};

describe('Call', () => {
	test('Make Call full: agent ID in the path, documented fields in the body', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const { output } = await ctx.run({
			parameters: {
				resource: 'call',
				operation: 'makeCall',
				agentId,
				phoneNumber: '+1234567890',
				additionalFields: { customerName: 'John Doe', callPurpose: 'Follow-up appointment' },
			},
		});
		const request = only();
		expect([request.method, request.path]).toEqual(['POST', `/v2/_voicecalls/${agentId}/makeCall`]);
		// agent_id in the body too, as the page's generated curl shows: both readings reach the same agent.
		expect(request.body).toEqual({
			phone_number: '+1234567890',
			customer_name: 'John Doe',
			call_purpose: 'Follow-up appointment',
			agent_id: agentId,
		});
		expect(output[0].json).toEqual({
			call_id: expect.any(String),
			status: 'queued',
			agent_id: agentId,
			ctx_id: expect.any(String),
		});
	});

	test('Make Call minimal', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		await ctx.run({
			parameters: { resource: 'call', operation: 'makeCall', agentId, phoneNumber: '+1234567890' },
		});
		expect(only().body).toEqual({ phone_number: '+1234567890', agent_id: agentId });
	});

	test("Make Call failure: an unknown agent is ContactSwing's 404", async () => {
		const { error } = await ctx.run({
			parameters: {
				resource: 'call',
				operation: 'makeCall',
				agentId: 'ghost',
				phoneNumber: '+1234567890',
			},
		});
		expect(error.message).toBe(
			'Voice Agent ID ghost was not found by ContactSwing (HTTP 404: Agent not found) [item 0]',
		);
		expect(error.description).toBe(
			'Check Voice Agent ID. If it is right, check the Base URL of the ContactSwing API credential (the request was POST /v2/_voicecalls/ghost/makeCall).',
		);
	});

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

	test('Get Many with a limit', async () => {
		const { output } = await ctx.run({
			parameters: { resource: 'call', operation: 'getMany', returnAll: false, limit: 2 },
		});
		expect(only().query).toEqual({ page: '1', per_page: '2' });
		expect(output.map((i) => i.json)).toEqual([
			{ id: 'call-0001', customer_name: 'Customer 1', status: 'completed', duration: 30 },
			{ id: 'call-0002', customer_name: 'Customer 2', status: 'no-answer', duration: 31 },
		]);
	});
});
