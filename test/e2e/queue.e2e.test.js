'use strict';
const { exampleWorkflow, leadsWebhookWorkflow } = require('./workflows');
/**
 * Queue mode: PostgreSQL, Redis, one main n8n, two workers and a webhook processor (`n8n webhook`), the
 * package installed in every process's user folder.
 * - 200 webhook calls with lead payloads go to the webhook processor; each must create exactly one agent
 *   in the sandbox, and n8n's execution data must show the executions ran on the workers, none failed.
 * - A bulk execution (300 leads in one call) loses its worker to kill -9 part-way: what n8n then does (no
 *   re-run, the execution's final status, a partial result, no duplicates) is asserted, so a future n8n that
 *   behaves differently fails here and the docs/queue-mode.md ("when a worker dies") gets updated.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const runtime = require('../../scripts/n8n-runtime');
const { smsAgent } = require('../fixtures');
const { createSandbox, DEFAULT_TOKEN } = require('../sandbox/server');
const { startPostgres, startRedis } = require('./services');
const { e2ePort } = require('./instance');
const { SECRET_HEADER, actionTriggerWorkflow, crmActionSettings } = require('./actionTrigger');

const PORTS = {
	postgres: e2ePort(5442),
	redis: e2ePort(6392),
	main: e2ePort(5695),
	workers: [e2ePort(5696), e2ePort(5697)],
	webhook: e2ePort(5694),
};
/** Shorter than n8n's defaults (60 s lock, 30 s stalled check) so a dead worker is noticed within seconds. */
const STALL_SETTINGS = {
	QUEUE_WORKER_LOCK_DURATION: '10000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};
const BULK_LEADS = 300;
/** ContactSwing Action Trigger workflows (queue mode): one per response mode, each on its own action. */
const ACTION_WORKFLOWS = {
	csQueueAction001: { responseMode: 'lastNode', responseData: 'firstEntryJson' },
	csQueueActionNow: { responseMode: 'onReceived' },
};
const actionIds = {};
const CALLS = Number(process.env.QUEUE_CALLS ?? 200);

let postgres;
let redis;
let sandbox;
const processes = [];
const folders = [];

const queueEnv = () => ({
	DB_TYPE: 'postgresdb',
	DB_POSTGRESDB_HOST: '127.0.0.1',
	DB_POSTGRESDB_PORT: String(PORTS.postgres),
	DB_POSTGRESDB_DATABASE: 'n8n',
	DB_POSTGRESDB_USER: 'n8n',
	DB_POSTGRESDB_PASSWORD: '',
	EXECUTIONS_MODE: 'queue',
	QUEUE_BULL_REDIS_HOST: '127.0.0.1',
	QUEUE_BULL_REDIS_PORT: String(PORTS.redis),
	EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
	// Lets the workflow record which process ran it (CONTACTSWING_PROCESS), so the execution data says.
	N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
	...STALL_SETTINGS,
});

/** 300 leads in one webhook call, answered at once, created in one execution 5 at a time. */
function bulkWorkflow() {
	const credentials = {
		contactSwingApi: { id: 'csSandboxCred001', name: 'ContactSwing (sandbox)' },
	};
	return {
		id: 'csQueueBulk00001',
		name: 'Queue: bulk leads',
		nodes: [
			{
				id: 'b1',
				name: 'Bulk leads',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '6a1f0c2e-4444-4a55-9a01-000000000001',
				parameters: {
					httpMethod: 'POST',
					path: 'bulk-leads',
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: 'b2',
				name: 'One item per lead',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [200, 0],
				parameters: { fieldToSplitOut: 'body.leads', options: {} },
			},
			{
				id: 'b3',
				name: 'Create SMS AI agent',
				type: 'n8n-nodes-contactswing.contactSwing',
				typeVersion: 2,
				position: [400, 0],
				credentials,
				parameters: smsAgent({
					name: '={{ $json.name }}',
					instructions: 'Follow up with the lead.',
					options: { batching: { batch: { batchSize: 5 } } },
				}),
			},
		],
		connections: {
			'Bulk leads': { main: [[{ node: 'One item per lead', type: 'main', index: 0 }]] },
			'One item per lead': { main: [[{ node: 'Create SMS AI agent', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Bulk leads on node version 3, Repeat Protection across executions keyed by the lead's name, unknowns flagged. */
function keyedBulkWorkflow() {
	return leadsWebhookWorkflow(
		'csQueueBulkKey01',
		'bulk-leads-keyed',
		'6a1f0c2e-4444-4a55-9a01-000000000002',
		{
			repeatProtection: 'acrossExecutions',
			repeatKey: '={{ $json.name }}',
			ifOutcomeUnknown: 'passThrough',
			batching: { batch: { batchSize: 5 } },
		},
	);
}

/** One lead per webhook call, node version 3, keyed by its lead ID across executions. */
function keyedLeadWorkflow() {
	const workflow = leadsWebhookWorkflow(
		'csQueueSameKey01',
		'keyed-lead',
		'6a1f0c2e-4444-4a55-9a01-000000000003',
		{ repeatProtection: 'acrossExecutions', repeatKey: '={{ $json.leadId }}' },
	);
	return workflow;
}

/** The example webhook workflow, with a step that records the process that ran it. */
function queueWorkflow() {
	const example = exampleWorkflow('webhook-lead-to-sms-agent.json');
	const where = {
		id: '5b0f1c2e-1111-4a55-9a01-00000000000a',
		name: 'Where it ran',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [400, 200],
		parameters: {
			mode: 'raw',
			jsonOutput:
				'={{ { "assistant_id": $json.assistant_id, "name": $json.name, "ran_on": $env.CONTACTSWING_PROCESS } }}',
			options: {},
		},
	};
	const respond = example.nodes.find((node) => node.type === 'n8n-nodes-base.respondToWebhook');
	respond.parameters.responseBody = '={{ $json }}';
	return {
		...example,
		id: 'csQueueWebhook01',
		nodes: [...example.nodes, where],
		connections: {
			...example.connections,
			'Create SMS AI agent': { main: [[{ node: 'Where it ran', type: 'main', index: 0 }]] },
			'Where it ran': { main: [[{ node: respond.name, type: 'main', index: 0 }]] },
		},
	};
}

function userFolder(name) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), `contactswing-queue-${name}-`));
	folders.push(folder);
	runtime.installPackage(folder);
	return folder;
}

beforeAll(async () => {
	[postgres, redis] = await Promise.all([startPostgres(PORTS.postgres), startRedis(PORTS.redis)]);
	sandbox = await createSandbox({ latencyMs: 20 }).listen();
	const n8n = runtime.ensureN8n();
	const main = userFolder('main');
	const cli = (args) =>
		runtime.n8nCliAsync(n8n, main, args, {
			...queueEnv(),
			N8N_RUNNERS_BROKER_PORT: String(PORTS.main + 20000),
		});

	const credentials = path.join(main, 'credentials.json');
	fs.writeFileSync(
		credentials,
		JSON.stringify([
			{
				id: 'csSandboxCred001',
				name: 'ContactSwing (sandbox)',
				type: 'contactSwingApi',
				data: { accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url },
			},
		]),
	);
	await cli(['import:credentials', `--input=${credentials}`]);
	const workflow = path.join(main, 'workflow.json');
	fs.writeFileSync(workflow, JSON.stringify(queueWorkflow()));
	await cli(['import:workflow', `--input=${workflow}`]);
	await cli(['publish:workflow', '--id=csQueueWebhook01']);
	const bulk = path.join(main, 'bulk.json');
	fs.writeFileSync(bulk, JSON.stringify(bulkWorkflow()));
	await cli(['import:workflow', `--input=${bulk}`]);
	await cli(['publish:workflow', '--id=csQueueBulk00001']);
	for (const [id, respond] of Object.entries(ACTION_WORKFLOWS)) {
		actionIds[id] = sandbox.addWebhookAction(crmActionSettings(`Booking ${id}`)).id;
		fs.writeFileSync(
			workflow,
			JSON.stringify(
				actionTriggerWorkflow(id, actionIds[id], respond, {
					credentialId: 'csSandboxCred001',
					ranOn: true,
				}),
			),
		);
		await cli(['import:workflow', `--input=${workflow}`]);
		await cli(['publish:workflow', `--id=${id}`]);
	}
	for (const [name, keyed] of [
		['keyed-bulk.json', keyedBulkWorkflow()],
		['keyed-lead.json', keyedLeadWorkflow()],
	]) {
		const file = path.join(main, name);
		fs.writeFileSync(file, JSON.stringify(keyed));
		await cli(['import:workflow', `--input=${file}`]);
		await cli(['publish:workflow', `--id=${keyed.id}`]);
	}

	processes.push(
		await runtime.startN8n(n8n, main, {
			port: PORTS.main,
			// Webhook URLs point at the webhook processor, as a load balancer in front of them would be named.
			env: {
				...queueEnv(),
				CONTACTSWING_PROCESS: 'main',
				WEBHOOK_URL: `http://127.0.0.1:${PORTS.webhook}/`,
			},
			logFile: path.join(main, 'n8n.log'),
		}),
	);
	for (const k of PORTS.workers.keys()) workers[k] = await startWorker(n8n, k);
	// The webhook processor receives the calls and hands them to the queue, as in a scaled setup.
	const hooks = userFolder('webhook');
	processes.push(
		await runtime.startN8n(n8n, hooks, {
			port: PORTS.webhook,
			command: 'webhook',
			env: { ...queueEnv(), CONTACTSWING_PROCESS: 'webhook' },
			logFile: path.join(hooks, 'n8n.log'),
		}),
	);
});

const workers = [];

/** Worker k (0-based) on its port, in its own user folder (reused when a replacement starts). */
async function startWorker(n8n, k, folder = userFolder(`worker${k + 1}`)) {
	const port = PORTS.workers[k];
	const worker = await runtime.startN8n(n8n, folder, {
		port,
		command: 'worker',
		env: {
			...queueEnv(),
			CONTACTSWING_PROCESS: `worker-${k + 1}`,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
			N8N_CONCURRENCY_PRODUCTION_LIMIT: '-1',
		},
		logFile: path.join(folder, 'n8n.log'),
	});
	processes.push(worker);
	return { ...worker, folder, logFile: path.join(folder, 'n8n.log') };
}

afterAll(async () => {
	for (const child of processes.reverse()) await child.stop();
	await sandbox?.close();
	await redis?.stop();
	await postgres?.stop();
	if (!process.env.KEEP_E2E_FOLDERS)
		for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

async function waitForWebhook(url) {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		const response = await fetch(url);
		if (/not registered for GET/.test(await response.text())) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error('webhook not registered');
}

test(`${CALLS} webhook calls to the webhook processor: one agent each, run on the workers, none failed`, async () => {
	const url = `http://127.0.0.1:${PORTS.webhook}/webhook/new-lead`;
	await waitForWebhook(url);
	const answers = new Array(CALLS);
	let next = 0;
	await Promise.all(
		Array.from({ length: 10 }, async () => {
			while (next < CALLS) {
				const k = next++;
				const lead = {
					first_name: `Lead${k}`,
					last_name: 'Queue',
					company: 'Acme',
					phone: `+1346550${String(7000 + k)}`,
				};
				const response = await fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(lead),
				});
				answers[k] = { status: response.status, body: await response.json() };
			}
		}),
	);
	for (const [k, answer] of answers.entries()) {
		expect(answer.status).toBe(201);
		expect(answer.body).toEqual({
			assistant_id: expect.any(String),
			name: `Acme – Lead${k} Queue`,
			ran_on: expect.stringMatching(/^worker-[12]$/),
		});
	}
	// Exactly one agent per call.
	expect(sandbox.state.agents.size).toBe(CALLS);
	expect([...sandbox.state.createdByName.values()].every((count) => count === 1)).toBe(true);
	expect(sandbox.state.createdByName.size).toBe(CALLS);

	// n8n's own records: every execution finished successfully, and on a worker.
	const rows = postgres
		.query(`select status, mode from execution_entity where "workflowId" = 'csQueueWebhook01'`)
		.trim()
		.split('\n');
	expect(rows).toHaveLength(CALLS);
	expect(rows.every((row) => row === 'success\twebhook')).toBe(true);
	// The execution data n8n stored names the worker that ran each execution (a run on the main would
	// hold "main" there instead, and no worker name).
	const ranOn = postgres
		.query(
			`select case when d.data like '%"worker-1"%' then 'worker-1' when d.data like '%"worker-2"%' then 'worker-2' else 'not a worker' end
			 from execution_data d join execution_entity e on e.id = d."executionId" where e."workflowId" = 'csQueueWebhook01'`,
		)
		.trim()
		.split('\n');
	expect(ranOn).toHaveLength(CALLS);
	const byWorker = {};
	for (const name of ranOn) byWorker[name] = (byWorker[name] ?? 0) + 1;
	expect(Object.keys(byWorker).sort()).toEqual(['worker-1', 'worker-2']);
	expect(answers.filter((a) => a.body.ran_on === 'worker-1').length).toBe(byWorker['worker-1']);
});

test('ContactSwing Action Trigger: the agent calls the webhook processor, the workflow runs on a worker, the answer comes back; no secret: 401, no execution', async () => {
	const stored = (id) => sandbox.state.actions.find((action) => action.id === actionIds[id]);
	// The main pointed each action at the webhook processor (WEBHOOK_URL) when it published the workflows.
	await until(
		() => Object.keys(ACTION_WORKFLOWS).every((id) => stored(id).webhook.method === 'POST'),
		60_000,
		'the actions to point at n8n',
	);
	for (const id of Object.keys(ACTION_WORKFLOWS)) {
		expect(stored(id).webhook).toEqual(
			expect.objectContaining({
				url: expect.stringMatching(
					new RegExp(`^http://127\\.0\\.0\\.1:${PORTS.webhook}/webhook/[0-9a-f-]+/action$`),
				),
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					[SECRET_HEADER]: expect.stringMatching(new RegExp(`^${id}:${id}-t:[0-9A-Za-z]{64}$`)),
				},
			}),
		);
	}
	const calls = 40;
	const answers = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: 4 }, async () => {
			while (next < calls) {
				const k = next++;
				answers[k] = await sandbox.callAgent(actionIds.csQueueAction001, {
					args: { phone_number: `+1346550${7000 + k}` },
				});
			}
		}),
	);
	for (const [k, answer] of answers.entries()) {
		expect([answer.status, answer.answerJson]).toEqual([
			200,
			{
				booking: 'Tuesday 10:00',
				phone: `+1346550${7000 + k}`,
				action: actionIds.csQueueAction001,
				ran_on: expect.stringMatching(/^worker-[12]$/),
			},
		]);
	}
	const now = await sandbox.callAgent(actionIds.csQueueActionNow, {
		args: { phone_number: '+13465507166' },
	});
	expect([now.status, now.answerJson]).toEqual([200, { message: 'Workflow was started' }]);
	for (const value of [null, 'csQueueAction001:x:0']) {
		const refused = await sandbox.callAgent(actionIds.csQueueAction001, {
			headers: { [SECRET_HEADER]: value },
		});
		expect(refused.status).toBe(401);
	}
	const executions = (id) =>
		postgres
			.query(`select status, mode from execution_entity where "workflowId" = '${id}'`)
			.trim()
			.split('\n')
			.filter(Boolean);
	await until(
		() => executions('csQueueActionNow').length === 1,
		30_000,
		'the Immediately execution',
	);
	await new Promise((resolve) => setTimeout(resolve, 2_000));
	// One execution per valid call, none for the refused ones; all successful.
	expect(executions('csQueueAction001')).toEqual(Array(calls).fill('success\twebhook'));
	expect(executions('csQueueActionNow')).toEqual(['success\twebhook']);
	const ms = answers.map((answer) => answer.ms).sort((a, b) => a - b);
	console.log(
		`queue action trigger: ${calls} calls, 4 at a time, p50 ${ms[Math.floor(calls / 2)].toFixed(0)} ms, max ${ms[calls - 1].toFixed(0)} ms (timing is measured by npm run bench, never asserted)`,
	);
});

/** Polls `condition` every 250 ms until it holds; fails after `timeoutMs`. */
async function until(condition, timeoutMs, what) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`Timed out waiting for ${what}`);
}

