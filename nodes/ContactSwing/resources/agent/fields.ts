import type { INodeProperties } from 'n8n-workflow';

import { requiredNameField } from '../../shared/descriptions';

/* Fields only the AI agent operations have (the create pages behind POST /v2/_new_assistants). */

export const modelField: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'options',
	options: [{ name: 'ContactSwing LLM 1', value: 'cw-llm-1' }],
	default: 'cw-llm-1',
	required: true,
	description:
		"The language model the agent runs on. ContactSwing's API reference documents only this one; another can be given by expression.",
};

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
	description:
		"The agent's main prompt, and the only one it must have: who it is, what it knows, how it behaves and what it must never do. Agent Prompt and Goal, under Additional Fields, are optional extra prompts.",
};

export const agentPromptField: INodeProperties = {
	displayName: 'Agent Prompt',
	name: 'agentPrompt',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	placeholder: 'e.g. You are Ashley from Acme Dental',
	description:
		"An optional persona: the name and role the agent introduces itself with. ContactSwing's reference does not say how it is combined with Instructions; leave it empty when Instructions already say it.",
};

export const goalField: INodeProperties = {
	displayName: 'Goal',
	name: 'goal',
	type: 'string',
	typeOptions: { rows: 2 },
	default: '',
	placeholder: 'e.g. Book a cleaning appointment',
	description:
		"An optional goal: the outcome the agent works toward in each conversation, e.g. a booked appointment. ContactSwing's reference does not say how it is combined with Instructions.",
};

export const knowledgeBaseIdField: INodeProperties = {
	displayName: 'Knowledge Base ID',
	name: 'kbId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 0f5c7b8e-2d7a-4f8e-9d1c-3a4b5c6d7e8f',
	description:
		"ID of a ContactSwing knowledge base the agent answers from. ContactSwing's API has no list of knowledge bases to pick from.",
	hint: 'The ID that Create Knowledge Base returned, or the knowledge base ID from the ContactSwing dashboard',
	builderHint: {
		propertyHint:
			'The id output of an earlier ContactSwing knowledge base create node, or an ID the user gives; never invent one.',
	},
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

export const forceOption: INodeProperties = {
	displayName: 'Overwrite Existing Agent',
	name: 'force',
	type: 'boolean',
	default: false,
	description:
		'Whether to ask ContactSwing to overwrite an existing agent instead of adding one. Its reference says only "Force recreate (overwrite existing)"; which agent it overwrites is not documented: it may replace an agent you still use.',
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
		'Provider keys saved under API Setup in ContactSwing, as a JSON list of their whole-number IDs and key types. An empty list sends none.',
	hint: 'e.g. [{"api_key_id": 134, "type": "MODEL"}]',
};
