'use strict';
/**
 * The derived ContactSwing Tool in the real pinned n8n, handed to n8n's AI Agent with an OpenAI Chat Model
 * whose credential points at a local OpenAI-compatible stub (chat completions with tool_calls, 127.0.0.1).
 * The stub checks the tool it is offered (name, description, parameters), asks for a call of it, and answers
 * with what the tool returned; the sandbox must receive exactly the request the model asked for.
 */
const http = require('node:http');
const { createInstance, e2ePort } = require('./instance');
const { aiAgentWorkflow: agentWorkflow } = require('./workflows');
const { smsAgentFromAi } = require('../fixtures');

let instance;
let stub;
/** What the stub does with each chat completion request, in order; each gets the parsed request body. */
let script = [];
/** Assertions that failed inside the model stub's steps; reported after each test. */
const stubFailures = [];
const seen = [];

beforeAll(async () => {
	stub = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk) => (raw += chunk));
		req.on('end', () => {
			const body = raw ? JSON.parse(raw) : {};
			seen.push({ path: req.url, body });
			const step = script.shift();
			let message;
			try {
				message = step ? step(body) : { role: 'assistant', content: 'No more steps.' };
			} catch (error) {
				// An assertion inside a step fails the test at once: the model answers 400, so n8n's agent
				// stops instead of waiting for an answer until the test times out.
				stubFailures.push(error);
				res.writeHead(400, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ error: { message: String(error.message).slice(0, 500) } }));
				return;
			}
			const finish = message.tool_calls ? 'tool_calls' : 'stop';
			if (body.stream) {
				res.writeHead(200, { 'content-type': 'text/event-stream' });
				const delta = message.tool_calls
					? {
							role: 'assistant',
							content: null,
							tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })),
						}
					: { role: 'assistant', content: message.content };
				res.write(
					`data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`,
				);
				res.write(
					`data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta: {}, finish_reason: finish }] })}\n\n`,
				);
				res.end('data: [DONE]\n\n');
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify({
					id: 'chatcmpl-1',
					object: 'chat.completion',
					created: 0,
					model: body.model,
					choices: [{ index: 0, message, finish_reason: finish }],
					usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
				}),
			);
		});
	});
	await new Promise((resolve) => stub.listen(0, '127.0.0.1', resolve));
	instance = await createInstance({ port: e2ePort(5699) });
	await instance.importSandboxCredential();
	await instance.importJson('credentials', [
		{
			id: 'csOpenAiStub0001',
			name: 'OpenAI (local stub)',
			type: 'openAiApi',
			data: { apiKey: 'sk-local-stub', url: `http://127.0.0.1:${stub.address().port}/v1` },
		},
	]);
});

afterAll(async () => {
	await instance?.close();
	await new Promise((resolve) => stub.close(resolve));
});

beforeEach(() => {
	instance.sandbox.reset();
	seen.length = 0;
	script = [];
	stubFailures.length = 0;
});

afterEach(() => {
	// What the model stub's steps asserted, in the test that ran them.
	if (stubFailures.length > 0) throw stubFailures[0];
});

/** The tool the model is offered, as OpenAI's chat completions request carries it. */
const offeredTool = (body) => {
	expect(body.tools).toHaveLength(1);
	return body.tools[0].function;
};

/** The model's turn asking for one call of the offered tool with `args`. */
const askForTool = (id, body, args) => ({
	role: 'assistant',
	content: null,
	tool_calls: [
		{
			id,
			type: 'function',
			function: { name: offeredTool(body).name, arguments: JSON.stringify(args) },
		},
	],
});

/** The tool's answer, as the agent hands it back to the model. */
const toolAnswer = (body) =>
	body.messages
		.filter((m) => m.role === 'tool')
		.map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
		.join('\n');

const agentOutput = (run) => run.data.resultData.runData['AI Agent'][0].data.main[0][0].json.output;

