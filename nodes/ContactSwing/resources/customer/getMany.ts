import { listOperation } from '../../shared/operations/list';
import type { OperationOption } from '../../shared/operations/registry';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many customers',
	description:
		"List customers, page by page. ContactSwing's list has no search: filter with a Filter node after this one.",
};

/** Get Many Customers: GET /v2/_customers, paged with page/per_page (page customers-get). */
export const { description, execute } = listOperation('customer', '/v2/_customers');
