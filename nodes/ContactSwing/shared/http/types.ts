import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

export const CREDENTIAL_TYPE = 'contactSwingApi';

/** Who may send a request: a node run, a picker, a poll, a webhook trigger's publish and unpublish. */
export type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions;

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
	/**
	 * The answer comes back exactly as ContactSwing sent it, not redacted, because it will be sent back
	 * (write-back: a value read from ContactSwing goes back as read). Never output such an answer as it is:
	 * what people see is redacted (redactSecret with the account's token).
	 */
	forWriteBack?: boolean;
	/**
	 * The ID the request is about (in its path; Create Call's agent in its body) and the field the user gave it
	 * in, by its label: a 404 then names that field ("Voice Agent ID … was not found by ContactSwing").
	 */
	idField?: IdField;
}

/** An ID as the user gave it, and the label of the field it came from. */
export interface IdField {
	label: string;
	value: string;
}

/**
 * Whether ContactSwing processed a request that failed: `no` when it certainly did not (nothing was sent, a
 * 4xx, a 429 or a 503 with Retry-After once the retry budget was spent, a redirect the node does not
 * follow), `unknown` when it may have (a timeout, a connection that broke after sending, 500/502/504, a 503
 * without Retry-After), `yes` when it did but its answer is unusable (a 2xx without the new ID).
 */
export type Processed = 'no' | 'unknown' | 'yes';

/** One request's result as the transport's callers see it: its answer, or the error and what it means. */
export type ApiOutcome =
	| { ok: true; data: IDataObject }
	| { ok: false; error: Error; processed: Processed };

export interface RequestPolicy {
	timeoutMs: number;
	maxRetryWaitMs: number;
}

export interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}
