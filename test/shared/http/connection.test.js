'use strict';
/**
 * The token stays with ContactSwing, and faults never multiply requests. Each test runs the node
 * through n8n-core against the sandbox and asserts on what was (or was not) sent, and where.
 */
const { useSandbox } = require('../../helpers/sandbox');
const { smsAgent } = require('../../fixtures');
const { testCredential } = require('../../helpers/n8n');

const ctx = useSandbox();

const sms = (options = {}, extra = {}) =>
	smsAgent({ name: 'Safety check', options: { maxRetryWait: 5, ...options }, ...extra });

describe('one Base URL rule for the node and the Test button', () => {
	test.each([
		'http://0.0.0.0:{port}',
		'http://[::ffff:127.0.0.1]:{port}',
		'http://user:pw@127.0.0.1:{port}',
		'http://127.0.0.1:{port}/?x=1',
	])(
		'%s: the Test button fails and the node refuses, and neither sends anything',
		async (template) => {
			const baseUrl = template.replace('{port}', new URL(ctx.sandbox.url).port);
			const verdict = await testCredential(ctx.credentials({ baseUrl }));
			expect(verdict.status).toBe('Error');
			const { error } = await ctx.run({
				parameters: sms(),
				credentials: ctx.credentials({ baseUrl }),
			});
			expect(error.message).toMatch(/^The Base URL of the ContactSwing API credential /);
			expect(ctx.sandbox.requests).toHaveLength(0);
		},
	);

	test('http to 127.0.0.1 and localhost passes both', async () => {
		for (const baseUrl of [ctx.sandbox.url, ctx.sandbox.url.replace('127.0.0.1', 'localhost')]) {
			expect((await testCredential(ctx.credentials({ baseUrl }))).status).toBe('OK');
		}
	});
});
