'use strict';
const { base, useAgentSandbox } = require('./sandbox');

const { sent } = useAgentSandbox();
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
