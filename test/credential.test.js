'use strict';
const { useSandbox } = require('./helpers/sandbox');
const { smsAgent } = require('./fixtures');
const { testCredential, credentialType } = require('./helpers/n8n');
const {
	CONTACTSWING_PRODUCTION_URL,
} = require('../dist/credentials/ContactSwingApi.credentials.js');

const ctx = useSandbox();

const smsParameters = smsAgent({ name: 'Credential check' });

describe('ContactSwing API credential', () => {
	test('declares the token as a required password field and defaults the Base URL to production', () => {
		const [token, baseUrl] = credentialType.properties;
		expect(token).toEqual(
			expect.objectContaining({
				name: 'accessToken',
				required: true,
				typeOptions: { password: true },
			}),
		);
		expect(baseUrl).toEqual(
			expect.objectContaining({ name: 'baseUrl', default: CONTACTSWING_PRODUCTION_URL }),
		);
		expect(CONTACTSWING_PRODUCTION_URL).toBe(
			'https://prod-contactswing-fastapi-962560522883.us-central1.run.app',
		);
	});

	test('the Test button passes with the right token: GET /v2/_customers?page=1&per_page=1 with Bearer', async () => {
		const verdict = await testCredential(ctx.credentials());
		expect(verdict.status).toBe('OK');
		expect(ctx.sandbox.requests).toHaveLength(1);
		const [request] = ctx.sandbox.requests;
		expect([request.method, request.path, request.query]).toEqual([
			'GET',
			'/v2/_customers',
			{ page: '1', per_page: '1' },
		]);
		expect(request.headers.authorization).toBe(`Bearer ${ctx.token}`);
	});

	test('the Test button fails with a wrong token (401)', async () => {
		const verdict = await testCredential(ctx.credentials({ accessToken: 'not-the-token' }));
		expect(verdict.status).toBe('Error');
		expect(verdict.httpCode).toBe(401);
		expect(ctx.sandbox.requests[0].headers.authorization).toBe('Bearer not-the-token');
	});

	test('a pasted "Bearer " prefix, surrounding spaces and a trailing slash are tolerated', async () => {
		const credentials = ctx.credentials({
			accessToken: `  Bearer ${ctx.token}\n`,
			baseUrl: `${ctx.sandbox.url}/`,
		});
		expect((await testCredential(credentials)).status).toBe('OK');
		const { output, error } = await ctx.run({ parameters: smsParameters, credentials });
		expect(error).toBeUndefined();
		expect(output[0].json.assistant_id).toEqual(expect.any(String));
		expect(ctx.sandbox.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
			['/v2/_customers', `Bearer ${ctx.token}`],
			['/v2/_new_assistants', `Bearer ${ctx.token}`],
		]);
	});

	test('a Base URL ending in /v2 is not doubled', async () => {
		const { error } = await ctx.run({
			parameters: smsParameters,
			credentials: ctx.credentials({ baseUrl: `${ctx.sandbox.url}/v2/` }),
		});
		expect(error).toBeUndefined();
		expect(ctx.sandbox.requests[0].path).toBe('/v2/_new_assistants');
	});

	test.each([
		['ftp://127.0.0.1/', /must start with https:\/\//],
		[
			'http://contactswing.example.com',
			/plain http to a host other than localhost, 127.0.0.1 or \[::1\], which would send the token unencrypted/,
		],
		['not a url', /is not a URL/],
	])('Base URL %s is refused before anything is sent', async (baseUrl, message) => {
		const { error } = await ctx.run({
			parameters: smsParameters,
			credentials: ctx.credentials({ baseUrl }),
		});
		expect(error.message).toMatch(message);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('a token with a line break inside is refused with a clear message and never shown', async () => {
		const token = 'abc123secret\r\nX-Injected: 1';
		const { error, run } = await ctx.run({
			parameters: smsParameters,
			credentials: ctx.credentials({ accessToken: token }),
		});
		expect(error.message).toBe(
			'The access token in the ContactSwing API credential contains spaces or line breaks',
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
		expect(JSON.stringify(run)).not.toContain('abc123secret');
	});
});
