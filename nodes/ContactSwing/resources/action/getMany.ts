import { listOperation } from '../../shared/operations/list';
import type { OperationOption } from '../../shared/operations/registry';
import { normaliseAction } from './normalise';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many agent actions',
	description: 'List actions, page by page',
};

/** Get Many Actions: GET /v2/_actions, paged with page/per_page (page get; paging is the reference's best reading). */
export const { description, execute } = listOperation('action', '/v2/_actions', normaliseAction);
