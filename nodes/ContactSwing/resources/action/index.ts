import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as get from './get';
import * as getMany from './getMany';
import * as update from './update';

export const operations = {
	create: create.execute,
	get: get.execute,
	getMany: getMany.execute,
	update: update.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['action'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an action that agents can run',
				description:
					'Create something an agent can do mid-conversation: call an API, transfer, book, send an SMS, email or WhatsApp',
			},
			{ name: 'Get', value: 'get', action: 'Get an action', description: 'Get one action by ID' },
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many actions',
				description: 'List actions, page by page',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an action that agents run',
				description: 'Change an action’s name, type, timing or settings',
			},
		],
		default: 'create',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...update.description,
];
