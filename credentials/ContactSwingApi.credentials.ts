import type {
	IAuthenticateGeneric,
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

export class ContactSwingApi implements ICredentialType {
	name = 'contactSwingApi';

	displayName = 'ContactSwing API';

	icon: Icon = { light: 'file:contactSwing.svg', dark: 'file:contactSwing.dark.svg' };

	documentationUrl = 'https://github.com/contactswing/n8n-nodes-contactswing#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Your ContactSwing JWT or API key, as shown in the dashboard. A leading "Bearer " is removed.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			required: true,
			default: CONTACTSWING_PRODUCTION_URL,
			description:
				'Root of the ContactSwing API, without /v2. Change it only for a sandbox or a dedicated instance.',
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
	};
}
