'use strict';
/**
 * The packed package inside the real pinned n8n: loading, a CLI execution, a published webhook
 * workflow, continue-on-fail, and the credential test through n8n's own REST endpoint.
 * Every scenario asserts on what the sandbox received and on n8n's own output.
 */
const fs = require('node:fs');
const path = require('node:path');
const runtime = require('../../scripts/n8n-runtime');
const { createInstance, e2ePort, CREDENTIAL_ID } = require('./instance');
const {
	leadsWebhookWorkflow,
	repeatKeyWebhookWorkflow,
	manualItemsWorkflow,
	perClientWorkflow,
	manualWorkflow,
	everySmsField,
	expectedEverySmsBody,
	continueOnFailWorkflow,
	exampleWorkflow,
} = require('./workflows');
const http = require('node:http');
const { DEFAULT_TOKEN, createSandbox } = require('../sandbox/server');
const {
	SECRET_HEADER,
	actionTriggerWorkflow,
	crmActionSettings,
	webhookSettings,
} = require('./actionTrigger');
const { smsAgent } = require('../fixtures');

let instance;

const LEDGER_WORKFLOW = 'csE2eLedgerRetry';
const REPEAT_KEY_WORKFLOW = 'csE2eRepeatKey01';

beforeAll(async () => {
	instance = await createInstance({ port: e2ePort(5691) });
	await instance.importSandboxCredential();
	// Published now, so the instance's one start (below) serves them too.
	await instance.importJson('workflow', [
		leadsWebhookWorkflow(LEDGER_WORKFLOW, 'ledger-leads', '5f0c1e2a-0000-4a55-9a01-00000000000a'),
		repeatKeyWebhookWorkflow(REPEAT_KEY_WORKFLOW, 'keyed-lead'),
	]);
	await instance.publish(LEDGER_WORKFLOW);
	await instance.publish(REPEAT_KEY_WORKFLOW);
});

afterAll(async () => {
	await instance?.close();
});

beforeEach(() => instance.sandbox.reset());

function nodeOutput(run, nodeName = 'ContactSwing') {
	return run.data.resultData.runData[nodeName][0].data.main[0];
}

test('n8n loads the packed package: export:nodes lists contactSwing with its description', async () => {
	const file = path.join(instance.userFolder, 'nodes.json');
	await instance.cli(['export:nodes', `--output=${file}`]);
	const nodes = JSON.parse(fs.readFileSync(file, 'utf8'));
	const node = nodes.find((n) => n.name === 'n8n-nodes-contactswing.contactSwing');
	expect(node).toEqual(
		expect.objectContaining({
			displayName: 'ContactSwing',
			description: expect.stringMatching(/ContactSwing AI agents/),
			credentials: [{ name: 'contactSwingApi', required: true }],
		}),
	);
	expect(node.properties.map((p) => p.name)).toEqual(
		expect.arrayContaining([
			'resource',
			'operation',
			'name',
			'model',
			'smsKeyIds',
			'instructions',
			'smsType',
			'additionalFields',
			'options',
		]),
	);
	// The trigger is loaded from the same package, on the same credential.
	expect(nodes.find((n) => n.name === 'n8n-nodes-contactswing.contactSwingTrigger')).toEqual(
		expect.objectContaining({
			displayName: 'ContactSwing Trigger',
			polling: true,
			credentials: [{ name: 'contactSwingApi', required: true }],
		}),
	);
	// The Action Trigger too: a webhook trigger on the same credential.
	expect(nodes.find((n) => n.name === 'n8n-nodes-contactswing.contactSwingActionTrigger')).toEqual(
		expect.objectContaining({
			displayName: 'ContactSwing Action Trigger',
			group: ['trigger'],
			webhooks: [expect.objectContaining({ name: 'default', httpMethod: 'POST' })],
			credentials: [{ name: 'contactSwingApi', required: true }],
		}),
	);
	// usableAsTool: n8n derives an AI-tool variant.
	expect(nodes.some((n) => n.name === 'n8n-nodes-contactswing.contactSwingTool')).toBe(true);
	// The package brought no second n8n-workflow.
	expect(
		fs.existsSync(path.join(instance.userFolder, '.n8n/nodes/node_modules/n8n-workflow')),
	).toBe(false);
});

