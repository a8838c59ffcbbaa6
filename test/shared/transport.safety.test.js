'use strict';
/**
 * The token stays with ContactSwing, and faults never multiply requests (issue 11). Each test runs the node
 * through n8n-core against the sandbox and asserts on what was (or was not) sent, and where.
 */
const { useSandbox } = require('../helpers/sandbox');
const { smsAgent } = require('../fixtures');
const { createSandbox, DEFAULT_TOKEN } = require('../sandbox/server');
const { testCredential, loadActions } = require('../helpers/n8n');

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

describe('the token is redacted from everything that leaves the node', () => {
	const forms = (token) => [token, encodeURIComponent(token), JSON.stringify(token).slice(1, -1)];

	test('a success body that echoes the token (ctx_id, a field, URL-encoded) is emitted redacted, and n8n stores it redacted', async () => {
		ctx.sandbox.script({ processed: true, echoAuthorizationInBody: true });
		const { output, run } = await ctx.run({ parameters: sms() });
		expect(output[0].json.ctx_id).toBe('Bearer [redacted]');
		expect(output[0].json.raw).toBe('[redacted]');
		expect(output[0].json.echoed).toBe('token=[redacted]');
		expect(output[0].json.assistant_id).toEqual(expect.any(String));
		for (const form of forms(DEFAULT_TOKEN)) expect(JSON.stringify(run)).not.toContain(form);
	});

	describe('tokens with characters that JSON and URLs escape', () => {
		const token = 'tok"en\\with/odd chars+=?';
		let special;
		beforeAll(async () => {
			special = await createSandbox({ token }).listen();
		});
		afterAll(() => special.close());

		test('inside an object detail (stringified for the message) and an HTML page cut at 300 characters', async () => {
			const credentials = { accessToken: token.replace(' ', ''), baseUrl: special.url };
			// The credential refuses spaces, so use the token without its space on both sides.
			special.state.token = credentials.accessToken;
			special.script(
				{
					status: 400,
					body: {
						detail: { got: credentials.accessToken, again: `Bearer ${credentials.accessToken}` },
					},
				},
				{
					status: 502,
					body: `<p>${'x'.repeat(290)}${encodeURIComponent(credentials.accessToken)}</p>`,
				},
			);
			const { runNode } = require('../helpers/n8n');
			const { output, run } = await runNode({
				parameters: sms({ maxRetryWait: 0 }),
				items: [{}, {}],
				credentials,
				continueOnFail: true,
			});
			const kept = JSON.stringify(output) + JSON.stringify(run);
			for (const form of forms(credentials.accessToken)) expect(kept).not.toContain(form);
			// Nor a piece of it left by the cut.
			expect(kept).not.toContain(encodeURIComponent(credentials.accessToken).slice(0, 8));
			expect(output[0].json.error).toContain('[redacted]');
		});
	});

	test('a token shorter than 8 characters is refused by the node before anything is sent', async () => {
		const { error } = await ctx.run({
			parameters: sms(),
			credentials: ctx.credentials({ accessToken: 'abc' }),
		});
		expect(error.message).toBe(
			'The access token in the ContactSwing API credential is too short to be a ContactSwing token',
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});

describe('Retry-After', () => {
	test.each(['-5', '+5', '.5', 'Retry 3', '0', 'Wed, 21 Oct 2015 07:28:00 GMT', '1.5', ''])(
		'"%s" never means "retry at once": at least 250 ms pass, and one 429 costs one extra request',
		async (value) => {
			ctx.sandbox.script({ status: 429, headers: { 'retry-after': value } });
			const { output } = await ctx.run({ parameters: sms() });
			expect(output[0].json.assistant_id).toEqual(expect.any(String));
			const [refused, accepted] = agentPosts();
			expect(agentPosts()).toHaveLength(2);
			expect(accepted.receivedAt - refused.receivedAt).toBeGreaterThanOrEqual(240);
		},
	);

	test('three items under unreadable Retry-After values make a handful of requests, not dozens', async () => {
		ctx.sandbox.script(
			...['-5', '+5', '.5', 'Retry 3', '-5', '+5'].map((value) => ({
				status: 429,
				headers: { 'retry-after': value },
			})),
		);
		const started = Date.now();
		const { output } = await ctx.run({ parameters: sms(), items: [{}, {}, {}] });
		expect(output.every((o) => o.json.assistant_id)).toBe(true);
		expect(agentPosts().length).toBeLessThanOrEqual(9);
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
	});
});

describe('Return All stops when the server does not page', () => {
	// A full first page, so what is tested is the second one.
	beforeEach(() => {
		const [first] = ctx.sandbox.state.actions;
		for (let k = 0; k < 125; k++) ctx.sandbox.state.actions.push({ ...first, id: `extra-${k}` });
	});
	test.each([
		['ignores-page', /answered page 1 when page 2 was asked for/],
		['ignores-page-silently', /answered page 2 with the same records as page 1/],
	])('%s: two requests, then a clear error', async (pager, message) => {
		ctx.sandbox.setFaults({ pager });
		const { error } = await ctx.run({
			parameters: { resource: 'action', operation: 'getMany', returnAll: true },
		});
		expect(ctx.sandbox.requests).toHaveLength(2);
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(/Turn off Return All and set a Limit/);
	});

	test('the action picker stops alike, keeping the first page once (the reason is logged)', async () => {
		ctx.sandbox.setFaults({ pager: 'ignores-page' });
		const options = await loadActions(ctx.credentials());
		expect(options).toHaveLength(100);
		expect(new Set(options.map((o) => o.value)).size).toBe(100);
		expect(ctx.sandbox.requests).toHaveLength(2);
	});
});

describe('IDs that would change the path are refused with the field name', () => {
	const operations = [
		['Action ID', (id) => ({ resource: 'action', operation: 'get', actionId: id })],
		[
			'Customer ID',
			(id) => ({
				resource: 'customer',
				operation: 'update',
				customerId: id,
				updateFields: { name: 'X' },
			}),
		],
		[
			'Knowledge Base ID',
			(id) => ({
				resource: 'knowledgeBase',
				operation: 'update',
				knowledgeBaseId: id,
				updateFields: { name: 'X' },
			}),
		],
		[
			'Voice Agent ID',
			(id) => ({
				resource: 'call',
				operation: 'makeCall',
				agentId: id,
				phoneNumber: '+1234567890',
			}),
		],
	];
	const ids = ['.', '..', 'a/b', '../_customers', 'x?y=1', 'x#y', 'a\\b', 'a\u0000b'];
	test.each(operations)('%s', async (field, parameters) => {
		for (const id of ids) {
			const { error } = await ctx.run({ parameters: parameters(id) });
			expect(error.message).toMatch(new RegExp(`^${field} is not an ID: .* \\[item 0\\]$`));
		}
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});

describe('run-wide options', () => {
	test.each([
		[
			'Timeout "abc"',
			{ timeout: '={{ "abc" }}' },
			/^Timeout \(Ms\) must be a whole number of at least 1, got "abc"/,
		],
		[
			'Max Retry Wait -1',
			{ maxRetryWait: '={{ -1 }}' },
			/^Max Retry Wait \(Seconds\) must be a number from 0 to 2147483, got -1/,
		],
		[
			'Timeout above 2^31 - 1 ms',
			{ timeout: 2 ** 31 },
			/^Timeout \(Ms\) must be at most 2147483647, got 2147483648/,
		],
		[
			'Batch Interval above 2^31 - 1 ms',
			{ batching: { batch: { batchInterval: 2 ** 31 } } },
			/^Batch Interval \(Ms\) must be at most 2147483647/,
		],
		[
			'Max Retry Wait above 2^31 - 1 ms',
			{ maxRetryWait: 2147484 },
			/^Max Retry Wait \(Seconds\) must be a number from 0 to 2147483/,
		],
	])(
		'%s with Continue: one error item per input item, paired, nothing sent',
		async (_label, options, message) => {
			const { output, error } = await ctx.run({
				parameters: sms(options),
				items: [{ a: 1 }, { a: 2 }, { a: 3 }],
				continueOnFail: true,
			});
			expect(error).toBeUndefined();
			expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			for (const item of output) {
				expect(item.json.error).toMatch(message);
				expect(item.json.a).toBeUndefined();
			}
			expect(ctx.sandbox.requests).toHaveLength(0);
		},
	);

	test('the time options are bounded in the editor too', () => {
		const { nodeType } = require('../helpers/n8n');
		const options = nodeType.description.properties.find(
			(p) => p.name === 'options' && p.displayOptions.show.operation.includes('createSmsAgent'),
		);
		const byName = Object.fromEntries(options.options.map((o) => [o.name, o]));
		expect(byName.timeout.typeOptions.maxValue).toBe(2 ** 31 - 1);
		expect(byName.maxRetryWait.typeOptions.maxValue).toBe(2147483);
		expect(
			byName.batching.options[0].values.find((v) => v.name === 'batchInterval').typeOptions
				.maxValue,
		).toBe(2 ** 31 - 1);
	});
});

describe('Expires At (Create API Key)', () => {
	const apiKey = (expiresAt) => ({
		resource: 'apiKey',
		operation: 'create',
		name: 'Key',
		additionalFields: { expiresAt },
	});

	test.each(['7', '={{ 90 }}', '-5', '2026-02-31', '2026-13-01', 'next tuesday', '31/12/2026'])(
		'%s is refused, nothing sent',
		async (value) => {
			const { error } = await ctx.run({ parameters: apiKey(value) });
			expect(error.message).toMatch(/^Expires At must be a date, got .* \[item 0\]$/);
			expect(ctx.sandbox.requests).toHaveLength(0);
		},
	);

	test.each([
		['2026-12-31T23:59:59', '2026-12-31T22:59:59Z'],
		['2026-07-01', '2026-06-30T22:00:00Z'],
		['2026-12-31T23:59:59Z', '2026-12-31T23:59:59Z'],
		['2026-12-31T23:59:59+05:30', '2026-12-31T18:29:59Z'],
		['2026-12-31T23:59:59+0530', '2026-12-31T18:29:59Z'],
		['2026-07-01 12:00', '2026-07-01T10:00:00Z'],
		['2026-03-29T02:30:00', '2026-03-29T01:30:00Z'],
		['2026-12-31T23:59:59.5Z', '2026-12-31T23:59:59.500Z'],
	])('%s in a workflow in Europe/Berlin is sent as %s', async (value, sent) => {
		await ctx.run({ parameters: apiKey(value), settings: { timezone: 'Europe/Berlin' } });
		expect(ctx.sandbox.requests[0].body.expires_at).toBe(sent);
	});
});

describe('Additional Body cannot change what the node sends', () => {
	test.each([
		['{"type": "VOICE_INCOMING"}', '{"type": "VOICE_INCOMING"}', /must not set "type"/],
		[
			'{"api_keys": []}',
			'{"api_keys": []}',
			/must not change "api_keys", which the node already sends/,
		],
		['{"name": null}', '{"name": null}', /must not contain null \(at "name"\)/],
		[
			'{"additional_settings": {"idle_time": 5}}',
			'{"additional_settings": {"idle_time": 5}}',
			/must not change "additional_settings.idle_time"/,
		],
		[
			'a 2 MB field',
			JSON.stringify({ notes: 'x'.repeat(2_000_000) }),
			/is too long \(2000012 characters, at most 200000\)/,
		],
	])('%s is refused before sending', async (_label, json, message) => {
		const { error } = await ctx.run({
			parameters: sms({ additionalBody: json }, { additionalFields: { idleTimeSeconds: 60 } }),
		});
		expect(error.message).toMatch(/^Additional Body \(JSON\) /);
		expect(error.message).toMatch(message);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('it adds fields the node has none for, also inside objects it sends', async () => {
		await ctx.run({
			parameters: sms(
				{ additionalBody: '{"additional_settings": {"max_messages": 3}, "version": "v2"}' },
				{ additionalFields: { idleTimeSeconds: 60 } },
			),
		});
		const [request] = agentPosts();
		expect(request.body.additional_settings).toEqual({ idle_time: 60, max_messages: 3 });
		expect(request.body.version).toBe('v2');
		expect(request.body.type).toBe('SMS');
	});
});

describe('odd answers and odd input', () => {
	test('a __proto__, constructor or prototype key in an answer is dropped, never an output prototype', async () => {
		ctx.sandbox.script({
			status: 201,
			body: '{"data": {"assistant_id": "a-1", "__proto__": {"polluted": "yes"}, "constructor": {"x": 1}, "nested": {"prototype": 1, "__proto__": {"p": 2}, "kept": true}}}',
		});
		const { output } = await ctx.run({ parameters: sms() });
		const json = output[0].json;
		expect(json.polluted).toBeUndefined();
		expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
		expect(Object.keys(json).sort()).toEqual(['assistant_id', 'nested']);
		expect(json.nested).toEqual({ kept: true });
		expect(Object.getPrototypeOf(json.nested)).toBe(Object.prototype);
	});

	test('an answer nested 20,000 levels deep: a clear "may have created" error, not a stack overflow', async () => {
		const deep = `{"data": {"assistant_id": "a-1", "x": ${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
		ctx.sandbox.script({ processed: true, status: 201, body: deep });
		const { error } = await ctx.run({ parameters: sms() });
		expect(error.message).toBe(
			'ContactSwing answered HTTP 201, but its answer is nested more than 100 levels deep and was not read [item 0]',
		);
		expect(error.description).toMatch(
			/^ContactSwing may have created the agent\. Check ContactSwing before running again/,
		);
		expect(agentPosts()).toHaveLength(1);
	});

	test('an error answer nested that deep still gives its status', async () => {
		ctx.sandbox.script({
			status: 400,
			body: `{"detail": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
		});
		const { error } = await ctx.run({ parameters: sms() });
		expect(error.message).toBe('ContactSwing rejected the request (HTTP 400) [item 0]');
	});

	test('Additional Body keys named like built-in methods (toString, hasOwnProperty) are new keys and are sent', async () => {
		await ctx.run({
			parameters: sms({ additionalBody: '{"toString": "a", "hasOwnProperty": "b"}' }),
		});
		expect(agentPosts()[0].body).toEqual(
			expect.objectContaining({ toString: 'a', hasOwnProperty: 'b' }),
		);
	});

	test.each([
		[
			'0090-01-01',
			/^Expires At must be a date from the year 1000 on, got "0090-01-01" \[item 0\]$/,
		],
		['0999-12-31T00:00:00Z', /^Expires At must be a date from the year 1000 on/],
		[
			'2026-12-31T23:59:59+99:99',
			/^Expires At has an offset outside ±18:00, got "2026-12-31T23:59:59\+99:99" \[item 0\]$/,
		],
		['2026-12-31T23:59:59-18:30', /^Expires At has an offset outside ±18:00/],
		['2026-12-31T23:59:59+05:60', /^Expires At has an offset outside ±18:00/],
	])('Expires At %s is refused, nothing sent', async (expiresAt, message) => {
		const { error } = await ctx.run({
			parameters: {
				resource: 'apiKey',
				operation: 'create',
				name: 'Key',
				additionalFields: { expiresAt },
			},
		});
		expect(error.message).toMatch(message);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test.each([
		['1000-01-01T00:00:00Z', '1000-01-01T00:00:00Z'],
		['2026-12-31T23:59:59+18:00', '2026-12-31T05:59:59Z'],
		['2026-12-31T23:59:59-12:00', '2027-01-01T11:59:59Z'],
	])('Expires At %s is sent as %s', async (expiresAt, sent) => {
		await ctx.run({
			parameters: {
				resource: 'apiKey',
				operation: 'create',
				name: 'Key',
				additionalFields: { expiresAt },
			},
		});
		expect(ctx.sandbox.requests[0].body.expires_at).toBe(sent);
	});
});
