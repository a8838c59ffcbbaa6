'use strict';
/**
 * ContactSwing Trigger in the real pinned n8n, published (active) and polling every minute, in n8n's default
 * mode and with its durable scheduler on (staged static data, leases, getPollBudgetMs). Both instances run
 * side by side; each has five workflows, each on its own sandbox account, and each sends what it receives to
 * a CRM-shaped endpoint on 127.0.0.1:
 *
 * - example: examples/call-finished-update-crm.json, a call the sandbox completes reaches the CRM;
 * - between: a call added right after publishing, before the first scheduled poll, arrives once;
 * - restart: n8n is stopped, 2 calls are added, n8n is started again: both arrive, once;
 * - 429 window: for 150 s every calls-list request is refused with Retry-After up to 150 s (polls that would
 *   overlap the next tick): the call added before it arrives once, no execution fails;
 * - 2,500 calls oldest first, 2,500 calls newest first (26 pages: the baseline reads them over two polls): 2
 *   new calls added after it arrive, and nothing else;
 * - a calls list ordered by last update: 3 known calls change status (and move to the top) around 2 new
 *   calls; the 2 new calls arrive, and nothing else;
 * - publishing again after a pause (unpublished for 150 s while 3 calls are made): version 2's Start From
 *   Now emits only the call made after publishing again; Catch Up emits the 3 calls and that one.
 *
 * Workflows use the trigger's version 2 (the example too), the restart account version 1. Each mode checks:
 * every expected event arrived once, nothing else arrived (also in a quiet minute after), and n8n recorded
 * no failed execution.
 */
const http = require('node:http');
const { createInstance, e2ePort } = require('./instance');
const { exampleWorkflow } = require('./workflows');
const { createSandbox, DEFAULT_TOKEN } = require('../sandbox/server');
// One trigger per workflow: n8n 2.40.7 releases a workflow's expression isolate when any of its polls ends,
// under polls of other triggers of the same workflow still running.

const MODES = {
	default: { port: e2ePort(5690), env: {} },
	durable: {
		port: e2ePort(5692),
		// The real names, from @n8n/config's SchedulerConfig (2.40.7).
		env: {
			N8N_SCHEDULER_ENABLED: 'true',
			N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
			N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
		},
	},
};
const WINDOW_MS = 150_000;
/** Unpublished this long: more than twice the one-minute poll interval, so publishing again follows a pause. */
const PAUSE_MS = 150_000;
/** Each account's workflow options: the restart account keeps version 1. */
const ACCOUNT_WORKFLOWS = {
	restart: { typeVersion: 1 },
	pausedNow: {},
	pausedCatchUp: { parameters: { afterPause: 'catchUp' } },
};

const received = [];
let crm;
const results = {};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits for `condition`; on time-out says what was there (`detail`). */
const until = async (condition, timeoutMs, what, detail = () => '') => {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (condition()) return;
		await sleep(500);
	}
	throw new Error(`Timed out waiting for ${what} ${detail()}`);
};
/** Polls that reached a sandbox: its calls-list requests, grouped by gaps of more than 10 s. */
const polls = (sandbox) => {
	let count = 0;
	let last = 0;
	for (const r of sandbox.requests) {
		if (r.path !== '/v2/_calls') continue;
		if (r.receivedAt - last > 10_000) count++;
		last = r.receivedAt;
	}
	return count;
};

