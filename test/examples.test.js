'use strict';
/**
 * Send what the API reference says, and nothing it doesn't: each test asserts on the exact
 * request the sandbox received, or on the absence of one.
 */
const fs = require('node:fs');
const path = require('node:path');
const { useSandbox } = require('./helpers/sandbox');
const { smsAgent } = require('./fixtures');
const ctx = useSandbox();

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
