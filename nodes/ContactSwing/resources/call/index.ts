import { resourceOperations } from '../../shared/operations/registry';
import * as createCall from './createCall';
import * as getMany from './getMany';
import * as makeCall from './makeCall';

/** One entry per operation: its module holds its Operation option, properties and execute step. */
export const { operations, description } = resourceOperations('call', 'createCall', [
	createCall,
	getMany,
	makeCall,
]);
