import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../shared/descriptions';
import { compact, readText, withAdditionalBody } from '../../shared/fields';
import { sendOne } from '../../shared/output';
import type { ApiRequest } from '../../shared/transport';
import { itemParameters, showFor } from '../../shared/utils';
import { readUrls, urlsField } from './fields';

/**
 * Create Knowledge Base: POST /v2/_knowledge_base as JSON (API reference §6.1, §10-8): name, urls as a
 * list, and the description the page's example uses. Files are uploaded with Update.
 */

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Product Documentation',
		description: 'Name of the knowledge base',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				default: '',
				placeholder: 'e.g. Technical docs and FAQs',
				description: 'What the knowledge base holds',
			},
			urlsField,
		],
	},
	optionsCollection([]),
];

export const description = showFor(
	{ show: { resource: ['knowledgeBase'], operation: ['create'] } },
	properties,
);

export function createKnowledgeBaseRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const { ctx, fields, options } = itemParameters.call(this, itemIndex);
	const urls = readUrls(ctx, fields.urls);
	const body = compact({
		name: readText(ctx, 'Name', this.getNodeParameter('name', itemIndex), {
			required: true,
			trim: true,
			maxLength: 255,
		}),
		description: readText(ctx, 'Description', fields.description, { maxLength: 4096 }),
		urls: urls.length > 0 ? urls : undefined,
	});
	return {
		method: 'POST',
		path: '/v2/_knowledge_base',
		body: withAdditionalBody(ctx, options, body),
		idempotent: false,
		creates: 'knowledge base',
		returnsId: 'id',
	};
}

export const execute = sendOne(createKnowledgeBaseRequest);
