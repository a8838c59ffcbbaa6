import { resourceOperations } from '../../shared/operations/registry';
import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as update from './update';

/** One entry per operation: its module holds its Operation option, properties and execute step. */
export const { operations, description } = resourceOperations('action', 'create', [
	create,
	get,
	getMany,
	update,
]);
