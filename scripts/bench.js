'use strict';
/**
 * `npm run bench`: throughput and memory of the ContactSwing node, each figure a ratio against a baseline
 * measured in the same run on the same local sandbox.
 *
 *   1. the node (through n8n-core) vs a bare HTTP client loop, at 1, 8 and 32 in flight;
 *   2. the node vs n8n's HTTP Request node, same request and batching, both in the real pinned n8n;
 *   3. 10,000 items at 50 ms latency, 20 in flight, against the ideal 10,000 × 50 ms / 20;
 *   4. under a sandbox limit of R requests/s: achieved rate, failures, duplicates (and 5: one stray 429);
 *   6. the ledger (Repeat Protection) in the real pinned n8n on SQLite: a 10,000-create run with it and
 *      without it, and what one store call costs at 5,000, 10,000 and 20,000 keys;
 *   7. the ContactSwing Action Trigger: the round trip the agent sees (request sent → answer read), p50 and
 *      p95, against the same workflow on n8n's Webhook node, single instance and queue mode.
 * Part 1 runs the node with its ledger on and off in the same run (ledger on ÷ off).
 *
 * Environment: BENCH_ITEMS (default 400), BENCH_LATENCY_MS (50), BENCH_BULK_ITEMS (10000),
 * BENCH_RATE (50), BENCH_RATE_SECONDS (30), BENCH_LEDGER_ITEMS (10000), BENCH_NODE (24 to run under n8n's
 * Node 24), BENCH_PARTS (default 1,2,3,4,6,7; parts 2, 6 and 7 install the pinned n8n on first use; part 7's
 * queue mode needs PostgreSQL and Redis), BENCH_SKIP_N8N (1: parts 1, 3, 4 only), BENCH_AGENT_CALLS (300,
 * part 7), BENCH_AGENT_MODES (single,legacy,queue), BENCH_AGENT_PAUSE_MS (0), BENCH_N8N_ENV (JSON: n8n
 * settings for part 7's processes), BENCH_WRITE (0: print only, do not write docs/benchmarks.md).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

// BENCH_NODE=24: measure under the Node that n8n 2.x runs on (installed by scripts/n8n-runtime.js).
if (process.env.BENCH_NODE === '24' && process.versions.node.split('.')[0] !== '24') {
	const { node } = require('./n8n-runtime').ensureNode();
	const child = spawnSync(node, ['--expose-gc', __filename], { stdio: 'inherit' });
	process.exit(child.status ?? 1);
}

process.env.N8N_USER_FOLDER ??= fs.mkdtempSync(path.join(os.tmpdir(), 'contactswing-bench-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

const { DEFAULT_TOKEN } = require('../test/sandbox/server');
const { smsAgent } = require('../test/fixtures');

/**
 * The sandbox runs in its own process, as the real API would be elsewhere: the node and the baseline
 * do not share a CPU with the server they call.
 */
/** Sandboxes still running: a part that fails part-way must not leave one behind. */
const sandboxes = new Set();

async function createSandbox() {
	const child = spawn(
		process.execPath,
		[path.join(__dirname, '../test/sandbox/cli.js'), '--port', '0', '--quiet'],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const url = await new Promise((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
		child.stdout.on('data', (chunk) => {
			const match = /listening on (http:\/\/\S+)/.exec(String(chunk));
			if (match) resolve(match[1]);
		});
	});
	sandboxes.add(child);
	const control = async (route, body) =>
		(
			await fetch(
				`${url}/__sandbox/${route}`,
				body ? { method: 'POST', body: JSON.stringify(body) } : {},
			)
		).json();
	return {
		url,
		setFaults: (faults) => control('faults', faults),
		state: () => control('state'),
		addWebhookAction: (settings) => control('actions', settings),
		action: async (id) => (await fetch(`${url}/__sandbox/actions/${id}`)).json(),
		callAgent: (id, body) => control(`agent/${id}`, body),
		close: () =>
			new Promise((resolve) => {
				sandboxes.delete(child);
				child.once('exit', resolve);
				child.kill('SIGTERM');
			}),
	};
}
const { runNode } = require('../test/helpers/n8n');

const ITEMS = Number(process.env.BENCH_ITEMS ?? 400);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 50);
const BULK = Number(process.env.BENCH_BULK_ITEMS ?? 10_000);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const LEDGER_ITEMS = Number(process.env.BENCH_LEDGER_ITEMS ?? 10_000);
// Long enough that where the run starts within a rate window barely matters.
const RATE_SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 30);

