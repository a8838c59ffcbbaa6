import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import { fetchList, readListLimit, returnAllFields } from '../../shared/pagination';
import type { OperationScope } from '../../shared/transport';
import { showFor } from '../../shared/utils';

/** Get Many Calls: GET /v2/_calls, 30 requests a minute, per_page at most 100 (API reference §9.3). */

export const description = showFor({ show: { resource: ['call'], operation: ['getMany'] } }, [
	...returnAllFields(),
	optionsCollection([], { withBody: false }),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	scope: OperationScope,
): Promise<IDataObject[]> {
	const limit = readListLimit.call(this, itemIndex);
	return await fetchList.call(this, '/v2/_calls', { limit, itemIndex, scope });
}
