import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { compact } from '../input/rules';
import type { ApiRequest, OperationScope } from '../http/transport';
import { apiRequest } from '../http/transport';

/** An object response as the next node sees it: the envelope's data plus ctx_id for support requests. */
export function unwrap(response: IDataObject): IDataObject {
	const data = response.data;
	const fields =
		data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {};
	return compact({ ...fields, ctx_id: response.ctx_id });
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
		scope: OperationScope,
	): Promise<IDataObject> {
		const request = await build.call(this, itemIndex);
		return shape(unwrap(await apiRequest.call(this, request, scope, itemIndex)));
	};
}