const leads = (n, prefix) => Array.from({ length: n }, (_, k) => ({ name: `${prefix} ${k + 1}` }));

function smsParameters(batchSize, extra = {}, batchInterval = 0) {
	return smsAgent({
		name: '={{ $json.name }}',
		instructions: 'Follow up with the lead.',
		options: { batching: { batch: { batchSize, batchInterval } }, ...extra },
	});
}

function bodyFor(name) {
	return {
		name,
		type: 'SMS',
		model: 'cw-llm-1',
		api_keys: [{ api_key_id: 134, type: 'SMS' }],
		instructions: 'Follow up with the lead.',
		sms_type: 'OUTBOUND',
	};
}

/**
 * `ledger`: false runs node version 1 as before; 'off' and 'on' run version 3 with Repeat Protection off or
 * at its default (the ledger, in a store that behaves like n8n's: test/helpers/dedupStore.js).
 */
async function timeNode(sandbox, items, batchSize, extra, ledger = false) {
	const started = process.hrtime.bigint();
	const { output, error } = await runNode({
		items,
		continueOnFail: true,
		parameters: smsParameters(batchSize, {
			...extra,
			...(ledger === 'off' ? { repeatProtection: 'off' } : {}),
		}),
		typeVersion: ledger ? 3 : 1,
		credentials: { accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url },
	});
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	if (error) throw error;
	return { seconds, output };
}

