import { withApiLimits } from '../../shared/apiLimits';
import { resourceOperations } from '../../shared/operations/registry';
import * as getMany from './getMany';
import * as update from './update';

/** One entry per operation: its module holds its Operation option, properties and execute step. */
const registry = resourceOperations('customer', 'getMany', [getMany, update]);

export const { operations } = registry;
export const description = withApiLimits(
	'customer',
	registry.description,
	"ContactSwing's API cannot create, get one, search or delete customers.",
);