test('a manual workflow with every SMS field runs through `n8n execute`', async () => {
	await instance.importJson(
		'workflow',
		manualWorkflow('csE2eManualAll01', 'E2E every SMS field', { parameters: everySmsField }),
	);
	const run = await instance.execute('csE2eManualAll01');
	expect(run.status).toBe('success');
	const requests = instance.sandbox.requests;
	expect(requests).toHaveLength(1);
	expect([requests[0].method, requests[0].path, requests[0].query]).toEqual([
		'POST',
		'/v2/_new_assistants',
		{ force: 'true' },
	]);
	expect(requests[0].headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`);
	expect(requests[0].body).toEqual(expectedEverySmsBody);
	const [agentId] = [...instance.sandbox.state.agents.keys()];
	expect(nodeOutput(run)).toEqual([
		{
			json: { assistant_id: agentId, name: 'E2E every field', ctx_id: expect.any(String) },
			pairedItem: { item: 0 },
		},
	]);
});

test('continue on fail: two good and one bad item give three paired outputs in order', async () => {
	await instance.importJson('workflow', continueOnFailWorkflow('csE2eContFail001'));
	const run = await instance.execute('csE2eContFail001');
	const output = nodeOutput(run);
	expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(output[0].json).toEqual(
		expect.objectContaining({ name: 'Good lead 1', assistant_id: expect.any(String) }),
	);
	expect(output[1].json.error).toBe(
		'Phone Number must be a phone number in E.164 format, got "not-a-phone" [item 1]',
	);
	expect(output[2].json).toEqual(
		expect.objectContaining({ name: 'Good lead 2', assistant_id: expect.any(String) }),
	);
	// Items run side by side (Items per Batch 5), each reading its own credential first: the order requests
	// arrive in is not the output's order, which is checked above.
	expect(instance.sandbox.requests.map((r) => r.body.name).sort()).toEqual([
		'Good lead 1',
		'Good lead 2',
	]);
});

test('the example webhook workflow, published, makes an agent from a CRM lead and answers with its ID', async () => {
	const example = exampleWorkflow('webhook-lead-to-sms-agent.json');
	await instance.importJson('workflow', { ...example, id: 'csE2eWebhook0001' });
	await instance.publish('csE2eWebhook0001');
	await instance.start();
	await instance.waitForWebhook('new-lead');

	const lead = {
		first_name: 'Jane',
		last_name: 'Doe',
		company: 'Acme Dental',
		phone: '+1 346 550 7166',
		source: 'hubspot',
	};
	const response = await fetch(`${instance.baseUrl}/webhook/new-lead`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(lead),
	});
	const answer = await response.json();
	expect(response.status).toBe(201);
	const [request] = instance.sandbox.requests;
	expect(request.headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`);
	expect(request.body).toEqual({
		name: 'Acme Dental – Jane Doe',
		type: 'SMS',
		model: 'cw-llm-1',
		api_keys: [{ api_key_id: 134, type: 'SMS' }],
		instructions:
			'You are the assistant of Acme Dental. Text Jane, who just asked about our services, answer their questions briefly and offer to book a call.',
		prompts: { goal: 'Book a discovery call' },
		sms_type: 'OUTBOUND',
		// The lead's phone is not the agent's own number: the example leaves Phone Number out.
		additional_settings: { idle_time: 86400, max_messages: 10 },
	});
	const [agentId] = [...instance.sandbox.state.agents.keys()];
	expect(answer).toEqual({ assistant_id: agentId, name: 'Acme Dental – Jane Doe' });
});