/** The baseline: fetch in a pool of `concurrency`, the same JSON body and headers, nothing else. */
async function timeBareClient(sandbox, items, concurrency) {
	const started = process.hrtime.bigint();
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const item = items[next++];
			const response = await fetch(`${sandbox.url}/v2/_new_assistants`, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${DEFAULT_TOKEN}`,
					'content-type': 'application/json',
					accept: 'application/json',
				},
				body: JSON.stringify(bodyFor(item.name)),
			});
			await response.json();
			if (response.status !== 201) throw new Error(`bare client got ${response.status}`);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return Number(process.hrtime.bigint() - started) / 1e9;
}

function table(headers, rows) {
	const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
	for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
	return lines.join('\n');
}

const fmt = (n, digits = 1) => n.toFixed(digits);

async function partNodeVsBare() {
	const sandbox = await createSandbox();
	await sandbox.setFaults({ latencyMs: LATENCY });
	const rows = [];
	// One warm-up round so both sides start with loaded code and open sockets.
	await timeBareClient(sandbox, leads(20, 'warm'), 4);
	await timeNode(sandbox, leads(20, 'warm node'), 4, {}, 'on');
	for (const concurrency of [1, 8, 32]) {
		const bare = await timeBareClient(sandbox, leads(ITEMS, `bare ${concurrency}`), concurrency);
		const off = (
			await timeNode(sandbox, leads(ITEMS, `off ${concurrency}`), concurrency, {}, 'off')
		).seconds;
		const on = (await timeNode(sandbox, leads(ITEMS, `on ${concurrency}`), concurrency, {}, 'on'))
			.seconds;
		rows.push([
			concurrency,
			fmt(ITEMS / bare),
			fmt(ITEMS / off),
			fmt(ITEMS / on),
			fmt(bare / off, 2),
			fmt(bare / on, 2),
			fmt(off / on, 2),
		]);
	}
	await sandbox.close();
	return table(
		[
			'in flight',
			'bare fetch loop (items/s)',
			'node, ledger off (items/s)',
			'node, ledger on (items/s)',
			'ledger off ÷ bare',
			'ledger on ÷ bare',
			'ledger on ÷ off',
		],
		rows,
	);
}

/** Live heap after a full collection; undefined unless node runs with --expose-gc (npm run bench does). */
function heapAfterGc() {
	if (typeof global.gc !== 'function') return undefined;
	global.gc();
	return process.memoryUsage().heapUsed;
}

async function partBulk() {
	const sandbox = await createSandbox();
	await sandbox.setFaults({ latencyMs: 50 });
	const heapBefore = heapAfterGc();
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
	const { seconds, output } = await timeNode(sandbox, leads(BULK, 'bulk'), 20);
	clearInterval(sampler);
	// What the run leaves behind while its 10,000 output items are still held: the rest of the peak was garbage.
	const heapAfter = heapAfterGc();
	const kept = heapBefore === undefined ? 'n/a' : fmt((heapAfter - heapBefore) / 2 ** 20);
	const ideal = (BULK * 0.05) / 20;
	const failures = output.filter((o) => o.json.error).length;
	const { duplicates } = await sandbox.state();
	await sandbox.close();
	return table(
		[
			'items',
			'latency',
			'in flight',
			'wall time (s)',
			'ideal (s)',
			'wall ÷ ideal',
			'peak RSS growth (MB)',
			'heap kept, output held (MB)',
			'failures',
			'duplicates',
		],
		[
			[
				BULK,
				'50 ms',
				20,
				fmt(seconds, 2),
				fmt(ideal, 2),
				fmt(seconds / ideal, 3),
				fmt((peak - baseline) / 2 ** 20),
				kept,
				failures,
				duplicates,
			],
		],
	);
}

async function partRateLimit() {
	const sandbox = await createSandbox();
	await sandbox.setFaults({ latencyMs: LATENCY, requestsPerSecond: RATE });
	const n = RATE * RATE_SECONDS;
	const { seconds, output } = await timeNode(sandbox, leads(n, 'rate'), 20, { maxRetryWait: 120 });
	const ok = output.filter((o) => o.json.assistant_id).length;
	const failures = output.length - ok;
	const { duplicates, rejected429: rejected } = await sandbox.state();
	const achieved = ok / seconds;
	await sandbox.close();
	return table(
		[
			'limit R (req/s)',
			'items',
			'in flight',
			'achieved (agents/s)',
			'achieved ÷ R',
			'429s answered',
			'failures',
			'duplicates',
		],
		[[RATE, n, 20, fmt(achieved), fmt(achieved / RATE, 2), rejected, failures, duplicates]],
	);
}

/**
 * One stray 429 (after 7 accepted requests, Retry-After 5 s) in a run the server otherwise accepts whole:
 * the run should cost the pause and little more. Compared with the same run without the 429, plus the pause.
 */
async function partStray429() {
	const sandbox = await createSandbox();
	const n = 30;
	const rows = [];
	await sandbox.setFaults({ latencyMs: LATENCY, requestsPerSecond: 0, stray429At: 0 });
	const clean = (await timeNode(sandbox, leads(n, 'clean'), 5, { maxRetryWait: 120 })).seconds;
	await sandbox.setFaults({ stray429At: 8, strayRetryAfter: 5 });
	const { seconds, output } = await timeNode(sandbox, leads(n, 'stray'), 5, { maxRetryWait: 120 });
	const ok = output.filter((o) => o.json.assistant_id).length;
	const { duplicates, rejected429 } = await sandbox.state();
	rows.push([
		n,
		5,
		fmt(clean, 2),
		fmt(seconds, 2),
		fmt(seconds / (clean + 5), 2),
		rejected429,
		n - ok,
		duplicates,
	]);
	await sandbox.close();
	return table(
		[
			'items',
			'in flight',
			'no 429 (s)',
			'one stray 429 (s)',
			'stray ÷ (no 429 + 5 s pause)',
			'429s',
			'failures',
			'duplicates',
		],
		rows,
	);
}

/** Peak resident memory of a child, read from /proc while it runs. */
function runWithPeak(command, args, options) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let peakKb = 0;
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', () => {});
		const sampler = setInterval(() => {
			try {
				const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
				const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
				peakKb = Math.max(peakKb, hwm);
			} catch {
				// exited
			}
		}, 50);
		child.on('exit', (code) => {
			clearInterval(sampler);
			if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}`));
			else resolve({ stdout, peakMb: peakKb / 1024 });
		});
	});
}

/**
 * The real pinned n8n in a fresh user folder with the packed package, a sandbox in its own process at
 * `latencyMs`, and a "bench" credential `credentialId` pointing at it.
 */