test(`a worker killed (-9) part-way through ${BULK_LEADS} creates: no re-run, the execution ends crashed, part created, none twice`, async () => {
	const n8n = runtime.ensureN8n();
	sandbox.reset();
	sandbox.setFaults({ latencyMs: 100 });
	const logSizes = workers.map((worker) => fs.statSync(worker.logFile).size);
	const leads = Array.from({ length: BULK_LEADS }, (_, k) => ({ name: `Bulk lead ${k + 1}` }));
	const response = await fetch(`http://127.0.0.1:${PORTS.webhook}/webhook/bulk-leads`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ leads }),
	});
	// The caller is answered before anything is created: it cannot learn of the crash.
	expect(response.status).toBe(200);

	await until(() => sandbox.state.agents.size >= BULK_LEADS * 0.4, 60_000, '40 % of the creates');
	const busy = workers.findIndex((worker, k) =>
		fs.readFileSync(worker.logFile, 'utf8').slice(logSizes[k]).includes('Worker started execution'),
	);
	expect(busy).toBeGreaterThanOrEqual(0);
	workers[busy].child.kill('SIGKILL');
	const killedAt = Date.now();
	await new Promise((resolve) => setTimeout(resolve, 2_000));
	const createdAtKill = sandbox.state.agents.size;
	expect(createdAtKill).toBeGreaterThan(0);
	expect(createdAtKill).toBeLessThan(BULK_LEADS);

	// A replacement worker comes up, as an orchestrator would start one.
	workers[busy] = await startWorker(n8n, busy, workers[busy].folder);
	const statusOf = () =>
		postgres
			.query(`select status from execution_entity where "workflowId" = 'csQueueBulk00001'`)
			.trim();
	await until(() => !['running', 'new', ''].includes(statusOf()), 120_000, 'the execution to end');
	const endedAfterSeconds = Math.round((Date.now() - killedAt) / 1000);
	// n8n 2.x marks the stalled job's execution crashed and never runs it again (maxStalledCount is 0).
	expect(statusOf()).toBe('crashed');
	await new Promise((resolve) => setTimeout(resolve, 10_000));
	expect(sandbox.state.agents.size).toBe(createdAtKill);
	expect([...sandbox.state.createdByName.values()].every((count) => count === 1)).toBe(true);
	// No per-item results are stored for a crashed execution: n8n cannot say which leads got an agent.
	const stored = postgres
		.query(
			`select d.data like '%assistant_id%' from execution_data d join execution_entity e on e.id = d."executionId" where e."workflowId" = 'csQueueBulk00001'`,
		)
		.trim();
	expect(stored).not.toBe('t');
	console.log(
		`queue crash: ${createdAtKill} of ${BULK_LEADS} created before the kill, execution crashed ${endedAfterSeconds} s after it, none twice, no re-run`,
	);
});

