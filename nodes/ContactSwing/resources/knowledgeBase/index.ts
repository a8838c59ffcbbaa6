import { withApiLimits } from '../../shared/apiLimits';
import { resourceOperations } from '../../shared/operations/registry';
import * as create from './create';
import * as update from './update';

/** One entry per operation: its module holds its Operation option, properties and execute step. */
const registry = resourceOperations('knowledgeBase', 'create', [create, update]);

export const { operations } = registry;
export const description = withApiLimits(
	'knowledgeBase',
	registry.description,
	"ContactSwing's API cannot get, list or delete knowledge bases: keep the ID that Create returns.",
);
