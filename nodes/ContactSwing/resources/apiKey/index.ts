import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';

export const operations = { create: create.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['apiKey'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an API key that grants access to your account',
				description:
					'Create a ContactSwing API key with chosen permissions. The output holds the new key; store it safely.',
			},
		],
		default: 'create',
	},
	...create.description,
];
