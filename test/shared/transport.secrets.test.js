'use strict';
/**
 * The access token never shows: not in output items, error messages or descriptions, the execution
 * data n8n keeps, nor anything printed, on every failure path the node has.
 */
const { useSandbox } = require('../helpers/sandbox');
const { smsAgent } = require('../fixtures');
const { DEFAULT_TOKEN } = require('../sandbox/server');

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
