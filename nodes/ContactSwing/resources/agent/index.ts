import type { INodeProperties } from 'n8n-workflow';

import * as createSmsAgent from './createSmsAgent';

export const agentOperations = {
	createSmsAgent: createSmsAgent.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Create SMS AI Agent',
				value: 'createSmsAgent',
				action: 'Create SMS AI agent',
				description:
					'Create an AI agent that holds text-message conversations with contacts. Returns the new agent ID.',
			},
		],
		default: 'createSmsAgent',
	},
	...createSmsAgent.description,
];
