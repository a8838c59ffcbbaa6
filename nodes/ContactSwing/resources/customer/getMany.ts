import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import { fetchList, readListLimit, returnAllFields } from '../../shared/pagination';
import type { OperationScope } from '../../shared/transport';
import { showFor } from '../../shared/utils';

/** Get Many Customers: GET /v2/_customers, paged with page/per_page (API reference §8.1). */

export const description = showFor({ show: { resource: ['customer'], operation: ['getMany'] } }, [
	...returnAllFields(),
	optionsCollection([], { withBody: false }),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	scope: OperationScope,
): Promise<IDataObject[]> {
	const limit = readListLimit.call(this, itemIndex);
	return await fetchList.call(this, '/v2/_customers', { limit, itemIndex, scope });
}
