'use strict';
/**
 * The access token never shows: not in output items, error messages or descriptions, the execution
 * data n8n keeps, nor anything printed, on every failure path the node has.
 */
const { useSandbox } = require('../../helpers/sandbox');
const { smsAgent } = require('../../fixtures');
const { DEFAULT_TOKEN } = require('../../sandbox/server');

const ctx = useSandbox();
const TOKEN = DEFAULT_TOKEN;

const sms = (extra = {}) =>
	smsAgent({ name: 'Secret check', options: { maxRetryWait: 1, timeout: 1000 }, ...extra });

const paths = [
	['validation failure', () => ({ parameters: sms({ smsKeyIds: '={{ "abc" }}' }) })],
	['400 from ContactSwing', () => ({ parameters: sms({ model: 'gpt' }) })],
	[
		'401, wrong token',
		() => ({
			parameters: sms(),
			credentials: ctx.credentials({ accessToken: `${TOKEN}-wrong` }),
			token: `${TOKEN}-wrong`,
		}),
	],
	[
		'a server that echoes the header back',
		() => (ctx.sandbox.script({ echoAuthorization: true }), { parameters: sms() }),
	],
	[
		'422',
		() => (
			ctx.sandbox.script({ status: 422, body: { detail: [{ loc: ['body', 'x'], msg: 'bad' }] } }),
			{ parameters: sms() }
		),
	],
	['404', () => ({ parameters: { resource: 'action', operation: 'get', actionId: 'missing' } })],
	[
		'500 after processing',
		() => (
			ctx.sandbox.script({ processed: true, status: 500, body: { detail: 'crash' } }),
			{ parameters: sms() }
		),
	],
	[
		'502 HTML',
		() => (
			ctx.sandbox.script({ status: 502, body: '<h1>Bad Gateway</h1>' }),
			{ parameters: sms() }
		),
	],
	[
		'429 past Max Retry Wait',
		() => (
			ctx.sandbox.script({ status: 429, headers: { 'retry-after': '60' } }),
			{ parameters: sms() }
		),
	],
	['reset before processing', () => (ctx.sandbox.script({ reset: true }), { parameters: sms() })],
	[
		'reset after processing',
		() => (ctx.sandbox.script({ processed: true, reset: true }), { parameters: sms() }),
	],
	[
		'timeout',
		() => (ctx.sandbox.script({ processed: true, delayMs: 1500 }), { parameters: sms() }),
	],
	[
		'cut-off JSON',
		() => (
			ctx.sandbox.script({ processed: true, status: 201, body: '{"data": {' }),
			{ parameters: sms() }
		),
	],
	[
		'connection refused',
		() => ({ parameters: sms(), credentials: ctx.credentials({ baseUrl: 'http://127.0.0.1:9' }) }),
	],
	[
		'plain http to a remote host',
		() => ({
			parameters: sms(),
			credentials: ctx.credentials({ baseUrl: 'http://contactswing.example.com' }),
		}),
	],
	[
		'token with a line break',
		() => ({
			parameters: sms(),
			credentials: ctx.credentials({ accessToken: `${TOKEN}\nX-Evil: 1` }),
			token: TOKEN,
		}),
	],
	[
		'token pasted with Bearer',
		() => (
			ctx.sandbox.script({ status: 400, body: { detail: 'no' } }),
			{ parameters: sms(), credentials: ctx.credentials({ accessToken: `Bearer ${TOKEN}` }) }
		),
	],
];

describe.each([false, true])('continue on fail: %s', (continueOnFail) => {
	test.each(paths)('%s', async (_label, setUp) => {
		const { parameters, credentials, token = TOKEN } = setUp();
		const printed = [];
		const spies = ['log', 'info', 'warn', 'error', 'debug'].map((level) =>
			jest
				.spyOn(console, level)
				.mockImplementation((...args) => printed.push(args.map(String).join(' '))),
		);
		const stdout = jest
			.spyOn(process.stdout, 'write')
			.mockImplementation((chunk) => (printed.push(String(chunk)), true));
		let result;
		try {
			result = await ctx.run({ parameters, credentials, continueOnFail });
		} finally {
			for (const spy of [...spies, stdout]) spy.mockRestore();
		}
		const { output, error, run } = result;
		// The path failed as intended.
		expect(Boolean(error) || output.some((o) => o.json.error)).toBe(true);
		const kept = [
			JSON.stringify(output),
			JSON.stringify(run),
			error
				? JSON.stringify({
						message: error.message,
						description: error.description,
						context: error.context,
						messages: error.messages,
						stack: error.stack,
					})
				: '',
			JSON.stringify(error?.cause ?? null),
			printed.join('\n'),
		].join('\n');
		expect(kept).not.toContain(token);
		expect(kept).not.toContain(TOKEN);
	});
});

