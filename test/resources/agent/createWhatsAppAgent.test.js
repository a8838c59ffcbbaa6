'use strict';
const { base, useAgentSandbox } = require('./sandbox');

const { sent } = useAgentSandbox();
describe('Create WhatsApp AI Agent', () => {
	test('full: Meta number ID, idle time in hours, greeting', async () => {
		const { request } = await sent({
			...base,
			operation: 'createWhatsAppAgent',
			whatsappNumberId: ' 650175178190170 ',
			additionalFields: {
				greeting: 'Hi from Acme',
				idleTimeHours: 24,
				maxMessages: 10,
				goal: 'Qualify the lead',
				kbId: 'kb-4',
				actionIds: ['a-1'],
				apiKeys: [{ api_key_id: 9, type: 'WHATSAPP' }],
			},
		});
		expect(request.body).toEqual({
			name: 'Agent',
			type: 'WHATSAPP',
			model: 'cw-llm-1',
			api_keys: [{ api_key_id: 9, type: 'WHATSAPP' }],
			instructions: 'Be helpful.',
			prompts: { goal: 'Qualify the lead' },
			phone_number: '650175178190170',
			kb_id: 'kb-4',
			action_ids: ['a-1'],
			additional_settings: { idle_time: 24, max_messages: 10 },
			incoming_call_greeting: 'Hi from Acme',
		});
	});

	test('minimal', async () => {
		const { request } = await sent({
			...base,
			operation: 'createWhatsAppAgent',
			whatsappNumberId: '650175178190170',
		});
		expect(request.body).toEqual({
			name: 'Agent',
			type: 'WHATSAPP',
			model: 'cw-llm-1',
			api_keys: [],
			instructions: 'Be helpful.',
			phone_number: '650175178190170',
		});
	});

	test('failure: an E.164 number where the Meta ID belongs is refused with what to copy instead', async () => {
		const { error, request } = await sent({
			...base,
			operation: 'createWhatsAppAgent',
			whatsappNumberId: '+13465507166',
		});
		expect(request).toBeUndefined();
		expect(error.message).toBe(
			'WhatsApp Phone Number ID must be the digits of Meta\'s phone number ID, got "+13465507166" [item 0]',
		);
		expect(error.description).toMatch(/WhatsApp Manager/);
	});
});
