'use strict';
/**
 * One real n8n for a test file: a fresh user folder with the packed package installed, the sandbox,
 * a "ContactSwing (sandbox)" credential, and helpers for the CLI and the REST API.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const runtime = require('../../scripts/n8n-runtime');
const { createSandbox, DEFAULT_TOKEN } = require('../sandbox/server');

const CREDENTIAL_ID = 'csSandboxCred001';
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Olive',
	lastName: 'Owner',
	password: 'Sandbox-Passw0rd',
};

/**
 * A port for this suite: its own number, moved by CONTACTSWING_PORT_OFFSET so that several checkouts (or
 * suites run side by side) never share a port.
 */
function e2ePort(port) {
	return port + Number(process.env.CONTACTSWING_PORT_OFFSET ?? 0);
}

async function createInstance({ port }) {
	const n8n = runtime.ensureN8n();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'contactswing-e2e-'));
	const logFile = path.join(userFolder, 'n8n.log');
	runtime.installPackage(userFolder);
	const sandbox = await createSandbox().listen();
	const instance = {
		n8n,
		userFolder,
		logFile,
		sandbox,
		port,
		baseUrl: `http://127.0.0.1:${port}`,
		server: undefined,
		cookie: undefined,
		// Own broker port: a CLI run must not collide with the running instance's task broker.
		cli: (args, env = {}) =>
			runtime.n8nCliAsync(n8n, userFolder, args, {
				N8N_RUNNERS_BROKER_PORT: String(port + 20000),
				...env,
			}),
		async importJson(kind, data) {
			const file = path.join(
				userFolder,
				`${kind}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`,
			);
			fs.writeFileSync(file, JSON.stringify(data));
			await this.cli([`import:${kind}`, `--input=${file}`]);
		},
		async importSandboxCredential() {
			await this.importJson('credentials', [
				{
					id: CREDENTIAL_ID,
					name: 'ContactSwing (sandbox)',
					type: 'contactSwingApi',
					data: { accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url },
				},
			]);
		},
		/** Makes a workflow's webhooks live: `publish:workflow` in n8n 2.x, `update:workflow --active` in 1.x. */
		async publish(workflowId) {
			if (runtime.N8N_VERSION.startsWith('1.'))
				await this.cli(['update:workflow', `--id=${workflowId}`, '--active=true']);
			else await this.cli(['publish:workflow', `--id=${workflowId}`]);
		},
		/** Runs a stored workflow with `n8n execute` and returns its run data. */
		async execute(workflowId) {
			// `execute` prints its result through n8n's logger, at level info.
			const stdout = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
				N8N_LOG_LEVEL: 'info',
			});
			const start = stdout.search(/^\{/m);
			if (start < 0) throw new Error(`n8n execute printed no result:\n${stdout}`);
			// The result ends with the first line that closes it; n8n may log more after it.
			const end = stdout.indexOf('\n}', start);
			return JSON.parse(stdout.slice(start, end < 0 ? undefined : end + 2));
		},
		/** Starts n8n; `env` adds settings (e.g. the durable scheduler's). */
		async start(env = {}) {
			this.server = await runtime.startN8n(n8n, userFolder, { port, logFile, env });
		},
		/**
		 * Published workflows are activated after n8n reports ready. A GET to a POST-only webhook says
		 * "not registered for GET" once the path exists, and "not registered" before: poll for the former.
		 */
		async waitForWebhook(webhookPath) {
			const deadline = Date.now() + 60_000;
			while (Date.now() < deadline) {
				const response = await fetch(`${this.baseUrl}/webhook/${webhookPath}`);
				const text = await response.text();
				if (response.status !== 404 || /not registered for GET/.test(text)) return;
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
			throw new Error(`Webhook ${webhookPath} was not registered within 60 s`);
		},
		async stop() {
			if (this.server) await this.server.stop();
			this.server = undefined;
		},
		async rest(method, route, body) {
			const response = await fetch(`${this.baseUrl}/rest${route}`, {
				method,
				headers: {
					'content-type': 'application/json',
					...(this.cookie ? { cookie: this.cookie } : {}),
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			let json;
			try {
				json = JSON.parse(text);
			} catch {
				json = { text };
			}
			return { status: response.status, json, headers: response.headers };
		},
		/** Sets up the owner account (first run) and logs in, keeping the session cookie. */
		async loginOwner() {
			const setup = await this.rest('POST', '/owner/setup', OWNER);
			// n8n 2.x names the login field emailOrLdapLoginId; 1.x took email.
			const login = await this.rest('POST', '/login', {
				emailOrLdapLoginId: OWNER.email,
				email: OWNER.email,
				password: OWNER.password,
			});
			const cookie = (
				login.headers.get('set-cookie') ??
				setup.headers.get('set-cookie') ??
				''
			).split(';')[0];
			if (!cookie.startsWith('n8n-auth='))
				throw new Error(`Owner login failed: ${login.status} ${JSON.stringify(login.json)}`);
			this.cookie = cookie;
		},
		async close() {
			await this.stop();
			await sandbox.close();
			if (!process.env.KEEP_E2E_FOLDERS) fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
	return instance;
}

module.exports = { createInstance, e2ePort, CREDENTIAL_ID, OWNER };
