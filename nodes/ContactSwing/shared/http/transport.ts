import type { IDataObject, IHttpRequestOptions, NodeApiError } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Account } from './accounts';
import { Accounts } from './accounts';
import { buildError, readSuccessBody } from './errors';
import { sendFollowingRedirects } from './redirects';
import type { TransportFailure } from './retry';
import { classifyTransportFailure, decideRetry, isRefusal, processedBy } from './retry';
import type {
	ApiOutcome,
	ApiRequest,
	Context,
	FullResponse,
	OperationScope,
	Processed,
	RequestPolicy,
} from './types';
import { CREDENTIAL_TYPE } from './types';
import { redactSecret } from './redact';

export type { ApiOutcome, ApiRequest, OperationScope, Processed, RequestPolicy } from './types';
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
	const outcome = await sendRequest.call(this, request, scope, itemIndex);
	if (outcome.ok) return outcome.data;
	throw outcome.error;
}

/**
 * apiRequest for callers that must know, when it fails, whether ContactSwing may have processed the request
 * (the ledger of creates and calls, Max Calls per Execution): the error comes back with that verdict.
 */
export async function sendRequest(
	this: Context,
	request: ApiRequest,
	scope: OperationScope = {},
	itemIndex?: number,
): Promise<ApiOutcome> {
	const policy = scope.policy ?? DEFAULT_POLICY;
	scope.accounts ??= new Accounts();
	// This item's own account: credential fields may be expressions that name another account per item.
	let account: Account;
	try {
		account = await scope.accounts.forItem(this, itemIndex);
	} catch (error) {
		// A broken credential stops the item before anything is sent.
		return { ok: false, error: error as Error, processed: 'no' };
	}
	const { connection, gate } = account;
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
		// Redirects come back to sendFollowingRedirects (redirects.ts), which decides where the token may go.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};

	let waited = 0;
	// The worst verdict over every attempt: one that may have been processed makes the request unknown.
	let processed: Processed = 'no';
	for (let attempt = 1; ; attempt++) {
		const sentAt = await gate.pass();
		if (gate.cancelled) {
			const error = new NodeOperationError(this.getNode(), 'The execution was cancelled', {
				itemIndex,
			});
			return { ok: false, error, processed };
		}
		let failure: TransportFailure | undefined;
		let response: FullResponse | { refusal: NodeApiError } | undefined;
		try {
			response = await sendFollowingRedirects.call(this, options, connection, request, itemIndex);
		} catch (error) {
			failure = classifyTransportFailure(error);
		}
		// A redirect the node will not follow is final: never retried, nothing sent elsewhere.
		if (response && 'refusal' in response) return { ok: false, error: response.refusal, processed };
		if (response && !isRefusal(response)) gate.accepted(sentAt);

		if (response && response.statusCode >= 200 && response.statusCode < 300) {
			const answer = readSuccessBody(response.body);
			if (answer.data !== undefined && hasPromisedId(request, answer.data)) {
				// Redaction is for what people see; an answer that will be sent back goes back as read.
				if (request.forWriteBack) return { ok: true, data: answer.data };
				return { ok: true, data: redactSecret(answer.data, connection.token) as IDataObject };
			}
			const error = buildError.call(
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
			// ContactSwing said it did the work; only its answer is unusable.
			return { ok: false, error, processed: 'yes' };
		}

		if (processedBy(response, failure) === 'unknown') processed = 'unknown';
		const retry = decideRetry(request, response, failure, attempt);
		if (retry !== undefined && waited + retry.waitMs <= policy.maxRetryWaitMs) {
			waited += retry.waitMs;
			if (retry.pauseRun) gate.refused(retry.waitMs, sentAt, response?.statusCode === 429);
			else await gate.wait(retry.waitMs);
			continue;
		}
		const error = buildError.call(this, request, response, failure, connection.token, {
			itemIndex,
			attempts: attempt,
			retryBudgetSpent: retry !== undefined,
		});
		return { ok: false, error, processed };
	}
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
