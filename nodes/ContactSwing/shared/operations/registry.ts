import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { byName } from '../descriptions';
import type { OperationScope } from '../http/transport';
import type { Ledger } from './ledger';

/** How an operation appears in the Operation list: its name, its `action` text (also what an AI agent reads). */
export type OperationOption = INodePropertyOptions & {
	value: string;
	action: string;
	description: string;
};

/** What every item of one run shares: the transport's scope, and the ledger when the run keeps one. */
export interface RunScope extends OperationScope {
	ledger?: Ledger;
}

export type Execute = (
	this: IExecuteFunctions,
	itemIndex: number,
	scope: RunScope,
) => Promise<IDataObject | IDataObject[]>;

/** An operation as the router runs it. */
export interface RoutedOperation {
	execute: Execute;
	/** It creates something or places a call: Repeat Protection (the ledger) applies. */
	createsOrCalls: boolean;
}

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
			modules.map((module) => [
				module.option.value,
				{ execute: module.execute, createsOrCalls: declaresRepeatProtection(module.description) },
			]),
		) as Record<string, RoutedOperation>,
		description: [operationProperty, ...modules.flatMap((module) => module.description)],
	};
}

/** Whether an operation's Options offer Repeat Protection (optionsCollection with createsOrCalls). */
function declaresRepeatProtection(properties: INodeProperties[]): boolean {
	return properties.some(
		(property) =>
			property.name === 'options' &&
			property.type === 'collection' &&
			(property.options ?? []).some((option) => option.name === 'repeatProtection'),
	);
}
