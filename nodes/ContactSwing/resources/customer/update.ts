import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idLocatorFields, optionalFields, optionsCollection } from '../../shared/descriptions';
import { compact, fieldError } from '../../shared/input/rules';
import { ItemReader } from '../../shared/input/itemReader';
import { sendOne } from '../../shared/operations/sendOne';
import type { ApiRequest } from '../../shared/http/transport';
import type { OperationOption } from '../../shared/operations/registry';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update a customer',
	description: 'Change a customer’s name, phone, email or tags',
};

/** Update Customer: PUT /v2/_customers/{customer_id} (page customers-put). */

const properties: INodeProperties[] = [
	...idLocatorFields('customerId', {
		displayName: 'Customer',
		description: 'The customer to update',
		placeholder: 'e.g. 4808cc67-194e-4dfc-97ad-146ddf3d4126',
		searchListMethod: 'searchCustomers',
		what: 'customer',
	}),
	optionalFields('updateFields', [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. name@email.com',
			default: '',
			description: 'Email address',
		},
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. John Doe',
			description: 'Full name',
		},
		{
			displayName: 'Phone',
			name: 'phone',
			type: 'string',
			default: '',
			placeholder: 'e.g. +1234567890',
			description: 'Phone number in E.164 format',
			builderHint: {
				propertyHint:
					'E.164 with + and country code (e.g. +13465507166); map it from the CRM item and add the country code when the source has none.',
			},
		},
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. vip, lead',
			description:
				'Tags, comma-separated or a list. They replace the current tags; [] (or an empty list from an expression) removes them all, while an empty field changes nothing.',
		},
	]),
	optionsCollection([]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customer'], operation: ['update'] } },
	properties,
);

export function updateCustomerRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const read = new ItemReader(this, itemIndex, properties);
	const id = read.id('customerId');
	const tags = read.textList('updateFields.tags');
	// Only an explicit empty list clears the tags: an empty text (an unmapped expression) leaves them alone.
	const given = read.value('updateFields.tags');
	const clearTags =
		(Array.isArray(given) && given.length === 0) ||
		(typeof given === 'string' && /^\s*\[\s*\]\s*$/.test(given));
	const body = read.withAdditionalBody(
		compact({
			name: read.name('updateFields.name'),
			phone: read.e164('updateFields.phone'),
			email: read.text('updateFields.email', { trim: true, maxLength: 320 }),
			tags: tags.length > 0 ? tags : clearTags ? [] : undefined,
		}),
	);
	if (body.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(body.email))) {
		throw fieldError(
			read.ctx,
			read.label('updateFields.email'),
			`must be an email address, got "${String(body.email).slice(0, 60)}"`,
		);
	}
	if (Object.keys(body).length === 0) {
		throw fieldError(
			read.ctx,
			read.label('updateFields'),
			'are empty',
			'Add at least one field to change.',
		);
	}
	return {
		method: 'PUT',
		path: `/v2/_customers/${encodeURIComponent(id)}`,
		body,
		idempotent: true,
	};
}

export const execute = sendOne(updateCustomerRequest);