test('the WhatsApp-and-call example answers a CRM lead with the new agent and the placed call', async () => {
	const example = exampleWorkflow('crm-lead-whatsapp-agent-and-call.json');
	await instance.stop();
	await instance.importJson('workflow', { ...example, id: 'csE2eWhatsCall01' });
	await instance.publish('csE2eWhatsCall01');
	await instance.start();
	await instance.waitForWebhook('crm-lead');
	const voiceAgent = instance.sandbox.seedVoiceAgent('voice-agent-e2e');

	const lead = {
		first_name: 'Jane',
		last_name: 'Doe',
		company: 'Acme Dental',
		interest: 'teeth whitening',
		phone: '+13465507166',
	};
	const response = await fetch(`${instance.baseUrl}/webhook/crm-lead`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(lead),
	});
	const answer = await response.json();
	expect(response.status).toBe(201);
	const [create, call] = instance.sandbox.requests;
	expect(create.body).toEqual(
		expect.objectContaining({
			name: 'WhatsApp – Jane Doe',
			type: 'WHATSAPP',
			phone_number: '650175178190170',
			additional_settings: { idle_time: 24, max_messages: 20 },
		}),
	);
	expect([call.path, call.body]).toEqual([
		'/v2/_call',
		{
			phone_number: '+13465507166',
			agent_id: voiceAgent,
			customer_name: 'Jane Doe',
			call_purpose: 'Follow up on teeth whitening',
		},
	]);
	expect(answer).toEqual({
		whatsapp_agent_id: expect.any(String),
		call_id: instance.sandbox.state.placedCalls[0].call_id,
		call_status: 'queued',
	});
});

test("the credential test behind the editor's Test button passes with the right token and fails with a wrong one", async () => {
	await instance.loginOwner();
	const test = (accessToken) =>
		instance.rest('POST', '/credentials/test', {
			credentials: {
				id: CREDENTIAL_ID,
				name: 'ContactSwing (sandbox)',
				type: 'contactSwingApi',
				data: { accessToken, baseUrl: instance.sandbox.url },
			},
		});
	const good = await test(DEFAULT_TOKEN);
	expect(good.json.data).toEqual(expect.objectContaining({ status: 'OK' }));
	const bad = await test('wrong-token');
	expect(bad.json.data).toEqual(expect.objectContaining({ status: 'Error' }));
	const seen = instance.sandbox.requests.map((r) => [
		r.method,
		r.path,
		r.query,
		r.headers.authorization,
	]);
	expect(seen[0]).toEqual([
		'GET',
		'/v2/_customers',
		{ page: '1', per_page: '1' },
		`Bearer ${DEFAULT_TOKEN}`,
	]);
	// n8n may repeat a test that got 401; every repeat carries the wrong token, nothing else is called.
	expect(seen.slice(1).length).toBeGreaterThan(0);
	for (const request of seen.slice(1)) {
		expect(request).toEqual([
			'GET',
			'/v2/_customers',
			{ page: '1', per_page: '1' },
			'Bearer wrong-token',
		]);
	}
});

test('a workflow saved with node version 1 (0.1.0) still loads and runs: Update Action reads the action, then sends its Action Type', async () => {
	const saved = manualWorkflow('csE2eSavedV1001', 'Saved with 0.1.0', {
		typeVersion: 1,
		parameters: {
			resource: 'action',
			operation: 'update',
			actionId: 'a0000000-0000-4000-8000-000000000001',
			name: 'Renamed in 0.1.0',
			actionType: 'WEBHOOK',
		},
	});
	await instance.importJson('workflow', saved);
	const run = await instance.execute('csE2eSavedV1001');
	expect(run.status).toBe('success');
	// Action Type Webhook (version 1's default): the action is read first, so a non-webhook is never converted.
	expect(instance.sandbox.requests.map((r) => [r.method, r.path, r.body])).toEqual([
		['GET', '/v2/_actions/a0000000-0000-4000-8000-000000000001', undefined],
		[
			'PUT',
			'/v2/_actions/a0000000-0000-4000-8000-000000000001',
			{ name: 'Renamed in 0.1.0', type: 'WEBHOOK' },
		],
	]);
	expect(nodeOutput(run)[0].json).toEqual(
		expect.objectContaining({ name: 'Renamed in 0.1.0', type: 'WEBHOOK' }),
	);
});

