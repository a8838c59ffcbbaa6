import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ApiRequest, OperationScope } from '../../../shared/http/transport';
import { apiRequest } from '../../../shared/http/transport';
import type { ItemReader } from '../../../shared/input/itemReader';
import { unwrap } from '../../../shared/operations/sendOne';
import { checkAllowedNumbers } from './allowedNumbers';
import { checkCallingHours } from './callingHours';
import { CallLimit } from './callLimit';

export { guardrailOptions } from './options';
export { readAllowedNumbers } from './allowedNumbers';
export { judgeWindow, readCallingWindow } from './callingHours';

/**
 * Guardrails of the call operations, under Options: which numbers may be called, how many calls one
 * execution may place, and when. Each is checked before anything is sent; a call they refuse is an
 * ordinary item error (with Continue On Fail, an error item paired to its input item), and in tool use the
 * text the model gets back. The first rule that refuses is named in the message.
 */

/** What a call operation's build step hands to sendCall: the request and the execution's call counter. */
export interface GuardedCall {
	request: ApiRequest;
	limit?: CallLimit;
}

/**
 * Checks Allowed Numbers and Calling Hours for the number `phone` (already normalised by Phone Number's
 * rule), and reads Max Calls per Execution. Throws the refusal; returns the counter to reserve a call on.
 */
export function checkGuardrails(
	fns: IExecuteFunctions,
	read: ItemReader,
	phone: string,
	now = Date.now(),
): CallLimit | undefined {
	const options = (read.value('options') ?? {}) as IDataObject;
	if ('allowedNumbers' in options) checkAllowedNumbers(read, phone);
	if ('callingHours' in options) checkCallingHours(fns, read, now);
	if (!('maxCallsPerExecution' in options)) return undefined;
	const max = read.integer('options.maxCallsPerExecution', { min: 1, required: true }) as number;
	return new CallLimit(fns, read, max);
}

/** ContactSwing answered and refused the request (4xx): no call was placed, so it does not count. */
function refusedByContactSwing(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const code = Number((error as NodeApiError & JsonObject).httpCode);
	return code >= 400 && code < 500;
}

/** The execute step of a call operation: guardrails checked in `build`, the call counted as it is sent. */
export function sendCall(build: (this: IExecuteFunctions, itemIndex: number) => GuardedCall) {
	return async function (
		this: IExecuteFunctions,
		itemIndex: number,
		scope: OperationScope,
	): Promise<IDataObject> {
		const { request, limit } = build.call(this, itemIndex);
		const giveBack = limit?.reserve();
		const outcome = await apiRequest.call(this, request, scope, itemIndex).then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
		if ('answer' in outcome) return unwrap(outcome.answer);
		// A call ContactSwing refused (4xx) was not placed: it gives its place in the limit back.
		if (giveBack && refusedByContactSwing(outcome.error)) giveBack();
		throw outcome.error;
	};
}