/** Trigger → HTTP Request to the CRM path, on its own credential (its own sandbox account). */
function triggerWorkflow(id, credentialId, crmPath, { typeVersion = 2, parameters = {} } = {}) {
	return {
		id,
		name: `Trigger ${id}`,
		nodes: [
			{
				id: `${id}-t`,
				name: 'ContactSwing Trigger',
				type: 'n8n-nodes-contactswing.contactSwingTrigger',
				typeVersion,
				position: [0, 0],
				parameters: {
					event: 'newCall',
					...parameters,
					pollTimes: { item: [{ mode: 'everyMinute' }] },
				},
				credentials: { contactSwingApi: { id: credentialId, name: credentialId } },
			},
			{
				id: `${id}-h`,
				name: 'CRM',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [260, 0],
				parameters: {
					method: 'POST',
					url: `http://127.0.0.1:${crm.address().port}${crmPath}`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody:
						'={{ { "id": $json.id, "event": $json.event, "previous_status": $json.previous_status } }}',
					options: {},
				},
			},
		],
		connections: { 'ContactSwing Trigger': { main: [[{ node: 'CRM', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

async function runMode(mode) {
	const { port, env } = MODES[mode];
	const instance = await createInstance({ port });
	const accounts = {
		between: await createSandbox().listen(),
		restart: await createSandbox().listen(),
		window: await createSandbox().listen(),
		old2500: await createSandbox({ calls: 2500 }).listen(),
		new2500: await createSandbox({ calls: 2500 }).listen(),
		updated: await createSandbox().listen(),
		pausedNow: await createSandbox().listen(),
		pausedCatchUp: await createSandbox().listen(),
	};
	accounts.new2500.setFaults({ listOrder: 'newest-first' });
	accounts.updated.setFaults({ listOrder: 'updated-first' });
	const got = (scenario) =>
		received
			.filter((r) => r.url === `/crm/${mode}/${scenario}`)
			.map((r) => r.body.id ?? r.body.call_id);
	try {
		await instance.importSandboxCredential();
		const credentials = Object.entries(accounts).map(([name, sandbox], k) => ({
			// 16 characters, one per account and mode.
			id: `csTrigCred${k}${mode.slice(0, 5)}`,
			name: `ContactSwing (${name})`,
			type: 'contactSwingApi',
			data: { accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url },
		}));
		await instance.importJson('credentials', credentials);
		const example = exampleWorkflow('call-finished-update-crm.json', {
			url: `http://127.0.0.1:${crm.address().port}/crm/${mode}/example`,
		});
		const workflows = [
			{ ...example, id: `csE2eTrigEx${mode.slice(0, 5)}` },
			...Object.keys(accounts).map((name, k) =>
				triggerWorkflow(
					`csE2eTrig${k}${mode.slice(0, 6)}`,
					credentials[k].id,
					`/crm/${mode}/${name}`,
					ACCOUNT_WORKFLOWS[name],
				),
			),
		];
		instance.sandbox.addCall({
			id: 'call-e2e-1',
			customer_name: 'Jane Doe',
			status: 'in-progress',
			duration: 0,
		});
		// One CLI import for all; then each is published from the REST API, as the editor's Publish does.
		await instance.importJson('workflow', workflows);
		await instance.start(env);
		await instance.loginOwner();
		const publish = async (workflowId) => {
			const { json } = await instance.rest('GET', `/workflows/${workflowId}`);
			const published = await instance.rest('POST', `/workflows/${workflowId}/activate`, {
				versionId: json.data.versionId,
			});
			if (published.status !== 200)
				throw new Error(
					`Publishing ${workflowId}: ${published.status} ${JSON.stringify(published.json).slice(0, 300)}`,
				);
		};
		for (const workflow of workflows) await publish(workflow.id);
		const workflowOf = (name) => workflows[Object.keys(accounts).indexOf(name) + 1].id;
		// A call that appears right after publishing, before the first scheduled poll.
		await until(() => polls(accounts.between) >= 1, 120_000, `the activation poll (${mode})`);
		const betweenCall = accounts.between.addCall({ id: 'call-between' }).id;

		// The baseline. Under the durable scheduler the activation poll's node state is not committed (the
		// trigger keeps its baseline in the workflow's static data too); the others wait for a scheduled poll.
		const baselinePolls = mode === 'durable' ? 2 : 1;
		const all = [instance.sandbox, ...Object.values(accounts)];
		await until(
			() => all.every((sandbox) => polls(sandbox) >= baselinePolls),
			200_000,
			`the baseline polls (${mode})`,
		);
		await sleep(5_000);

		instance.sandbox.setCallStatus('call-e2e-1', 'completed');
		// Known calls change status around the new ones: in a list ordered by update they move to the top.
		accounts.updated.setCallStatus('call-0003', 'in-progress');
		const updatedA = accounts.updated.addCall({ id: 'call-updated-a' }).id;
		accounts.updated.setCallStatus('call-0010', 'completed');
		accounts.updated.setCallStatus('call-0044', 'no-answer');
		const updatedB = accounts.updated.addCall({ id: 'call-updated-b' }).id;
		const added = {
			window: [accounts.window.addCall({ id: 'call-window-1' }).id],
			between: [betweenCall],
			updated: [updatedA, updatedB],
		};
		// The 2,500-call lists: the first scheduled poll finishes their baseline; new calls come after it.
		const bigLists = ['old2500', 'new2500'].map(async (name) => {
			await until(() => polls(accounts[name]) >= 2, 200_000, `the ${name} baseline (${mode})`);
			await sleep(5_000);
			added[name] = [`call-${name}-a`, `call-${name}-b`].map(
				(id) => accounts[name].addCall({ id }).id,
			);
		});
		// A pause: unpublished for PAUSE_MS while 3 calls are made, then published again (after the restart).
		for (const name of ['pausedNow', 'pausedCatchUp']) {
			const unpublished = await instance.rest(
				'POST',
				`/workflows/${workflowOf(name)}/deactivate`,
				{},
			);
			if (unpublished.status !== 200)
				throw new Error(`Unpublishing ${name}: ${unpublished.status}`);
		}
		const pauseEnds = Date.now() + PAUSE_MS;
		const madeInPause = ['a', 'b', 'c'].map((k) => `call-pause-${k}`);
		for (const name of ['pausedNow', 'pausedCatchUp'])
			for (const id of madeInPause) accounts[name].addCall({ id });
		// The 429 window: every calls-list request refused, Retry-After counting down from 150 s.
		accounts.window.state.rateLimits['GET /v2/_calls'] = { limit: 0, windowMs: WINDOW_MS };
		accounts.window.state.windows.clear();
		const windowRequestsBefore = accounts.window.requests.length;
		const windowClosed = sleep(WINDOW_MS).then(() => {
			accounts.window.state.rateLimits['GET /v2/_calls'] = { limit: 30, windowMs: 60_000 };
			accounts.window.state.windows.clear();
		});
		await until(
			() => got('example').length >= 1 && got('between').length >= 1 && got('updated').length >= 2,
			200_000,
			`the first events (${mode})`,
		);

		// Restart with calls added while n8n is down.
		await instance.stop();
		added.restart = [
			accounts.restart.addCall({ id: 'call-restart-a' }).id,
			accounts.restart.addCall({ id: 'call-restart-b' }).id,
		];
		await instance.start(env);
		await until(
			() => got('restart').length >= 2,
			200_000,
			`the calls added while n8n was down (${mode})`,
		);
		await Promise.all(bigLists);
		await until(
			() => got('old2500').length >= 2 && got('new2500').length >= 2,
			200_000,
			`the calls added to the 2,500-call lists (${mode})`,
		);

		// Published again after the pause; a call made after publishing (before the first scheduled poll).
		await sleep(Math.max(0, pauseEnds - Date.now()));
		await instance.loginOwner();
		for (const name of ['pausedNow', 'pausedCatchUp']) {
			// The call comes after the activation poll (publishing may return before n8n has run it).
			const before = accounts[name].requests.length;
			await publish(workflowOf(name));
			await until(
				() => accounts[name].requests.length > before,
				120_000,
				`the activation poll of ${name} (${mode})`,
			);
		}
		await sleep(5_000);
		for (const name of ['pausedNow', 'pausedCatchUp'])
			accounts[name].addCall({ id: 'call-after-pause' });
		added.pausedNow = ['call-after-pause'];
		added.pausedCatchUp = [...madeInPause, 'call-after-pause'];

		await windowClosed;
		const refusedInWindow = accounts.window.requests.length - windowRequestsBefore;
		await until(
			() =>
				got('window').length >= 1 &&
				got('pausedNow').length >= 1 &&
				got('pausedCatchUp').length >= 4,
			200_000,
			`the call after the 429 window and the calls after the pause (${mode})`,
			() =>
				JSON.stringify({
					window: got('window'),
					pausedNow: got('pausedNow'),
					pausedCatchUp: got('pausedCatchUp'),
				}),
		);
		// A quiet minute and more: nothing else may arrive.
		await sleep(75_000);

		await instance.loginOwner();
		const executions = await instance.rest('GET', '/executions?limit=200');
		if (executions.status !== 200)
			throw new Error(
				`GET /rest/executions: ${executions.status} ${JSON.stringify(executions.json).slice(0, 300)}`,
			);
		const list = executions.json.data?.results ?? executions.json.data ?? [];
		results[mode] = {
			example: got('example'),
			exampleBody: received.find((r) => r.url === `/crm/${mode}/example`)?.body,
			restart: got('restart'),
			between: got('between'),
			window: got('window'),
			old2500: got('old2500'),
			new2500: got('new2500'),
			updated: got('updated'),
			pausedNow: got('pausedNow'),
			pausedCatchUp: got('pausedCatchUp'),
			added,
			refusedInWindow,
			executions: list.length,
			failed: list
				.filter((e) => !['success', 'running', 'new', 'waiting'].includes(e.status))
				.map((e) => `${e.workflowId}: ${e.status}`),
			tokenOnlyToSandboxes: all.every((sandbox) =>
				sandbox.requests.every((r) => r.headers.authorization === `Bearer ${DEFAULT_TOKEN}`),
			),
		};
	} finally {
		await instance.close();
		for (const sandbox of Object.values(accounts)) await sandbox.close();
	}
}

beforeAll(async () => {
	crm = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			received.push({ method: req.method, url: req.url, body: JSON.parse(body || '{}') });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise((resolve) => crm.listen(0, '127.0.0.1', resolve));
	// Both modes side by side: each waits mostly for n8n's one-minute ticks.
	const runs = await Promise.allSettled(Object.keys(MODES).map(runMode));
	const failure = runs.find((run) => run.status === 'rejected');
	if (failure) throw failure.reason;
});

afterAll(async () => {
	await new Promise((resolve) => crm.close(resolve));
});

describe.each(Object.keys(MODES))('n8n 2.40.7, %s mode', (mode) => {
	test('the example: a call the sandbox completes reaches the CRM, once', () => {
		expect(results[mode].example).toEqual(['call-e2e-1']);
		expect(results[mode].exampleBody).toEqual({
			source: 'contactswing',
			call_id: 'call-e2e-1',
			customer_name: 'Jane Doe',
			status: 'completed',
			previous_status: 'in-progress',
			duration_seconds: 0,
		});
	});

	test('a call added after publishing, before the first scheduled poll, arrives once', () => {
		expect(results[mode].between).toEqual(results[mode].added.between);
	});

	test('restart: 2 calls added while n8n was down arrive, once each', () => {
		expect(results[mode].restart).toEqual(results[mode].added.restart);
	});

	test('a 429 window longer than the poll interval: polls end early instead of overlapping, the call arrives once, no execution fails', () => {
		expect(results[mode].refusedInWindow).toBeGreaterThan(0);
		expect(results[mode].window).toEqual(results[mode].added.window);
		expect(results[mode].failed).toEqual([]);
	});

	test.each(['old2500', 'new2500'])(
		'%s: 2 new calls on an account of 2,500 arrive, and nothing else',
		(account) => {
			expect(results[mode][account]).toEqual(results[mode].added[account]);
		},
	);

	test('a calls list ordered by update: the 2 new calls arrive, not the 3 known calls that changed status', () => {
		expect(results[mode].updated).toEqual(results[mode].added.updated);
	});

	test('published again after a pause: Start From Now emits the call made after publishing only; Catch Up the 3 calls of the pause too', () => {
		expect(results[mode].pausedNow).toEqual(results[mode].added.pausedNow);
		expect([...results[mode].pausedCatchUp].sort()).toEqual(
			[...results[mode].added.pausedCatchUp].sort(),
		);
	});

	test('the token went to the sandboxes only, always as Bearer', () => {
		expect(results[mode].tokenOnlyToSandboxes).toBe(true);
	});
});