test(`a worker told to stop (SIGTERM) part-way through ${BULK_LEADS} creates finishes them within QUEUE_WORKER_TIMEOUT`, async () => {
	const n8n = runtime.ensureN8n();
	sandbox.reset();
	sandbox.setFaults({ latencyMs: 100 });
	const before = postgres
		.query(`select count(*) from execution_entity where "workflowId" = 'csQueueBulk00001'`)
		.trim();
	const logSizes = workers.map((worker) => fs.statSync(worker.logFile).size);
	const leads = Array.from({ length: BULK_LEADS }, (_, k) => ({ name: `Graceful lead ${k + 1}` }));
	const response = await fetch(`http://127.0.0.1:${PORTS.webhook}/webhook/bulk-leads`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ leads }),
	});
	expect(response.status).toBe(200);
	await until(() => sandbox.state.agents.size >= BULK_LEADS * 0.4, 60_000, '40 % of the creates');
	const busy = workers.findIndex((worker, k) =>
		fs.readFileSync(worker.logFile, 'utf8').slice(logSizes[k]).includes('Worker started execution'),
	);
	expect(busy).toBeGreaterThanOrEqual(0);
	// What an orchestrator does on a rolling update: SIGTERM, then wait (n8n's default QUEUE_WORKER_TIMEOUT is 30 s).
	await workers[busy].stop();
	expect(sandbox.state.agents.size).toBe(BULK_LEADS);
	expect([...sandbox.state.createdByName.values()].every((count) => count === 1)).toBe(true);
	const latest = () =>
		postgres
			.query(
				`select status from execution_entity where "workflowId" = 'csQueueBulk00001' order by id desc limit 1`,
			)
			.trim();
	await until(() => latest() === 'success', 30_000, 'the execution to be recorded as a success');
	expect(
		Number(
			postgres
				.query(`select count(*) from execution_entity where "workflowId" = 'csQueueBulk00001'`)
				.trim(),
		),
	).toBe(Number(before) + 1);
	workers[busy] = await startWorker(n8n, busy, workers[busy].folder);
});

