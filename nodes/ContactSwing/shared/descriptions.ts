import type { INodeProperties } from 'n8n-workflow';

import { runOptions } from './operations/runOptions';

/** Fields that several operations share. Each operation scopes them with its own displayOptions. */

export const modelField: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'options',
	options: [{ name: 'ContactSwing LLM 1', value: 'cw-llm-1' }],
	default: 'cw-llm-1',
	required: true,
	description: 'The language model the agent runs on',
};

/** The required Name of what an operation creates or updates (read with ItemReader.name). */
export function requiredNameField(placeholder: string, description: string): INodeProperties {
	return { displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder, description };
}

export const agentNameField = requiredNameField(
	'e.g. Lead follow-up for Jane Doe',
	'Display name of the agent in ContactSwing',
);

export const instructionsField: INodeProperties = {
	displayName: 'Instructions',
	name: 'instructions',
	type: 'string',
	typeOptions: { rows: 6 },
	default: '',
	required: true,
	placeholder:
		'e.g. You are a friendly assistant for Acme Dental. Book cleanings and answer questions about prices.',
	description: 'The system prompt: who the agent is, what it knows and how it behaves',
};

export const agentPromptField: INodeProperties = {
	displayName: 'Agent Prompt',
	name: 'agentPrompt',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	placeholder: 'e.g. You are Ashley from Acme Dental',
	description: 'Persona prompt sent as prompts.agent',
};

export const goalField: INodeProperties = {
	displayName: 'Goal',
	name: 'goal',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	placeholder: 'e.g. Book a cleaning appointment',
	description: 'What the agent tries to achieve, sent as prompts.goal',
};

export const knowledgeBaseIdField: INodeProperties = {
	displayName: 'Knowledge Base ID',
	name: 'kbId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 0f5c7b8e-2d7a-4f8e-9d1c-3a4b5c6d7e8f',
	description: 'ID of a ContactSwing knowledge base the agent answers from',
	hint: 'The id that Create Knowledge Base returned, or the ID shown in the ContactSwing dashboard',
};

export const actionIdsField: INodeProperties = {
	displayName: 'Action Names or IDs',
	name: 'actionIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getActions' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

export const additionalBodyOption: INodeProperties = {
	displayName: 'Additional Body (JSON)',
	name: 'additionalBody',
	type: 'json',
	default: '{}',
	description:
		'Fields this node has no parameter for, added to the request body (also inside objects it sends). It cannot change a value the node sends, set "type", or contain null.',
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

/** The Options collection: what the operation offers, Additional Body where there is a body, and the run options. */
export function optionsCollection(
	extra: INodeProperties[],
	{ withBody = true } = {},
): INodeProperties {
	const options = [...extra, ...(withBody ? [additionalBodyOption] : []), ...runOptions];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: byDisplayName(options),
	};
}

export const forceOption: INodeProperties = {
	displayName: 'Overwrite Existing Agent',
	name: 'force',
	type: 'boolean',
	default: false,
	description:
		'Whether to send force=true, which ContactSwing describes only as "Force recreate (overwrite existing)". Which existing agent it overwrites is not documented: it may replace an agent you still use.',
};

/** Shown under Overwrite Existing Agent when it is on. */
export const forceNotice: INodeProperties = {
	displayName:
		'Overwrite Existing Agent makes ContactSwing overwrite an existing agent, and the reference does not say which one. Leave it off unless ContactSwing support has told you how it matches agents.',
	name: 'forceNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { '/options.force': [true] } },
};

export const apiKeysJsonField: INodeProperties = {
	displayName: 'API Keys (JSON)',
	name: 'apiKeys',
	type: 'json',
	default: '[]',
	description:
		'Provider keys as a JSON list, e.g. [{"api_key_id": 134, "type": "MODEL"}]. Sent as api_keys.',
};

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
