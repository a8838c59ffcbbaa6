import type { INodeProperties } from 'n8n-workflow';

import * as create from './create';
import * as update from './update';

export const operations = { create: create.execute, update: update.execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['knowledgeBase'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a knowledge base',
				description:
					'Create a knowledge base from web pages; returns its ID for the Knowledge Base ID of agents',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Add documents to a knowledge base',
				description:
					'Rename a knowledge base or add documents (from binary data), web pages and FAQs',
			},
		],
		default: 'create',
	},
	...create.description,
	...update.description,
];
