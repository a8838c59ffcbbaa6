'use strict';
// `npm run sandbox`: starts the ContactSwing sandbox until Ctrl+C.
// Options: --port N (default 8787), --token T (default sandbox-token).
const { createSandbox, DEFAULT_TOKEN } = require('./server');

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : fallback;
}

async function main() {
	const token = option('token', process.env.CONTACTSWING_SANDBOX_TOKEN ?? DEFAULT_TOKEN);
	const port = Number(option('port', process.env.CONTACTSWING_SANDBOX_PORT ?? 8787));
	const sandbox = await createSandbox({ token }).listen(port);
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
