'use strict';
/**
 * PostgreSQL and Redis for the queue-mode suite, from Debian's packages, started on loopback in
 * throw-away folders (and stopped) by the test itself. As root, PostgreSQL runs as the postgres user.
 */
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function postgresBin(name) {
	const versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
	return path.join('/usr/lib/postgresql', versions[0], 'bin', name);
}

const asPostgres = (command, args) =>
	process.getuid() === 0
		? ['runuser', ['-u', 'postgres', '--', command, ...args]]
		: [command, args];

async function waitFor(check, what, seconds = 60) {
	const deadline = Date.now() + seconds * 1000;
	while (Date.now() < deadline) {
		try {
			if (await check()) return;
		} catch {
			// not yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`${what} did not start within ${seconds} s`);
}

async function startPostgres(port) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contactswing-pg-'));
	if (process.getuid() === 0) execFileSync('chown', ['postgres:postgres', dir]);
	execFileSync(
		...asPostgres(postgresBin('initdb'), ['-D', dir, '-U', 'n8n', '--auth=trust', '-E', 'UTF8']),
		{ stdio: 'ignore' },
	);
	const [command, args] = asPostgres(postgresBin('postgres'), [
		'-D',
		dir,
		'-p',
		String(port),
		'-k',
		dir,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'max_connections=200',
		'-c',
		'fsync=off',
	]);
	const server = spawn(command, args, { stdio: 'ignore' });
	await waitFor(() => {
		execFileSync(postgresBin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
			stdio: 'ignore',
		});
		return true;
	}, 'PostgreSQL');
	execFileSync(postgresBin('createdb'), [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		'n8n',
		'n8n',
	]);
	return {
		port,
		query(sql) {
			return execFileSync(
				postgresBin('psql'),
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(port),
					'-U',
					'n8n',
					'-d',
					'n8n',
					'-At',
					'-F',
					'\t',
					'-c',
					sql,
				],
				{ encoding: 'utf8' },
			);
		},
		async stop() {
			// runuser does not pass signals on; pg_ctl stops the server itself.
			execFileSync(...asPostgres(postgresBin('pg_ctl'), ['-D', dir, 'stop', '-m', 'fast']), {
				stdio: 'ignore',
			});
			await new Promise((resolve) =>
				server.exitCode !== null ? resolve() : server.once('exit', resolve),
			);
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

async function startRedis(port) {
	const server = spawn(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ stdio: 'ignore' },
	);
	await waitFor(
		() =>
			execFileSync('redis-cli', ['-p', String(port), 'ping'], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}).trim() === 'PONG',
		'Redis',
	);
	return {
		port,
		async stop() {
			server.kill('SIGTERM');
			await new Promise((resolve) =>
				server.exitCode !== null ? resolve() : server.once('exit', resolve),
			);
		},
	};
}

module.exports = { startPostgres, startRedis };
