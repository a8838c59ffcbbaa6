import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import { readId } from '../../shared/fields';
import { unwrap } from '../../shared/output';
import type { OperationScope } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';
import { showFor } from '../../shared/utils';
import { actionIdField } from './fields';
import { normaliseAction } from './normalise';

/** Get Action: GET /v2/_actions/{action_id} (path is the reference's best reading, §5.4). */

export const description = showFor({ show: { resource: ['action'], operation: ['get'] } }, [
	actionIdField,
	optionsCollection([], { withBody: false }),
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	scope: OperationScope,
): Promise<IDataObject> {
	const ctx = { node: this.getNode(), itemIndex };
	const id = readId(ctx, 'Action ID', this.getNodeParameter('actionId', itemIndex));
	const response = await apiRequest.call(
		this,
		{ method: 'GET', path: `/v2/_actions/${encodeURIComponent(id)}`, idempotent: true },
		scope,
		itemIndex,
	);
	return normaliseAction(unwrap(response));
}