/** The run data n8n stored for an execution (flatted JSON in execution_data). */
function storedRun(executionId) {
	const { parse } = require('flatted');
	return parse(
		postgres
			.query(`select data from execution_data where "executionId" = ${Number(executionId)}`)
			.trim(),
	);
}

test(`node version 3, the workers killed (-9) part-way through ${BULK_LEADS} keyed creates, the input sent again: none twice, at most Items per Batch flagged`, async () => {
	const n8n = runtime.ensureN8n();
	sandbox.reset();
	sandbox.setFaults({ latencyMs: 100 });
	const leads = Array.from({ length: BULK_LEADS }, (_, k) => ({ name: `Keyed lead ${k + 1}` }));
	const send = () =>
		fetch(`http://127.0.0.1:${PORTS.webhook}/webhook/bulk-leads-keyed`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ leads }),
		});
	expect((await send()).status).toBe(200);
	await until(() => sandbox.state.agents.size >= BULK_LEADS * 0.4, 60_000, '40 % of the creates');
	// Both workers are killed, so the one running the execution certainly is (which one took the job is not
	// always in its log by then), and replacements start, as an orchestrator would start them.
	for (const worker of workers) worker.child.kill('SIGKILL');
	for (const k of workers.keys()) workers[k] = await startWorker(n8n, k, workers[k].folder);
	const executions = () =>
		postgres
			.query(
				`select id, status from execution_entity where "workflowId" = 'csQueueBulkKey01' order by id`,
			)
			.trim()
			.split('\n')
			.filter(Boolean)
			.map((row) => row.split('\t'));
	// n8n marks it crashed (a stalled job), or a replacement worker's recovery from its event log ends it.
	await until(
		() => !['new', 'running', undefined].includes(executions()[0]?.[1]),
		120_000,
		'the execution to end',
	);
	const endedAs = executions()[0][1];
	expect(endedAs).not.toBe('success');
	const createdAtCrash = sandbox.state.agents.size;

	// The caller (or an operator) sends the same input again, as after any crash.
	expect((await send()).status).toBe(200);
	await until(() => executions()[1]?.[1] === 'success', 120_000, 'the second execution to succeed');
	const output = storedRun(executions()[1][0]).resultData.runData.ContactSwing[0].data.main[0];
	const count = (outcome) => output.filter((item) => item.json.outcome === outcome).length;
	const flagged = count('unknown');
	expect(count('created') + count('alreadyDone') + flagged).toBe(BULK_LEADS);
	expect([...sandbox.state.createdByName.values()].every((n) => n === 1)).toBe(true);
	expect(flagged).toBeLessThanOrEqual(5);
	// Every lead has its agent, or is flagged for a person to check.
	expect(sandbox.state.agents.size + flagged).toBeGreaterThanOrEqual(BULK_LEADS);
	console.log(
		`queue crash, keyed: ${createdAtCrash} of ${BULK_LEADS} created before the crash (execution ${endedAs}); the resend: ${count('alreadyDone')} already done, ${count('created')} created, ${flagged} flagged unknown; duplicates 0`,
	);
});

