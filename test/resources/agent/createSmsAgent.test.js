'use strict';
const { useSandbox } = require('../../helpers/sandbox');
const { smsAgent } = require('../../fixtures');

const ctx = useSandbox();

const minimal = smsAgent();

const full = {
	...minimal,
	smsKeyIds: '134, 442',
	additionalFields: {
		agentPrompt: 'You are Ashley from Acme Dental',
		goal: 'Book a cleaning',
		phoneNumber: '+13465507166',
		kbId: 'kb-123',
		actionIds: ['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002'],
		idleTimeSeconds: 86400,
		maxMessages: 10,
	},
	options: { force: false },
};

function agentRequests() {
	return ctx.sandbox.requests.filter((r) => r.path === '/v2/_new_assistants');
}

describe('Create SMS AI Agent', () => {
	test('sends every field, nested as the API reference reads it, with the Bearer header', async () => {
		const { output, error } = await ctx.run({ parameters: full });
		expect(error).toBeUndefined();
		const [request] = agentRequests();
		expect(request.method).toBe('POST');
		expect(request.query).toEqual({});
		expect(request.headers.authorization).toBe(`Bearer ${ctx.token}`);
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.body).toEqual({
			name: 'Lead follow-up',
			type: 'SMS',
			model: 'cw-llm-1',
			api_keys: [
				{ api_key_id: 134, type: 'SMS' },
				{ api_key_id: 442, type: 'SMS' },
			],
			instructions: 'You text new leads and book a call.',
			prompts: { agent: 'You are Ashley from Acme Dental', goal: 'Book a cleaning' },
			sms_type: 'OUTBOUND',
			phone_number: '+13465507166',
			kb_id: 'kb-123',
			action_ids: ['a0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000002'],
			additional_settings: { idle_time: 86400, max_messages: 10 },
		});
		const [agentId] = [...ctx.sandbox.state.agents.keys()];
		expect(output).toEqual([
			{
				json: { assistant_id: agentId, name: 'Lead follow-up', ctx_id: expect.any(String) },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('a minimal set sends only the required fields: nothing empty, no null', async () => {
		const { output } = await ctx.run({
			parameters: { ...minimal, additionalFields: { kbId: '', phoneNumber: ' ' } },
		});
		expect(agentRequests()[0].rawBody).toBe(
			JSON.stringify({
				name: 'Lead follow-up',
				type: 'SMS',
				model: 'cw-llm-1',
				api_keys: [{ api_key_id: 134, type: 'SMS' }],
				instructions: 'You text new leads and book a call.',
				sms_type: 'OUTBOUND',
			}),
		);
		expect(output[0].json.assistant_id).toEqual(expect.any(String));
	});

	test('Overwrite Existing Agent sends force=true and replaces the agent of that name', async () => {
		const first = await ctx.run({ parameters: minimal });
		const second = await ctx.run({ parameters: { ...minimal, options: { force: true } } });
		const requests = agentRequests();
		expect(requests[0].query).toEqual({});
		expect(requests[1].query).toEqual({ force: 'true' });
		expect(second.output[0].json.assistant_id).toBe(first.output[0].json.assistant_id);
		expect(ctx.sandbox.state.createdByName.get('Lead follow-up')).toBe(1);
	});

	test('expressions read a webhook-like lead item; numbers as strings are accepted', async () => {
		const lead = {
			body: {
				lead: { first_name: 'Jane', last_name: 'Doe', phone: '+1 (346) 550-7166' },
				company: 'Acme Dental',
				sms_key: '134',
				idle: '3600',
				actions: 'a0000000-0000-4000-8000-000000000003, a0000000-0000-4000-8000-000000000004',
			},
			headers: { 'content-type': 'application/json' },
		};
		const { output } = await ctx.run({
			items: [lead],
			parameters: {
				...minimal,
				name: '={{ $json.body.company }} – {{ $json.body.lead.first_name }} {{ $json.body.lead.last_name }}',
				smsKeyIds: '={{ $json.body.sms_key }}',
				instructions: '=Text {{ $json.body.lead.first_name }} about {{ $json.body.company }}.',
				additionalFields: {
					phoneNumber: '={{ $json.body.lead.phone }}',
					idleTimeSeconds: '={{ $json.body.idle }}',
					actionIds: '={{ $json.body.actions }}',
				},
			},
		});
		expect(agentRequests()[0].body).toEqual({
			name: 'Acme Dental – Jane Doe',
			type: 'SMS',
			model: 'cw-llm-1',
			api_keys: [{ api_key_id: 134, type: 'SMS' }],
			instructions: 'Text Jane about Acme Dental.',
			sms_type: 'OUTBOUND',
			phone_number: '+13465507166',
			action_ids: ['a0000000-0000-4000-8000-000000000003', 'a0000000-0000-4000-8000-000000000004'],
			additional_settings: { idle_time: 3600 },
		});
		expect(output[0].json.name).toBe('Acme Dental – Jane Doe');
	});

	test('5 items in give 5 paired items out, in input order', async () => {
		const items = ['Ann', 'Bob', 'Cid', 'Dee', 'Eve'].map((who) => ({ who }));
		const { output } = await ctx.run({
			items,
			parameters: { ...minimal, name: '={{ $json.who }}' },
		});
		expect(output.map((item) => [item.json.name, item.pairedItem])).toEqual(
			items.map((item, index) => [item.who, { item: index }]),
		);
		expect(agentRequests().map((r) => r.body.name)).toEqual(['Ann', 'Bob', 'Cid', 'Dee', 'Eve']);
		expect(new Set(output.map((item) => item.json.assistant_id)).size).toBe(5);
	});
});

describe('Create SMS AI Agent: input checked before sending', () => {
	const cases = [
		[
			'Name empty from an expression',
			{ name: '={{ $json.missing }}' },
			/^Name is required \[item 0\]$/,
		],
		['Instructions', { instructions: '   ' }, /^Instructions is required \[item 0\]$/],
		[
			'SMS API Key IDs missing',
			{ smsKeyIds: '={{ $json.missing }}' },
			/^SMS API Key IDs is required \[item 0\]$/,
		],
		[
			'SMS API Key IDs zero',
			{ smsKeyIds: '0' },
			/^SMS API Key IDs \(entry 1\) must be a whole number of at least 1, got "0" \[item 0\]$/,
		],
		[
			'SMS API Key IDs text',
			{ smsKeyIds: '134, abc' },
			/^SMS API Key IDs \(entry 2\) must be a whole number of at least 1, got "abc"/,
		],
		[
			'SMS API Key IDs fraction',
			{ smsKeyIds: '1.5' },
			/SMS API Key IDs \(entry 1\) must be a whole number/,
		],
		[
			'Phone Number',
			{ additionalFields: { phoneNumber: '3465507166' } },
			/^Phone Number must be a phone number in E\.164 format, got "3465507166" \[item 0\]$/,
		],
		[
			'Idle Timeout',
			{ additionalFields: { idleTimeSeconds: -1 } },
			/^Idle Timeout \(Seconds\) must be a whole number, 0 or more, got -1 \[item 0\]$/,
		],
		[
			'Max Messages',
			{ additionalFields: { maxMessages: 'ten' } },
			/^Max Messages must be a whole number of at least 1, got "ten"/,
		],
		['Name as a list', { name: '={{ ["a", "b"] }}' }, /^Name must be text, got a list \[item 0\]$/],
	];

	test.each(cases)(
		'%s: the item fails naming the field, and nothing is sent',
		async (_label, change, message) => {
			const { output, error } = await ctx.run({ parameters: { ...minimal, ...change } });
			expect(output).toEqual([]);
			expect(error.name).toBe('NodeOperationError');
			expect(error.message).toMatch(message);
			expect(agentRequests()).toHaveLength(0);
		},
	);

	test('a required field left empty in the editor is stopped by n8n itself before the run', async () => {
		await expect(ctx.run({ parameters: { ...minimal, name: '' } })).rejects.toThrow(
			'Parameter "Name" is required.',
		);
		expect(agentRequests()).toHaveLength(0);
	});

	test('the item number in the message is the failing item, not the first', async () => {
		const items = [{ phone: '+13465507166' }, { phone: '+13465507167' }, { phone: 'call me' }];
		const { error } = await ctx.run({
			items,
			parameters: { ...minimal, additionalFields: { phoneNumber: '={{ $json.phone }}' } },
		});
		expect(error.message).toBe(
			'Phone Number must be a phone number in E.164 format, got "call me" [item 2]',
		);
		expect(error.description).toMatch(/\+13465507166/);
	});
});

describe('Create SMS AI Agent: ContactSwing refuses', () => {
	test("a 400 shows ContactSwing's own detail and what to do", async () => {
		const { error } = await ctx.run({ parameters: { ...minimal, model: 'gpt-legacy' } });
		expect(agentRequests()).toHaveLength(1);
		expect(error.name).toBe('NodeApiError');
		expect(error.message).toBe(
			'ContactSwing rejected the request (HTTP 400): Unknown model "gpt-legacy" [item 0]',
		);
		expect(error.description).toMatch(/Correct the field/);
		expect(error.httpCode).toBe('400');
	});

	test("a 400 on a schema mismatch shows the sandbox's reading of the channel rules", async () => {
		const { error } = await ctx.run({ parameters: { ...minimal, smsType: 'INBOUND' } });
		expect(error.message).toBe(
			'ContactSwing rejected the request (HTTP 400): Invalid SMS configuration: unknown sms_type "INBOUND" [item 0]',
		);
	});

	test('a 422 FastAPI detail list is shown field by field', async () => {
		ctx.sandbox.script({
			status: 422,
			body: {
				detail: [
					{
						loc: ['body', 'api_keys', 0, 'api_key_id'],
						msg: 'Input should be a valid integer',
						type: 'int_type',
					},
					{ loc: ['body', 'sms_type'], msg: 'Field required', type: 'missing' },
				],
			},
		});
		const { error } = await ctx.run({ parameters: minimal });
		expect(error.message).toBe(
			'ContactSwing rejected the request (HTTP 422): api_keys.0.api_key_id: Input should be a valid integer; sms_type: Field required [item 0]',
		);
	});

	test('a 500 says the agent may exist, without pushing Overwrite Existing Agent; it is not retried blindly', async () => {
		ctx.sandbox.script({ status: 500, body: { detail: 'database unavailable' } });
		const { error } = await ctx.run({ parameters: minimal });
		expect(agentRequests()).toHaveLength(1);
		expect(error.message).toBe(
			'ContactSwing failed to process the request (HTTP 500): database unavailable [item 0]',
		);
		expect(error.description).toMatch(
			/^ContactSwing may have created the agent\. Check ContactSwing before running again/,
		);
		expect(error.description).not.toMatch(/Overwrite|force/i);
	});

	test('a 404 (wrong Base URL path) says what to check', async () => {
		const { error } = await ctx.run({
			parameters: minimal,
			credentials: ctx.credentials({ baseUrl: `${ctx.sandbox.url}/api` }),
		});
		expect(ctx.sandbox.requests[0].path).toBe('/api/v2/_new_assistants');
		expect(error.message).toBe(
			'ContactSwing found nothing at POST /v2/_new_assistants (HTTP 404): Not Found [item 0]',
		);
		expect(error.description).toMatch(/Base URL/);
	});

	test('a 401 says to check the credential, and never shows the token', async () => {
		const token = 'wrong-token-0123456789';
		const { error, run } = await ctx.run({
			parameters: minimal,
			credentials: ctx.credentials({ accessToken: token }),
		});
		expect(error.message).toBe(
			'ContactSwing refused the access token (HTTP 401): Invalid or expired token [item 0]',
		);
		expect(error.description).toMatch(/Check the ContactSwing API credential/);
		expect(agentRequests()[0].headers.authorization).toBe(`Bearer ${token}`);
		expect(JSON.stringify(run)).not.toContain(token);
		expect(JSON.stringify(error)).not.toContain(token);
	});

	test('with Continue On Fail every item gets exactly one paired result or error, in order', async () => {
		const items = [
			{ who: 'Ann', phone: '+13465507166' },
			{ who: 'Bob', phone: 'nope' },
			{ who: 'Cid', phone: '+13465507168', model: 'gpt-legacy' },
			{ who: '', phone: '+13465507169' },
			{ who: 'Eve', phone: '+13465507170' },
		];
		const { output, error } = await ctx.run({
			items,
			continueOnFail: true,
			parameters: {
				...minimal,
				name: '={{ $json.who }}',
				model: '={{ $json.model ?? "cw-llm-1" }}',
				additionalFields: { phoneNumber: '={{ $json.phone }}' },
			},
		});
		expect(error).toBeUndefined();
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(output[0].json).toEqual(
			expect.objectContaining({ name: 'Ann', assistant_id: expect.any(String) }),
		);
		expect(output[1].json.error).toBe(
			'Phone Number must be a phone number in E.164 format, got "nope" [item 1]',
		);
		expect(output[2].json.error).toBe(
			'ContactSwing rejected the request (HTTP 400): Unknown model "gpt-legacy" [item 2]',
		);
		expect(output[3].json.error).toBe('Name is required [item 3]');
		expect(output[4].json).toEqual(
			expect.objectContaining({ name: 'Eve', assistant_id: expect.any(String) }),
		);
		// Items that failed validation sent nothing; the others were sent once each.
		expect(agentRequests().map((r) => r.body.name)).toEqual(['Ann', 'Cid', 'Eve']);
	});
});