async function benchN8n({ credentialId, brokerPort, latencyMs }) {
	const runtime = require('./n8n-runtime');
	const n8n = runtime.ensureN8n();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'contactswing-bench-n8n-'));
	runtime.installPackage(userFolder);
	const sandbox = await createSandbox();
	await sandbox.setFaults({ latencyMs });
	const env = { N8N_RUNNERS_BROKER_PORT: String(brokerPort), N8N_LOG_LEVEL: 'info' };
	const cli = (args, extra = {}) =>
		runtime.n8nCliAsync(n8n, userFolder, args, { ...env, ...extra });
	const file = path.join(userFolder, 'import.json');
	const importJson = async (kind, data) => {
		fs.writeFileSync(file, JSON.stringify(data));
		await cli([`import:${kind}`, `--input=${file}`]);
	};
	await importJson('credentials', [
		{
			id: credentialId,
			name: 'bench',
			type: 'contactSwingApi',
			data: { accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url },
		},
	]);
	return {
		runtime,
		n8n,
		userFolder,
		env,
		sandbox,
		cli,
		importJson,
		/**
		 * `n8n execute` with its output in a file: a pipe loses the end of a large result, which n8n writes
		 * just before it exits (writes to a file are synchronous).
		 */
		async executeToFile(workflowId, extra = {}) {
			const out = path.join(userFolder, `execute-${workflowId}.log`);
			const fd = fs.openSync(out, 'w');
			const child = spawn(n8n.node, [n8n.bin, 'execute', `--id=${workflowId}`, '--rawOutput'], {
				env: runtime.n8nEnv(n8n, userFolder, { ...env, ...extra }),
				stdio: ['ignore', fd, fd],
			});
			const code = await new Promise((resolve) => child.on('exit', resolve));
			fs.closeSync(fd);
			const text = fs.readFileSync(out, 'utf8');
			if (code !== 0)
				throw new Error(`n8n execute ${workflowId} exited ${code}:\n${text.slice(-2000)}`);
			return text;
		},
		async close() {
			await sandbox.close();
			fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

/** Manual trigger → `n` leads from an Edit Fields node → one item per lead → `target` (named Target). */
function leadsWorkflow(id, label, n, target) {
	const nodes = [
		{
			id: `${id}-t`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: `${id}-s`,
			name: 'Leads',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ leads: leads(n, id) }), options: {} },
		},
		{
			id: `${id}-o`,
			name: 'Split',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [400, 0],
			parameters: { fieldToSplitOut: 'leads', options: {} },
		},
		{ id: `${id}-x`, name: 'Target', position: [600, 0], ...target },
	];
	return {
		id,
		name: label,
		nodes,
		connections: Object.fromEntries(
			nodes
				.slice(0, -1)
				.map((node, k) => [
					node.name,
					{ main: [[{ node: nodes[k + 1].name, type: 'main', index: 0 }]] },
				]),
		),
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

async function partN8n() {
	const bench = await benchN8n({
		credentialId: 'csBenchCred00001',
		brokerPort: 25999,
		latencyMs: LATENCY,
	});
	const concurrency = 8;
	const interval = LATENCY;
	const n = ITEMS;
	const ours = leadsWorkflow('csBenchOurs00001', 'ContactSwing node', n, {
		type: 'n8n-nodes-contactswing.contactSwing',
		typeVersion: 1,
		parameters: smsParameters(concurrency, {}, interval),
		credentials: { contactSwingApi: { id: 'csBenchCred00001', name: 'bench' } },
	});
	const http = leadsWorkflow('csBenchHttp00001', 'HTTP Request node', n, {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${bench.sandbox.url}/v2/_new_assistants`,
			sendHeaders: true,
			headerParameters: {
				parameters: [{ name: 'Authorization', value: `Bearer ${DEFAULT_TOKEN}` }],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify(${JSON.stringify(bodyFor('X')).replace('"X"', '$json.name')}) }}`,
			options: { batching: { batch: { batchSize: concurrency, batchInterval: interval } } },
		},
	});
	const results = {};
	for (const workflow of [ours, http]) {
		await bench.importJson('workflow', workflow);
		const { stdout, peakMb } = await runWithPeak(
			bench.n8n.node,
			[bench.n8n.bin, 'execute', `--id=${workflow.id}`, '--rawOutput'],
			{ env: bench.runtime.n8nEnv(bench.n8n, bench.userFolder, bench.env) },
		);
		const run = JSON.parse(stdout.slice(stdout.search(/^\{/m)));
		const target = run.data.resultData.runData.Target[0];
		const out = target.data.main[0];
		if (out.length !== n || out.some((o) => o.json.error))
			throw new Error(`${workflow.name}: ${out.length} items, errors present`);
		results[workflow.name] = { seconds: target.executionTime / 1000, peakMb };
	}
	await bench.close();
	const ours_ = results['ContactSwing node'];
	const http_ = results['HTTP Request node'];
	return table(
		['in real n8n ' + bench.runtime.N8N_VERSION, 'items/s', 'peak RSS of `n8n execute` (MB)'],
		[
			[
				`HTTP Request node, ${concurrency} per batch, ${interval} ms interval`,
				fmt(n / http_.seconds),
				fmt(http_.peakMb, 0),
			],
			[
				`ContactSwing node, ${concurrency} per batch, ${interval} ms interval`,
				fmt(n / ours_.seconds),
				fmt(ours_.peakMb, 0),
			],
			[
				'ContactSwing ÷ HTTP Request',
				fmt(http_.seconds / ours_.seconds, 2),
				fmt(ours_.peakMb / http_.peakMb, 2),
			],
		],
	);
}

/**
 * Part 7: what the ContactSwing Action Trigger costs the agent. The sandbox's agent (in the sandbox's own
 * process, as ContactSwing is elsewhere) calls an action and times the round trip it waits: request sent →
 * whole answer read. Four workflows answer it with the same Set node (When Last Node Finishes, first item):
 * one behind the Action Trigger (secret checked, item built), and, through actions pointed at them, the same
 * workflow behind n8n's own Webhook node, version 2 (as the editor adds it), version 1, and version 2 with a
 * ContactSwing node that never runs but holds the credential. Calls go to the four in turn, one at a time
 * (an agent's call is one at a time), after a warm-up; single instance (n8n's
 * default expression engine, then its legacy one), then queue mode (main, one worker, a webhook processor;
 * PostgreSQL and Redis).
 */
async function partActionTrigger() {
	const runtime = require('./n8n-runtime');
	const { e2ePort } = require('../test/e2e/instance');
	const {
		actionTriggerWorkflow,
		crmActionSettings,
		webhookNodeWorkflow,
	} = require('../test/e2e/actionTrigger');
	const n8n = runtime.ensureN8n();
	const calls = Number(process.env.BENCH_AGENT_CALLS ?? 300);
	const modes = (process.env.BENCH_AGENT_MODES ?? 'single,legacy,queue').split(',');
	// A pause between calls, as an agent's calls are a conversation turn apart (0: back to back).
	const pauseMs = Number(process.env.BENCH_AGENT_PAUSE_MS ?? 0);
	// n8n settings for every process of this part (e.g. {"N8N_EXPRESSION_ENGINE_POOL_SIZE": "2"}).
	const extraEnv = JSON.parse(process.env.BENCH_N8N_ENV ?? '{}');
	const sandbox = await createSandbox();
	const credential = {
		id: 'csSandboxCred001',
		name: 'ContactSwing (sandbox)',
		type: 'contactSwingApi',
		data: { accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url },
	};

	/** Imports and publishes the workflows (the trigger's action is pointed at n8n when n8n starts). */
	async function prepare(userFolder, env) {
		const cli = (args) =>
			runtime.n8nCliAsync(n8n, userFolder, args, { N8N_RUNNERS_BROKER_PORT: '25998', ...env });
		const file = path.join(userFolder, 'import.json');
		fs.writeFileSync(file, JSON.stringify([credential]));
		await cli(['import:credentials', `--input=${file}`]);
		const action = await sandbox.addWebhookAction(crmActionSettings('Bench: booking lookup'));
		const workflows = [
			actionTriggerWorkflow('csBenchActTrig01', action.id, {
				responseMode: 'lastNode',
				responseData: 'firstEntryJson',
			}),
			webhookNodeWorkflow('csBenchWebhook01', 'bench-answer'),
			webhookNodeWorkflow('csBenchWebhookV1', 'bench-answer-v1', { typeVersion: 1 }),
			webhookNodeWorkflow('csBenchWebhookCr', 'bench-answer-credential', {
				credentialId: credential.id,
			}),
		];
		for (const workflow of workflows) {
			fs.writeFileSync(file, JSON.stringify(workflow));
			await cli(['import:workflow', `--input=${file}`]);
			await cli(['publish:workflow', `--id=${workflow.id}`]);
		}
		return action.id;
	}

	/** Calls to the four in turn; milliseconds per call, each. `webhookBase`: n8n's …/webhook. */
	async function measure(triggerAction, webhookBase) {
		const baseline = async (name, webhookPath) =>
			(
				await sandbox.addWebhookAction({
					name,
					url: `${webhookBase}/${webhookPath}`,
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
				})
			).id;
		const sides = [
			['trigger', triggerAction],
			['webhook', await baseline('Bench: the Webhook node', 'bench-answer')],
			['webhookV1', await baseline('Bench: the Webhook node, version 1', 'bench-answer-v1')],
			[
				'webhookCredential',
				await baseline(
					'Bench: the Webhook node, a credential in the workflow',
					'bench-answer-credential',
				),
			],
		];
		const deadline = Date.now() + 120_000;
		while ((await sandbox.action(triggerAction)).webhook.method !== 'POST') {
			if (Date.now() > deadline) throw new Error('the Action Trigger was not published');
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		const times = Object.fromEntries(sides.map(([side]) => [side, []]));
		times.failed = Object.fromEntries(sides.map(([side]) => [side, []]));
		for (let k = 0; k < 30 + calls; k++) {
			for (const [side, id] of sides) {
				const call = await sandbox.callAgent(id, { args: { phone_number: '+13465507166' } });
				// A call that fails (an error, a timeout after 30 s) is counted and shown, not timed.
				if (call.status !== 200 || call.answerJson?.booking !== 'Tuesday 10:00')
					times.failed[side].push(`${call.status ?? call.error}`);
				else if (k >= 30) times[side].push(call.ms);
				if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
			}
		}
		return times;
	}

	const results = {};
	try {
		// n8n 2.40 takes an expression isolate (its default engine) for the webhook phase of every webhook
		// trigger except its own Webhook node from version 2: the legacy engine shows what is left.
		const singles = [
			['single', 'single instance', {}],
			[
				'legacy',
				'single instance, N8N_EXPRESSION_ENGINE=legacy',
				{ N8N_EXPRESSION_ENGINE: 'legacy' },
			],
		];
		for (const [mode, label, env] of singles) {
			if (!modes.includes(mode)) continue;
			const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'contactswing-bench-at-'));
			runtime.installPackage(userFolder);
			const settings = { ...env, ...extraEnv };
			const action = await prepare(userFolder, settings);
			const port = e2ePort(5780);
			const server = await runtime.startN8n(n8n, userFolder, { port, env: settings });
			try {
				results[label] = await measure(action, `http://localhost:${port}/webhook`);
			} finally {
				await server.stop();
				fs.rmSync(userFolder, { recursive: true, force: true });
			}
		}
		if (modes.includes('queue')) results['queue mode'] = await measureQueue();
	} finally {
		await sandbox.close();
	}

	async function measureQueue() {
		const { startPostgres, startRedis } = require('../test/e2e/services');
		const ports = {
			postgres: e2ePort(5443),
			redis: e2ePort(6393),
			main: e2ePort(5781),
			worker: e2ePort(5782),
			webhook: e2ePort(5783),
		};
		const [postgres, redis] = await Promise.all([
			startPostgres(ports.postgres),
			startRedis(ports.redis),
		]);
		const env = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(ports.postgres),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(ports.redis),
			WEBHOOK_URL: `http://127.0.0.1:${ports.webhook}/`,
			...extraEnv,
		};
		const folders = ['main', 'worker', 'webhook'].map((name) => {
			const folder = fs.mkdtempSync(path.join(os.tmpdir(), `contactswing-bench-at-${name}-`));
			runtime.installPackage(folder);
			return folder;
		});
		const processes = [];
		try {
			const action = await prepare(folders[0], env);
			processes.push(await runtime.startN8n(n8n, folders[0], { port: ports.main, env }));
			processes.push(
				await runtime.startN8n(n8n, folders[1], {
					port: ports.worker,
					command: 'worker',
					env: {
						...env,
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(ports.worker),
					},
				}),
			);
			processes.push(
				await runtime.startN8n(n8n, folders[2], { port: ports.webhook, command: 'webhook', env }),
			);
			return await measure(action, `http://127.0.0.1:${ports.webhook}/webhook`);
		} finally {
			for (const child of processes.reverse()) await child.stop();
			await redis.stop();
			await postgres.stop();
			for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
		}
	}

	const percentile = (values, p) => {
		const sorted = [...values].sort((a, b) => a - b);
		return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
	};
	const versus = (value, base) =>
		`${value - base >= 0 ? '+' : ''}${fmt(value - base)} (${fmt(value / base, 2)}×)`;
	const rows = [];
	for (const [mode, times] of Object.entries(results)) {
		const base50 = percentile(times.webhook, 50);
		const base95 = percentile(times.webhook, 95);
		for (const [side, label] of [
			['webhook', "n8n's Webhook node (version 2, as added today)"],
			['webhookV1', "n8n's Webhook node, version 1"],
			['webhookCredential', "n8n's Webhook node v2, the credential in the workflow"],
			['trigger', 'ContactSwing Action Trigger'],
		]) {
			const p50 = percentile(times[side], 50);
			const p95 = percentile(times[side], 95);
			const failed = times.failed[side];
			rows.push([
				`${mode}, ${runtime.N8N_VERSION}`,
				label,
				times[side].length,
				failed.length === 0 ? '0' : `${failed.length} (${[...new Set(failed)].join(', ')})`,
				fmt(p50),
				fmt(p95),
				side === 'webhook' ? '—' : versus(p50, base50),
				side === 'webhook' ? '—' : versus(p95, base95),
			]);
		}
	}
	return table(
		[
			'n8n',
			'first node',
			'calls timed',
			'failed',
			'p50 (ms)',
			'p95 (ms)',
			'p50 vs Webhook v2',
			'p95 vs Webhook v2',
		],
		rows,
	);
}

