import type { INodeProperties } from 'n8n-workflow';

import { repeatOptions, runOptions } from './operations/runOptions';

/** Fields that several operations share. Each operation scopes them with its own displayOptions. */

/** The required Name of what an operation creates or updates (read with ItemReader.name). */
export function requiredNameField(placeholder: string, description: string): INodeProperties {
	return {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder,
		description,
	};
}

export const additionalBodyOption: INodeProperties = {
	displayName: 'Additional Body (JSON)',
	name: 'additionalBody',
	type: 'json',
	default: '{}',
	description:
		'Fields this node has no parameter for, added to the request body (also inside objects it sends). It cannot change a value the node sends, set "type", or contain null.',
	hint: 'e.g. {"new_field": "value"}',
};

/**
 * An operation's optional fields: "Additional Fields" on creates, "Update Fields" on updates. Options keep
 * the order given (n8n's editor lists them as declared).
 */
export function optionalFields(
	name: 'additionalFields' | 'updateFields',
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: name === 'additionalFields' ? 'Additional Fields' : 'Update Fields',
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/**
 * The Options collection: what the operation offers, Additional Body where there is a body, the run options,
 * and Repeat Protection for operations that create something or place a call (`createsOrCalls`: the router
 * keeps their ledger, see operations/ledger.ts).
 */
export function optionsCollection(
	extra: INodeProperties[],
	{ withBody = true, createsOrCalls = false } = {},
): INodeProperties {
	const options = [
		...extra,
		...(withBody ? [additionalBodyOption] : []),
		...runOptions,
		...(createsOrCalls ? repeatOptions : []),
	];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: byDisplayName(options),
	};
}

/**
 * An ID field for a resource with a list endpoint: version 1 keeps the plain text field saved workflows
 * hold; from version 2 a resource locator, picked From List (searchable, paged) or typed By ID.
 */
export function idLocatorFields(
	name: string,
	{
		displayName,
		description,
		placeholder,
		searchListMethod,
		what,
	}: {
		displayName: string;
		description: string;
		placeholder: string;
		searchListMethod: string;
		what: string;
	},
): INodeProperties[] {
	return [
		{
			...idField(name, `${displayName} ID`, description, placeholder),
			displayOptions: { show: { '@version': [1] } },
		},
		{
			displayName,
			name,
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description,
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: `Select ${what}...`,
					typeOptions: { searchListMethod, searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder,
					validation: [
						{
							type: 'regex',
							properties: {
								// The same rule as readId: nothing that would change the request path.
								regex: '(?![.]{1,2}$)[^/\\\\?#\\s]+',
								errorMessage: `Not a ContactSwing ${what} ID`,
							},
						},
					],
				},
			],
			displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
		},
	];
}

/** An ID typed or mapped by the user, required, for one resource's path parameter. */
export function idField(
	name: string,
	displayName: string,
	description: string,
	placeholder: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		required: true,
		placeholder,
		description,
	};
}

/** Option lists by `name` (Operation, picker options), as n8n's lint and editor expect. */
export function byName<T extends { name: string }>(options: T[]): T[] {
	return [...options].sort((a, b) => a.name.localeCompare(b.name));
}

/** Fields of a collection by their label, as n8n's editor lists them. */
export function byDisplayName<T extends { displayName: string }>(fields: T[]): T[] {
	return [...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
