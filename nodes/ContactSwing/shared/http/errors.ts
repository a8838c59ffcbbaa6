import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redactSecret } from './redact';
import { MAX_ANSWER_DEPTH, plainData } from './plainData';
import type { TransportFailure } from './retry';
import type { ApiRequest, Context, FullResponse } from './types';
import { itemSuffix } from '../itemSuffix';

/** Why a 2xx answer was not taken: unreadable (e.g. cut-off JSON), too deep, or without the promised ID. */
export type AnswerProblem = 'UNREADABLE' | 'TOO_DEEP' | 'NO_ID';

/** A success body as plain data, or why it cannot be read. */
export function readSuccessBody(
	body: unknown,
): { data: IDataObject; problem?: undefined } | { data?: undefined; problem: AnswerProblem } {
	let parsed: unknown = body;
	if (body === undefined || body === null || (typeof body === 'string' && body.trim() === ''))
		return { data: {} };
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			return { problem: 'UNREADABLE' };
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
		return { problem: 'UNREADABLE' };
	try {
		return { data: plainData(parsed) as IDataObject };
	} catch {
		// plainData throws only TooDeepError (a RangeError if the stack still ran out): too deep either way.
		return { problem: 'TOO_DEEP' };
	}
}

/** An error body to take words from: plain data, or nothing if it is too deep to read safely. */
function readableErrorBody(body: unknown): unknown {
	try {
		return plainData(body);
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

export function buildError(
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
	const item = itemIndex === undefined ? '' : `${itemSuffix(itemIndex)}`;

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
				: failure?.code === 'TOO_DEEP'
					? `ContactSwing answered HTTP ${status}, but its answer is nested more than ${MAX_ANSWER_DEPTH} levels deep and was not read${item}`
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
	const said = contactSwingMessage(redactSecret(readableErrorBody(response.body), token));
	const theirWords = said ? `: ${said}` : '';
	let message: string;
	let description: string;
	if (status === 401 || status === 403) {
		message = `ContactSwing refused the access token (HTTP ${status})${theirWords}`;
		description =
			'Check the ContactSwing API credential: paste a current token from the ContactSwing dashboard and use its Test button.';
	} else if (status === 404 && request.idField) {
		// Named as the user knows it: the field and the value they gave, not the path it went into.
		const { label, value } = request.idField;
		const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
		message = `${label} ${shown} was not found by ContactSwing (HTTP 404${theirWords})`;
		description = `Check ${label}. If it is right, check the Base URL of the ContactSwing API credential (the request was ${request.method} ${request.path}).`;
	} else if (status === 404) {
		message = `ContactSwing found nothing at ${request.method} ${request.path} (HTTP 404)${theirWords}`;
		description = 'Check the Base URL of the ContactSwing API credential.';
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
