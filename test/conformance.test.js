'use strict';
/**
 * Send what the API reference says, and nothing it doesn't (issue 12): each test asserts on the exact
 * request the sandbox received, or on the absence of one.
 */
const fs = require('node:fs');
const path = require('node:path');
const { useSandbox } = require('./helpers/sandbox');
const { nodeType } = require('./helpers/n8n');

const ctx = useSandbox();

// Seeded actions: 1 WEBHOOK, 2 CALL_TRANSFER, 3 SEND_SMS, 4 APPOINTMENT.
const SMS_ACTION = 'a0000000-0000-4000-8000-000000000003';
const WEBHOOK_ACTION = 'a0000000-0000-4000-8000-000000000001';

describe('Update Action sends type only when asked (node version 2)', () => {
	const update = (parameters) => ctx.run({ typeVersion: 2, parameters: { resource: 'action', operation: 'update', ...parameters } });

	test('renaming a Send SMS action sends its name and recipients, no type', async () => {
		const { error } = await update({ actionId: SMS_ACTION, name: 'Renamed', updateFields: { smsTo: '+13465507166' } });
		expect(error).toBeUndefined();
		expect(ctx.sandbox.requests[0].body).toEqual({ name: 'Renamed', sms: { to: { value: ['+13465507166'] } } });
		expect(ctx.sandbox.state.actions[2].type).toBe('SEND_SMS');
	});

	test('renaming a webhook action sends only its name', async () => {
		await update({ actionId: WEBHOOK_ACTION, name: 'Renamed' });
		expect(ctx.sandbox.requests[0].body).toEqual({ name: 'Renamed' });
	});

	test('Action Type, when added to Update Fields, is sent', async () => {
		await update({ actionId: WEBHOOK_ACTION, name: 'Renamed', updateFields: { actionType: 'WEBHOOK' } });
		expect(ctx.sandbox.requests[0].body).toEqual({ name: 'Renamed', type: 'WEBHOOK' });
	});

	test('a Send SMS type without recipients is refused before sending (sms.to.value is required on update)', async () => {
		const { error } = await update({ actionId: SMS_ACTION, name: 'Renamed', updateFields: { actionType: 'SEND_SMS' } });
		expect(error.message).toBe('SMS Recipients is required when updating a Send SMS action [item 0]');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('Type Settings (JSON) cannot set the type either', async () => {
		const { error } = await update({ actionId: WEBHOOK_ACTION, name: 'Renamed', updateFields: { settings: '{"type": "SEND_SMS"}' } });
		expect(error.message).toMatch(/^Type Settings \(JSON\) must not set "type"/);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('version 1 keeps its contract (Action Type always sent); a change it did not mean is refused, not silently applied', async () => {
		const { error } = await ctx.run({ parameters: { resource: 'action', operation: 'update', actionId: SMS_ACTION, name: 'Renamed', updateFields: { smsTo: '+13465507166' } } });
		expect(ctx.sandbox.requests[0].body.type).toBe('WEBHOOK');
		expect(error.message).toMatch(/HTTP 400\): Changing the type of a SEND_SMS action to WEBHOOK is not allowed/);
		expect(ctx.sandbox.state.actions[2].type).toBe('SEND_SMS');
	});

	test('the editor says what an update may replace', () => {
		const notice = nodeType.description.properties.find((p) => p.name === 'updateNotice');
		expect(notice.type).toBe('notice');
		expect(notice.displayName).toMatch(/does not document whether an update replaces the whole action/);
	});
});

describe('a create answered 2xx without its ID fails the item', () => {
	const sms = { resource: 'agent', operation: 'createSmsAgent', name: 'No ID', model: 'cw-llm-1', smsKeyIds: '7', instructions: 'Hi', smsType: 'OUTBOUND' };
	test.each([
		['{}', true, "ContactSwing answered HTTP 201 without the new agent's assistant_id [item 0]"],
		['data not an object', 'not-object', "ContactSwing answered HTTP 201 without the new agent's assistant_id [item 0]"],
		['an empty body', 'no-body', "ContactSwing answered HTTP 201 without the new agent's assistant_id [item 0]"],
	])('%s: the agent may exist, says the message, and nothing is emitted as success', async (_label, emptyData, message) => {
		ctx.sandbox.script({ processed: true, emptyData });
		const { output, error } = await ctx.run({ parameters: sms, continueOnFail: true });
		expect(error).toBeUndefined();
		expect(output).toHaveLength(1);
		expect(output[0].json.error).toBe(message);
		expect(output[0].json.description).toMatch(/^ContactSwing may have created the agent\. Check ContactSwing before running again/);
		expect(ctx.sandbox.requests).toHaveLength(1);
	});

	test('alike for actions, knowledge bases and calls', async () => {
		const voice = ctx.sandbox.seedVoiceAgent();
		const cases = [
			[{ resource: 'action', operation: 'create', actionType: 'SHOPIFY', name: 'S', actionTiming: 'DURING', shopifyType: 'contactswing_shopify_search' }, "action's action_id"],
			[{ resource: 'knowledgeBase', operation: 'create', name: 'KB' }, "knowledge base's id"],
			[{ resource: 'call', operation: 'makeCall', agentId: voice, phoneNumber: '+1234567890' }, "call's call_id"],
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
	])('%s: one request, and the message says the documents may have been added', async (_label, fault) => {
		ctx.sandbox.script(fault);
		const { error } = await ctx.run({
			parameters: { resource: 'knowledgeBase', operation: 'update', knowledgeBaseId: 'kb-seeded-1', updateFields: { urls: 'https://example.com/a' }, options: { timeout: 1000, maxRetryWait: 30 } },
		});
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(error.description).toMatch(/^ContactSwing may have added the documents\. Check ContactSwing before running again/);
	});
});

describe('Update Customer tags', () => {
	const update = (updateFields) => ctx.run({ parameters: { resource: 'customer', operation: 'update', customerId: 'c0000000-0000-4000-8000-000000000001', updateFields } });

	test.each([['[] as text', '[]'], ['an empty list from an expression', '={{ [] }}']])('%s clears them: tags: [] is sent', async (_label, tags) => {
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
		const v2 = nodeType.description.properties.filter((p) => p.name === 'aircallFrom' && p.displayOptions.show['@version'][0]._cnd);
		expect(v2).toEqual([expect.objectContaining({ type: 'string', default: '', required: true })]);
		const { error } = await ctx.run({
			typeVersion: 2,
			parameters: { resource: 'action', operation: 'create', actionType: 'AIRCALL', name: 'A', actionTiming: 'DURING', aircallFrom: '={{ $json.from }}', aircallTo: '1768408428' },
		});
		expect(error.message).toBe('From Number ID is required [item 0]');
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('Aircall number IDs typed as digits are sent as whole numbers', async () => {
		await ctx.run({
			typeVersion: 2,
			parameters: { resource: 'action', operation: 'create', actionType: 'AIRCALL', name: 'A', actionTiming: 'DURING', aircallFrom: '1768408427', aircallTo: '1768408428' },
		});
		expect(ctx.sandbox.requests[0].body.webhook).toEqual({ from: 1768408427, to: 1768408428 });
	});
});

describe('Overwrite Existing Agent (force) is described in the page\'s words, with its risk', () => {
	test('option text and notice', () => {
		const sms = nodeType.description.properties.find((p) => p.name === 'options' && p.displayOptions.show.operation.includes('createSmsAgent'));
		const force = sms.options.find((o) => o.name === 'force');
		expect(force.description).toContain('"Force recreate (overwrite existing)"');
		expect(force.description).not.toMatch(/same name|retries .* safe/);
		const notice = nodeType.description.properties.find((p) => p.name === 'forceNotice' && p.displayOptions.show.operation.includes('createSmsAgent'));
		expect(notice.displayOptions.show['/options.force']).toEqual([true]);
	});
});

describe('the examples map only what a user has', () => {
	const example = (file) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', file), 'utf8'));

	test('SMS: no lead phone as the agent\'s number, no sample key ID; the account\'s values are blanks to fill', () => {
		const node = example('webhook-lead-to-sms-agent.json').nodes.find((n) => n.parameters.operation === 'createSmsAgent');
		expect(node.parameters.smsKeyIds).toBe('');
		expect(node.parameters.additionalFields.phoneNumber).toBeUndefined();
		expect(JSON.stringify(node)).not.toMatch(/134|body\.phone/);
	});

	test('WhatsApp and call: the sender ID and the voice agent are the account\'s blanks; the lead\'s phone is the number called', () => {
		const nodes = example('crm-lead-whatsapp-agent-and-call.json').nodes;
		expect(nodes.find((n) => n.parameters.operation === 'createWhatsAppAgent').parameters.whatsappNumberId).toBe('');
		const call = nodes.find((n) => n.parameters.operation === 'createCall');
		expect(call.parameters.agentId).toBe('');
		expect(call.parameters.phoneNumber).toMatch(/body\.phone/);
	});

	test('an unfilled SMS example fails naming the field (n8n itself flags the empty required field in the editor)', async () => {
		const { error } = await ctx.run({ parameters: { resource: 'agent', operation: 'createSmsAgent', name: 'X', model: 'cw-llm-1', smsKeyIds: '={{ $json.sms_key_id }}', instructions: 'Hi', smsType: 'OUTBOUND' } });
		expect(error.message).toBe('SMS API Key IDs is required [item 0]');
	});
});
