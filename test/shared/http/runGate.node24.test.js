'use strict';
/**
 * n8n 2.x runs on Node 24, which warns in n8n's log about a timer set with a negative or overflowing delay.
 * A paced run of the rate-limit gate, on a clock that moves between any two readings, under Node 24 with
 * every process warning an error (test/node24/paced-run.js), must set no such timer.
 */
const { execFile } = require('node:child_process');
const path = require('node:path');
const { promisify } = require('node:util');
const runtime = require('../../../scripts/n8n-runtime');

test('a paced run on Node 24 sets no timer with a negative or fractional-overflow delay', async () => {
	const { node } = runtime.ensureNode();
	const { stdout } = await promisify(execFile)(
		node,
		[path.join(__dirname, '../../node24/paced-run.js')],
		{ encoding: 'utf8' },
	).catch((error) => {
		throw new Error(`The paced run failed:\n${error.stderr}`);
	});
	expect(stdout).toMatch(/^paced run: 2001 requests passed, no timer warning$/m);
}, 120_000);
