'use strict';
const {
	exampleWorkflow,
	manualWorkflow,
	aiAgentWorkflow,
	mcpWorkflow,
	OPENAI_STUB_CREDENTIAL,
} = require('./workflows');
/**
 * The n8n editor in a real browser (Debian's Chromium driven by playwright-core): the example workflow
 * opens, the ContactSwing node's panel renders the SMS fields, the next node previews its output before it
 * runs (output schemas), the Docs links, the credential Test's messages, the nodes panel's search by what
 * the node does, and the screenshots in docs/ are taken from this very run.
 */
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { createInstance, e2ePort, CREDENTIAL_ID } = require('./instance');
const { smsAgentFromAi } = require('../fixtures');
const { DEFAULT_TOKEN } = require('../sandbox/server');
const { SCHEMA_DIR } = require('../helpers/outputSchema');
const { ContactSwing } = require('../../dist/nodes/ContactSwing/ContactSwing.node');
const {
	ContactSwingApi,
	TEST_MESSAGES,
} = require('../../dist/credentials/ContactSwingApi.credentials');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DOCS = path.join(__dirname, '../../docs');
const PORT = e2ePort(5693);

let instance;
let browser;

beforeAll(async () => {
	instance = await createInstance({ port: PORT });
	await instance.importSandboxCredential();
	const example = exampleWorkflow('webhook-lead-to-sms-agent.json');
	// The panel should show every SMS field, so the agent gets its own sender number here too.
	example.nodes.find(
		(node) => node.parameters.operation === 'createSmsAgent',
	).parameters.additionalFields.phoneNumber = '+13465507166';
	await instance.importJson('workflow', { ...example, id: 'csE2eEditor00001' });
	const trigger = exampleWorkflow('call-finished-update-crm.json', {
		url: 'https://crm.example.com/api/call-log',
	});
	await instance.importJson('workflow', { ...trigger, id: 'csE2eEditorTrig1' });
	// Node version 2, as a node dragged in today: the Action picker (resource locator) and a call's notice.
	await instance.importJson(
		'workflow',
		manualWorkflow('csE2eEditorRl0001', 'Get an action', {
			name: 'Get an action',
			typeVersion: 2,
			parameters: {
				resource: 'action',
				operation: 'get',
				actionId: { __rl: true, mode: 'list', value: '' },
			},
		}),
	);
	await instance.importJson(
		'workflow',
		manualWorkflow('csE2eEditorCall01', 'Call a lead', {
			name: 'Call a lead',
			typeVersion: 2,
			parameters: {
				resource: 'call',
				operation: 'makeCall',
				agentId: 'voice-agent-0001',
				phoneNumber: '+13465507166',
			},
		}),
	);
	// The Action Trigger example, its blanks filled: a webhook action of the sandbox account and a CRM URL.
	const action = instance.sandbox.addWebhookAction({
		name: 'Find the caller’s booking',
		url: 'https://crm.example.com/api/bookings',
		required: ['phone_number'],
		response: { prompt: 'Tell the caller when their booking is, in one short sentence' },
	});
	const actionExample = exampleWorkflow('agent-asks-for-caller-booking.json', {
		url: 'https://crm.example.com/api/bookings',
	});
	actionExample.nodes[0].parameters.actionId = {
		__rl: true,
		mode: 'list',
		value: action.id,
		cachedResultName: 'Find the caller’s booking (Webhook / API Call)',
	};
	await instance.importJson('workflow', { ...actionExample, id: 'csE2eEditorAct01' });
	await instance.importJson('credentials', [
		{
			...OPENAI_STUB_CREDENTIAL,
			type: 'openAiApi',
			data: { apiKey: 'sk-local-stub', url: 'http://127.0.0.1:9/v1' },
		},
	]);
	await instance.importJson(
		'workflow',
		aiAgentWorkflow('csE2eEditorAi001', 'Create SMS agent', smsAgentFromAi),
	);
	await instance.importJson(
		'workflow',
		mcpWorkflow('csE2eEditorMcp01', 'contactswing', CREDENTIAL_ID, 'voice-agent-0001'),
	);
	await instance.importJson(
		'workflow',
		manualWorkflow('csE2eEditorGuard1', 'Call within limits', {
			name: 'Call within limits',
			typeVersion: 2,
			parameters: {
				resource: 'call',
				operation: 'makeCall',
				agentId: 'voice-agent-0001',
				phoneNumber: '+13465507166',
				options: {
					allowedNumbers: '+1346, +44 20',
					maxCallsPerExecution: 3,
					callingHours: {
						window: {
							start: '09:00',
							end: '17:00',
							days: ['mon', 'tue', 'wed', 'thu', 'fri'],
							timeZone: 'America/Chicago',
						},
					},
				},
			},
		}),
	);
	await instance.start();
	await instance.loginOwner();
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--no-first-run',
		],
	});
});