test('Create SMS AI Agent as a tool: the model sees what it does, asks for a create, and gets the new ID', async () => {
	let toolName;
	script = [
		(body) => {
			const tool = offeredTool(body);
			toolName = tool.name;
			expect(tool.name).toBe('Create_SMS_agent');
			expect(tool.description).toBe('Create an SMS agent in ContactSwing');
			expect(Object.keys(tool.parameters.properties).sort()).toEqual(['instructions', 'name']);
			expect(tool.parameters.properties.name.description).toBe(
				'Display name of the agent, e.g. Acme Dental – Jane Doe',
			);
			return {
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: 'call_1',
						type: 'function',
						function: {
							name: tool.name,
							arguments: JSON.stringify({
								name: 'Acme Dental – Jane Doe',
								instructions: 'Text Jane and book a cleaning.',
							}),
						},
					},
				],
			};
		},
		(body) => {
			const answer = toolAnswer(body);
			const id = /"assistant_id":"([^"]+)"/.exec(answer)?.[1];
			return { role: 'assistant', content: `Done: the agent ${id} is ready.` };
		},
	];
	await instance.importJson(
		'workflow',
		agentWorkflow('csE2eAiSms000001', 'Create SMS agent', smsAgentFromAi),
	);
	const run = await instance.execute('csE2eAiSms000001');
	expect(toolName).toBe('Create_SMS_agent');
	const creates = instance.sandbox.requests.filter((r) => r.path === '/v2/_new_assistants');
	expect(creates.map((r) => r.body)).toEqual([
		{
			name: 'Acme Dental – Jane Doe',
			type: 'SMS',
			model: 'cw-llm-1',
			api_keys: [{ api_key_id: 134, type: 'SMS' }],
			instructions: 'Text Jane and book a cleaning.',
			sms_type: 'OUTBOUND',
		},
	]);
	const [agentId] = [...instance.sandbox.state.agents.keys()];
	expect(agentOutput(run)).toBe(`Done: the agent ${agentId} is ready.`);
});

test('Make Call as a tool: the model is told it rings a real person at a cost; the call it asks for is placed once', async () => {
	const voice = instance.sandbox.seedVoiceAgent('voice-agent-ai');
	script = [
		(body) => {
			const tool = offeredTool(body);
			expect(tool.description).toBe('Make a paid call (legacy) in ContactSwing');
			expect(Object.keys(tool.parameters.properties).sort()).toEqual(['phone_number']);
			return {
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: 'call_2',
						type: 'function',
						function: {
							name: tool.name,
							arguments: JSON.stringify({ phone_number: '+13465507166' }),
						},
					},
				],
			};
		},
		(body) => ({
			role: 'assistant',
			content: `Calling: ${/"call_id":"([^"]+)"/.exec(toolAnswer(body))?.[1]}`,
		}),
	];
	await instance.importJson(
		'workflow',
		agentWorkflow('csE2eAiCall00001', 'Call the lead', {
			resource: 'call',
			operation: 'makeCall',
			agentId: voice,
			phoneNumber: "={{ $fromAI('phone_number', 'The number to call, E.164', 'string') }}",
		}),
	);
	const run = await instance.execute('csE2eAiCall00001');
	const calls = instance.sandbox.requests.filter((r) => r.path.endsWith('/makeCall'));
	expect(calls.map((r) => [r.path, r.body])).toEqual([
		[`/v2/_voicecalls/${voice}/makeCall`, { phone_number: '+13465507166', agent_id: voice }],
	]);
	expect(agentOutput(run)).toBe(`Calling: ${instance.sandbox.state.placedCalls[0].call_id}`);
});

test("an invalid value from the model: the tool answers with the node's message, and nothing is sent", async () => {
	script = [
		(body) => {
			const tool = offeredTool(body);
			return {
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: 'call_3',
						type: 'function',
						function: {
							name: tool.name,
							arguments: JSON.stringify({ phone_number: 'call Jane please' }),
						},
					},
				],
			};
		},
		(body) => ({ role: 'assistant', content: `Tool said: ${toolAnswer(body)}` }),
	];
	await instance.importJson(
		'workflow',
		agentWorkflow('csE2eAiBad000001', 'Call the lead', {
			resource: 'call',
			operation: 'makeCall',
			agentId: 'voice-agent-ai',
			phoneNumber: "={{ $fromAI('phone_number', 'The number to call, E.164', 'string') }}",
		}),
	);
	const run = await instance.execute('csE2eAiBad000001');
	expect(instance.sandbox.requests).toHaveLength(0);
	// The node's own message, item-numbered, is what the model reads back.
	expect(JSON.parse(toolAnswer(seen[1].body))).toEqual([
		{
			error: 'Phone Number must be a phone number in E.164 format, got "call Jane please" [item 0]',
		},
	]);
	expect(agentOutput(run)).toMatch(/Phone Number must be a phone number in E\.164 format/);
});

