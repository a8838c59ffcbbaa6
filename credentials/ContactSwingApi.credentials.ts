import type {
	IAuthenticateGeneric,
	IAuthenticateRuleResponseCode,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export const CONTACTSWING_PRODUCTION_URL =
	'https://prod-contactswing-fastapi-962560522883.us-central1.run.app';

/**
 * The one rule for the Base URL, applied by the node and by the Test button alike: https to any host, plain
 * http only to this machine (localhost, 127.x.x.x, [::1]); no user name, password, query or fragment.
 */
export const BASE_URL_RULE =
	/^(?:https:\/\/(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?|\[[0-9a-f:.]+\])|http:\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]))(?::\d{1,5})?(?:\/[^\s?#\\]*)?$/i;

/**
 * What the Test button sends to when the Base URL breaks the rule: a scheme no HTTP client supports, so the
 * test fails before any connection is opened and the token goes nowhere.
 */
export const REFUSED_BASE_URL = 'base-url-must-be-https-or-localhost:';

/**
 * What the Test button says for each answer, in the node's words (shared/http/errors.ts). n8n shows a rule's
 * message when the answer has that status; a failure before any answer (a Base URL the rule refuses,
 * nothing listening) shows n8n's error code instead, so the Base URL field states the rule itself.
 */
const respondsWith = (
	statuses: number[],
	message: (status: number) => string,
): IAuthenticateRuleResponseCode[] =>
	statuses.map((status) => ({
		type: 'responseCode',
		properties: { value: status, message: message(status) },
	}));

export const TEST_MESSAGES: IAuthenticateRuleResponseCode[] = [
	...respondsWith(
		[401],
		(status) =>
			`ContactSwing refused the access token (HTTP ${status}): paste a current token from API Setup in the ContactSwing dashboard`,
	),
	...respondsWith(
		[403],
		(status) =>
			`ContactSwing refused the access token (HTTP ${status}): it is not allowed to list customers, which is what the Test does; use a token from API Setup in the ContactSwing dashboard`,
	),
	...respondsWith(
		[404],
		(status) =>
			`ContactSwing found nothing at GET /v2/_customers (HTTP ${status}): check the Base URL, the root of ContactSwing's API (leave the default unless ContactSwing gave you another)`,
	),
	...respondsWith(
		[301, 302, 303, 307, 308],
		(status) =>
			`The Base URL answered with a redirect (HTTP ${status}), which the Test does not follow: enter the address of ContactSwing's API itself (the default unless ContactSwing gave you another)`,
	),
	...respondsWith(
		[429],
		(status) =>
			`ContactSwing's rate limit was reached (HTTP ${status}): wait a minute and use Test again`,
	),
	...respondsWith(
		[500, 502, 503, 504],
		(status) =>
			`ContactSwing failed to process the request (HTTP ${status}): the token was not checked; use Test again later`,
	),
];

export class ContactSwingApi implements ICredentialType {
	name = 'contactSwingApi';

	displayName = 'ContactSwing API';

	icon: Icon = { light: 'file:contactSwing.svg', dark: 'file:contactSwing.dark.svg' };

	documentationUrl =
		'https://github.com/contactswing/n8n-nodes-contactswing/blob/main/docs/credentials.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Your ContactSwing JWT or API key, from the dashboard\'s API Setup (or the API Key operation). A pasted "Bearer " and surrounding spaces are removed.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: CONTACTSWING_PRODUCTION_URL,
			description:
				"Root of ContactSwing's API, without /v2; keep the default unless ContactSwing gave you another address. It must start with https://; plain http:// is accepted only for localhost, 127.x.x.x and [::1], and otherwise the Test fails without sending anything.",
			hint: "Must start with https:// (http:// only for localhost). The default is ContactSwing's production API.",
		},
	];

	// The token is trimmed and a pasted "Bearer " prefix is dropped so the header is never "Bearer Bearer …".
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization:
					'=Bearer {{ String($credentials.accessToken).trim().replace(/^bearer\\s+/i, "") }}',
			},
		},
	};

	// The cheapest authenticated GET with no documented rate limit (API reference, "Getting a token;
	// credential test"). The Base URL passes the node's own rule or the test fails without sending anything;
	// redirects are not followed, so the token cannot travel to another origin.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ /${BASE_URL_RULE.source}/i.test(String($credentials.baseUrl).trim()) ? String($credentials.baseUrl).trim().replace(/\\/+$/, "").replace(/\\/v2$/i, "") : "${REFUSED_BASE_URL}" }}`,
			url: '/v2/_customers',
			qs: { page: 1, per_page: 1 },
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		},
		rules: TEST_MESSAGES,
	};
}