test('the echoed header is shown redacted, so the user still sees what ContactSwing said', async () => {
	ctx.sandbox.script({ echoAuthorization: true });
	const { error } = await ctx.run({ parameters: sms() });
	expect(error.message).toBe(
		'ContactSwing rejected the request (HTTP 400): Bad header: Bearer [redacted] [item 0]',
	);
});

describe('every form in which a token can come back is redacted', () => {
	const token = 'Ab/cd+ef=gh.ij~kl:mn';
	const lowerPercent = encodeURIComponent(token).replace(/%[0-9A-F]{2}/g, (escape) =>
		escape.toLowerCase(),
	);
	const pythonQuote = encodeURIComponent(token).replace(/%2F/g, '/');
	const forms = [
		['as it is', token],
		['URL-encoded', encodeURIComponent(token)],
		['URL-encoded in lower case (%2f)', lowerPercent],
		["Python's quote (keeps /)", pythonQuote],
		['JSON with \\/ escaping', token.replace(/\//g, '\\/')],
		[
			'JSON-escaped once more',
			JSON.stringify(token.replace(/\//g, '\\/')).slice(1, -1).replace(/\\/g, '\\\\'),
		],
		[
			'every character as \\u00XX',
			[...token].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
		],
	];

	test.each(forms)('%s, in an error and in an output item', async (_label, form) => {
		ctx.sandbox.script({ status: 400, body: { detail: `token was ${form}` } });
		const failed = await ctx.run({
			parameters: sms(),
			credentials: ctx.credentials({ accessToken: token }),
		});
		expect(failed.error.message).toBe(
			'ContactSwing rejected the request (HTTP 400): token was [redacted] [item 0]',
		);
		ctx.sandbox.script({
			status: 201,
			body: { data: { assistant_id: 'a-1', echoed: `t=${form}&x=1` } },
		});
		const { output } = await ctx.run({
			parameters: sms(),
			credentials: ctx.credentials({ accessToken: token }),
		});
		expect(output[0].json.echoed).toBe('t=[redacted]&x=1');
	});

	test('a numeric token echoed as a JSON number', async () => {
		const numeric = '123456789012';
		ctx.sandbox.script({
			status: 201,
			body: { data: { assistant_id: 'a-1', account: Number(numeric) } },
		});
		const { output, run } = await ctx.run({
			parameters: sms(),
			credentials: ctx.credentials({ accessToken: numeric }),
		});
		expect(output[0].json.account).toBe('[redacted]');
		expect(JSON.stringify(run)).not.toContain(numeric);
	});

	test.each([
		['a zero-width space', '\u200b', 'U+200B'],
		['a word joiner', '\u2060', 'U+2060'],
		['a control character', '\u0001', 'U+0001'],
		['a non-ASCII letter', 'é', 'U+00E9'],
	])(
		'a token with %s (which a header cannot carry) is refused before anything is sent',
		async (_label, character, code) => {
			const { error } = await ctx.run({
				parameters: sms(),
				credentials: ctx.credentials({ accessToken: `${TOKEN}${character}xyz` }),
			});
			expect(error.message).toBe(
				`The access token in the ContactSwing API credential contains a character an HTTP header cannot carry (${code} at position ${TOKEN.length + 1})`,
			);
			expect(ctx.sandbox.requests).toHaveLength(0);
		},
	);
});

describe('the forms redaction covers besides, and the node’s own messages', () => {
	const token = 'Ab/cd+ef=gh.ij~kl:mn';
	const base64 = (text) => Buffer.from(text).toString('base64');
	const base64url = (text) => Buffer.from(text).toString('base64url');
	const hex = Buffer.from(token).toString('hex');
	const forms = [
		['in upper case', token.toUpperCase(), 0],
		['in lower case', token.toLowerCase(), 0],
		['with its "+" read as a space (form decoding)', token.replace('+', ' '), 0],
		['base64', base64(token), 0],
		['base64url', base64url(token), 0],
		['base64 of "Bearer <token>"', base64(`Bearer ${token}`), 10],
		['base64url of "Bearer <token>"', base64url(`Bearer ${token}`), 10],
		['base64 of "user:<token>" (Basic)', base64(`user:${token}`), 7],
		['hex', hex, 0],
		['hex in upper case', hex.toUpperCase(), 0],
		['HTML decimal references', [...token].map((c) => `&#${c.charCodeAt(0)};`).join(''), 0],
		[
			'HTML hex references',
			[...token].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join(''),
			0,
		],
	];
	/**
	 * Whether a run of six characters of the form survives redaction, leaving out its first `skip`
	 * characters (the base64 of what precedes the token) and the two at either end (base64 characters a
	 * token shares with its neighbours).
	 */
	const survives = (text, form, skip) =>
		Array.from({ length: form.length }, (_, k) => form.slice(skip + k + 2, skip + k + 8))
			.filter((piece) => piece.length === 6 && !/=/.test(piece))
			.some((piece) => text.includes(piece));

	test.each(forms)('%s, in an error and in an output item', async (_label, form, skip) => {
		ctx.sandbox.script({ status: 400, body: { detail: `token was ${form}` } });
		const failed = await ctx.run({
			parameters: sms(),
			credentials: ctx.credentials({ accessToken: token }),
		});
		expect(failed.error.message).toContain('[redacted]');
		expect(survives(failed.error.message, form, skip)).toBe(false);
		ctx.sandbox.script({
			status: 201,
			body: { data: { assistant_id: 'a-1', echoed: `t=${form}` } },
		});
		const { output } = await ctx.run({
			parameters: sms(),
			credentials: ctx.credentials({ accessToken: token }),
		});
		expect(output[0].json.echoed).toContain('[redacted]');
		expect(survives(output[0].json.echoed, form, skip)).toBe(false);
	});

	test('a redirect to a host named by the token: the refusal never prints it, in any case', async () => {
		const mixed = 'Mixed-Case-Token-42';
		ctx.sandbox.script({
			status: 302,
			headers: { location: `http://${mixed}.example.com/${base64(`Bearer ${mixed}`)}` },
		});
		const { error } = await ctx.run({
			parameters: sms(),
			credentials: ctx.credentials({ accessToken: mixed }),
		});
		const shown = `${error.message}\n${error.description}`;
		expect(error.message).toBe(
			'ContactSwing answered with a redirect (HTTP 302) to another origin (http://[redacted].example.com), which the node does not follow [item 0]',
		);
		for (const form of [mixed, mixed.toLowerCase(), base64(`Bearer ${mixed}`).slice(2, -2)])
			expect(shown).not.toContain(form);
	});

	test('a same-origin redirect with the token encoded in its path: the refusal never prints it', async () => {
		const plain = 'plain-token-1234';
		// A 303 on a create is refused, naming the path it pointed to in the description.
		ctx.sandbox.script({ status: 303, headers: { location: `/v2/_keys/${base64url(plain)}` } });
		const { error } = await ctx.run({
			parameters: sms(),
			credentials: ctx.credentials({ accessToken: plain }),
		});
		// At most the last base64 character stays: it holds bits of what follows the token too.
		expect(error.description).toMatch(
			/^The POST was not repeated at \/v2\/_keys\/\[redacted\]\w?\. /,
		);
	});
});

describe('the token is redacted from everything that leaves the node', () => {
	const { createSandbox, DEFAULT_TOKEN } = require('../../sandbox/server');
	const sms = (options = {}, extra = {}) =>
		smsAgent({ name: 'Safety check', options: { maxRetryWait: 5, ...options }, ...extra });

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
			const { runNode } = require('../../helpers/n8n');
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
