import { withApiLimits } from '../../shared/apiLimits';
import { resourceOperations } from '../../shared/operations/registry';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as update from './update';

/** One entry per operation: its module holds its Operation option, properties and execute step. */
const registry = resourceOperations('action', 'create', [create, get, getMany, update]);

export const { operations } = registry;
export const description = withApiLimits(
	'action',
	registry.description,
	"ContactSwing's API cannot delete an action; Update can set it inactive.",
);
