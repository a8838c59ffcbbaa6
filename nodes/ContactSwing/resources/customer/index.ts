import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany';
import * as update from './update';

export const operations = { getMany: getMany.execute, update: update.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many customers',
				description: 'List customers, page by page',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a customer record',
				description: 'Change a customer’s name, phone, email or tags',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...update.description,
];
