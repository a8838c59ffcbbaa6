import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { RunGate } from './runGate';

/**
 * The only place where the node talks HTTP. Everything goes through n8n's
 * httpRequestWithAuthentication with the ContactSwing API credential, under one retry policy:
 *
 * - 429, and 503 with Retry-After: the request was certainly not processed. Wait as Retry-After says
 *   (seconds or HTTP date), else back off with jitter, and pause every request of the run meanwhile;
 *   after a 429 the run is paced at the rate ContactSwing accepted (runGate.ts).
 * - Connection refused: nothing was sent, so retry with backoff.
 * - Ambiguous failures (timeout, connection reset, 500, 502, 504) may have been processed. Retry only
 *   requests that are harmless to repeat (reads, updates, creates with force=true); otherwise fail the
 *   item with a message that says the object may exist.
 * - Every other status fails at once with ContactSwing's own message.
 * All waiting counts against maxRetryWaitMs; when that budget is spent the item fails.
 */

export const CREDENTIAL_TYPE = 'contactSwingApi';

type Context = IExecuteFunctions | ILoadOptionsFunctions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path under the base URL, starting with /v2/. */
	path: string;
	qs?: IDataObject;
	/** JSON, or multipart form data (Update Knowledge Base). */
	body?: IDataObject | FormData;
	/** Whether sending the request twice is harmless, which makes ambiguous failures retryable. */
	idempotent: boolean;
	/** What a repeat would duplicate, for the message after an ambiguous failure ("agent", "call"). */
	creates?: string;
	/** How to make a repeat harmless, when there is a way (e.g. the force option). */
	safeRetryHint?: string;
}

export interface RequestPolicy {
	timeoutMs: number;
	maxRetryWaitMs: number;
}

const DEFAULT_POLICY: RequestPolicy = { timeoutMs: 30_000, maxRetryWaitMs: 120_000 };

/** What every request of one execution shares: the retry policy, the rate-limit gate, the credential. */
export interface OperationScope {
	policy?: RequestPolicy;
	gate?: RunGate;
	/** The credential, read and checked once per run rather than once per request. */
	connection?: Connection;
}

interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

interface Connection {
	baseUrl: string;
	token: string;
	credentials: ICredentialDataDecryptedObject;
}

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Checks the credential before anything is sent, so a broken value gives a clear message, not a broken header. */
async function readConnection(this: Context, itemIndex?: number): Promise<Connection> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const fix = 'Open the ContactSwing API credential and correct it.';
	const token = String(credentials.accessToken ?? '')
		.trim()
		.replace(/^bearer\s+/i, '');
	if (token === '') {
		throw new NodeOperationError(
			this.getNode(),
			'The ContactSwing API credential has no access token',
			{
				itemIndex,
				description: fix,
			},
		);
	}
	if (/\s/.test(token)) {
		throw new NodeOperationError(
			this.getNode(),
			'The access token in the ContactSwing API credential contains spaces or line breaks',
			{
				itemIndex,
				description: `${fix} Paste the token again as one line, with nothing around it.`,
			},
		);
	}
	return {
		baseUrl: normaliseBaseUrl.call(this, String(credentials.baseUrl ?? ''), itemIndex),
		token,
		credentials,
	};
}

function normaliseBaseUrl(this: Context, raw: string, itemIndex?: number): string {
	const fail = (problem: string) =>
		new NodeOperationError(
			this.getNode(),
			`The Base URL of the ContactSwing API credential ${problem}`,
			{
				itemIndex,
				description:
					'Use the production URL (the default) or https://your-host; plain http is accepted only for localhost.',
			},
		);
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		throw fail(`is not a URL: "${raw.trim().slice(0, 80)}"`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw fail(`must start with https:// (got ${url.protocol})`);
	}
	if (url.protocol === 'http:' && !LOOPBACK_HOSTS.test(url.hostname)) {
		throw fail('uses plain http, which would send the token unencrypted; use https');
	}
	if (url.username || url.password || url.search || url.hash) {
		throw fail('must not contain a user name, password, query or fragment');
	}
	// Accept ".../", ".../v2" and ".../v2/": every path below adds /v2 itself.
	const path = url.pathname.replace(/\/+$/, '').replace(/\/v2$/i, '');
	return `${url.origin}${path}`;
}

