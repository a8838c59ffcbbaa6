import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { compact } from '../input/rules';
import type { ApiOutcome, ApiRequest } from '../http/transport';
import { Accounts, sendRequest } from '../http/transport';
import type { RunScope } from './registry';
import { repeatKeyOf } from './runOptions';

/** An object response as the next node sees it: the envelope's data plus ctx_id for support requests. */
export function unwrap(response: IDataObject): IDataObject {
	const data = response.data;
	const fields =
		data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {};
	return compact({ ...fields, ctx_id: response.ctx_id });
}

/**
 * Sends one item's request, through the run's ledger when it keeps one (operations that create something or
 * place a call, see ledger.ts): `send` sends it (and does what must happen just before, e.g. count a call);
 * `shape` turns the unwrapped answer into the output item.
 */
export async function deliver(
	this: IExecuteFunctions,
	itemIndex: number,
	scope: RunScope,
	request: ApiRequest,
	send: () => Promise<ApiOutcome>,
	shape: (data: IDataObject) => IDataObject = (data) => data,
): Promise<IDataObject> {
	const { ledger } = scope;
	if (!ledger || request.idempotent) {
		const outcome = await send();
		if (outcome.ok) return shape(unwrap(outcome.data));
		throw outcome.error;
	}
	scope.accounts ??= new Accounts();
	const userKey =
		ledger.settings.mode === 'acrossExecutions' ? repeatKeyOf.call(this, itemIndex) : undefined;
	const identity = await ledger.identify(itemIndex, request, scope.accounts, userKey);
	return await ledger.run(itemIndex, request, identity, send, (data) => shape(unwrap(data)));
}

/**
 * The execute step of an operation that sends one request: its module only builds the request (and may
 * shape the answer, e.g. actions' dotted keys).
 */
export function sendOne(
	build: (this: IExecuteFunctions, itemIndex: number) => ApiRequest | Promise<ApiRequest>,
	shape: (data: IDataObject) => IDataObject = (data) => data,
) {
	return async function (
		this: IExecuteFunctions,
		itemIndex: number,
		scope: RunScope,
	): Promise<IDataObject> {
		const request = await build.call(this, itemIndex);
		const send = () => sendRequest.call(this, request, scope, itemIndex);
		return await deliver.call(this, itemIndex, scope, request, send, shape);
	};
}
