'use strict';
/**
 * The ContactSwing Tool behind n8n's MCP Server Trigger, in the real pinned n8n: a published workflow whose
 * trigger serves two ContactSwing tools (Create SMS AI Agent with $fromAI fields, Make Call with Allowed
 * Numbers), driven by the official MCP TypeScript SDK client over Streamable HTTP, as a desktop assistant
 * or an IDE would. The sandbox must receive exactly what the client asked for, and nothing for a refusal.
 */
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
	StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { createInstance, e2ePort, CREDENTIAL_ID } = require('./instance');
const { mcpWorkflow } = require('./workflows');

const PORT = e2ePort(5698);
const MCP_PATH = 'contactswing-e2e';

const VOICE = 'voice-agent-mcp';

let instance;
let client;

/** Connects the SDK client; the trigger's route is registered shortly after n8n reports ready. */
async function connect() {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const candidate = new Client({ name: 'contactswing-e2e', version: '1.0.0' });
		try {
			await candidate.connect(
				new StreamableHTTPClientTransport(new URL(`${instance.baseUrl}/mcp/${MCP_PATH}`)),
			);
			return candidate;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

beforeAll(async () => {
	instance = await createInstance({ port: PORT });
	await instance.importSandboxCredential();
	await instance.importJson(
		'workflow',
		mcpWorkflow('csE2eMcpServer01', MCP_PATH, CREDENTIAL_ID, VOICE),
	);
	await instance.publish('csE2eMcpServer01');
	await instance.start();
	client = await connect();
});

afterAll(async () => {
	await client?.close();
	await instance?.close();
});

beforeEach(() => {
	instance.sandbox.reset();
	instance.sandbox.seedVoiceAgent(VOICE);
});

const text = (result) => result.content.map((part) => part.text).join('\n');

test('the client lists both tools with their names, descriptions and parameters', async () => {
	const { tools } = await client.listTools();
	if (process.env.SHOW_MCP) process.stdout.write(`${JSON.stringify(tools, null, 2)}\n`);
	const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
	expect(Object.keys(byName).sort()).toEqual(['Call_the_lead', 'Create_SMS_agent']);
	expect(byName.Create_SMS_agent.description).toBe('Create an SMS agent in ContactSwing');
	expect(byName.Create_SMS_agent.inputSchema).toEqual(
		expect.objectContaining({
			type: 'object',
			properties: {
				name: expect.objectContaining({
					type: 'string',
					description: 'Display name of the agent, e.g. Acme Dental – Jane Doe',
				}),
				instructions: expect.objectContaining({
					type: 'string',
					description: 'What the agent texts the contact about',
				}),
			},
			required: expect.arrayContaining(['name', 'instructions']),
		}),
	);
	expect(byName.Call_the_lead.description).toBe('Make a paid call (legacy) in ContactSwing');
	expect(Object.keys(byName.Call_the_lead.inputSchema.properties)).toEqual(['phone_number']);
});

test('a tool call creates exactly the agent asked for, and the client gets its ID', async () => {
	const result = await client.callTool({
		name: 'Create_SMS_agent',
		arguments: { name: 'MCP – Jane Doe', instructions: 'Text Jane and book a cleaning.' },
	});
	expect(result.isError).toBeFalsy();
	const creates = instance.sandbox.requests.filter((r) => r.path === '/v2/_new_assistants');
	expect(creates.map((r) => r.body)).toEqual([
		{
			name: 'MCP – Jane Doe',
			type: 'SMS',
			model: 'cw-llm-1',
			api_keys: [{ api_key_id: 134, type: 'SMS' }],
			instructions: 'Text Jane and book a cleaning.',
			sms_type: 'OUTBOUND',
		},
	]);
	const [created] = [...instance.sandbox.state.agents.entries()].find(
		([, agent]) => agent.name === 'MCP – Jane Doe',
	);
	expect(text(result)).toContain(`"assistant_id":"${created}"`);
});

test("a call to a number outside Allowed Numbers comes back as the node's message, with nothing sent", async () => {
	const result = await client.callTool({
		name: 'Call_the_lead',
		arguments: { phone_number: '+33612345678' },
	});
	if (process.env.SHOW_MCP) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
	// n8n's MCP server marks it an error and hands over the node's message and its description.
	expect(result).toEqual({
		isError: true,
		content: [
			{
				type: 'text',
				text: 'NodeOperationError: Allowed Numbers refused the call to +33612345678: it is not in the list (+1346); nothing was sent [item 0]\n\nDetails: Add the number, or a prefix of it, to Options → Allowed Numbers to allow it.',
			},
		],
	});
	expect(instance.sandbox.requests).toHaveLength(0);
	// A number on the list is called, once.
	const allowed = await client.callTool({
		name: 'Call_the_lead',
		arguments: { phone_number: '+13465507166' },
	});
	expect(allowed.isError).toBeFalsy();
	expect(instance.sandbox.requests.map((r) => [r.path, r.body])).toEqual([
		[`/v2/_voicecalls/${VOICE}/makeCall`, { phone_number: '+13465507166', agent_id: VOICE }],
	]);
	expect(text(allowed)).toContain(`"call_id":"${instance.sandbox.state.placedCalls[0].call_id}"`);
});