afterAll(async () => {
	await browser?.close();
	await instance?.close();
});

/** Screenshots only once every node icon has loaded (on a busy machine they come last). */
async function waitForIcons(page) {
	await page.waitForLoadState('networkidle');
	await page.waitForFunction(
		() => {
			const icons = [...document.querySelectorAll('[data-test-id="canvas-node"] img')];
			return icons.length > 0 && icons.every((img) => img.complete && img.naturalWidth > 0);
		},
		undefined,
		{ timeout: 30_000 },
	);
}

async function editorPage(viewport, workflowId = 'csE2eEditor00001') {
	const context = await browser.newContext({ viewport });
	const separator = instance.cookie.indexOf('=');
	await context.addCookies([
		{
			name: instance.cookie.slice(0, separator),
			value: instance.cookie.slice(separator + 1),
			domain: 'localhost',
			path: '/',
		},
	]);
	const page = await context.newPage();
	await page.goto(`http://localhost:${PORT}/workflow/${workflowId}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
	await waitForIcons(page);
	return page;
}

test('the example workflow opens with the ContactSwing node on the canvas', async () => {
	const page = await editorPage({ width: 1280, height: 640 });
	const nodes = page.locator('[data-test-id="canvas-node"]');
	await expect(nodes.count()).resolves.toBe(3);
	await expect(nodes.filter({ hasText: 'Create SMS AI agent' }).count()).resolves.toBe(1);
	// The subtitle under the node is the short "operation: object", not the node's name again.
	await page.getByText('create: SMS agent', { exact: true }).first().waitFor({ timeout: 15_000 });
	fs.mkdirSync(DOCS, { recursive: true });
	await page.screenshot({ path: path.join(DOCS, 'editor-workflow.png') });
	await page.context().close();
});

test('the node panel renders every SMS field, and the credential', async () => {
	const page = await editorPage({ width: 1280, height: 1400 });
	await page.locator('[data-test-id="canvas-node"]', { hasText: 'Create SMS AI agent' }).dblclick();
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor();
	for (const name of [
		'resource',
		'operation',
		'name',
		'model',
		'smsKeyIds',
		'instructions',
		'smsType',
		'goal',
		'idleTimeSeconds',
		'maxMessages',
		'phoneNumber',
	]) {
		// waitFor throws (and fails the test) when the field does not render.
		await panel
			.locator(`[data-test-id="parameter-input-${name}"]`)
			.first()
			.waitFor({ timeout: 15_000 });
	}
	for (const label of [
		'SMS API Key IDs',
		'SMS Direction',
		'Additional Fields',
		'Idle Timeout (Seconds)',
		'Max Messages',
	]) {
		await panel.getByText(label, { exact: true }).first().waitFor({ timeout: 15_000 });
	}
	await expect(
		panel.locator('[data-test-id="node-credentials-select"] input').first().inputValue(),
	).resolves.toBe('ContactSwing (sandbox)');
	await page.screenshot({ path: path.join(DOCS, 'editor-sms-node.png') });

	// The credential dialog, as a user opens it from the node.
	await panel.locator('[data-test-id="credential-edit-button"]').first().click();
	const dialog = page.getByRole('dialog').filter({ hasText: 'Base URL' });
	await dialog.getByText('Access Token').first().waitFor({ timeout: 15_000 });
	await page.setViewportSize({ width: 1280, height: 760 });
	await page.screenshot({ path: path.join(DOCS, 'editor-credential.png') });
	await page.context().close();
});

test('the ContactSwing Trigger panel shows its events and the status filter', async () => {
	const page = await editorPage({ width: 1280, height: 900 }, 'csE2eEditorTrig1');
	await page.locator('[data-test-id="canvas-node"]', { hasText: 'Call finished' }).dblclick();
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor();
	for (const name of ['event', 'statuses']) {
		await panel
			.locator(`[data-test-id="parameter-input-${name}"]`)
			.first()
			.waitFor({ timeout: 15_000 });
	}
	await panel
		.getByText('Only These Statuses', { exact: true })
		.first()
		.waitFor({ timeout: 15_000 });
	await expect(
		panel.locator('[data-test-id="node-credentials-select"] input').first().inputValue(),
	).resolves.toBe('ContactSwing (sandbox)');
	// It says that it polls and that what exists at publishing is not emitted; its Docs link opens its doc.
	await panel
		.getByText(/^Checks ContactSwing on the Poll Times schedule \(it has no webhooks\)/)
		.first()
		.waitFor({ timeout: 15_000 });
	await expect(panel.locator('a', { hasText: 'Docs' }).first().getAttribute('href')).resolves.toBe(
		'https://github.com/contactswing/n8n-nodes-contactswing/blob/main/docs/trigger.md',
	);
	await page.screenshot({ path: path.join(DOCS, 'editor-trigger.png') });
	// Fetch Test Event: a call in Only These Statuses (completed), with previous_status as a real event has.
	await panel
		.getByRole('button', { name: /Fetch Test Event/ })
		.first()
		.click();
	const output = panel.locator('[data-test-id="output-panel"]');
	await output.getByText('previous_status').first().waitFor({ timeout: 30_000 });
	await output.getByText('completed').first().waitFor({ timeout: 15_000 });
	await page.context().close();
});

test("the Action picker lists the account's actions From List (node version 2)", async () => {
	const page = await editorPage({ width: 1280, height: 900 }, 'csE2eEditorRl0001');
	await page.locator('[data-test-id="canvas-node"]', { hasText: 'Get an action' }).dblclick();
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor();
	await panel.locator('[data-test-id="rlc-input"]').first().click();
	await page
		.locator('[data-test-id="rlc-item"]', { hasText: 'Sandbox action 1 (Webhook / API Call)' })
		.first()
		.waitFor({ timeout: 20_000 });
	await page.screenshot({ path: path.join(DOCS, 'editor-resource-locator.png') });
	await page.context().close();
});

test('Make Call warns that it rings a real person and costs money', async () => {
	const page = await editorPage({ width: 1280, height: 900 }, 'csE2eEditorCall01');
	await page.locator('[data-test-id="canvas-node"]', { hasText: 'Call a lead' }).dblclick();
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor();
	await panel
		.getByText(/rings a real person’s phone and ContactSwing charges for the call/)
		.first()
		.waitFor({ timeout: 15_000 });
	// A node hint: node version 2 repeats nothing only when Repeat Protection is set.
	await panel
		.getByText(/^Repeat Protection is off: Retry On Fail and a Retry of the execution/)
		.first()
		.waitFor({ timeout: 15_000 });
	await page.screenshot({ path: path.join(DOCS, 'editor-call-notice.png') });
	await page.context().close();
});

test("the AI agent workflow: the ContactSwing Tool attached to n8n's AI Agent", async () => {
	const page = await editorPage({ width: 1280, height: 640 }, 'csE2eEditorAi001');
	await page
		.locator('[data-test-id="canvas-node"]', { hasText: 'Create SMS agent' })
		.first()
		.waitFor({ timeout: 15_000 });
	await page.screenshot({ path: path.join(DOCS, 'editor-ai-agent.png') });
	await page.context().close();
});

test('the MCP Server Trigger with two ContactSwing tools attached', async () => {
	const page = await editorPage({ width: 1280, height: 640 }, 'csE2eEditorMcp01');
	for (const name of ['MCP Server Trigger', 'Create SMS agent', 'Call the lead']) {
		await page
			.locator('[data-test-id="canvas-node"]', { hasText: name })
			.first()
			.waitFor({ timeout: 15_000 });
	}
	await page.screenshot({ path: path.join(DOCS, 'editor-mcp.png') });
	await page.context().close();
});

test("Make Call's Options show the guardrails", async () => {
	const page = await editorPage({ width: 1280, height: 1300 }, 'csE2eEditorGuard1');
	await page.locator('[data-test-id="canvas-node"]', { hasText: 'Call within limits' }).dblclick();
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor();
	for (const label of [
		'Allowed Numbers',
		'Max Calls per Execution',
		'Calling Hours',
		'Time Zone',
	]) {
		await panel.getByText(label, { exact: true }).first().waitFor({ timeout: 15_000 });
	}
	await panel.getByText('Calling Hours', { exact: true }).first().scrollIntoViewIfNeeded();
	await page.screenshot({ path: path.join(DOCS, 'editor-call-guardrails.png') });
	await page.context().close();
});

test('the node after an unexecuted ContactSwing node previews its output fields (output schemas)', async () => {
	// What the editor asks n8n for, for every operation and node version: the installed package's schemas.
	const NODE_TYPE = 'n8n-nodes-contactswing.contactSwing';
	for (const versionDir of fs.readdirSync(SCHEMA_DIR)) {
		for (const resource of fs.readdirSync(path.join(SCHEMA_DIR, versionDir))) {
			for (const file of fs.readdirSync(path.join(SCHEMA_DIR, versionDir, resource))) {
				const url = `${instance.baseUrl}/schemas/${NODE_TYPE}/${versionDir.slice(1)}/${resource}/${file}`;
				const served = await fetch(url);
				expect([url, served.status]).toEqual([url, 200]);
				expect(await served.json()).toEqual(
					JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, versionDir, resource, file), 'utf8')),
				);
			}
		}
	}
	const page = await editorPage({ width: 1280, height: 760 });
	await page
		.locator('[data-test-id="canvas-node"]', { hasText: 'Respond with agent ID' })
		.dblclick();
	const input = page.locator('[data-test-id="ndv-input-panel"]');
	// The unexecuted node's section: its name, "Preview" and n8n's "Usually outputs the following fields".
	await input
		.locator('[data-test-id="run-data-schema-header"]', { hasText: 'Create SMS AI agent' })
		.filter({ hasText: 'Preview' })
		.first()
		.waitFor({ timeout: 30_000 });
	await input
		.getByText(/Usually outputs the following fields/)
		.first()
		.waitFor({ timeout: 15_000 });
	const pill = input.locator(
		'[data-test-id="run-data-schema-node-name"][data-name="assistant_id"]',
	);
	await pill.first().waitFor({ timeout: 15_000 });
	// The usual output: ContactSwing's answer and the outcome; the ledger's fields are not listed as usual.
	const names = await input
		.locator('[data-test-id="run-data-schema-node-name"][data-name]')
		.evaluateAll((pills) => pills.map((p) => p.dataset.name).filter((n) => !n.startsWith('$')));
	expect(names).toEqual(expect.arrayContaining(['assistant_id', 'name', 'ctx_id', 'outcome']));
	expect(names).not.toContain('request');
	await page.screenshot({ path: path.join(DOCS, 'editor-schema-preview.png') });
	await page.context().close();
});

test('the Docs links open the docs themselves: the node panel and the credential dialog', async () => {
	const page = await editorPage({ width: 1280, height: 900 });
	await page.locator('[data-test-id="canvas-node"]', { hasText: 'Create SMS AI agent' }).dblclick();
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor();
	// n8n appends "?utm_…" to a codex URL; an http(s) documentationUrl is opened as it is.
	const nodeDocs = await panel.locator('a', { hasText: 'Docs' }).first().getAttribute('href');
	expect(nodeDocs).toBe(new ContactSwing().description.documentationUrl);
	expect(nodeDocs).toBe(
		'https://github.com/contactswing/n8n-nodes-contactswing/blob/main/docs/operations.md',
	);
	await panel.locator('[data-test-id="credential-edit-button"]').first().click();
	const dialog = page.getByRole('dialog').filter({ hasText: 'Base URL' });
	const credentialDocs = await dialog
		.locator('a', { hasText: 'docs' })
		.first()
		.getAttribute('href');
	expect(credentialDocs).toBe(new ContactSwingApi().documentationUrl);
	expect(credentialDocs).toBe(
		'https://github.com/contactswing/n8n-nodes-contactswing/blob/main/docs/credentials.md',
	);
	await page.context().close();
});

test("the credential Test (n8n's REST API behind the Test button) says what failed in the node's words", async () => {
	// n8n 2.40.7 keeps the test's temporary node in one module-wide map and deletes it when a test ends, so a
	// test still running from the previous case's credential dialog can answer "Node not found": asked again.
	const test = async (data, tries = 3) => {
		const answer = await testOnce(data);
		return answer.message === 'Node not found' && tries > 1 ? test(data, tries - 1) : answer;
	};
	const testOnce = async (data) =>
		(
			await instance.rest('POST', '/credentials/test', {
				credentials: {
					id: CREDENTIAL_ID,
					name: 'ContactSwing (sandbox)',
					type: 'contactSwingApi',
					data: { accessToken: DEFAULT_TOKEN, baseUrl: instance.sandbox.url, ...data },
				},
			})
		).json.data;
	const messageFor = (status) =>
		TEST_MESSAGES.find((rule) => rule.properties.value === status).properties.message;
	await expect(test({})).resolves.toEqual(expect.objectContaining({ status: 'OK' }));
	await expect(test({ accessToken: 'wrong-token' })).resolves.toEqual({
		status: 'Error',
		message: messageFor(401),
	});
	expect(messageFor(401)).toMatch(/^ContactSwing refused the access token \(HTTP 401\): paste/);
	await expect(test({ baseUrl: `${instance.sandbox.url}/not-the-api` })).resolves.toEqual({
		status: 'Error',
		message: messageFor(404),
	});
	expect(messageFor(404)).toMatch(
		/^ContactSwing found nothing at GET \/v2\/_customers \(HTTP 404\)/,
	);
	// Failures before any answer show n8n's own code (no rule can match them); docs/credentials.md says so,
	// and the Base URL field states the https rule.
	const plainHttp = await test({ baseUrl: 'http://contactswing.example.com' });
	expect(plainHttp).toEqual({ status: 'Error', message: expect.stringMatching(/ERR_BAD_REQUEST/) });
	const closedPort = await test({ baseUrl: `http://127.0.0.1:${e2ePort(5699)}` });
	expect(closedPort).toEqual({ status: 'Error', message: expect.stringMatching(/ECONNREFUSED/) });
	const documented = fs.readFileSync(path.join(DOCS, 'credentials.md'), 'utf8');
	expect(documented).toMatch(
		/Plain `http:\/\/` to a host other than this machine +\| `ERR_BAD_REQUEST`/,
	);
	expect(documented).toMatch(/Nothing listening at the Base URL +\| `ECONNREFUSED`/);
});

