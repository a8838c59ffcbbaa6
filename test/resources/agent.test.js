'use strict';
const { useSandbox } = require('../helpers/sandbox');

const ctx = useSandbox();

const base = { resource: 'agent', name: 'Agent', model: 'cw-llm-1', instructions: 'Be helpful.' };

async function sent(parameters, items) {
	const result = await ctx.run({ parameters, items });
	return { ...result, request: ctx.sandbox.requests.find((r) => r.path === '/v2/_new_assistants') };
}

describe('Create Voice AI Agent', () => {
	test('full: every documented field, behaviour and additional_settings nested', async () => {
		const { request, output, error } = await sent({
			...base,
			operation: 'createVoiceAgent',
			modelKeyIds: '442',
			additionalFields: {
				actionIds: 'a0000000-0000-4000-8000-000000000001',
				additionalSettings:
					'{"Agent": {"temperature": 0.4, "max_tokens": 200}, "Transcriber": {"Deepgram": {"language": "en", "keywords": ["Acme"]}}}',
				agentPrompt: 'You are Darren',
				emotions: { anger: 'low', positivity: 'high' },
				enableRecordings: true,
				goal: 'Sell insurance',
				incomingCallGreeting: 'Hello, Acme here',
				kbId: 'kb-1',
				language: 'english',
				outgoingCallGreeting: 'Hi, this is Darren',
				phoneNumber: '+13465842882',
				speed: 'medium',
				synthesizer: 'AZURE',
				voiceId: 'en-US-LunaNeural',
			},
			options: { force: true },
		});
		expect(error).toBeUndefined();
		expect(request.query).toEqual({ force: 'true' });
		expect(request.body).toEqual({
			name: 'Agent',
			type: 'VOICE_INCOMING',
			model: 'cw-llm-1',
			api_keys: [{ api_key_id: 442, type: 'MODEL' }],
			instructions: 'Be helpful.',
			prompts: { agent: 'You are Darren', goal: 'Sell insurance' },
			phone_number: '+13465842882',
			incoming_call_greeting: 'Hello, Acme here',
			outgoing_call_greeting: 'Hi, this is Darren',
			synthesizer: 'AZURE',
			voice_id: 'en-US-LunaNeural',
			language: 'english',
			enable_recordings: true,
			behaviour: { speed: 'medium', emotions: { anger: 'low', positivity: 'high' } },
			kb_id: 'kb-1',
			additional_settings: {
				Agent: { temperature: 0.4, max_tokens: 200 },
				Transcriber: { Deepgram: { language: 'en', keywords: ['Acme'] } },
			},
			action_ids: ['a0000000-0000-4000-8000-000000000001'],
		});
		expect(output[0].json).toEqual({
			assistant_id: expect.any(String),
			name: 'Agent',
			ctx_id: expect.any(String),
		});
	});

	test('minimal: name, model, MODEL key, instructions', async () => {
		const { request } = await sent({ ...base, operation: 'createVoiceAgent', modelKeyIds: 442 });
		expect(request.body).toEqual({
			name: 'Agent',
			type: 'VOICE_INCOMING',
			model: 'cw-llm-1',
			api_keys: [{ api_key_id: 442, type: 'MODEL' }],
			instructions: 'Be helpful.',
		});
	});

	test('failure: Advanced Settings that are not JSON name the field and where it broke', async () => {
		const { error, request } = await sent({
			...base,
			operation: 'createVoiceAgent',
			modelKeyIds: '442',
			additionalFields: { additionalSettings: '{"Agent": {' },
		});
		expect(request).toBeUndefined();
		expect(error.message).toMatch(/^Advanced Settings \(JSON\) is not valid JSON: .+ \[item 0\]$/);
	});
});

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

describe('Create E-Mail AI Agent', () => {
	test('full: response mode, mailbox role, labels; no api_keys', async () => {
		const { request } = await sent({
			...base,
			operation: 'createEmailAgent',
			additionalFields: {
				emailSetup: 'Responder',
				genAiResponse: 'SEMI_TOUCH',
				labels: 'support, billing',
				agentPrompt: 'You are Eve',
				kbId: 'kb-3',
				actionIds: 'x-1, x-2',
			},
		});
		expect(request.body).toEqual({
			name: 'Agent',
			type: 'EMAIL',
			model: 'cw-llm-1',
			instructions: 'Be helpful.',
			prompts: { agent: 'You are Eve' },
			kb_id: 'kb-3',
			gen_ai_response: 'SEMI_TOUCH',
			email_setup: 'Responder',
			labels: 'support, billing',
			action_ids: ['x-1', 'x-2'],
		});
	});

	test('minimal', async () => {
		const { request } = await sent({ ...base, operation: 'createEmailAgent' });
		expect(request.body).toEqual({
			name: 'Agent',
			type: 'EMAIL',
			model: 'cw-llm-1',
			instructions: 'Be helpful.',
		});
	});

	test("failure: ContactSwing's 400 is shown in its own words", async () => {
		const { error } = await sent({
			...base,
			operation: 'createEmailAgent',
			options: { additionalBody: '{"api_keys": []}' },
		});
		expect(error.message).toBe(
			'ContactSwing rejected the request (HTTP 400): Invalid email configuration: email agents take no api_keys [item 0]',
		);
	});
});

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

describe('Additional Body (JSON)', () => {
	test("is merged last, deeply, so tomorrow's fields work today", async () => {
		const { request } = await sent({
			...base,
			operation: 'createSmsAgent',
			smsKeyIds: '134',
			smsType: 'OUTBOUND',
			additionalFields: { idleTimeSeconds: 60 },
			options: { additionalBody: '{"additional_settings": {"max_messages": 3}, "version": "v2"}' },
		});
		expect(request.body.additional_settings).toEqual({ idle_time: 60, max_messages: 3 });
		expect(request.body.version).toBe('v2');
	});

	test.each([
		['[1, 2]', /must be a JSON object, got a list/],
		['"text"', /must be a JSON object, got "text"/],
		['{"a": 1,}', /is not valid JSON: .*position 8/],
		['{"__proto__": {"polluted": true}}', /must not contain the key "__proto__"/],
		['{"x": {"constructor": {"prototype": {}}}}', /must not contain the key "constructor"/],
	])('refuses %s', async (json, message) => {
		const { error, request } = await sent({
			...base,
			operation: 'createEmailAgent',
			options: { additionalBody: json },
		});
		expect(request).toBeUndefined();
		expect(error.message).toMatch(/^Additional Body \(JSON\) /);
		expect(error.message).toMatch(message);
		expect({}.polluted).toBeUndefined();
	});
});
