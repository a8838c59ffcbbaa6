import type { IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redactSecret } from './redact';
import type { CheckedCredential } from './connection';
import type { ApiRequest, Context, FullResponse } from './types';
import { CREDENTIAL_TYPE } from './types';
import { itemSuffix } from '../itemSuffix';

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const MAX_REDIRECTS = 5;

/**
 * Sends one request and follows its redirects, but only those that keep the token and the request as
 * they are: to the credential's own origin, and (for anything but GET) only 307/308, which keep the method
 * and body. Every other redirect is an error that names where it pointed; nothing is sent there.
 */
export async function sendFollowingRedirects(
	this: Context,
	options: IHttpRequestOptions,
	connection: CheckedCredential,
	request: ApiRequest,
	itemIndex?: number,
): Promise<FullResponse | { refusal: NodeApiError }> {
	const { origin } = connection;
	let hop: IHttpRequestOptions = options;
	for (let redirects = 0; ; redirects++) {
		// This item's own credential, already read and resolved for the item: n8n would otherwise read it again.
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			hop,
			{
				credentialsDecrypted: {
					id: '',
					name: CREDENTIAL_TYPE,
					type: CREDENTIAL_TYPE,
					data: connection.credentials,
				},
			},
		)) as FullResponse;
		if (!REDIRECT_STATUSES.includes(response.statusCode)) return response;

		const refuse = (problem: string, description: string) => {
			const message = redactSecret(
				`ContactSwing answered with a redirect (HTTP ${response.statusCode}) ${problem}, which the node does not follow${itemSuffix(itemIndex)}`,
				connection.token,
			) as string;
			const error = new NodeApiError(
				this.getNode(),
				{ message, httpCode: String(response.statusCode) } as JsonObject,
				{
					message,
					description: redactSecret(description, connection.token) as string,
					httpCode: String(response.statusCode),
					itemIndex,
				},
			);
			return { refusal: error };
		};
		const moved =
			'If ContactSwing has moved, enter its new address as the Base URL of the ContactSwing API credential.';
		const location = headerValue(response.headers.location);
		let target: URL;
		try {
			target = new URL(location ?? '', hop.url);
		} catch {
			return refuse('to an unreadable address', moved);
		}
		if (location === undefined) return refuse('without a Location', moved);
		if (target.origin !== origin) {
			return refuse(
				`to another origin (${target.origin})`,
				`The access token is only ever sent to ${origin}; nothing was sent to ${target.origin}. ${moved}`,
			);
		}
		if (request.method !== 'GET' && ![307, 308].includes(response.statusCode)) {
			// 303 (and 301/302 for a POST) turn the request into a GET; for a PUT they need not keep it either.
			const becomesGet = response.statusCode === 303 || request.method === 'POST';
			return refuse(
				becomesGet
					? `that would turn the ${request.method} into a GET`
					: `that need not keep the ${request.method} as sent (only 307 and 308 must)`,
				`The ${request.method} was not repeated at ${target.pathname}. ${moved}`,
			);
		}
		if (redirects >= MAX_REDIRECTS) {
			return refuse(
				`for the ${MAX_REDIRECTS + 1}th time in a row`,
				`ContactSwing keeps redirecting ${request.method} ${request.path}. ${moved}`,
			);
		}
		// Same origin, same method and body: the address the answer names, with its own query.
		hop = { ...hop, url: target.href, qs: undefined };
	}
}

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}
