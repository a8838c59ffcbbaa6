'use strict';
/**
 * Send what the API reference says, and nothing it doesn't (issue 12): each test asserts on the exact
 * request the sandbox received, or on the absence of one.
 */
const fs = require('node:fs');
const path = require('node:path');
const { useSandbox } = require('./helpers/sandbox');
const { smsAgent } = require('./fixtures');
const { nodeType } = require('./helpers/n8n');

const ctx = useSandbox();

// Seeded actions: 1 WEBHOOK, 2 CALL_TRANSFER, 3 SEND_SMS, 4 APPOINTMENT.
const SMS_ACTION = 'a0000000-0000-4000-8000-000000000003';
const WEBHOOK_ACTION = 'a0000000-0000-4000-8000-000000000001';

describe('Update Action changes only what was filled in, whether PUT replaces or merges', () => {
	const update = (parameters, typeVersion = 2) =>
		ctx.run({
			typeVersion,
			parameters: { resource: 'action', operation: 'update', ...parameters },
		});
	const smsAction = () => ctx.sandbox.state.actions.find((a) => a.id === SMS_ACTION);
	const puts = () => ctx.sandbox.requests.filter((r) => r.method === 'PUT');
	beforeEach(() => {
		// A Send SMS action as a user would have set it up.
		Object.assign(smsAction(), {
			description: 'Texts the lead a link',
			action_timing: 'DURING',
			sms: { to: { value: ['+13465507166'] }, message: 'Your link' },
		});
	});

	describe.each(['merge', 'replace'])('PUT that %ss (version 2)', (actionPut) => {
		beforeEach(() => ctx.sandbox.setFaults({ actionPut }));

		test('renaming a Send SMS action keeps its type, recipients, message, description and timing', async () => {
			const { error } = await update({ actionId: SMS_ACTION, name: 'Renamed' });
			expect(error).toBeUndefined();
			expect(ctx.sandbox.requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
			expect(smsAction()).toEqual({
				id: SMS_ACTION,
				name: 'Renamed',
				type: 'SEND_SMS',
				is_active: true,
				description: 'Texts the lead a link',
				action_timing: 'DURING',
				webhook: {},
				sms: { to: { value: ['+13465507166'] }, message: 'Your link' },
			});
		});

		test('a filled-in setting replaces only itself', async () => {
			await update({
				actionId: SMS_ACTION,
				name: 'Renamed',
				updateFields: { smsTo: '+13465500000', settings: '{"sms": {"message": "New text"}}' },
			});
			expect(smsAction().sms).toEqual({ to: { value: ['+13465500000'] }, message: 'New text' });
			expect(smsAction().description).toBe('Texts the lead a link');
		});

		test("changing the type keeps the common fields and drops the old type's settings", async () => {
			ctx.sandbox.state.allowTypeChange = true;
			await update({
				actionId: SMS_ACTION,
				name: 'Now a webhook',
				updateFields: {
					actionType: 'WEBHOOK',
					settings: '{"webhook": {"url": "https://example.com/hook", "method": "POST"}}',
				},
			});
			expect(puts()[0].body).toEqual({
				name: 'Now a webhook',
				type: 'WEBHOOK',
				is_active: true,
				description: 'Texts the lead a link',
				action_timing: 'DURING',
				webhook: { url: 'https://example.com/hook', method: 'POST' },
			});
		});
	});

	test('what ContactSwing sets (id, company_id) is not sent back', async () => {
		await update({ actionId: WEBHOOK_ACTION, name: 'Renamed' });
		expect(puts()[0].body).toEqual({
			name: 'Renamed',
			type: 'WEBHOOK',
			is_active: true,
			description: '',
			webhook: {},
		});
	});

	test('an action that cannot be read is not updated', async () => {
		const { error } = await update({
			actionId: 'a0000000-0000-4000-8000-000000009999',
			name: 'Renamed',
		});
		expect(error.message).toMatch(
			/^Action a0000000-0000-4000-8000-000000009999 was not found by ContactSwing \(HTTP 404: Action not found\)/,
		);
		expect(puts()).toHaveLength(0);
	});

	test('a Send SMS action without recipients, before or after, is refused before the PUT (sms.to.value is required on update)', async () => {
		delete smsAction().sms;
		const { error } = await update({ actionId: SMS_ACTION, name: 'Renamed' });
		expect(error.message).toBe(
			'SMS Recipients is required when updating a Send SMS action [item 0]',
		);
		expect(puts()).toHaveLength(0);
	});

	test('Type Settings (JSON) cannot set the type either', async () => {
		const { error } = await update({
			actionId: WEBHOOK_ACTION,
			name: 'Renamed',
			updateFields: { settings: '{"type": "SEND_SMS"}' },
		});
		expect(error.message).toMatch(/^Type Settings \(JSON\) must not set "type"/);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	describe('version 1 keeps its request, but never turns an action into a webhook by its default', () => {
		test('Action Type left at Webhook on a Send SMS action: refused after one read, nothing changed', async () => {
			const { error } = await update(
				{ actionId: SMS_ACTION, name: 'Renamed', updateFields: { smsTo: '+13465507166' } },
				1,
			);
			expect(ctx.sandbox.requests.map((r) => r.method)).toEqual(['GET']);
			expect(error.message).toBe(
				'Action Type is Webhook, but the action is a Send SMS action: this update would turn it into a webhook [item 0]',
			);
			expect(error.description).toMatch(
				/Set Action Type to the action's current type \(Send SMS\)/,
			);
			expect(smsAction().name).toBe('Sandbox action 3');
		});

		test('Action Type set to the current type: sent as in 0.1.0, without a read', async () => {
			await update(
				{
					actionId: SMS_ACTION,
					name: 'Renamed',
					actionType: 'SEND_SMS',
					updateFields: { smsTo: '+13465507166' },
				},
				1,
			);
			expect(ctx.sandbox.requests.map((r) => [r.method, r.body])).toEqual([
				['PUT', { name: 'Renamed', type: 'SEND_SMS', sms: { to: { value: ['+13465507166'] } } }],
			]);
		});

		test('a webhook action renamed with the default: read, then sent as in 0.1.0', async () => {
			await update({ actionId: WEBHOOK_ACTION, name: 'Renamed' }, 1);
			expect(ctx.sandbox.requests.map((r) => [r.method, r.body])).toEqual([
				['GET', undefined],
				['PUT', { name: 'Renamed', type: 'WEBHOOK' }],
			]);
		});
	});

	test('the editor says what an update keeps', () => {
		const notices = nodeType.description.properties.filter((p) => p.name === 'updateNotice');
		expect(notices.map((n) => [n.displayOptions.show['@version'], n.displayName])).toEqual([
			[
				[{ _cnd: { gte: 2 } }],
				expect.stringMatching(/read first and sent back with your changes laid over it/),
			],
			[[1], expect.stringMatching(/does not document whether an update replaces the whole action/)],
		]);
	});
});

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

describe('Update Knowledge Base adds documents, so it is never repeated after an ambiguous failure', () => {
	test.each([
		['a 500 after processing', { processed: true, status: 500, body: { detail: 'crash' } }],
		['a reset after processing', { processed: true, reset: true }],
		['a timeout', { processed: true, delayMs: 1500 }],
	])(
		'%s: one request, and the message says the documents may have been added',
		async (_label, fault) => {
			ctx.sandbox.script(fault);
			const { error } = await ctx.run({
				parameters: {
					resource: 'knowledgeBase',
					operation: 'update',
					knowledgeBaseId: 'kb-seeded-1',
					updateFields: { urls: 'https://example.com/a' },
					options: { timeout: 1000, maxRetryWait: 30 },
				},
			});
			expect(ctx.sandbox.requests).toHaveLength(1);
			expect(error.description).toMatch(
				/^ContactSwing may have added the documents\. Check ContactSwing before running again/,
			);
		},
	);
});

describe('Update Customer tags', () => {
	const update = (updateFields) =>
		ctx.run({
			parameters: {
				resource: 'customer',
				operation: 'update',
				customerId: 'c0000000-0000-4000-8000-000000000001',
				updateFields,
			},
		});

	test.each([
		['[] as text', '[]'],
		['an empty list from an expression', '={{ [] }}'],
	])('%s clears them: tags: [] is sent', async (_label, tags) => {
		await update({ name: 'Jane', tags });
		expect(ctx.sandbox.requests[0].body).toEqual({ name: 'Jane', tags: [] });
	});

	test('an empty text (an unmapped field) leaves them alone', async () => {
		await update({ name: 'Jane', tags: '={{ $json.missing }}' });
		expect(ctx.sandbox.requests[0].body).toEqual({ name: 'Jane' });
	});
});

describe('fields that looked filled in', () => {
	test('Aircall number IDs start empty from version 2, and an empty one is named, not sent', async () => {
		const v2 = nodeType.description.properties.filter(
			(p) => p.name === 'aircallFrom' && p.displayOptions.show['@version'][0]._cnd,
		);
		expect(v2).toEqual([expect.objectContaining({ type: 'string', default: '', required: true })]);
		const { error } = await ctx.run({
			typeVersion: 2,
			parameters: {
				resource: 'action',
				operation: 'create',
				actionType: 'AIRCALL',
				name: 'A',
				actionTiming: 'DURING',
				aircallFrom: '={{ $json.from }}',
				aircallTo: '1768408428',
			},
		});
		expect(error.message).toBe('From Number ID is required [item 0]');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('Aircall number IDs typed as digits are sent as whole numbers', async () => {
		await ctx.run({
			typeVersion: 2,
			parameters: {
				resource: 'action',
				operation: 'create',
				actionType: 'AIRCALL',
				name: 'A',
				actionTiming: 'DURING',
				aircallFrom: '1768408427',
				aircallTo: '1768408428',
			},
		});
		expect(ctx.sandbox.requests[0].body.webhook).toEqual({ from: 1768408427, to: 1768408428 });
	});
});

describe("Overwrite Existing Agent (force) is described in the page's words, with its risk", () => {
	test('option text and notice', () => {
		const sms = nodeType.description.properties.find(
			(p) => p.name === 'options' && p.displayOptions.show.operation.includes('createSmsAgent'),
		);
		const force = sms.options.find((o) => o.name === 'force');
		expect(force.description).toContain('"Force recreate (overwrite existing)"');
		expect(force.description).not.toMatch(/same name|retries .* safe/);
		const notice = nodeType.description.properties.find(
			(p) => p.name === 'forceNotice' && p.displayOptions.show.operation.includes('createSmsAgent'),
		);
		expect(notice.displayOptions.show['/options.force']).toEqual([true]);
	});
});

describe('the examples map only what a user has', () => {
	const example = (file) =>
		JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', file), 'utf8'));

	test("SMS: no lead phone as the agent's number, no sample key ID; the account's values are blanks to fill", () => {
		const node = example('webhook-lead-to-sms-agent.json').nodes.find(
			(n) => n.parameters.operation === 'createSmsAgent',
		);
		expect(node.parameters.smsKeyIds).toBe('');
		expect(node.parameters.additionalFields.phoneNumber).toBeUndefined();
		expect(JSON.stringify(node)).not.toMatch(/134|body\.phone/);
	});

	test("WhatsApp and call: the sender ID and the voice agent are the account's blanks; the lead's phone is the number called", () => {
		const nodes = example('crm-lead-whatsapp-agent-and-call.json').nodes;
		expect(
			nodes.find((n) => n.parameters.operation === 'createWhatsAppAgent').parameters
				.whatsappNumberId,
		).toBe('');
		const call = nodes.find((n) => n.parameters.operation === 'createCall');
		expect(call.parameters.agentId).toBe('');
		expect(call.parameters.phoneNumber).toMatch(/body\.phone/);
	});

	test('an unfilled SMS example fails naming the field (n8n itself flags the empty required field in the editor)', async () => {
		const { error } = await ctx.run({
			parameters: smsAgent({ name: 'X', smsKeyIds: '={{ $json.sms_key_id }}', instructions: 'Hi' }),
		});
		expect(error.message).toBe('SMS API Key IDs is required [item 0]');
	});
});

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
