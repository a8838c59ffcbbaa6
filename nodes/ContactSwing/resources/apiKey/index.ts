import { resourceOperations } from '../../shared/operations/registry';
import * as create from './create';

/** One entry per operation: its module holds its Operation option, properties and execute step. */
export const { operations, description } = resourceOperations('apiKey', 'create', [create]);
