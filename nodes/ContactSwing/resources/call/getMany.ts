import { listOperation } from '../../shared/operations/list';
import type { OperationOption } from '../../shared/operations/registry';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many calls',
	description: 'List past calls with status and duration',
};

/** Get Many Calls: GET /v2/_calls, paged with page/per_page, 30 requests a minute (page get-calls-list). */
export const { description, execute } = listOperation('call', '/v2/_calls');
