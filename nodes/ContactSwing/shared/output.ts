import type { IDataObject } from 'n8n-workflow';

import { compact } from './fields';

/** An object response as the next node sees it: the envelope's data plus ctx_id for support requests. */
export function unwrap(response: IDataObject): IDataObject {
	const data = response.data;
	const fields =
		data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {};
	return compact({ ...fields, ctx_id: response.ctx_id });
}
