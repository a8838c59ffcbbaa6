'use strict';
const { useSandbox } = require('../../helpers/sandbox');

const ctx = useSandbox({ rateLimits: { 'POST /v2/_call': { limit: 2, windowMs: 1000 } } });

const only = () => {
	expect(ctx.sandbox.requests).toHaveLength(1);
	return ctx.sandbox.requests[0];
};

describe('Make Call', () => {
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
});
