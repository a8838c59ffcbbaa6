'use strict';
/**
 * ContactSwing Action Trigger through n8n-core (HookContext for publish, unpublish and test listening,
 * WebhookContext for each call), driven as n8n's cli drives a webhook trigger (test/helpers/n8n.js,
 * createActionTrigger), against the sandbox, whose agent calls the action's URL as ContactSwing would.
 * What is asserted: the bytes ContactSwing stores, what reaches the workflow, what the agent gets back.
 */
const path = require('node:path');
const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));
const { Logger } = require(
	require.resolve('@n8n/backend-common', { paths: [require.resolve('n8n-core')] }),
);
const { createSandbox, DEFAULT_TOKEN } = require('../sandbox/server');
const {
	actionTriggerType,
	createActionTrigger,
	runNode,
	searchWebhookActions,
} = require('../helpers/n8n');

const HEADER = 'X-N8n-ContactSwing-Secret';
const { unreachableBecause } = require(
	path.join(__dirname, '../../dist/nodes/ContactSwingActionTrigger/reachable.js'),
);

let sandbox;
let logs;
const triggers = [];
beforeEach(async () => {
	sandbox = await createSandbox().listen();
	logs = [];
	for (const level of ['warn', 'info', 'error'])
		jest
			.spyOn(Container.get(Logger), level)
			.mockImplementation((message) => logs.push(`${level}: ${String(message)}`));
});
afterEach(async () => {
	jest.restoreAllMocks();
	for (const trigger of triggers.splice(0)) await trigger.close();
	await sandbox.close();
});

const credentials = () => ({ accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url });
const locator = (value) => ({ __rl: true, mode: 'id', value });
async function triggerFor(actionId, options = {}) {
	const trigger = await createActionTrigger({
		parameters: { actionId: locator(actionId), responseMode: 'lastNode' },
		credentials: credentials(),
		...options,
	});
	triggers.push(trigger);
	return trigger;
}
/** A webhook action as a user set it up for their CRM before n8n served it. */
function crmAction(extra = {}) {
	return sandbox.addWebhookAction({
		name: 'Find the booking',
		url: 'https://crm.example.com/api/bookings?key=crm-key-123',
		method: 'GET',
		headers: { Authorization: 'Bearer crm-secret-token', 'Content-Type': 'application/json' },
		required: ['phone_number'],
		response: { prompt: 'Read the booking time back to the caller' },
		run_before_call: false,
		...extra,
	});
}
const stored = (id) => sandbox.state.actions.find((action) => action.id === id);
const snapshot = (id) => JSON.stringify(stored(id));
const webhookOf = (id) => structuredClone(stored(id).webhook);
const sent = () => sandbox.requests.map((r) => `${r.method} ${r.path}`);
const served = (trigger) =>
	Object.values(trigger.stored['node:ContactSwing Action Trigger']?.served ?? {});