test('the nodes panel finds ContactSwing by what it does: "sms", "voice", "whatsapp", "phone"', async () => {
	const page = await editorPage({ width: 1280, height: 900 });
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	const search = page.getByPlaceholder('Search nodes...').first();
	await search.waitFor({ timeout: 15_000 });
	for (const query of ['sms', 'voice', 'whatsapp', 'phone']) {
		await search.fill(query);
		await page
			.locator('[data-test-id="item-iterator-item"] [data-test-id="node-creator-item-name"]', {
				hasText: /^ContactSwing$/,
			})
			.first()
			.waitFor({ timeout: 15_000 });
		if (query === 'sms') await page.screenshot({ path: path.join(DOCS, 'editor-search-sms.png') });
	}
	await page.context().close();
});

test('the ContactSwing Action Trigger panel: the action, how to answer, and the live-call notice', async () => {
	const page = await editorPage({ width: 1280, height: 900 }, 'csE2eEditorAct01');
	await page
		.locator('[data-test-id="canvas-node"]', { hasText: 'Agent asks for the booking' })
		.dblclick();
	const panel = page.locator('[data-test-id="ndv"]');
	await panel.waitFor();
	for (const name of ['actionId', 'responseMode', 'responseData', 'responsePropertyName']) {
		await panel
			.locator(`[data-test-id="parameter-input-${name}"]`)
			.first()
			.waitFor({ timeout: 15_000 });
	}
	await panel
		.getByText(/The agent waits for this workflow on a live call/)
		.first()
		.waitFor({ timeout: 15_000 });
	// The picked action shows by its name (the resource locator's input).
	await expect(
		panel
			.locator('[data-test-id="rlc-input"]')
			.first()
			.evaluate((element) => element.value ?? element.querySelector('input')?.value),
	).resolves.toBe('Find the caller’s booking (Webhook / API Call)');
	// The panel's Docs link, as n8n builds it: the documentationUrl as it is, no "?utm_…" after a #fragment.
	await expect(
		page.locator('[data-test-id="ndv"] a', { hasText: 'Docs' }).first().getAttribute('href'),
	).resolves.toBe(
		'https://github.com/contactswing/n8n-nodes-contactswing/blob/main/docs/action-trigger.md',
	);
	await page.screenshot({ path: path.join(DOCS, 'editor-action-trigger.png') });
	await page.context().close();
});