test('one credential built from expressions serves many accounts: each client receives only its own item and token', async () => {
	const clients = await Promise.all(
		[0, 1, 2, 3].map((k) => createSandbox({ token: `e2e-client-${k}-token` }).listen()),
	);
	try {
		await instance.importJson('credentials', [
			{
				id: 'csPerItemCred001',
				name: 'ContactSwing (per client)',
				type: 'contactSwingApi',
				data: { accessToken: '={{ $json.token }}', baseUrl: '={{ $json.baseUrl }}' },
			},
		]);
		const customerId = 'c0000000-0000-4000-8000-000000000001';
		const items = clients.map((client, k) => ({
			token: `e2e-client-${k}-token`,
			baseUrl: client.url,
			customerId,
			newName: `Client ${k} customer`,
		}));
		for (const batchSize of [1, 5]) {
			for (const client of clients) client.reset();
			const id = `csE2ePerClient0${batchSize}`;
			await instance.importJson(
				'workflow',
				perClientWorkflow(
					id,
					items,
					{ contactSwingApi: { id: 'csPerItemCred001', name: 'ContactSwing (per client)' } },
					batchSize,
				),
			);
			const run = await instance.execute(id);
			expect(run.status).toBe('success');
			for (const [k, client] of clients.entries()) {
				expect(
					client.requests.map((r) => [r.method, r.path, r.headers.authorization, r.body]),
				).toEqual([
					[
						'PUT',
						`/v2/_customers/${customerId}`,
						`Bearer e2e-client-${k}-token`,
						{ name: `Client ${k} customer` },
					],
				]);
			}
			expect(nodeOutput(run).map((item) => [item.json.name, item.pairedItem])).toEqual(
				items.map((item, k) => [item.newName, { item: k }]),
			);
			// The tokens are the user's own item data upstream; the node's output carries none of them.
			expect(JSON.stringify(nodeOutput(run))).not.toMatch(/e2e-client-\d-token/);
		}
	} finally {
		await Promise.all(clients.map((client) => client.close()));
	}
});

/**
 * ContactSwing Action Trigger in the running instance: published and unpublished through n8n's REST API
 * (as the editor's Publish button does), called by the sandbox's agent as ContactSwing would call it.
 * n8n's webhook URL here is http://localhost:<port>/…: accepted because the credential's ContactSwing (the
 * sandbox) is itself on this machine.
 */