/**
 * The ledger in the real pinned n8n on its default database (SQLite): BENCH_LEDGER_ITEMS creates (default
 * 10,000) at 50 ms latency, 20 per batch, node version 3 with Repeat Protection off and at its default, in
 * one workflow each, run with `n8n execute`. n8n's debug log carries every store call the ledger makes
 * (shared/operations/ledger.ts, measure()); the row grows by two keys a request, so the calls made when the
 * row held about 5,000, 10,000 and 20,000 keys give the cost per call at those sizes.
 */
async function partLedgerN8n() {
	const bench = await benchN8n({
		credentialId: 'csBenchCred00002',
		brokerPort: 25998,
		latencyMs: 50,
	});
	const n = LEDGER_ITEMS;
	const workflow = (id, label, options) =>
		leadsWorkflow(id, label, n, {
			type: 'n8n-nodes-contactswing.contactSwing',
			typeVersion: 3,
			parameters: smsParameters(20, options),
			credentials: { contactSwingApi: { id: 'csBenchCred00002', name: 'bench' } },
		});
	const results = {};
	for (const [label, id, options] of [
		['ledger off', 'csBenchLedger0ff', { repeatProtection: 'off' }],
		['ledger on', 'csBenchLedgerOn1', {}],
	]) {
		await bench.importJson('workflow', workflow(id, label, options));
		// Debug level for the ledger's lines, as JSON lines so the result (a message like any other) can be read.
		const stdout = await bench.executeToFile(id, {
			N8N_LOG_LEVEL: 'debug',
			N8N_LOG_FORMAT: 'json',
		});
		const messages = stdout
			.split('\n')
			.map((line) => {
				try {
					return JSON.parse(line).message;
				} catch {
					return undefined;
				}
			})
			.filter((message) => typeof message === 'string');
		const result = messages.find((message) => message.startsWith('{'));
		if (result === undefined)
			throw new Error(`${label}: n8n execute printed no result:\n${stdout.slice(-2000)}`);
		const run = JSON.parse(result);
		const out = run.data.resultData.runData.Target[0].data.main[0];
		if (out.length !== n || out.some((o) => o.json.error))
			throw new Error(`${label}: ${out.length} items, errors present`);
		const calls = [
			...messages
				.join('\n')
				.matchAll(/ContactSwing ledger: (record|remove) (\d+) keys in (\d+) ms/g),
		].map((match) => ({ call: match[1], keys: Number(match[2]), ms: Number(match[3]) }));
		results[label] = { seconds: run.data.resultData.runData.Target[0].executionTime / 1000, calls };
	}
	await bench.close();
	const off = results['ledger off'];
	const on = results['ledger on'];
	// The row before each call: what the calls before it added.
	let row = 0;
	const withRow = on.calls.map((call) => {
		const before = row;
		if (call.call === 'record') row += call.keys;
		return { ...call, row: before };
	});
	const costAt = (size) => {
		const near = withRow.filter((c) => c.call === 'record' && Math.abs(c.row - size) <= size * 0.1);
		if (near.length === 0) return 'n/a';
		return `${fmt(near.reduce((sum, c) => sum + c.ms, 0) / near.length, 2)} ms (${near.length} calls)`;
	};
	const storeMs = on.calls.reduce((sum, c) => sum + c.ms, 0);
	return [
		table(
			[
				`in real n8n ${bench.runtime.N8N_VERSION}, SQLite`,
				'wall (s)',
				'creates/s',
				'store calls',
				'time in store calls (s)',
			],
			[
				['Repeat Protection off', fmt(off.seconds, 2), fmt(n / off.seconds), 0, '0'],
				[
					'Repeat Protection on (default)',
					fmt(on.seconds, 2),
					fmt(n / on.seconds),
					on.calls.length,
					fmt(storeMs / 1000, 2),
				],
				['on ÷ off (wall time)', fmt(on.seconds / off.seconds, 3), '', '', ''],
			],
		),
		'',
		table(
			['keys in the row', '5,000', '10,000', '20,000'],
			[['cost of one store call (mean)', costAt(5000), costAt(10_000), costAt(20_000)]],
		),
	].join('\n');
}

