'use strict';
// `npm run sandbox`: starts the ContactSwing sandbox until Ctrl+C.
// Options: --port N (default 8787; 0 picks a free one), --token T (default sandbox-token),
// --latency MS (added to every answer), --rps N (fault mode: N requests a second, then 429),
// --quiet (no request log; for benchmarks).
const { createSandbox, DEFAULT_TOKEN } = require('./server');

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : fallback;
}

async function main() {
	const token = option('token', process.env.CONTACTSWING_SANDBOX_TOKEN ?? DEFAULT_TOKEN);
	const port = Number(option('port', process.env.CONTACTSWING_SANDBOX_PORT ?? 8787));
	const record = !process.argv.includes('--quiet');
	const sandbox = await createSandbox({
		token,
		record,
		latencyMs: Number(option('latency', 0)),
	}).listen(port);
	sandbox.setFaults({ requestsPerSecond: Number(option('rps', 0)) });
	console.log(`ContactSwing sandbox listening on ${sandbox.url}`);
	console.log(`Credential: Base URL ${sandbox.url}, Access Token ${token}`);
	const stop = async () => {
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
