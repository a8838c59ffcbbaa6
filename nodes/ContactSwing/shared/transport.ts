import type { IDataObject, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Accounts } from './http/accounts';
import { buildError, readSuccessBody } from './http/errors';
import type { TransportFailure } from './http/retry';
import { classifyTransportFailure, decideRetry, isRefusal } from './http/retry';
import type {
	ApiRequest,
	Connection,
	Context,
	FullResponse,
	OperationScope,
	RequestPolicy,
} from './http/types';
import { CREDENTIAL_TYPE } from './http/types';
import { redactSecret } from './redact';

export type { ApiRequest, OperationScope, RequestPolicy } from './http/types';
export { Accounts, CREDENTIAL_TYPE };

/**
 * The only place where the node talks HTTP. Everything goes through n8n's
 * httpRequestWithAuthentication with the ContactSwing API credential (checked in http/connection.ts),
 * under one retry policy (http/retry.ts), with ContactSwing's own words in errors (http/errors.ts):
 *
 * - 429, and 503 with Retry-After: the request was certainly not processed. Wait as Retry-After says
 *   (delay-seconds or an HTTP date; never less than 250 ms), else back off with jitter, and pause every
 *   request of the run to that account meanwhile;
 *   after a 429 the account's requests are paced at the rate ContactSwing accepted (runGate.ts).
 * - Connection refused: nothing was sent, so retry with backoff.
 * - Ambiguous failures (timeout, connection reset, 500, 502, 504) may have been processed. Retry only
 *   requests that are harmless to repeat (reads, updates; never a create); otherwise fail the
 *   item with a message that says the object may exist.
 * - Every other status fails at once with ContactSwing's own message.
 * - Redirects are never followed by n8n's client: the node follows one itself only to the credential's own
 *   origin (scheme, host and port), only where the method stays the same, at most MAX_REDIRECTS times, and
 *   never retries one. Anything else fails the item and the token goes nowhere else.
 * - The token is redacted from everything that leaves this module: answers, messages and descriptions.
 * All waiting counts against maxRetryWaitMs; when that budget is spent the item fails.
 */

const DEFAULT_POLICY: RequestPolicy = { timeoutMs: 30_000, maxRetryWaitMs: 120_000 };

export async function apiRequest(
	this: Context,
	request: ApiRequest,
	scope: OperationScope = {},
	itemIndex?: number,
): Promise<IDataObject> {
	const policy = scope.policy ?? DEFAULT_POLICY;
	scope.accounts ??= new Accounts();
	// This item's own account: credential fields may be expressions that name another account per item.
	const { connection, gate } = await scope.accounts.forItem(this, itemIndex);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		// FormData is sent as multipart by n8n's HTTP client; everything else as JSON.
		json: !(request.body instanceof FormData),
		timeout: policy.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// Redirects come back to send() below, which decides where the token may go.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};

	let waited = 0;
	for (let attempt = 1; ; attempt++) {
		const sentAt = await gate.pass();
		if (gate.cancelled) {
			throw new NodeOperationError(this.getNode(), 'The execution was cancelled', { itemIndex });
		}
		let response: FullResponse | undefined;
		let failure: TransportFailure | undefined;
		try {
			response = await send.call(this, options, connection, request, itemIndex);
		} catch (error) {
			// Handed back unchanged: NodeApiError returns an error of its own class as it is.
			if (refusedRedirects.has(error)) throw new NodeApiError(this.getNode(), error as JsonObject);
			failure = classifyTransportFailure(error);
		}
		if (response && !isRefusal(response)) gate.accepted(sentAt);

		if (response && response.statusCode >= 200 && response.statusCode < 300) {
			const answer = readSuccessBody(response.body);
			if (answer.data !== undefined && hasPromisedId(request, answer.data)) {
				return redactSecret(answer.data, connection.token) as IDataObject;
			}
			throw buildError.call(
				this,
				request,
				response,
				{ notSent: false, code: answer.problem ?? 'NO_ID', timedOut: false },
				connection.token,
				{
					itemIndex,
					attempts: attempt,
					retryBudgetSpent: false,
				},
			);
		}

		const retry = decideRetry(request, response, failure, attempt);
		if (retry !== undefined && waited + retry.waitMs <= policy.maxRetryWaitMs) {
			waited += retry.waitMs;
			if (retry.pauseRun) gate.refused(retry.waitMs, sentAt, response?.statusCode === 429);
			else await gate.wait(retry.waitMs);
			continue;
		}
		throw buildError.call(this, request, response, failure, connection.token, {
			itemIndex,
			attempts: attempt,
			retryBudgetSpent: retry !== undefined,
		});
	}
}

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
/** Errors of redirects the node refused: final, never retried (n8n's client wraps its own failures alike). */
const refusedRedirects = new WeakSet<object>();
const MAX_REDIRECTS = 5;

/**
 * Sends one request and follows its redirects, but only those that keep the token and the request as
 * they are: to the credential's own origin, and (for anything but GET) only 307/308, which keep the method
 * and body. Every other redirect is an error that names where it pointed; nothing is sent there.
 */
async function send(
	this: Context,
	options: IHttpRequestOptions,
	connection: Connection,
	request: ApiRequest,
	itemIndex?: number,
): Promise<FullResponse> {
	const { origin } = connection;
	let hop: IHttpRequestOptions = options;
	for (let redirects = 0; ; redirects++) {
		// Handing over the credential read once saves n8n a decryption per request.
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
				`ContactSwing answered with a redirect (HTTP ${response.statusCode}) ${problem}, which the node does not follow${itemIndex === undefined ? '' : ` [item ${itemIndex}]`}`,
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
			refusedRedirects.add(error);
			return error;
		};
		const moved =
			'If ContactSwing has moved, enter its new address as the Base URL of the ContactSwing API credential.';
		const location = headerValue(response.headers.location);
		let target: URL;
		try {
			target = new URL(location ?? '', hop.url);
		} catch {
			throw refuse('to an unreadable address', moved);
		}
		if (location === undefined) throw refuse('without a Location', moved);
		if (target.origin !== origin) {
			throw refuse(
				`to another origin (${target.origin})`,
				`The access token is only ever sent to ${origin}; nothing was sent to ${target.origin}. ${moved}`,
			);
		}
		if (request.method !== 'GET' && ![307, 308].includes(response.statusCode)) {
			// 303 (and 301/302 for a POST) turn the request into a GET; for a PUT they need not keep it either.
			const becomesGet = response.statusCode === 303 || request.method === 'POST';
			throw refuse(
				becomesGet
					? `that would turn the ${request.method} into a GET`
					: `that need not keep the ${request.method} as sent (only 307 and 308 must)`,
				`The ${request.method} was not repeated at ${target.pathname}. ${moved}`,
			);
		}
		if (redirects >= MAX_REDIRECTS) {
			throw refuse(
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

/** A create's answer must carry the new object's ID (or, undocumented, at least some data). */
function hasPromisedId(request: ApiRequest, body: IDataObject): boolean {
	if (request.creates === undefined || request.method !== 'POST') return true;
	const data = body.data;
	if (!data || typeof data !== 'object' || Array.isArray(data)) return false;
	if (request.returnsId === undefined) return Object.keys(data).length > 0;
	const id = (data as IDataObject)[request.returnsId];
	return (typeof id === 'string' && id.trim() !== '') || typeof id === 'number';
}
