'use strict';
/**
 * `npm run dev`: a real n8n with this package installed, the ContactSwing sandbox, a ready credential
 * and the example workflows, on http://localhost:5678. Ctrl+C stops everything it started.
 *
 * Environment:
 *   CONTACTSWING_TOKEN      use the real ContactSwing API with this token instead of the sandbox
 *   CONTACTSWING_BASE_URL   with CONTACTSWING_TOKEN: another API base URL (default: production)
 *   N8N_PORT                editor port (default 5678)
 *   CONTACTSWING_DEV_FOLDER where the dev instance keeps its data (default: .dev/ in this repository)
 */
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const runtime = require('./n8n-runtime');
const { createSandbox, DEFAULT_TOKEN } = require('../test/sandbox/server');

const PORT = Number(process.env.N8N_PORT ?? 5678);
const SANDBOX_PORT = Number(process.env.CONTACTSWING_SANDBOX_PORT ?? 8787);
const DEV = process.env.CONTACTSWING_DEV_FOLDER ?? path.join(runtime.ROOT, '.dev');
const USER_FOLDER = path.join(DEV, 'n8n');
const OWNER = {
	email: 'dev@contactswing.local',
	firstName: 'Dev',
	lastName: 'User',
	password: 'ContactSwing-dev1',
};
const { log } = runtime;

function workflowId(file) {
	return `cs${crypto.createHash('sha1').update(file).digest('hex').slice(0, 14)}`;
}

async function setUpOwner() {
	const base = `http://127.0.0.1:${PORT}/rest`;
	const settings = await (await fetch(`${base}/settings`)).json();
	if (!settings.data?.userManagement?.showSetupOnFirstLoad) return;
	const response = await fetch(`${base}/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!response.ok)
		log(`Could not create the owner account (${response.status}); n8n will ask you to.`);
}

async function main() {
	const started = Date.now();
	const n8n = runtime.ensureN8n();
	log(
		`n8n ${n8n.version} on Node ${n8n.nodeDir ? path.basename(path.dirname(path.dirname(n8n.nodeDir))).replace('node-', '') : process.versions.node}`,
	);

	log('Building the package…');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: runtime.ROOT, stdio: 'inherit' });
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	log('Installing the packed package into n8n (as the Community Nodes installer does)…');
	runtime.installPackage(USER_FOLDER);

	const realToken = process.env.CONTACTSWING_TOKEN;
	let sandbox;
	let credential;
	if (realToken) {
		const baseUrl =
			process.env.CONTACTSWING_BASE_URL ??
			require('../dist/credentials/ContactSwingApi.credentials.js').CONTACTSWING_PRODUCTION_URL;
		credential = { name: 'ContactSwing (sandbox)', data: { accessToken: realToken, baseUrl } };
		log(`Using the real ContactSwing API at ${baseUrl}: calls and messages reach real people.`);
	} else {
		sandbox = await createSandbox().listen(SANDBOX_PORT);
		credential = {
			name: 'ContactSwing (sandbox)',
			data: { accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url },
		};
		log(`ContactSwing sandbox on ${sandbox.url} (token ${DEFAULT_TOKEN})`);
	}

	// The credential is refreshed every run (the sandbox URL or token may change); workflows are
	// imported once, so edits made in the editor survive restarts.
	const importDir = path.join(DEV, 'import');
	fs.mkdirSync(importDir, { recursive: true });
	const credentialFile = path.join(importDir, 'credentials.json');
	fs.writeFileSync(
		credentialFile,
		JSON.stringify([{ id: 'csSandboxCred001', type: 'contactSwingApi', ...credential }]),
	);
	await runtime.n8nCliAsync(n8n, USER_FOLDER, ['import:credentials', `--input=${credentialFile}`], {
		N8N_RUNNERS_BROKER_PORT: String(PORT + 20000),
	});
	fs.rmSync(credentialFile);
	const examples = fs
		.readdirSync(path.join(runtime.ROOT, 'examples'))
		.filter((f) => f.endsWith('.json'));
	const links = [];
	for (const file of examples) {
		const id = workflowId(file);
		links.push([
			JSON.parse(fs.readFileSync(path.join(runtime.ROOT, 'examples', file), 'utf8')).name,
			id,
		]);
		const marker = path.join(importDir, `${id}.imported`);
		if (fs.existsSync(marker)) continue;
		const workflow = {
			...JSON.parse(fs.readFileSync(path.join(runtime.ROOT, 'examples', file), 'utf8')),
			id,
		};
		// The examples leave the account's own values blank for users to fill; the sandbox account has these.
		for (const node of workflow.nodes) {
			for (const [name, value] of Object.entries({
				smsKeyIds: '134',
				whatsappNumberId: '650175178190170',
			})) {
				if (node.parameters?.[name] === '') node.parameters[name] = value;
			}
		}
		const target = path.join(importDir, `${id}.json`);
		fs.writeFileSync(target, JSON.stringify(workflow));
		await runtime.n8nCliAsync(n8n, USER_FOLDER, ['import:workflow', `--input=${target}`], {
			N8N_RUNNERS_BROKER_PORT: String(PORT + 20000),
		});
		fs.writeFileSync(marker, new Date().toISOString());
	}

	log(`Starting n8n on http://localhost:${PORT} (log: ${path.join(DEV, 'n8n.log')})…`);
	const server = await runtime.startN8n(n8n, USER_FOLDER, {
		port: PORT,
		logFile: path.join(DEV, 'n8n.log'),
	});
	await setUpOwner();

	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	console.log(`
  n8n with n8n-nodes-contactswing is ready (${seconds} s).

  Editor:      http://localhost:${PORT}
  Sign in:     ${OWNER.email} / ${OWNER.password}
  Credential:  "ContactSwing (sandbox)" → ${credential.data.baseUrl}
${links.map(([name, id]) => `  Workflow:    ${name}\n               http://localhost:${PORT}/workflow/${id}`).join('\n')}

  Try the webhook example: open it, click "Execute workflow", then
    curl -X POST http://localhost:${PORT}/webhook-test/new-lead -H 'content-type: application/json' \\
      -d '{"first_name":"Jane","last_name":"Doe","company":"Acme Dental","phone":"+13465507166"}'

  Ctrl+C stops n8n${sandbox ? ' and the sandbox' : ''}.
`);

	let stopping = false;
	const stop = async () => {
		if (stopping) process.exit(1);
		stopping = true;
		log('Stopping…');
		await server.stop();
		if (sandbox) await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	server.child.once('exit', (code) => {
		if (!stopping) {
			log(`n8n exited (${code}); see ${path.join(DEV, 'n8n.log')}`);
			process.exit(1);
		}
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
