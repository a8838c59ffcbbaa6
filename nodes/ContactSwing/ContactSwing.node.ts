import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadOptions } from './methods';
import * as agent from './resources/agent';
import { route } from './shared/router';

const operationLabels: Record<string, string> = {};
for (const property of agent.description) {
	if (property.name !== 'operation') continue;
	for (const option of property.options ?? []) {
		if ('value' in option) operationLabels[String(option.value)] = option.name;
	}
}

export class ContactSwing implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ContactSwing',
		name: 'contactSwing',
		icon: { light: 'file:contactSwing.svg', dark: 'file:contactSwing.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: `={{ ${JSON.stringify(operationLabels)}[$parameter["operation"]] ?? $parameter["operation"] }}`,
		description: 'Create ContactSwing AI agents that talk to your contacts over SMS',
		defaults: { name: 'ContactSwing' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'contactSwingApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'AI Agent', value: 'agent' }],
				default: 'agent',
			},
			...agent.description,
		],
	};

	methods = { loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await route.call(this)];
	}
}
