import type { INodeProperties } from 'n8n-workflow';

import * as createCall from './createCall';
import * as getMany from './getMany';
import * as makeCall from './makeCall';

export const operations = {
	createCall: createCall.execute,
	getMany: getMany.execute,
	makeCall: makeCall.execute,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Create Call',
				value: 'createCall',
				action: 'Call a real person at a cost through the unified endpoint',
				description:
					'Have a voice AI agent call a phone number now, choosing the call engine (limit: 10 calls a minute). Rings a real person.',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many calls',
				description: 'List past calls with status and duration',
			},
			{
				name: 'Make Call',
				value: 'makeCall',
				action: 'Call a real person at a cost from a voice agent',
				description:
					'Have a voice AI agent call a phone number now (older endpoint). Rings a real person.',
			},
		],
		default: 'createCall',
	},
	...createCall.description,
	...getMany.description,
	...makeCall.description,
];