export async function apiRequest(
	this: Context,
	request: ApiRequest,
	scope: OperationScope = {},
	itemIndex?: number,
): Promise<IDataObject> {
	const policy = scope.policy ?? DEFAULT_POLICY;
	const gate = scope.gate ?? new RunGate();
	// Not cached on failure, so every item reports a broken credential with its own item number.
	scope.connection ??= await readConnection.call(this, itemIndex);
	const connection = scope.connection;
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
			// Handing over the credential read once saves n8n a decryption per request.
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
				{
					credentialsDecrypted: {
						id: '',
						name: CREDENTIAL_TYPE,
						type: CREDENTIAL_TYPE,
						data: connection.credentials,
					},
				},
			)) as FullResponse;
		} catch (error) {
			failure = classifyTransportFailure(error);
		}
		if (response && !isRefusal(response)) gate.accepted(sentAt);

		if (response && response.statusCode >= 200 && response.statusCode < 300) {
			const body = readSuccessBody(response.body);
			if (body !== undefined) return body;
			throw buildError.call(
				this,
				request,
				response,
				{ notSent: false, code: 'UNREADABLE', timedOut: false },
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

interface TransportFailure {
	/** The request certainly did not reach ContactSwing. */
	notSent: boolean;
	code: string;
	timedOut: boolean;
}

function classifyTransportFailure(error: unknown): TransportFailure {
	const raw = error as { cause?: { code?: string }; code?: string; message?: string };
	const code = String(raw?.cause?.code ?? raw?.code ?? '');
	const message = String(raw?.message ?? '');
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message);
	const notSent = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(code);
	return { notSent, code: code || (timedOut ? 'ETIMEDOUT' : 'UNKNOWN'), timedOut };
}

interface RetryDecision {
	waitMs: number;
	/** Rate limits pause every request of the run; other waits only this one. */
	pauseRun: boolean;
}

const MAX_ATTEMPTS = 12;

function backoffMs(attempt: number): number {
	const base = Math.min(30_000, 500 * 2 ** (attempt - 1));
	return Math.round(base / 2 + Math.random() * (base / 2));
}

function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
	const date = Date.parse(value);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** ContactSwing turned the request away unprocessed: 429, or 503 with Retry-After. */
function isRefusal(response: FullResponse): boolean {
	return (
		response.statusCode === 429 ||
		(response.statusCode === 503 && parseRetryAfter(response.headers['retry-after']) !== undefined)
	);
}

function decideRetry(
	request: ApiRequest,
	response: FullResponse | undefined,
	failure: TransportFailure | undefined,
	attempt: number,
): RetryDecision | undefined {
	if (attempt >= MAX_ATTEMPTS) return undefined;
	if (response) {
		if (isRefusal(response)) {
			const retryAfter = parseRetryAfter(response.headers['retry-after']);
			return { waitMs: retryAfter ?? backoffMs(attempt), pauseRun: true };
		}
		if ([500, 502, 503, 504].includes(response.statusCode) && request.idempotent) {
			return { waitMs: backoffMs(attempt), pauseRun: false };
		}
		return undefined;
	}
	if (failure?.notSent && failure.code === 'ECONNREFUSED')
		return { waitMs: backoffMs(attempt), pauseRun: false };
	if (failure && !failure.notSent && request.idempotent)
		return { waitMs: backoffMs(attempt), pauseRun: false };
	return undefined;
}

/** A success body as an object; undefined when it cannot be read (e.g. cut-off JSON). */
function readSuccessBody(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	if (body === undefined || body === null || (typeof body === 'string' && body.trim() === ''))
		return {};
	if (typeof body !== 'string') return undefined;
	try {
		const parsed: unknown = JSON.parse(body);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}

/** ContactSwing's own words: FastAPI's detail (text or a list of field problems), else message. */
function contactSwingMessage(body: unknown): string | undefined {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			const text = body
				.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
				.replace(/<[^>]+>/g, ' ')
				.replace(/\s+/g, ' ')
				.trim();
			return text === '' ? undefined : text.slice(0, 300);
		}
	}
	if (!parsed || typeof parsed !== 'object') return undefined;
	const { detail, message, error } = parsed as IDataObject;
	if (typeof detail === 'string') return detail;
	if (Array.isArray(detail)) {
		return detail
			.map((entry) => {
				if (entry && typeof entry === 'object') {
					const { loc, msg } = entry as IDataObject;
					const where = Array.isArray(loc) ? loc.filter((part) => part !== 'body').join('.') : '';
					return where ? `${where}: ${String(msg)}` : String(msg);
				}
				return String(entry);
			})
			.join('; ');
	}
	if (detail && typeof detail === 'object') return JSON.stringify(detail);
	if (typeof message === 'string') return message;
	if (typeof error === 'string') return error;
	return undefined;
}

