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
 * opens, the ContactSwing node's panel renders the SMS fields, and the screenshots in docs/ are taken
 * from this very run.
 */
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { createInstance, e2ePort, CREDENTIAL_ID } = require('./instance');
const { smsAgentFromAi } = require('../fixtures');

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
	await page.screenshot({ path: path.join(DOCS, 'editor-trigger.png') });
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
