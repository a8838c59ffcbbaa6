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

import { BASE_URL_RULE } from '../../../credentials/ContactSwingApi.credentials';
import { redactSecret } from './redact';
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
 * - Redirects are never followed by n8n's client: the node follows one itself only to the credential's own
 *   origin (scheme, host and port), only where the method stays the same, at most MAX_REDIRECTS times, and
 *   never retries one. Anything else fails the item and the token goes nowhere else.
 * - The token is redacted from everything that leaves this module: answers, messages and descriptions.
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
	/** What a POST creates ("agent", "call"); its answer must then show the new object (returnsId). */
	creates?: string;
	/** What may already have happened after an ambiguous failure, e.g. "placed the call". */
	effect?: string;
	/**
	 * For creates: the key under the answer's data that holds the new object's ID. A 2xx answer without it
	 * fails the item, since the next node would have nothing to work with. Set `creates` without this for a
	 * create whose answer is undocumented: then any non-empty data object is taken.
	 */
	returnsId?: string;
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

/** Shorter tokens could not be redacted reliably (they occur in ordinary text); no real token is this short. */
const MIN_TOKEN_LENGTH = 8;

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
	if (token.length < MIN_TOKEN_LENGTH) {
		throw new NodeOperationError(
			this.getNode(),
			'The access token in the ContactSwing API credential is too short to be a ContactSwing token',
			{ itemIndex, description: `${fix} Paste the whole token from the ContactSwing dashboard.` },
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
					'Use the production URL (the default) or https://your-host; plain http is accepted only for localhost, 127.0.0.1 and [::1].',
			},
		);
	const text = raw.trim();
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw fail(`is not a URL: "${text.slice(0, 80)}"`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw fail(`must start with https:// (got ${url.protocol})`);
	}
	if (url.username || url.password || url.search || url.hash || /[?#@]/.test(text)) {
		throw fail('must not contain a user name, password, query or fragment');
	}
	// The same rule the credential's Test button applies (see the credential), so both refuse alike.
	if (!BASE_URL_RULE.test(text)) {
		throw fail(
			url.protocol === 'http:'
				? 'uses plain http to a host other than localhost, 127.0.0.1 or [::1], which would send the token unencrypted; use https'
				: 'is not a plain https:// address',
		);
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
		// Redirects come back to followRedirects below, which decides where the token may go.
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
			const body = readSuccessBody(response.body);
			if (body !== undefined && hasPromisedId(request, body)) {
				return redactSecret(body, connection.token) as IDataObject;
			}
			throw buildError.call(
				this,
				request,
				response,
				{ notSent: false, code: body === undefined ? 'UNREADABLE' : 'NO_ID', timedOut: false },
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
	const origin = new URL(connection.baseUrl).origin;
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
			throw refuse(
				`that would turn the ${request.method} into a GET`,
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

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const TIME = '\\d{2}:\\d{2}:\\d{2}';
/** RFC 9110's HTTP-date: IMF-fixdate, and the obsolete RFC 850 and asctime forms it still accepts. */
const HTTP_DATE = new RegExp(
	`^(?:${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT` +
		`|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \\d{2}-${MONTH}-\\d{2} ${TIME} GMT` +
		`|${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4})$`,
);

/**
 * Retry-After as RFC 9110 defines it: delay-seconds (digits only) or an HTTP-date. Anything else ("-5",
 * ".5", "Retry 3") is treated as absent, so the caller backs off instead of trusting a guess.
 */
export function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
	const value = (Array.isArray(header) ? header[0] : header) as unknown;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	if (!HTTP_DATE.test(text)) return undefined;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** After a refusal the run never retries sooner than this, whatever Retry-After said ("0", a past date). */
export const MIN_REFUSAL_WAIT_MS = 250;

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
			return {
				waitMs: Math.max(MIN_REFUSAL_WAIT_MS, retryAfter ?? backoffMs(attempt)),
				pauseRun: true,
			};
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
		: `ContactSwing may have ${request.effect ?? `created the ${what}`}. Check ContactSwing before running again, so it does not happen twice.`;
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
		const message =
			failure?.code === 'NO_ID'
				? `ContactSwing answered HTTP ${status} without the new ${what}'s ${request.returnsId ?? 'data'}${item}`
				: `ContactSwing answered HTTP ${status}, but its answer could not be read${item}`;
		const description = request.idempotent ? 'Run the node again.' : ambiguousHint;
		return new NodeApiError(this.getNode(), { message, httpCode: String(status) } as JsonObject, {
			message,
			description,
			httpCode: String(status),
			itemIndex,
		});
	}
	// Redacted before it is read, shortened or stringified, so no form or piece of the token survives.
	const said = contactSwingMessage(redactSecret(response.body, token));
	const theirWords = said ? `: ${said}` : '';
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
	message = redactSecret(message + item, token) as string;
	description = redactSecret(description, token) as string;
	return new NodeApiError(this.getNode(), { message, httpCode: String(status) } as JsonObject, {
		message,
		description,
		httpCode: String(status),
		itemIndex,
	});
}