test('the store across two workers (no lock across processes): the same key delivered 20 times at once, and 20 distinct keys at once, measured', async () => {
	sandbox.reset();
	sandbox.setFaults({ latencyMs: 20 });
	const url = `http://127.0.0.1:${PORTS.webhook}/webhook/keyed-lead`;
	const ended = () =>
		Number(
			postgres
				.query(
					`select count(*) from execution_entity where "workflowId" = 'csQueueSameKey01' and status not in ('new', 'running')`,
				)
				.trim(),
		);
	const deliver = (leadId, name) =>
		fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ leads: [{ leadId, name }] }),
		});
	const rowSize = () => {
		const value = postgres
			.query(`select value from processed_data where "workflowId" = 'csQueueSameKey01'`)
			.trim();
		return value ? JSON.parse(value).data.length : 0;
	};
	await Promise.all(Array.from({ length: 20 }, () => deliver('same-lead', 'Same lead')));
	await until(() => ended() >= 20, 60_000, '20 executions');
	const sameKeyCreates = sandbox.state.createdByName.get('Same lead') ?? 0;
	const before = rowSize();
	await Promise.all(Array.from({ length: 20 }, (_, k) => deliver(`lead-${k}`, `Distinct ${k}`)));
	await until(() => ended() >= 40, 60_000, '40 executions');
	const kept = rowSize() - before;
	expect(sameKeyCreates).toBeGreaterThanOrEqual(1);
	// Every distinct key was created once: a lost record can only make a later repeat send again.
	expect(
		Array.from({ length: 20 }, (_, k) => sandbox.state.createdByName.get(`Distinct ${k}`)),
	).toEqual(Array(20).fill(1));
	console.log(
		`queue mode, two workers: one key delivered 20 times at once → ${sameKeyCreates} creates; 20 distinct keys at once → ${kept} of 40 keys kept in the store`,
	);
});
