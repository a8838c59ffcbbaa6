'use strict';
const { base, useAgentSandbox } = require('./sandbox');

const { sent } = useAgentSandbox();
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
