import { resourceOperations } from '../../shared/operations/registry';
import * as create from './create';
import * as update from './update';

/** One entry per operation: its module holds its Operation option, properties and execute step. */
export const { operations, description } = resourceOperations('knowledgeBase', 'create', [
	create,
	update,
]);
