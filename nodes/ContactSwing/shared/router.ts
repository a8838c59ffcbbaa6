import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import * as action from '../resources/action';
import * as agent from '../resources/agent';
import * as apiKey from '../resources/apiKey';
import * as call from '../resources/call';
import * as customer from '../resources/customer';
import * as knowledgeBase from '../resources/knowledgeBase';
import type { OperationScope } from './transport';
import { DEFAULT_POLICY, RunGate } from './transport';

type Operation = (
	this: IExecuteFunctions,
	itemIndex: number,
	scope: OperationScope,
) => Promise<IDataObject | IDataObject[]>;

const operations: Record<string, Record<string, Operation>> = {
	action: action.operations,
	agent: agent.operations,
	apiKey: apiKey.operations,
	call: call.operations,
	customer: customer.operations,
	knowledgeBase: knowledgeBase.operations,
};

/**
 * Runs the chosen operation once per input item. Every input item yields its results or exactly one
 * error item, paired to it and in input order.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operations[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not known`);
	}
	const scope: OperationScope = { policy: DEFAULT_POLICY, gate: new RunGate() };

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.call(this, itemIndex, scope);
			for (const json of Array.isArray(result) ? result : [result]) {
				output.push({ json, pairedItem: { item: itemIndex } });
			}
		} catch (error) {
			if (this.continueOnFail()) {
				output.push({
					json: { error: error.message, description: error.description ?? undefined },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			// Both constructors hand back an error of their own class unchanged.
			if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	}
	return output;
}
