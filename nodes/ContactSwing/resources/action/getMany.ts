import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import { fetchList, readListLimit, returnAllFields } from '../../shared/pagination';
import type { OperationScope } from '../../shared/transport';
import { showFor } from '../../shared/utils';
import { normaliseAction } from './normalise';

/** Get Many Actions: GET /v2/_actions, paged with page/per_page (API reference §5.3). */

export const description = showFor({ show: { resource: ['action'], operation: ['getMany'] } }, [
	...returnAllFields(),
	optionsCollection([], { withBody: false }),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	scope: OperationScope,
): Promise<IDataObject[]> {
	const limit = readListLimit.call(this, itemIndex);
	const actions = await fetchList.call(this, '/v2/_actions', { limit, itemIndex, scope });
	return actions.map(normaliseAction);
}