const CONNECTION_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'name lookup failed',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection closed while sending',
	UNKNOWN: 'network failure',
};

function redact(text: string, token: string): string {
	return token.length >= 4 ? text.split(token).join('[redacted]') : text;
}

function buildError(
	this: Context,
	request: ApiRequest,
	response: FullResponse | undefined,
	failure: TransportFailure | undefined,
	token: string,
	details: { itemIndex?: number; attempts: number; retryBudgetSpent: boolean },
): NodeApiError {
	const { itemIndex } = details;
	const what = request.creates ?? 'change';
	const ambiguousHint = request.idempotent
		? 'Run the node again later.'
		: `The ${what} may have been created. Check ContactSwing before running again` +
			(request.safeRetryHint ? `, or ${request.safeRetryHint}.` : '.');
	const item = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;

	if (!response) {
		// Words, not codes: NodeApiError swaps any message naming ECONNRESET etc. for a generic one.
		const what = CONNECTION_FAILURES[failure?.code ?? ''] ?? 'network failure';
		const message = failure?.timedOut
			? `ContactSwing did not answer in time${item}`
			: failure?.notSent
				? `Could not reach ContactSwing (${what})${item}`
				: `The connection to ContactSwing broke (${what})${item}`;
		const description = failure?.notSent
			? 'Check the Base URL of the ContactSwing API credential and your network, then run again.'
			: `${ambiguousHint}${failure?.timedOut ? ' A longer Timeout in Options may help.' : ''}`;
		// No `code` in the error response: NodeApiError would replace our message with its generic one.
		return new NodeApiError(this.getNode(), { message } as JsonObject, {
			message,
			description,
			itemIndex,
		});
	}

	const status = response.statusCode;
	if (status < 300) {
		const message = `ContactSwing answered HTTP ${status}, but its answer could not be read${item}`;
		const description = request.idempotent ? 'Run the node again.' : ambiguousHint;
		return new NodeApiError(this.getNode(), { message, httpCode: String(status) } as JsonObject, {
			message,
			description,
			httpCode: String(status),
			itemIndex,
		});
	}
	const said = contactSwingMessage(response.body);
	const theirWords = said ? `: ${redact(said, token)}` : '';
	let message: string;
	let description: string;
	if (status === 401 || status === 403) {
		message = `ContactSwing refused the access token (HTTP ${status})${theirWords}`;
		description =
			'Check the ContactSwing API credential: paste a current token from the ContactSwing dashboard and use its Test button.';
	} else if (status === 404) {
		message = `ContactSwing found nothing at ${request.method} ${request.path} (HTTP 404)${theirWords}`;
		description = 'Check the ID you gave and the Base URL of the ContactSwing API credential.';
	} else if (status === 429) {
		message = `ContactSwing's rate limit was still reached after ${details.attempts} tries (HTTP 429)${theirWords}`;
		description =
			'Lower Items per Batch or raise Batch Interval in Options, or allow a longer Max Retry Wait.';
	} else if (status >= 500) {
		message = `ContactSwing failed to process the request (HTTP ${status})${theirWords}`;
		description = ambiguousHint;
	} else {
		message = `ContactSwing rejected the request (HTTP ${status})${theirWords}`;
		description = 'Correct the field ContactSwing names and run again.';
	}
	message += item;
	return new NodeApiError(this.getNode(), { message, httpCode: String(status) } as JsonObject, {
		message,
		description,
		httpCode: String(status),
		itemIndex,
	});
}
