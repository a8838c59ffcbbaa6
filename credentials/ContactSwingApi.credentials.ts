import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export const CONTACTSWING_PRODUCTION_URL =
	'https://prod-contactswing-fastapi-962560522883.us-central1.run.app';

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

	// The cheapest authenticated GET with no documented rate limit (API reference §11).
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ String($credentials.baseUrl).trim().replace(/\\/+$/, "").replace(/\\/v2$/, "") }}',
			url: '/v2/_customers',
			qs: { page: 1, per_page: 1 },
		},
	};
}
