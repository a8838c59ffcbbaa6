import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionalFields, optionsCollection, requiredNameField } from '../../shared/descriptions';
import { compact } from '../../shared/input/rules';
import { ItemReader } from '../../shared/input/itemReader';
import { sendOne } from '../../shared/operations/sendOne';
import type { ApiRequest } from '../../shared/http/transport';
import type { OperationOption } from '../../shared/operations/registry';
import { readUrls, urlsField } from './fields';

export const option: OperationOption = {
	name: 'Create',
	value: 'create',
	action: 'Create a knowledge base',
	description:
		'Create a knowledge base from web pages; returns its ID for the Knowledge Base ID of agents',
};

/**
 * Create Knowledge Base: POST /v2/_knowledge_base as JSON (page `webhook`, oddly): name, urls as a
 * list, and the description the page's example uses. Files are uploaded with Update.
 */

const properties: INodeProperties[] = [
	requiredNameField('e.g. Product Documentation', 'Name of the knowledge base'),
	optionalFields('additionalFields', [
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			placeholder: 'e.g. Technical docs and FAQs',
			description: 'What the knowledge base holds',
		},
		urlsField,
	]),
	optionsCollection([], { createsOrCalls: true }),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['knowledgeBase'], operation: ['create'] } },
	properties,
);

export function createKnowledgeBaseRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const read = new ItemReader(this, itemIndex, properties);
	const urls = readUrls(read, 'additionalFields.urls');
	const body = compact({
		name: read.name('name', { required: true }),
		description: read.text('additionalFields.description', { maxLength: 4096 }),
		urls: urls.length > 0 ? urls : undefined,
	});
	return {
		method: 'POST',
		path: '/v2/_knowledge_base',
		body: read.withAdditionalBody(body),
		idempotent: false,
		creates: 'knowledge base',
		returnsId: 'id',
	};
}

export const execute = sendOne(createKnowledgeBaseRequest);