describe('publish, call, unpublish', () => {
	test('publishing points the action at the trigger with a secret header and changes nothing else', async () => {
		const action = crmAction();
		const before = structuredClone(stored(action.id));
		const trigger = await triggerFor(action.id);
		await trigger.publish();

		expect(sent()).toEqual([`GET /v2/_actions/${action.id}`, `PUT /v2/_actions/${action.id}`]);
		const [entry] = served(trigger);
		const url = `${trigger.url}/webhook/7c1e5a10-0000-4000-8000-000000000001/action`;
		expect(entry.secret).toMatch(
			/^wfActionTrig0001:f0c1a5b2-0000-4000-8000-0000000000a7:[0-9A-Za-z]{64}$/,
		);
		// The action's own Content-Type stays (it describes the body ContactSwing sends); its other headers,
		// a key for the CRM here, are kept aside and not sent to n8n.
		expect(stored(action.id).webhook).toEqual({
			...before.webhook,
			url,
			method: 'POST',
			headers: { 'Content-Type': 'application/json', [HEADER]: entry.secret },
		});
		const { webhook: _, ...rest } = stored(action.id);
		const { webhook: __, ...restBefore } = before;
		expect(rest).toEqual(restBefore);
		// Sent back as read, without the fields ContactSwing owns (writeBack.ts).
		const put = sandbox.requests[1].body;
		expect(put).not.toHaveProperty('id');
		expect(put).not.toHaveProperty('company_id');
		expect(put.webhook.required).toEqual(['phone_number']);
		// What static data keeps: the secret, the URL, and the previous settings exactly as read.
		expect(entry).toEqual({
			actionId: action.id,
			secret: entry.secret,
			url,
			previous: {
				url: before.webhook.url,
				method: 'GET',
				headers: before.webhook.headers,
			},
		});
	});

	test('a call from the agent starts one run with what ContactSwing sent, without the secret; the answer reaches the agent', async () => {
		const action = crmAction();
		const trigger = await triggerFor(action.id);
		await trigger.publish();
		const call = await sandbox.callAgent(action.id, { args: { phone_number: '+13465507166' } });
		expect(call.status).toBe(200);
		expect(trigger.runs).toHaveLength(1);
		const [item] = trigger.runs[0].items;
		expect(item).toEqual({
			actionId: action.id,
			body: { phone_number: '+13465507166' },
			query: {},
			headers: expect.objectContaining({ 'content-type': 'application/json' }),
		});
		const secret = served(trigger)[0].secret;
		expect(JSON.stringify(trigger.runs)).not.toContain(secret.split(':')[2]);
		expect(Object.keys(item.headers).map((h) => h.toLowerCase())).not.toContain(
			HEADER.toLowerCase(),
		);
		// The harness answers with the items, as a workflow answering with its first node would.
		expect(call.answerJson).toEqual([item]);
	});

	test('a call without the secret, with a wrong one or one of another length: 401, and no run', async () => {
		const action = crmAction();
		const trigger = await triggerFor(action.id);
		await trigger.publish();
		const secret = served(trigger)[0].secret;
		const wrongSameLength = secret.slice(0, -1) + (secret.endsWith('0') ? '1' : '0');
		for (const value of [null, 'wrong', wrongSameLength, `${secret}x`, secret.toUpperCase()]) {
			const call = await sandbox.callAgent(action.id, { headers: { [HEADER]: value } });
			expect([value === null ? 'none' : value.slice(0, 8), call.status]).toEqual([
				value === null ? 'none' : value.slice(0, 8),
				401,
			]);
		}
		const direct = await fetch(stored(action.id).webhook.url, { method: 'POST', body: '{}' });
		expect(direct.status).toBe(401);
		expect(trigger.runs).toEqual([]);
	});

	test('unpublishing restores the webhook settings byte for byte, key order included', async () => {
		const action = crmAction();
		const before = snapshot(action.id);
		const trigger = await triggerFor(action.id);
		await trigger.publish();
		expect(snapshot(action.id)).not.toBe(before);
		expect(await trigger.unpublish()).toBe(true);
		expect(snapshot(action.id)).toBe(before);
		expect(served(trigger)).toEqual([]);
		// The restored action no longer carries the header: calls to the old URL are refused.
		const call = await sandbox.callAgent(action.id);
		expect(call.error ?? call.status).not.toBe(200);
	});

	test('an action that had no headers gets Content-Type and the secret, and has no headers again after', async () => {
		const action = sandbox.addWebhookAction({ url: 'https://crm.example.com/hook' });
		const before = snapshot(action.id);
		expect(stored(action.id).webhook).not.toHaveProperty('headers');
		const trigger = await triggerFor(action.id);
		await trigger.publish();
		expect(Object.keys(stored(action.id).webhook.headers)).toEqual(['Content-Type', HEADER]);
		await trigger.unpublish();
		expect(snapshot(action.id)).toBe(before);
	});

	test('publishing again when the action still points here sends no write', async () => {
		const action = crmAction();
		const trigger = await triggerFor(action.id);
		await trigger.publish();
		sandbox.requests.length = 0;
		await trigger.publish({ activation: 'init' });
		expect(sent()).toEqual([`GET /v2/_actions/${action.id}`]);
	});

	test('a delete with nothing in static data sends nothing', async () => {
		const action = crmAction();
		const trigger = await triggerFor(action.id);
		expect(await trigger.unpublish()).toBe(true);
		expect(sandbox.requests).toEqual([]);
	});

	test('the secret never appears in what n8n logs', async () => {
		const action = crmAction();
		const trigger = await triggerFor(action.id);
		await trigger.publish();
		const secret = served(trigger)[0].secret.split(':')[2];
		sandbox.setFaults({ unavailable: true });
		await trigger.unpublish();
		sandbox.setFaults({ unavailable: false });
		await trigger.publish({ activation: 'init' });
		await trigger.unpublish();
		expect(logs.length).toBeGreaterThan(0);
		expect(logs.join('\n')).not.toContain(secret);
	});
});