describe('ContactSwing Action Trigger', () => {
	const RESPONSES = {
		csE2eActFirst001: { responseMode: 'lastNode', responseData: 'firstEntryJson' },
		csE2eActField001: {
			responseMode: 'lastNode',
			responseData: 'firstEntryField',
			responsePropertyName: 'booking',
		},
		csE2eActAll00001: { responseMode: 'lastNode', responseData: 'allEntries' },
		csE2eActNoBody01: { responseMode: 'lastNode', responseData: 'noData' },
		csE2eActNow00001: { responseMode: 'onReceived' },
	};
	const EXAMPLE = 'csE2eActExample1';
	const WORKFLOWS = [...Object.keys(RESPONSES), EXAMPLE];
	const actions = {};
	const before = {};
	let kept = [];
	let crm;
	const settings = (id) => webhookSettings(instance.sandbox, actions[id]);
	const call = (id, options) =>
		instance.sandbox.callAgent(actions[id], {
			args: { phone_number: '+13465507166' },
			...options,
		});
	const until = async (condition, what, ms = 30_000) => {
		const deadline = Date.now() + ms;
		while (!(await condition())) {
			if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	};

	const versionOf = async (id) => (await instance.rest('GET', `/workflows/${id}`)).json.data;
	/**
	 * n8n 2.40 publishes through an outbox: the REST call answers at once and the triggers are activated
	 * after (a failed activation is retried 5 times, then reported in the publication status); n8n 1.x
	 * activates within the call. Either way: { ok, message } once n8n has settled.
	 */
	const settled = async (id, response) => {
		if (response.status >= 400) return { ok: false, message: JSON.stringify(response.json) };
		let status;
		await until(
			async () => {
				status = await instance.rest('GET', `/workflows/${id}/publication-status`);
				return status.status !== 200 || status.json.data?.status !== 'in_progress';
			},
			`the publication of ${id} to settle`,
			60_000,
		);
		if (status.status !== 200) return { ok: true, message: '' };
		const { data } = status.json;
		return {
			ok: ['published', 'not_published'].includes(data.status),
			message: data.triggers.map((trigger) => trigger.errorMessage ?? '').join(' '),
		};
	};
	const publish = async (id) =>
		await settled(
			id,
			await instance.rest('POST', `/workflows/${id}/activate`, {
				versionId: (await versionOf(id)).versionId,
			}),
		);
	const unpublish = async (id) =>
		await settled(id, await instance.rest('POST', `/workflows/${id}/deactivate`, {}));
	const executions = async (id) => {
		const answer = await instance.rest(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: id }))}&limit=100`,
		);
		return answer.json.data?.results ?? [];
	};
	beforeAll(async () => {
		for (const id of WORKFLOWS) {
			actions[id] = instance.sandbox.addWebhookAction(crmActionSettings(`Booking ${id}`)).id;
			before[id] = settings(id);
			if (id !== EXAMPLE)
				await instance.importJson(
					'workflow',
					actionTriggerWorkflow(id, actions[id], RESPONSES[id]),
				);
		}
		// The example, with its blanks filled as a user would: the action, and a CRM's lookup endpoint.
		crm = http.createServer((req, res) => {
			const phone = new URL(req.url, 'http://crm').searchParams.get('phone');
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify(
					phone === '+13465507166'
						? { booking: { service: 'dental cleaning', time: 'Tuesday 10:00' } }
						: {},
				),
			);
		});
		await new Promise((resolve) => crm.listen(0, '127.0.0.1', resolve));
		const example = exampleWorkflow('agent-asks-for-caller-booking.json', {
			url: `http://127.0.0.1:${crm.address().port}/bookings`,
		});
		example.nodes[0].parameters.actionId = { __rl: true, mode: 'id', value: actions[EXAMPLE] };
		await instance.importJson('workflow', { ...example, id: EXAMPLE });
		kept = instance.sandbox.state.actions.filter((action) =>
			Object.values(actions).includes(action.id),
		);
		if (!instance.server) await instance.start();
		// n8n 1.x mounts its REST routes a moment after it reports ready.
		await until(
			async () =>
				Boolean(instance.cookie) ||
				(await instance.loginOwner().then(
					() => true,
					() => false,
				)),
			'the owner login',
			60_000,
		);
	});
	afterAll(async () => {
		crm?.close();
	});
	// The suite resets the sandbox before each test: this block's actions (as ContactSwing now stores
	// them) are put back, as a real account keeps them.
	afterEach(() => {
		kept = instance.sandbox.state.actions.filter((action) =>
			Object.values(actions).includes(action.id),
		);
	});
	beforeEach(() => {
		for (const action of kept) instance.sandbox.state.actions.push(action);
	});

	test('publish: each action points at its workflow with a secret; nothing else in it changed', async () => {
		for (const id of WORKFLOWS) {
			expect([id, await publish(id)]).toEqual([id, { ok: true, message: '' }]);
			const stored = JSON.parse(settings(id));
			const previous = JSON.parse(before[id]);
			expect(stored.webhook).toEqual({
				...previous.webhook,
				url: expect.stringMatching(
					new RegExp(`^http://localhost:${instance.port}/webhook/[0-9a-f-]+/action$`),
				),
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					[SECRET_HEADER]: expect.stringMatching(
						new RegExp(`^${id}:[0-9a-zA-Z-]+:[0-9A-Za-z]{64}$`),
					),
				},
			});
			expect({ ...stored, webhook: undefined }).toEqual({ ...previous, webhook: undefined });
		}
	});

	test('the agent calls: the workflow runs and its answer reaches the agent, in each response mode', async () => {
		const first = await call('csE2eActFirst001');
		expect([first.status, first.answerJson]).toEqual([
			200,
			{ booking: 'Tuesday 10:00', phone: '+13465507166', action: actions.csE2eActFirst001 },
		]);
		const field = await call('csE2eActField001');
		expect([field.status, field.answer]).toEqual([200, 'Tuesday 10:00']);
		const all = await call('csE2eActAll00001');
		expect([all.status, all.answerJson]).toEqual([
			200,
			[{ slot: 'Tuesday 10:00' }, { slot: 'Wednesday 14:00' }],
		]);
		const none = await call('csE2eActNoBody01');
		expect([none.status, none.answer]).toEqual([200, '']);
		// The example: the lookup's result, as the one field the agent reads.
		const example = await call(EXAMPLE);
		expect([example.status, example.answer]).toEqual([
			200,
			'The caller has a dental cleaning booked for Tuesday 10:00.',
		]);
		const now = await call('csE2eActNow00001');
		expect([now.status, now.answerJson]).toEqual([200, { message: 'Workflow was started' }]);
		// Immediately: the workflow still runs, after the agent has its answer.
		await until(async () => (await executions('csE2eActNow00001')).length === 1, 'the execution');
		// Each call is one execution, whose trigger item holds what ContactSwing sent, without the secret.
		const [execution] = await executions('csE2eActFirst001');
		const full = await instance.rest('GET', `/executions/${execution.id}`);
		// The run data: what every node received and produced (n8n 1.x also stores a copy of the workflow,
		// static data included, with each execution: docs/action-trigger.md says so).
		const runData = JSON.stringify(full.json.data.data);
		expect(runData).toContain('+13465507166');
		const secret = JSON.parse(settings('csE2eActFirst001')).webhook.headers[SECRET_HEADER];
		expect(runData).not.toContain(secret.split(':')[2]);
	});

	test('no secret or a wrong one: 401 and no execution', async () => {
		const runs = (await executions('csE2eActFirst001')).length;
		const missing = await call('csE2eActFirst001', { headers: { [SECRET_HEADER]: null } });
		const wrong = await call('csE2eActFirst001', {
			headers: { [SECRET_HEADER]: 'csE2eActFirst001:x:0' },
		});
		expect([missing.status, wrong.status]).toEqual([401, 401]);
		await new Promise((resolve) => setTimeout(resolve, 2_000));
		expect((await executions('csE2eActFirst001')).length).toBe(runs);
	});

	test('a second workflow on a served action refuses to publish, naming the first', async () => {
		await instance.importJson(
			'workflow',
			actionTriggerWorkflow(
				'csE2eActSecond01',
				actions.csE2eActFirst001,
				RESPONSES.csE2eActFirst001,
			),
		);
		const pointed = settings('csE2eActFirst001');
		const refused = await publish('csE2eActSecond01');
		expect(refused.ok).toBe(false);
		expect(refused.message).toMatch(
			/is already served by the ContactSwing Action Trigger of n8n workflow csE2eActFirst001/,
		);
		expect(settings('csE2eActFirst001')).toBe(pointed);
		expect((await call('csE2eActFirst001')).status).toBe(200);
	});

	test('n8n restarted while ContactSwing answers 503: still published, the action untouched, calls served', async () => {
		const pointed = settings('csE2eActFirst001');
		const { webhookId } = (await versionOf('csE2eActFirst001')).nodes[0];
		const restart = async (env, checksTriggers) => {
			await instance.stop();
			instance.sandbox.requests.length = 0;
			instance.sandbox.setFaults({ unavailable: true });
			const logFrom = fs.statSync(instance.logFile).size;
			await instance.start(env);
			await instance.waitForWebhook(`${webhookId}/action`);
			if (checksTriggers) {
				const activated = () => fs.readFileSync(instance.logFile, 'utf8').slice(logFrom);
				await until(
					() => WORKFLOWS.every((id) => new RegExp(`Activated workflow .*${id}`).test(activated())),
					'the published workflows to be activated',
					120_000,
				);
			}
			const during = instance.sandbox.requests.map((r) => `${r.method} ${r.path}`);
			instance.sandbox.setFaults({ unavailable: false });
			return during;
		};
		// n8n's activation at start-up (n8n 1.x; 2.x without its publication service) checks every webhook
		// trigger: checkExists meets the 503 and answers "still here", as static data says.
		const legacy = await restart({ N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false' }, true);
		expect(legacy.length).toBeGreaterThan(0);
		expect(legacy.filter((request) => !request.startsWith('GET '))).toEqual([]);
		expect(settings('csE2eActFirst001')).toBe(pointed);
		expect((await call('csE2eActFirst001')).answerJson?.booking).toBe('Tuesday 10:00');
		// n8n 2.x's publication service (its default) keeps registered webhooks across a restart and calls
		// none of them; n8n 1.x has only the activation above.
		if (!runtime.N8N_VERSION.startsWith('1.')) {
			const current = await restart({}, false);
			expect(current.filter((request) => !request.startsWith('GET '))).toEqual([]);
			expect(settings('csE2eActFirst001')).toBe(pointed);
		}
		expect((await versionOf('csE2eActFirst001')).active).toBe(true);
		const served = await call('csE2eActFirst001');
		expect([served.status, served.answerJson?.booking]).toEqual([200, 'Tuesday 10:00']);
	});

	test("unpublish: each action's webhook settings are byte for byte what they were", async () => {
		for (const id of WORKFLOWS) {
			expect([id, await unpublish(id)]).toEqual([id, { ok: true, message: '' }]);
			expect([id, settings(id)]).toEqual([id, before[id]]);
		}
	});
});

