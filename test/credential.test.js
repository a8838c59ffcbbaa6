'use strict';
const { useSandbox } = require('./helpers/sandbox');
const { smsAgent } = require('./fixtures');
const { testCredential, credentialType } = require('./helpers/n8n');
const {
	CONTACTSWING_PRODUCTION_URL,
} = require('../dist/credentials/ContactSwingApi.credentials.js');

const ctx = useSandbox();

const smsParameters = smsAgent({ name: 'Credential check' });

/**
 * What the Test button shows for a verdict of the harness's testCredential (n8n-core's HTTP client against the
 * sandbox), mapped as n8n 2.40.7's CredentialsTester.runRequestTest maps a failed test request
 * (packages/cli/src/services/credentials-tester.service.ts): the message of the credential's `responseCode`
 * rule for the answer's status, else the answer's status text; with no answer at all, the error's code.
 */
function shownByTestButton(verdict) {
	if (verdict.status === 'OK') return 'OK';
	const rule = (credentialType.test.rules ?? []).find(
		(r) => r.type === 'responseCode' && r.properties.value === verdict.httpCode,
	);
	if (rule) return rule.properties.message;
	return verdict.httpCode ? `HTTP ${verdict.httpCode} status text` : `n8n's error code`;
}

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

	describe('the Test button speaks as the node does (issue 30)', () => {
		test('a wrong token: "ContactSwing refused the access token (HTTP 401)" and where to get a new one', async () => {
			const verdict = await testCredential(ctx.credentials({ accessToken: 'not-the-token' }));
			expect(verdict.httpCode).toBe(401);
			expect(shownByTestButton(verdict)).toBe(
				'ContactSwing refused the access token (HTTP 401): paste a current token from API Setup in the ContactSwing dashboard',
			);
		});

		test.each([
			[
				403,
				/^ContactSwing refused the access token \(HTTP 403\): it is not allowed to list customers/,
			],
			[
				302,
				/^The Base URL answered with a redirect \(HTTP 302\), which the Test does not follow: enter the address of ContactSwing's API itself/,
			],
			[429, /^ContactSwing's rate limit was reached \(HTTP 429\): wait a minute/],
			[503, /^ContactSwing failed to process the request \(HTTP 503\): the token was not checked/],
		])(
			'ContactSwing answers %i: the message names it and says what to do',
			async (status, message) => {
				ctx.sandbox.script({ status, headers: { location: `${ctx.sandbox.url}/elsewhere` } });
				const verdict = await testCredential(ctx.credentials());
				expect(verdict.httpCode).toBe(status);
				expect(shownByTestButton(verdict)).toMatch(message);
			},
		);

		test('a Base URL with a path where ContactSwing has nothing: "found nothing at GET /v2/_customers (HTTP 404)", check the Base URL', async () => {
			const verdict = await testCredential(
				ctx.credentials({ baseUrl: `${ctx.sandbox.url}/not-the-api` }),
			);
			expect(verdict.httpCode).toBe(404);
			expect(shownByTestButton(verdict)).toMatch(
				/^ContactSwing found nothing at GET \/v2\/_customers \(HTTP 404\): check the Base URL/,
			);
		});

		test('every status the node explains has a rule, and every rule a sentence naming its status', () => {
			const statuses = credentialType.test.rules.map((r) => r.properties.value);
			expect(statuses).toEqual(expect.arrayContaining([401, 403, 404, 429, 500, 503]));
			for (const { type, properties } of credentialType.test.rules) {
				expect(type).toBe('responseCode');
				expect(properties.message).toContain(`(HTTP ${properties.value})`);
			}
		});

		test('before any answer (plain http, nothing listening) n8n shows its error code, so the fields say the rules', async () => {
			for (const baseUrl of ['http://api.contactswing.example', 'http://127.0.0.1:9']) {
				const verdict = await testCredential(ctx.credentials({ baseUrl }));
				expect([baseUrl, verdict.status, verdict.httpCode]).toEqual([baseUrl, 'Error', undefined]);
			}
			expect(ctx.sandbox.requests).toHaveLength(0);
			const [token, baseUrl] = credentialType.properties;
			expect(token.description).toMatch(/from the dashboard's API Setup/);
			expect(baseUrl.description).toMatch(
				/must start with https:\/\/; plain http:\/\/ is accepted only for localhost, 127\.x\.x\.x and \[::1\]/,
			);
			expect(baseUrl.hint).toBe(
				"Must start with https:// (http:// only for localhost). The default is ContactSwing's production API.",
			);
		});
	});
});
