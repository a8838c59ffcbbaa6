import type { ApiRequest, FullResponse, Processed } from './types';

export interface TransportFailure {
	/** The request certainly did not reach ContactSwing. */
	notSent: boolean;
	code: string;
	timedOut: boolean;
}

export function classifyTransportFailure(error: unknown): TransportFailure {
	const raw = error as { cause?: { code?: string }; code?: string; message?: string };
	const code = String(raw?.cause?.code ?? raw?.code ?? '');
	const message = String(raw?.message ?? '');
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message);
	const notSent = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(code);
	return { notSent, code: code || (timedOut ? 'ETIMEDOUT' : 'UNKNOWN'), timedOut };
}

export interface RetryDecision {
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
export function isRefusal(response: FullResponse): boolean {
	return (
		response.statusCode === 429 ||
		(response.statusCode === 503 && parseRetryAfter(response.headers['retry-after']) !== undefined)
	);
}

/**
 * Whether ContactSwing may have processed a request that got this answer (or this failure, when nothing
 * came back): a 4xx, a refusal and a request that was never sent were certainly not processed; a 5xx
 * that is not a refusal, a timeout and a connection that broke after sending may have been.
 */
export function processedBy(
	response: FullResponse | undefined,
	failure: TransportFailure | undefined,
): Processed {
	if (response) {
		if (isRefusal(response)) return 'no';
		return response.statusCode >= 400 && response.statusCode < 500 ? 'no' : 'unknown';
	}
	return failure?.notSent ? 'no' : 'unknown';
}

export function decideRetry(
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
