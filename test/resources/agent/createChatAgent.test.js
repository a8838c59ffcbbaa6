'use strict';
const { base, useAgentSandbox } = require('./sandbox');

const { sent } = useAgentSandbox();
describe('Create Chat AI Agent', () => {
	test('full: camelCase widget texts under additional_settings.ChatbotCustomization', async () => {
		const { request } = await sent({
			...base,
			operation: 'createChatAgent',
			additionalFields: {
				apiKeys: '[{"api_key_id": 7, "type": "MODEL"}]',
				brandName: 'ContactSwing AI',
				checkInMessage: 'Still there?',
				finalCloseMessage: 'Bye!',
				greetingText: 'Hello welcome back',
				initialMessage: "Hi, I'm Ashley 👋 Welcome to ContactSwing AI!",
				logoUrl: ' https://example.com/logo.png ',
				tagline: 'Contactswing',
				goal: 'Answer questions',
				kbId: 'kb-2',
				actionIds: ['a0000000-0000-4000-8000-000000000002'],
			},
		});
		expect(request.body).toEqual({
			name: 'Agent',
			type: 'CHAT',
			model: 'cw-llm-1',
			api_keys: [{ api_key_id: 7, type: 'MODEL' }],
			instructions: 'Be helpful.',
			prompts: { goal: 'Answer questions' },
			kb_id: 'kb-2',
			additional_settings: {
				ChatbotCustomization: {
					brandName: 'ContactSwing AI',
					checkInMessage: 'Still there?',
					finalCloseMessage: 'Bye!',
					greetingText: 'Hello welcome back',
					initialMessage: "Hi, I'm Ashley 👋 Welcome to ContactSwing AI!",
					logoUrl: 'https://example.com/logo.png',
					tagline: 'Contactswing',
				},
			},
			action_ids: ['a0000000-0000-4000-8000-000000000002'],
		});
	});

	test('minimal: api_keys defaults to [] as the reference reads it', async () => {
		const { request } = await sent({ ...base, operation: 'createChatAgent' });
		expect(request.body).toEqual({
			name: 'Agent',
			type: 'CHAT',
			model: 'cw-llm-1',
			api_keys: [],
			instructions: 'Be helpful.',
		});
	});

	test('failure: API Keys (JSON) entries must be key objects', async () => {
		const { error, request } = await sent({
			...base,
			operation: 'createChatAgent',
			additionalFields: { apiKeys: '["abc"]' },
		});
		expect(request).toBeUndefined();
		expect(error.message).toBe(
			'API Keys (JSON) entry 1 must be {"api_key_id": <whole number>, "type": "<text>"} [item 0]',
		);
	});
});
