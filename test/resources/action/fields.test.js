'use strict';
const { useSandbox } = require('../../helpers/sandbox');
const ctx = useSandbox();

// Seeded actions: 1 WEBHOOK, 2 CALL_TRANSFER, 3 SEND_SMS, 4 APPOINTMENT.
const SMS_ACTION = 'a0000000-0000-4000-8000-000000000003';
describe('Action Timing Before and After are for Appointment Booking only (page rtb)', () => {
	test('Create a webhook action with After: refused before sending', async () => {
		const { error } = await ctx.run({
			parameters: {
				resource: 'action',
				operation: 'create',
				actionType: 'WEBHOOK',
				name: 'Hook',
				description: 'd',
				actionTiming: 'AFTER',
				url: 'https://example.com/h',
				method: 'GET',
			},
		});
		expect(error.message).toBe(
			'Action Timing is AFTER, which ContactSwing allows only for Appointment Booking actions, not for Webhook / API Call [item 0]',
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('Update a Send SMS action to Before (version 2): refused after the read, no PUT', async () => {
		const { error } = await ctx.run({
			typeVersion: 2,
			parameters: {
				resource: 'action',
				operation: 'update',
				actionId: SMS_ACTION,
				name: 'x',
				updateFields: { actionTiming: 'BEFORE', smsTo: '+13465507166' },
			},
		});
		expect(error.message).toBe(
			'Action Timing is BEFORE, which ContactSwing allows only for Appointment Booking actions, not for Send SMS [item 0]',
		);
		expect(ctx.sandbox.requests.map((r) => r.method)).toEqual(['GET']);
	});

	test('an Appointment Booking action may be updated to Before', async () => {
		const appointment = 'a0000000-0000-4000-8000-000000000004';
		const { error } = await ctx.run({
			typeVersion: 2,
			parameters: {
				resource: 'action',
				operation: 'update',
				actionId: appointment,
				name: 'x',
				updateFields: { actionTiming: 'BEFORE' },
			},
		});
		expect(error).toBeUndefined();
		expect(ctx.sandbox.requests[1].body.action_timing).toBe('BEFORE');
	});
});