test('guardrails in tool use: a number outside Allowed Numbers, and a second call past Max Calls per Execution, come back to the model with nothing sent', async () => {
	const voice = instance.sandbox.seedVoiceAgent('voice-agent-guard');
	const askFor = (id, phone) => (body) => askForTool(id, body, { phone_number: phone });
	const sentAfter = [];
	const record = (step) => (body) => {
		sentAfter.push(instance.sandbox.requests.length);
		return step(body);
	};
	script = [
		askFor('call_g1', '+33612345678'),
		record(askFor('call_g2', '+13465507166')),
		record(askFor('call_g3', '+13465507199')),
		record(() => ({ role: 'assistant', content: 'Done.' })),
	];
	await instance.importJson(
		'workflow',
		agentWorkflow('csE2eAiGuard0001', 'Call the lead', {
			resource: 'call',
			operation: 'makeCall',
			agentId: voice,
			phoneNumber: "={{ $fromAI('phone_number', 'The number to call, E.164', 'string') }}",
			options: { allowedNumbers: '+1346', maxCallsPerExecution: 1 },
		}),
	);
	await instance.execute('csE2eAiGuard0001');
	const answers = seen
		.slice(1)
		.map((request) =>
			JSON.parse(request.body.messages.filter((m) => m.role === 'tool').at(-1).content),
		);
	// 1: refused by Allowed Numbers, nothing sent. 2: placed. 3: refused by Max Calls per Execution, nothing more sent.
	expect(answers[0]).toEqual([
		{
			error:
				'Allowed Numbers refused the call to +33612345678: it is not in the list (+1346); nothing was sent [item 0]',
		},
	]);
	expect(answers[1][0].call_id).toEqual(instance.sandbox.state.placedCalls[0].call_id);
	expect(answers[2]).toEqual([
		{
			error:
				'Max Calls per Execution (1) refused the call: this node has already placed 1 call in this execution; nothing was sent [item 0]',
		},
	]);
	expect(sentAfter).toEqual([0, 1, 1]);
	expect(instance.sandbox.requests.map((r) => [r.path, r.body.phone_number])).toEqual([
		[`/v2/_voicecalls/${voice}/makeCall`, '+13465507166'],
	]);
});

test('node version 3: the model repeating a tool call with the same arguments creates one agent and reads that it was already done', async () => {
	const call = (id, body) =>
		askForTool(id, body, {
			name: 'Acme Dental – Jane Doe',
			instructions: 'Text Jane and book a cleaning.',
		});
	script = [
		(body) => call('call_r1', body),
		// Models repeat tool calls: the same arguments again.
		(body) => call('call_r2', body),
		(body) => ({ role: 'assistant', content: `Tool said: ${toolAnswer(body)}` }),
	];
	await instance.importJson(
		'workflow',
		agentWorkflow('csE2eAiRepeat001', 'Create SMS agent', smsAgentFromAi, { toolVersion: 3 }),
	);
	await instance.execute('csE2eAiRepeat001');
	const creates = instance.sandbox.requests.filter((r) => r.path === '/v2/_new_assistants');
	expect(creates).toHaveLength(1);
	const answers = seen
		.slice(1)
		.map((request) =>
			JSON.parse(request.body.messages.filter((m) => m.role === 'tool').at(-1).content),
		);
	expect(answers[0]).toEqual([expect.objectContaining({ outcome: 'created' })]);
	expect(answers[1]).toEqual([
		expect.objectContaining({
			outcome: 'alreadyDone',
			name: 'Acme Dental – Jane Doe',
			message: expect.stringMatching(/nothing was sent/),
		}),
	]);
});
