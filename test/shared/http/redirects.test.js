'use strict';
/**
 * The token stays with ContactSwing, and faults never multiply requests. Each test runs the node
 * through n8n-core against the sandbox and asserts on what was (or was not) sent, and where.
 */
const { useSandbox } = require('../../helpers/sandbox');
const { smsAgent } = require('../../fixtures');
const { createSandbox, DEFAULT_TOKEN } = require('../../sandbox/server');
const { testCredential } = require('../../helpers/n8n');

const ctx = useSandbox();

const sms = (options = {}, extra = {}) =>
	smsAgent({ name: 'Safety check', options: { maxRetryWait: 5, ...options }, ...extra });

const WEBHOOK_ID = 'a0000000-0000-4000-8000-000000000001';
const agentPosts = () => ctx.sandbox.requests.filter((r) => r.path === '/v2/_new_assistants');

describe('redirects', () => {
	let other;
	beforeAll(async () => {
		other = await createSandbox().listen();
	});
	afterAll(() => other.close());
	beforeEach(() => other.reset());

	test.each([301, 302, 303, 307, 308])(
		'a %i to another origin is not followed: the token goes nowhere else',
		async (status) => {
			ctx.sandbox.script({ status, headers: { location: `${other.url}/v2/_new_assistants` } });
			const { error } = await ctx.run({ parameters: sms() });
			expect(other.requests).toHaveLength(0);
			expect(agentPosts()).toHaveLength(1);
			expect(error.message).toBe(
				`ContactSwing answered with a redirect (HTTP ${status}) to another origin (${other.url}), which the node does not follow [item 0]`,
			);
			expect(error.description).toMatch(
				/only ever sent to http:\/\/127\.0\.0\.1:\d+; nothing was sent to/,
			);
		},
	);

	test('another host on the same port is another origin too (localhost vs 127.0.0.1)', async () => {
		const location = ctx.sandbox.url.replace('127.0.0.1', 'localhost') + '/v2/_actions/x';
		ctx.sandbox.script({ status: 307, headers: { location } });
		const { error } = await ctx.run({
			parameters: { resource: 'action', operation: 'get', actionId: 'x' },
		});
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(error.message).toMatch(/to another origin \(http:\/\/localhost:\d+\)/);
	});

	test.each([301, 302, 303])(
		'a same-origin %i on a create would turn the POST into a GET: not followed, nothing reported as created',
		async (status) => {
			ctx.sandbox.script({ status, headers: { location: '/v2/_actions' } });
			const { error, output } = await ctx.run({ parameters: sms(), continueOnFail: true });
			expect(error).toBeUndefined();
			expect(ctx.sandbox.requests).toHaveLength(1);
			expect(output[0].json.error).toBe(
				`ContactSwing answered with a redirect (HTTP ${status}) that would turn the POST into a GET, which the node does not follow [item 0]`,
			);
			expect(output[0].json.assistant_id).toBeUndefined();
		},
	);

	test('a same-origin 301 on an update is not followed either: only 307 and 308 must keep a PUT', async () => {
		ctx.sandbox.script({ status: 301, headers: { location: '/v2/_customers/elsewhere' } });
		const { error } = await ctx.run({
			parameters: {
				resource: 'customer',
				operation: 'update',
				customerId: 'c0000000-0000-4000-8000-000000000001',
				updateFields: { name: 'Jane' },
			},
		});
		expect(ctx.sandbox.requests).toHaveLength(1);
		expect(error.message).toBe(
			'ContactSwing answered with a redirect (HTTP 301) that need not keep the PUT as sent (only 307 and 308 must), which the node does not follow [item 0]',
		);
	});

	test('a same-origin 307 is followed once, with the same method, body and token', async () => {
		ctx.sandbox.script({
			status: 307,
			headers: { location: `${ctx.sandbox.url}/v2/_new_assistants` },
		});
		const { output } = await ctx.run({ parameters: sms() });
		const [first, second] = agentPosts();
		expect(agentPosts()).toHaveLength(2);
		expect(second.method).toBe('POST');
		expect(second.body).toEqual(first.body);
		expect(second.headers.authorization).toBe(`Bearer ${DEFAULT_TOKEN}`);
		expect(ctx.sandbox.state.agents.size).toBe(1);
		expect(output[0].json.assistant_id).toEqual(expect.any(String));
	});

	test('a same-origin Location that holds the token is followed as it is (what goes back to ContactSwing is never the redacted form)', async () => {
		ctx.sandbox.script({
			status: 307,
			headers: { location: `/v2/_actions/${WEBHOOK_ID}?session=${DEFAULT_TOKEN}` },
		});
		const { output, run } = await ctx.run({
			parameters: { resource: 'action', operation: 'get', actionId: WEBHOOK_ID },
		});
		expect(ctx.sandbox.requests.map((r) => r.query)).toEqual([{}, { session: DEFAULT_TOKEN }]);
		expect(output[0].json.id).toBe(WEBHOOK_ID);
		expect(JSON.stringify(run)).not.toContain(DEFAULT_TOKEN);
	});

	test('a redirect loop stops after 5 hops and is not retried', async () => {
		ctx.sandbox.script(
			...Array.from({ length: 20 }, () => ({
				status: 302,
				headers: { location: '/v2/_actions/loop' },
			})),
		);
		const { error } = await ctx.run({
			parameters: {
				resource: 'action',
				operation: 'get',
				actionId: 'loop',
				options: { maxRetryWait: 60 },
			},
		});
		expect(ctx.sandbox.requests).toHaveLength(6);
		expect(error.message).toBe(
			'ContactSwing answered with a redirect (HTTP 302) for the 6th time in a row, which the node does not follow [item 0]',
		);
	});

	test('the Test button does not follow a redirect to another origin either', async () => {
		ctx.sandbox.script({ status: 302, headers: { location: `${other.url}/v2/_customers` } });
		const verdict = await testCredential(ctx.credentials());
		expect(verdict.status).toBe('Error');
		expect(other.requests).toHaveLength(0);
	});
});
