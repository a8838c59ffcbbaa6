import type { IExecuteFunctions } from 'n8n-workflow';

import { idField, optionsCollection } from '../../shared/descriptions';
import {
	compact,
	fieldError,
	readE164,
	readId,
	readText,
	readTextList,
	withAdditionalBody,
} from '../../shared/fields';
import { sendOne } from '../../shared/output';
import type { ApiRequest } from '../../shared/transport';
import { itemParameters, showFor } from '../../shared/utils';

/** Update Customer: PUT /v2/_customers/{customer_id} (API reference §8.2). */

export const description = showFor({ show: { resource: ['customer'], operation: ['update'] } }, [
	idField(
		'customerId',
		'Customer ID',
		'ID of the customer to update',
		'e.g. 4808cc67-194e-4dfc-97ad-146ddf3d4126',
	),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'E-Mail',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. name@email.com',
				default: '',
				description: 'E-mail address',
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
		],
	},
	optionsCollection([]),
]);

export function updateCustomerRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const ctx = { node: this.getNode(), itemIndex };
	const id = readId(ctx, 'Customer ID', this.getNodeParameter('customerId', itemIndex));
	const { fields, options } = itemParameters.call(this, itemIndex, 'updateFields');
	const tags = readTextList(ctx, 'Tags', fields.tags);
	// Only an explicit empty list clears the tags: an empty text (an unmapped expression) leaves them alone.
	const clearTags =
		(Array.isArray(fields.tags) && fields.tags.length === 0) ||
		(typeof fields.tags === 'string' && /^\s*\[\s*\]\s*$/.test(fields.tags));
	const body = withAdditionalBody(
		ctx,
		options,
		compact({
			name: readText(ctx, 'Name', fields.name, { trim: true, maxLength: 255 }),
			phone: readE164(ctx, 'Phone', fields.phone),
			email: readText(ctx, 'E-Mail', fields.email, { trim: true, maxLength: 320 }),
			tags: tags.length > 0 ? tags : clearTags ? [] : undefined,
		}),
	);
	if (body.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(body.email))) {
		throw fieldError(
			ctx,
			'E-Mail',
			`must be an e-mail address, got "${String(body.email).slice(0, 60)}"`,
		);
	}
	if (Object.keys(body).length === 0) {
		throw fieldError(ctx, 'Update Fields', 'are empty', 'Add at least one field to change.');
	}
	return {
		method: 'PUT',
		path: `/v2/_customers/${encodeURIComponent(id)}`,
		body,
		idempotent: true,
	};
}

export const execute = sendOne(updateCustomerRequest);