describe("ContactSwing's blips", () => {
	test('n8n restarted while ContactSwing answers 503: the workflow stays published, the action untouched, calls served', async () => {
		const action = crmAction();
		const trigger = await triggerFor(action.id);
		await trigger.publish();
		const pointed = snapshot(action.id);
		sandbox.requests.length = 0;
		sandbox.setFaults({ unavailable: true });
		// n8n starting: 'init' activation; a throw here would make n8n call delete (restore) and retry later.
		await expect(trigger.publish({ activation: 'init' })).resolves.toBeUndefined();
		expect(sandbox.requests.every((r) => r.method === 'GET')).toBe(true);
		expect(sandbox.requests.length).toBeGreaterThan(1); // the transport retried within its budget
		expect(snapshot(action.id)).toBe(pointed);
		expect(logs.some((line) => /could not be reached .* stays published/.test(line))).toBe(true);
		sandbox.setFaults({ unavailable: false });
		expect((await sandbox.callAgent(action.id, { args: { a: 1 } })).status).toBe(200);
		expect(trigger.runs).toHaveLength(1);
	});

	test('when checkExists fails for good (token refused), n8n calls delete: nothing is restored while ContactSwing refuses', async () => {
		const action = crmAction();
		const trigger = await triggerFor(action.id);
		await trigger.publish();
		const pointed = snapshot(action.id);
		sandbox.state.token = 'rotated-token';
		await expect(trigger.publish({ activation: 'init' })).rejects.toThrow(
			/ContactSwing refused the access token \(HTTP 401\)/,
		);
		expect(snapshot(action.id)).toBe(pointed);
		// The settings stay kept for the next lifecycle call.
		expect(served(trigger)).toHaveLength(1);
		sandbox.state.token = DEFAULT_TOKEN;
		await trigger.unpublish();
		expect(served(trigger)).toEqual([]);
	});

	test('unpublished while ContactSwing answers 503: the settings stay kept, and the next unpublish restores them', async () => {
		const action = crmAction();
		const before = snapshot(action.id);
		const trigger = await triggerFor(action.id);
		await trigger.publish();
		sandbox.setFaults({ unavailable: true });
		expect(await trigger.unpublish()).toBe(false);
		expect(served(trigger)).toHaveLength(1);
		expect(logs.some((line) => /could not restore the webhook settings/.test(line))).toBe(true);
		sandbox.setFaults({ unavailable: false });
		// Published again: the action still points here, nothing is written; unpublished: restored.
		await trigger.publish();
		expect(sandbox.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
		await trigger.unpublish();
		expect(snapshot(action.id)).toBe(before);
	});

	test('a restore that failed is retried on the next lifecycle call, also when the node now serves another action', async () => {
		const first = crmAction({ name: 'First' });
		const second = crmAction({ name: 'Second' });
		const firstBefore = snapshot(first.id);
		const trigger = await triggerFor(first.id);
		await trigger.publish();
		sandbox.setFaults({ unavailable: true });
		await trigger.unpublish();
		sandbox.setFaults({ unavailable: false });
		trigger.node.parameters.actionId = locator(second.id);
		await trigger.publish();
		expect(snapshot(first.id)).toBe(firstBefore);
		expect(served(trigger).map((entry) => entry.actionId)).toEqual([second.id]);
		expect(stored(second.id).webhook.url).toContain('/webhook/');
	});

	test('a write that lands but answers an error is undone before the publish fails', async () => {
		const action = crmAction();
		const before = snapshot(action.id);
		const trigger = await triggerFor(action.id);
		// The GET passes; the PUT is applied, then answered 503 with a Retry-After longer than publishing waits.
		sandbox.script(
			{ processed: true },
			{
				processed: true,
				status: 503,
				body: { detail: 'busy' },
				headers: { 'retry-after': '3600' },
			},
		);
		await expect(trigger.publish()).rejects.toThrow(/HTTP 503/);
		expect(snapshot(action.id)).toBe(before);
		expect(sent()).toEqual([
			`GET /v2/_actions/${action.id}`,
			`PUT /v2/_actions/${action.id}`,
			`GET /v2/_actions/${action.id}`,
			`PUT /v2/_actions/${action.id}`,
		]);
		expect(served(trigger)).toEqual([]);
	});
});

describe('refusals', () => {
	test('an action another workflow serves is refused, naming that workflow; nothing is written', async () => {
		const action = crmAction({
			url: 'https://n8n.example.com/webhook/abc/action',
			method: 'POST',
			headers: { [HEADER]: 'wfOtherWorkflow1:node-1:' + 'a'.repeat(64) },
		});
		const trigger = await triggerFor(action.id);
		await expect(trigger.publish()).rejects.toThrow(
			/Action “Find the booking” \(.+\) is already served by the ContactSwing Action Trigger of n8n workflow wfOtherWorkflow1/,
		);
		expect(sent()).toEqual([`GET /v2/_actions/${action.id}`]);
		expect(served(trigger)).toEqual([]);
	});

	test('two workflows on one action: the second refuses and the first keeps serving', async () => {
		const action = crmAction();
		const first = await triggerFor(action.id, { workflowId: 'wfFirstWorkflow1' });
		await first.publish();
		const second = await triggerFor(action.id, {
			workflowId: 'wfSecondWorkflow',
			webhookId: '7c1e5a10-0000-4000-8000-000000000002',
		});
		await expect(second.publish()).rejects.toThrow(/served by .* n8n workflow wfFirstWorkflow1/);
		expect(stored(action.id).webhook.url).toContain(first.url);
		expect((await sandbox.callAgent(action.id)).status).toBe(200);
		expect(first.runs).toHaveLength(1);
	});

	test('two workflows of one n8n publishing one action at the same moment: one serves, the other refuses', async () => {
		const action = crmAction();
		// Answers take a while, so both would read the action before either wrote, if nothing queued them.
		sandbox.setFaults({ latencyMs: 40 });
		const triggers = await Promise.all(
			['wfFirstWorkflow1', 'wfSecondWorkflow'].map((workflowId, k) =>
				triggerFor(action.id, { workflowId, webhookId: `7c1e5a10-0000-4000-8000-00000000001${k}` }),
			),
		);
		const outcomes = await Promise.allSettled(triggers.map((trigger) => trigger.publish()));
		expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
		const winner = triggers[outcomes.findIndex((o) => o.status === 'fulfilled')];
		expect(String(outcomes.find((o) => o.status === 'rejected').reason.message)).toMatch(
			/already served by the ContactSwing Action Trigger of n8n workflow/,
		);
		expect(stored(action.id).webhook.url).toContain(winner.url);
		expect((await sandbox.callAgent(action.id)).status).toBe(200);
		expect(winner.runs).toHaveLength(1);
	});

	test('two trigger nodes of one workflow on one action: the second refuses', async () => {
		const action = crmAction();
		const first = await triggerFor(action.id);
		await first.publish();
		const second = await triggerFor(action.id, {
			nodeId: 'f0c1a5b2-0000-4000-8000-0000000000b8',
			name: 'Second trigger',
			webhookId: '7c1e5a10-0000-4000-8000-000000000003',
		});
		await expect(second.publish()).rejects.toThrow(
			/is already served by another ContactSwing Action Trigger node of this workflow \(wfActionTrig0001\)/,
		);
	});

	test('an action that does not exist, and one that is not a webhook action, fail the publish naming it', async () => {
		const missing = await triggerFor('a0000000-0000-4000-8000-999999999999');
		await expect(missing.publish()).rejects.toThrow(
			'ContactSwing has no action a0000000-0000-4000-8000-999999999999',
		);
		const transfer = await triggerFor('a0000000-0000-4000-8000-000000000002');
		await expect(transfer.publish()).rejects.toThrow(
			/Action “Sandbox action 2” \(a0000000-0000-4000-8000-000000000002\) is a CALL_TRANSFER action, not a Webhook \/ API Call action/,
		);
		expect(sandbox.requests.filter((r) => r.method === 'PUT')).toEqual([]);
	});

	test('an Action ID that would name a property of static data itself is refused, and nothing is sent', async () => {
		for (const id of ['__proto__', 'constructor', 'prototype', '../x']) {
			const trigger = await triggerFor(id);
			await expect(trigger.publish()).rejects.toThrow('Action is not a ContactSwing action ID');
		}
		expect(sandbox.requests.filter((r) => !r.path.startsWith('/__sandbox'))).toEqual([]);
	});

	test('a webhook URL ContactSwing could not reach is refused before anything is sent, naming WEBHOOK_URL', async () => {
		const trigger = await createActionTrigger({
			parameters: {
				actionId: locator('a0000000-0000-4000-8000-000000000001'),
				responseMode: 'lastNode',
			},
			// A ContactSwing elsewhere: n8n's loopback URL is unreachable for it.
			credentials: { accessToken: DEFAULT_TOKEN, baseUrl: 'https://api.contactswing.example' },
		});
		triggers.push(trigger);
		const error = await trigger.publish().catch((e) => e);
		expect(error.message).toMatch(
			/webhook URL http:\/\/127\.0\.0\.1:\d+\/webhook\/.* does not start with https:\/\//,
		);
		expect(error.message).toMatch(/set WEBHOOK_URL to this n8n.s public https address$/);
		expect(error.description).toMatch(/WEBHOOK_URL/);
	});

	test('which webhook URLs ContactSwing can reach', () => {
		const cloud = 'https://prod-contactswing-fastapi-962560522883.us-central1.run.app';
		const cases = [
			['https://n8n.example.com/webhook/x/action', cloud, undefined],
			['http://n8n.example.com/webhook/x/action', cloud, 'does not start with https://'],
			['http://localhost:5678/webhook/x/action', cloud, 'does not start with https://'],
			['https://localhost/webhook', cloud, /localhost/],
			['https://127.0.0.1/webhook', cloud, /127\.0\.0\.1/],
			['https://192.168.1.20/webhook', cloud, /192\.168\.1\.20/],
			['https://10.0.0.5/webhook', cloud, /10\.0\.0\.5/],
			['https://172.20.0.3/webhook', cloud, /172\.20\.0\.3/],
			['https://[::1]/webhook', cloud, /::1/],
			['https://[fd00::1]/webhook', cloud, /fd00::1/],
			['https://n8n/webhook', cloud, /only this machine or its network/],
			['https://n8n.internal/webhook', cloud, /n8n\.internal/],
			['https://172.32.0.1/webhook', cloud, undefined],
			// A ContactSwing on this machine (the sandbox) may call a loopback n8n, over http too.
			['http://127.0.0.1:5678/webhook/x/action', 'http://127.0.0.1:8787', undefined],
			['http://localhost:5678/webhook/x/action', 'http://localhost:8787', undefined],
			['http://192.168.1.20:5678/webhook', 'http://127.0.0.1:8787', 'does not start with https://'],
		];
		for (const [url, base, expected] of cases) {
			const why = unreachableBecause(url, base);
			if (expected === undefined) expect([url, why]).toEqual([url, undefined]);
			else expect([url, why]).toEqual([url, expect.stringMatching(expected)]);
		}
	});
});

describe('"Listen for test event" in the editor', () => {
	test('while nothing is published: the action points at the test URL, a call reaches the listener, and it is restored after', async () => {
		const action = crmAction();
		const before = snapshot(action.id);
		const trigger = await triggerFor(action.id);
		await trigger.listen();
		expect(stored(action.id).webhook.url).toBe(
			`${trigger.url}/webhook-test/7c1e5a10-0000-4000-8000-000000000001/action`,
		);
		const call = await sandbox.callAgent(action.id, { args: { phone_number: '+13465507166' } });
		expect(call.status).toBe(200);
		expect(trigger.runs).toEqual([
			{ test: true, items: [expect.objectContaining({ body: { phone_number: '+13465507166' } })] },
		]);
		await trigger.stopListening();
		expect(snapshot(action.id)).toBe(before);
		// The published workflow's static data was never touched.
		expect(trigger.stored).toEqual({});
	});

	test('while a published workflow serves the action: refused, live calls keep going to it, nothing written', async () => {
		const action = crmAction();
		const trigger = await triggerFor(action.id);
		await trigger.publish();
		const pointed = snapshot(action.id);
		sandbox.requests.length = 0;
		await expect(trigger.listen()).rejects.toThrow(
			/already served by the ContactSwing Action Trigger of this workflow \(wfActionTrig0001\)/,
		);
		expect(sent()).toEqual([`GET /v2/_actions/${action.id}`]);
		expect(snapshot(action.id)).toBe(pointed);
		expect((await sandbox.callAgent(action.id)).status).toBe(200);
		expect(trigger.runs).toEqual([expect.objectContaining({ test: false })]);
	});
});

describe('what ContactSwing sends reaches the workflow as received', () => {
	test('a text body, an unparsed body and a query string', async () => {
		const action = crmAction();
		const trigger = await triggerFor(action.id);
		await trigger.publish();
		const { url, headers } = stored(action.id).webhook;
		const post = (body, contentType, query = '') =>
			fetch(`${url}${query}`, {
				method: 'POST',
				headers: {
					[HEADER]: headers[HEADER],
					...(contentType ? { 'content-type': contentType } : {}),
				},
				body,
			});
		await post('caller said: tomorrow', 'text/plain');
		await post('<call id="7"/>', 'application/x-contactswing');
		await post('{"a":1}', 'application/json', '?call_id=7&step=2');
		expect(trigger.runs.map((run) => [run.items[0].body, run.items[0].query])).toEqual([
			['caller said: tomorrow', {}],
			['<call id="7"/>', {}],
			[{ a: 1 }, { call_id: '7', step: '2' }],
		]);
	});
});

describe("the ContactSwing node's action operations and the secret header", () => {
	test('Get Action and Get Many show the header redacted; Update Action sends it back as read', async () => {
		const action = crmAction();
		const trigger = await triggerFor(action.id);
		await trigger.publish();
		const secret = served(trigger)[0].secret;
		const run = (parameters) => runNode({ parameters, credentials: credentials(), typeVersion: 3 });
		const got = await run({ resource: 'action', operation: 'get', actionId: locator(action.id) });
		expect(got.output[0].json.webhook.headers).toEqual({
			'Content-Type': 'application/json',
			[HEADER]: '[redacted]',
		});
		const many = await run({ resource: 'action', operation: 'getMany', returnAll: true });
		const listed = many.output.find((item) => item.json.id === action.id);
		expect(listed.json.webhook.headers[HEADER]).toBe('[redacted]');
		expect(JSON.stringify([got.output, many.output])).not.toContain(secret.split(':')[2]);

		sandbox.requests.length = 0;
		await run({
			resource: 'action',
			operation: 'update',
			actionId: locator(action.id),
			name: 'Find the booking (renamed)',
		});
		const put = sandbox.requests.find((r) => r.method === 'PUT');
		expect(put.body.webhook.headers[HEADER]).toBe(secret);
		expect((await sandbox.callAgent(action.id)).status).toBe(200);
	});

	test('publish, unpublish and Update Action of one action at the same time: no change is lost', async () => {
		const action = crmAction();
		const trigger = await triggerFor(action.id);
		const before = webhookOf(action.id);
		// Answers take a while, so the reads and writes of both would interleave if nothing queued them.
		sandbox.setFaults({ latencyMs: 40 });
		const update = (description) =>
			runNode({
				parameters: {
					resource: 'action',
					operation: 'update',
					actionId: locator(action.id),
					updateFields: { description },
				},
				credentials: credentials(),
				typeVersion: 3,
			});
		const [, published] = await Promise.all([trigger.publish(), update('Looks up the booking')]);
		expect(published.error).toBeUndefined();
		expect(stored(action.id).description).toBe('Looks up the booking');
		expect(webhookOf(action.id).url).toBe(served(trigger)[0].url);
		expect((await sandbox.callAgent(action.id)).status).toBe(200);

		const [, renamed] = await Promise.all([trigger.unpublish(), update('Finds the booking')]);
		expect(renamed.error).toBeUndefined();
		expect(stored(action.id).description).toBe('Finds the booking');
		expect(webhookOf(action.id)).toEqual(before);
	});

	test('the Action picker lists only webhook actions', async () => {
		crmAction({ name: 'Booking lookup' });
		const { results } = await searchWebhookActions(credentials());
		expect(results.length).toBeGreaterThan(0);
		const types = new Set(results.map((result) => stored(result.value)?.type ?? 'unknown'));
		expect([...types]).toEqual(['WEBHOOK']);
		expect(results.map((r) => r.name)).toContain('Booking lookup (Webhook / API Call)');
	});
});

test('the description: a webhook trigger with the full lifecycle, POST, and the response modes', () => {
	const { description, webhookMethods } = actionTriggerType;
	expect(description).toEqual(
		expect.objectContaining({
			name: 'contactSwingActionTrigger',
			displayName: 'ContactSwing Action Trigger',
			group: ['trigger'],
			inputs: [],
		}),
	);
	expect(Object.keys(webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
	expect(description.webhooks).toEqual([
		expect.objectContaining({ name: 'default', httpMethod: 'POST', path: 'action' }),
	]);
	const byName = Object.fromEntries(description.properties.map((p) => [p.name, p]));
	expect(byName.responseMode.options.map((o) => o.value)).toEqual(['onReceived', 'lastNode']);
	expect(byName.responseData.options.map((o) => o.value)).toEqual([
		'allEntries',
		'firstEntryJson',
		'noData',
		'firstEntryField',
	]);
	// No mode that needs n8n's Respond to Webhook node, which refuses to run after a community trigger.
	expect(JSON.stringify(description)).not.toContain('responseNode');
});

describe('its description in the editor and for the AI builder', () => {
	const fs = require('node:fs');
	const { NodeTypeParser, searchCodeBuilderNodes } = require('@n8n/ai-utilities/node-catalog');
	const root = path.join(__dirname, '../..');
	const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');
	const codex = require('../../dist/nodes/ContactSwing/ContactSwing.node.json');

	const { loadedAsN8nDoes } = require('../helpers/n8n');

	describe('the ContactSwing Action Trigger: found, documented, and described for the AI builder', () => {
		const { actionTriggerType, ACTION_TRIGGER_TYPE } = require('../helpers/n8n');
		const triggerCodex = require('../../dist/nodes/ContactSwingActionTrigger/ContactSwingActionTrigger.node.json');
		const loaded = async () =>
			(await loadedAsN8nDoes()).find((node) => node.name === ACTION_TRIGGER_TYPE);
		const inRepository = (url) =>
			/^https:\/\/github\.com\/contactswing\/n8n-nodes-contactswing\/blob\/main\/([^?#]+)$/.exec(
				url,
			)?.[1];

		test('its Docs link opens docs/action-trigger.md; the credential docs docs/credentials.md', () => {
			const { documentationUrl } = actionTriggerType.description;
			// n8n opens an http documentationUrl as it is; the codex URLs carry no #fragment for "?utm_…" to follow.
			expect(inRepository(documentationUrl)).toBe('docs/action-trigger.md');
			expect(triggerCodex.resources.primaryDocumentation.map((r) => inRepository(r.url))).toEqual([
				'docs/action-trigger.md',
			]);
			expect(
				triggerCodex.resources.credentialDocumentation.map((r) => inRepository(r.url)),
			).toEqual(['docs/credentials.md']);
			for (const file of ['docs/action-trigger.md', 'docs/credentials.md'])
				expect(fs.existsSync(path.join(root, file))).toBe(true);
		});

		test("n8n's node catalog finds it by what it does: webhook, voice, call, agent tool, function call", async () => {
			const node = await loaded();
			expect(node.codex.alias).toEqual(
				expect.arrayContaining([
					'Webhook',
					'Voice',
					'Call',
					'Phone',
					'Agent tool',
					'Function call',
				]),
			);
			const parser = new NodeTypeParser(await loadedAsN8nDoes());
			for (const query of ['webhook', 'agent tool', 'function call', 'voice', 'phone'])
				expect([query, parser.searchNodeTypes(query).map((n) => n.id)]).toEqual([
					query,
					expect.arrayContaining([ACTION_TRIGGER_TYPE]),
				]);
		});

		test('its builder hint says when to pick it, that the agent waits, and never relates Respond to Webhook', async () => {
			const node = await loaded();
			const { searchHint, relatedNodes } = node.builderHint;
			expect(searchHint).toMatch(/in the middle of a live call/);
			expect(searchHint).toMatch(/within a few seconds/);
			expect(searchHint).toMatch(/never add Respond to Webhook/);
			const related = relatedNodes.map((r) => r.nodeType);
			expect(related).toEqual(
				expect.arrayContaining([
					'n8n-nodes-contactswing.contactSwing',
					'n8n-nodes-contactswing.contactSwingTrigger',
					'n8n-nodes-base.httpRequest',
				]),
			);
			expect(related).not.toContain('n8n-nodes-base.respondToWebhook');
			const action = node.properties.find((p) => p.name === 'actionId');
			expect(action.builderHint.propertyHint).toMatch(/never invent/);
			const parser = new NodeTypeParser(await loadedAsN8nDoes());
			const { results } = searchCodeBuilderNodes(parser, ['agent asks during a call']);
			expect(results).toContain('@builderHint Starts a workflow when a ContactSwing AI agent asks');
		});

		test('the panel says the agent waits on a live call', () => {
			const notices = actionTriggerType.description.properties.filter((p) => p.type === 'notice');
			expect(notices.map((p) => p.displayName)).toEqual([
				expect.stringMatching(
					/waits for this workflow on a live call: answer within a few seconds/,
				),
			]);
		});

		test("its icon is the ContactSwing node's current one", () => {
			for (const file of ['contactSwing.svg', 'contactSwing.dark.svg'])
				expect(read(`nodes/ContactSwingActionTrigger/${file}`)).toBe(
					read(`nodes/ContactSwing/${file}`),
				);
		});
	});
});
