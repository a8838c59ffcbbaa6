import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { byName } from '../descriptions';
import type { OperationScope } from '../http/transport';

/** How an operation appears in the Operation list: its name, its `action` text (also what an AI agent reads). */
export type OperationOption = INodePropertyOptions & {
	value: string;
	action: string;
	description: string;
};

export type Execute = (
	this: IExecuteFunctions,
	itemIndex: number,
	scope: OperationScope,
) => Promise<IDataObject | IDataObject[]>;

/** What each operation module exports: its Operation option, its properties and its execute step. */
export interface OperationModule {
	option: OperationOption;
	description: INodeProperties[];
	execute: Execute;
}

/**
 * A resource's registry: one entry per operation module gives the Operation list (sorted by name), the
 * properties shown under it, and the router's table. Adding an operation is one entry here.
 */
export function resourceOperations(
	resource: string,
	defaultOperation: string,
	modules: OperationModule[],
) {
	const operationProperty: INodeProperties = {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: byName(modules.map((module) => module.option)),
		default: defaultOperation,
	};
	return {
		operations: Object.fromEntries(
			modules.map((module) => [module.option.value, module.execute]),
		) as Record<string, Execute>,
		description: [operationProperty, ...modules.flatMap((module) => module.description)],
	};
}
