import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiOutcome, ApiRequest } from '../../../shared/http/transport';
import { sendRequest } from '../../../shared/http/transport';
import type { ItemReader } from '../../../shared/input/itemReader';
import type { RunScope } from '../../../shared/operations/registry';
import { deliver } from '../../../shared/operations/sendOne';
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

/**
 * What a call operation's build step hands to sendCall: the request, and its guardrails, checked just before
 * the call is sent (not for a call the ledger does not send again) and returning the execution's call counter.
 */
export interface GuardedCall {
	request: ApiRequest;
	guard: () => CallLimit | undefined;
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

/**
 * The execute step of a call operation: the guardrails checked and the call counted just before it is sent.
 * Max Calls per Execution counts only calls that may have reached ContactSwing: a call refused by a
 * guardrail, answered with a 4xx or a refusal, or never sent (a broken credential, a refused connection or
 * redirect) gives its place back.
 */
export function sendCall(build: (this: IExecuteFunctions, itemIndex: number) => GuardedCall) {
	return async function (
		this: IExecuteFunctions,
		itemIndex: number,
		scope: RunScope,
	): Promise<IDataObject> {
		const { request, guard } = build.call(this, itemIndex);
		const send = async (): Promise<ApiOutcome> => {
			let giveBack: (() => void) | undefined;
			try {
				giveBack = guard()?.reserve();
			} catch (error) {
				// Refused before anything was sent.
				return { ok: false, error: error as Error, processed: 'no' };
			}
			const outcome = await sendRequest.call(this, request, scope, itemIndex);
			if (!outcome.ok && outcome.processed === 'no') giveBack?.();
			return outcome;
		};
		return await deliver.call(this, itemIndex, scope, request, send);
	};
}
