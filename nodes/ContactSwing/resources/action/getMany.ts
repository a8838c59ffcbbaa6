import { listOperation } from '../../shared/operations/list';
import type { OperationOption } from '../../shared/operations/registry';
import { normaliseAction } from './normalise';
import { withoutTriggerSecret } from './triggerSecret';

export const option: OperationOption = {
	name: 'Get Many',
	value: 'getMany',
	action: 'Get many agent actions',
	description: 'List actions, page by page',
};

/** Get Many Actions: GET /v2/_actions, paged with page/per_page (page get; paging is the reference's best reading). */
// What people see: the Action Trigger's secret header, if any, redacted (its value stays in ContactSwing).
export const { description, execute } = listOperation('action', '/v2/_actions', (action) =>
	withoutTriggerSecret(normaliseAction(action)),
);
