'use strict';
const { createSandbox, DEFAULT_TOKEN } = require('../sandbox/server');
const { runNode } = require('./n8n');

/**
 * One sandbox per test file, reset before each test, plus a `run` that points the node's credential
 * at it. Tests assert on `sandbox.requests`: what ContactSwing would really have received.
 */
function useSandbox(options) {
	const context = { sandbox: undefined, token: DEFAULT_TOKEN };
	beforeAll(async () => {
		context.sandbox = await createSandbox(options).listen();
	});
	afterAll(async () => {
		await context.sandbox.close();
	});
	beforeEach(() => context.sandbox.reset());
	context.credentials = (overrides = {}) => ({
		accessToken: DEFAULT_TOKEN,
		baseUrl: context.sandbox.url,
		...overrides,
	});
	context.run = (args) => runNode({ credentials: context.credentials(), ...args });
	return context;
}

module.exports = { useSandbox };