const PARTS = new Set(
	(process.env.BENCH_PARTS ?? (process.env.BENCH_SKIP_N8N === '1' ? '1,3,4' : '1,2,3,4,6,7'))
		.split(',')
		.map(Number),
);

/**
 * The tables go to the console and into docs/benchmarks.md, between the markers of this Node's major
 * version (Node 24 is n8n 2.x's runtime), with the date, Node version and core count: figures in the docs
 * are always the last run's, never copied by hand.
 */
async function main() {
	const started = Date.now();
	const lines = [];
	const out = (...parts) => {
		const text = parts.join(' ');
		console.log(text);
		lines.push(text);
	};
	out(
		`Run ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), BENCH_PARTS=${[...PARTS].join(',')}.\n`,
	);
	if (PARTS.has(1)) {
		out(`#### 1. Node vs bare fetch loop (${ITEMS} creates, ${LATENCY} ms sandbox latency)\n`);
		out(await partNodeVsBare(), '\n');
	}
	if (PARTS.has(2)) {
		out(
			`#### 2. Node vs HTTP Request node in real n8n (${ITEMS} creates, ${LATENCY} ms latency)\n`,
		);
		out(await partN8n(), '\n');
	}
	if (PARTS.has(3)) {
		out(`#### 3. Bulk: ${BULK} items\n`);
		out(await partBulk(), '\n');
	}
	if (PARTS.has(4)) {
		out(`#### 4. Under a rate limit of ${RATE} requests/s (${LATENCY} ms latency)\n`);
		out(await partRateLimit(), '\n');
		out(
			`#### 5. One stray 429 (Retry-After 5 s) in a run ContactSwing otherwise accepts (${LATENCY} ms latency)\n`,
		);
		out(await partStray429(), '\n');
	}
	if (PARTS.has(6)) {
		out(
			`#### 6. The ledger in real n8n on SQLite: ${LEDGER_ITEMS} creates, 50 ms latency, 20 per batch\n`,
		);
		out(await partLedgerN8n(), '\n');
	}
	if (PARTS.has(7)) {
		out(
			`#### 7. ContactSwing Action Trigger vs n8n's Webhook node: the round trip the agent sees (one call at a time)\n`,
		);
		out(await partActionTrigger(), '\n');
	}
	out(`(${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
	if (process.env.BENCH_WRITE !== '0') writeDocs(lines.join('\n'));
}

/** Replaces this runtime's block in docs/benchmarks.md (between `<!-- bench:nodeNN -->` markers). */
function writeDocs(tables) {
	const file = path.join(__dirname, '..', 'docs', 'benchmarks.md');
	const name = `node${process.versions.node.split('.')[0]}`;
	const begin = `<!-- bench:${name} -->`;
	const end = `<!-- /bench:${name} -->`;
	const text = fs.readFileSync(file, 'utf8');
	const from = text.indexOf(begin);
	const to = text.indexOf(end);
	if (from < 0 || to < from) throw new Error(`docs/benchmarks.md has no ${begin} … ${end} block`);
	fs.writeFileSync(
		file,
		`${text.slice(0, from + begin.length)}\n${tables.trim()}\n${text.slice(to)}`,
	);
	// In the repository's format (CI checks it), so a fresh run leaves nothing to reformat.
	spawnSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--write', file], {
		stdio: 'ignore',
	});
	console.log(`Written into docs/benchmarks.md (${begin}).`);
}

main().catch((error) => {
	console.error(error);
	for (const child of sandboxes) child.kill('SIGTERM');
	process.exit(1);
});