describe('exactly once across n8n’s retries (node version 3, the ledger in n8n’s own store)', () => {
	const placedTo = () => instance.sandbox.state.placedCalls.map((call) => call.to);
	const createdOnce = () =>
		[...instance.sandbox.state.createdByName.values()].every((count) => count === 1);

	/** The executions of `workflowId`, newest first, through the REST API the editor uses. */
	async function executionsOf(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const { json } = await instance.rest('GET', `/executions?filter=${filter}`);
		return (json.data?.results ?? []).sort((a, b) => Number(b.id) - Number(a.id));
	}

	/** The newest execution of `workflowId` after execution `after`, once it has ended. */
	async function endedExecution(workflowId, after) {
		const deadline = Date.now() + 120_000;
		let seen = [];
		while (Date.now() < deadline) {
			seen = await executionsOf(workflowId);
			const [newest] = seen.filter((e) => Number(e.id) > after);
			if (newest && !['new', 'running', 'waiting'].includes(newest.status)) return newest;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(
			`No ended execution of ${workflowId} after ${after}: ${JSON.stringify(seen.map((e) => [e.id, e.status]))}`,
		);
	}

	test.each([false, true])(
		'100 leads through a webhook, the 41st rejected, then Retry (POST /rest/executions/:id/retry, loadWorkflow %s): each agent once',
		async (loadWorkflow) => {
			await instance.loginOwner();
			await instance.waitForWebhook('ledger-leads');
			const prefix = `Retry ${loadWorkflow}`;
			const leads = Array.from({ length: 100 }, (_, k) => ({ name: `${prefix} ${k + 1}` }));
			instance.sandbox.setFaults({ rejectValues: [`${prefix} 41`] });
			const [before = { id: 0 }] = await executionsOf(LEDGER_WORKFLOW);
			const response = await fetch(`${instance.baseUrl}/webhook/ledger-leads`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ leads }),
			});
			expect(response.status).toBe(200);
			const failed = await endedExecution(LEDGER_WORKFLOW, Number(before.id));
			expect(failed.status).toBe('error');
			// The windows in flight with item 40's finished (Items per Batch 5: at most 4 more); none after.
			const createdBefore = instance.sandbox.state.createdByName.size;
			expect(createdBefore).toBeGreaterThanOrEqual(40);
			expect(createdBefore).toBeLessThanOrEqual(44);
			instance.sandbox.setFaults({ rejectValues: [] });
			const retry = await instance.rest('POST', `/executions/${failed.id}/retry`, { loadWorkflow });
			expect(retry.status).toBe(200);
			expect(retry.json.data.status).toBe('success');
			expect(instance.sandbox.state.createdByName.size).toBe(100);
			expect(createdOnce()).toBe(true);
			// Before the failure: the agents created and the 41st (rejected); in the retry, every other lead: none twice.
			expect(instance.sandbox.requests).toHaveLength(createdBefore + 1 + (100 - createdBefore));
		},
	);

	test('Retry On Fail (3 tries) on Make Call, the third number rejected: each number is called once', async () => {
		const agentId = instance.sandbox.seedVoiceAgent('voice-agent-ledger');
		instance.sandbox.setFaults({ rejectValues: ['+13465507103'] });
		const phones = [1, 2, 3].map((n) => ({ phone: `+134655071${String(n).padStart(2, '0')}` }));
		await instance.importJson(
			'workflow',
			manualItemsWorkflow('csE2eRetryOnFail', 'E2E Retry On Fail', phones, {
				retryOnFail: true,
				maxTries: 3,
				waitBetweenTries: 10,
				parameters: {
					resource: 'call',
					operation: 'makeCall',
					agentId,
					phoneNumber: '={{ $json.phone }}',
					options: {},
				},
			}),
		);
		// The execution fails (the third number on every try): `n8n execute` exits with the node's error.
		const failure = await instance.execute('csE2eRetryOnFail').then(
			() => undefined,
			(error) => error,
		);
		expect(failure.message).toMatch(/phone_number "\+13465507103" is not allowed \[item 2\]/);
		// Two in flight: the order in which the two calls arrive varies.
		expect(placedTo().sort()).toEqual(['+13465507101', '+13465507102']);
		// The rejected number was tried on each of the 3 tries: ContactSwing processed none of them. Two
		// requests are in flight at a time, so the first try's order of arrival varies: compare sorted.
		expect(instance.sandbox.requests.map((r) => r.body.phone_number).sort()).toEqual([
			'+13465507101',
			'+13465507102',
			'+13465507103',
			'+13465507103',
			'+13465507103',
		]);
	});

	test('a connection reset after sending: the agent is flagged as unknown, and Retry On Fail does not create it again', async () => {
		// Items one at a time: the first create is processed but its connection breaks; the second is refused
		// once (so n8n runs the node again), then accepted.
		instance.sandbox.script(
			{ processed: true, reset: true },
			{ status: 400, body: { detail: 'Try again' } },
		);
		await instance.importJson(
			'workflow',
			manualItemsWorkflow(
				'csE2eResetFlag01',
				'E2E reset after sending',
				[{ name: 'Maybe created' }, { name: 'Refused once' }],
				{
					retryOnFail: true,
					maxTries: 3,
					waitBetweenTries: 10,
					parameters: smsAgent({
						name: '={{ $json.name }}',
						options: {
							ifOutcomeUnknown: 'passThrough',
							batching: { batch: { batchSize: 1 } },
						},
					}),
				},
			),
		);
		const run = await instance.execute('csE2eResetFlag01');
		expect(run.status).toBe('success');
		expect(instance.sandbox.requests.map((r) => r.body.name)).toEqual([
			'Maybe created',
			'Refused once',
			'Refused once',
		]);
		const output = nodeOutput(run);
		expect(output[0].json).toEqual({
			outcome: 'unknown',
			request: 'POST /v2/_new_assistants',
			name: 'Maybe created',
			type: 'SMS',
			message: expect.stringMatching(/^ContactSwing may already have created the agent/),
		});
		expect(output[0].json.error).toBeUndefined();
		expect(output[1].json).toEqual(
			expect.objectContaining({ outcome: 'created', name: 'Refused once' }),
		);
	});

	test('the same webhook delivered twice with a Repeat Key: the second sends nothing', async () => {
		await instance.waitForWebhook('keyed-lead');
		const deliver = async () =>
			await (
				await fetch(`${instance.baseUrl}/webhook/keyed-lead`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ leadId: 'crm-4711', name: 'Keyed Lead' }),
				})
			).json();
		const first = await deliver();
		const second = await deliver();
		expect(first).toEqual(
			expect.objectContaining({
				outcome: 'created',
				name: 'Keyed Lead',
				assistant_id: expect.any(String),
			}),
		);
		expect(second).toEqual({
			outcome: 'alreadyDone',
			request: 'POST /v2/_new_assistants',
			name: 'Keyed Lead',
			type: 'SMS',
			message:
				'Already done for Repeat Key "crm-4711" (ContactSwing confirmed it); nothing was sent. The ledger keeps no IDs: look it up in ContactSwing if you need it.',
		});
		expect(instance.sandbox.requests).toHaveLength(1);
	});
});
