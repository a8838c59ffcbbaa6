import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { byDisplayName, optionalFields, optionsCollection } from '../../shared/descriptions';
import { compact, fieldError } from '../../shared/input/rules';
import { ItemReader } from '../../shared/input/itemReader';
import type { ApiRequest } from '../../shared/http/transport';

import {
	actionIdsField,
	agentNameField,
	agentPromptField,
	forceNotice,
	forceOption,
	goalField,
	instructionsField,
	knowledgeBaseIdField,
	modelField,
} from './fields';

/** What POST /v2/_new_assistants shares across channels (pages sms-ai, voice-ai, email-ai, chat-ai, what-ai). */

const NEW_ASSISTANTS_PATH = '/v2/_new_assistants';

/** The top-level fields every channel asks for, in the order the editor shows them. */
export const agentTopFields = {
	name: agentNameField,
	model: modelField,
	instructions: instructionsField,
};

/** Optional fields every channel has; each channel adds its own and sorts them. */
const agentCommonOptionalFields: INodeProperties[] = [
	actionIdsField,
	agentPromptField,
	goalField,
	knowledgeBaseIdField,
];

/** The channel's Additional Fields: the shared optional fields plus its own, sorted as the editor lists them. */
export function agentAdditionalFields(channelFields: INodeProperties[]): INodeProperties {
	return optionalFields(
		'additionalFields',
		byDisplayName([...agentCommonOptionalFields, ...channelFields]),
	);
}

/**
 * A channel's properties as the editor shows them: its own, then Options (with Overwrite Existing Agent)
 * and the notice on what overwriting means; scoped to the channel's operation.
 */
export function agentOperationProperties(
	operation: string,
	channelProperties: INodeProperties[],
): { properties: INodeProperties[]; description: INodeProperties[] } {
	const properties = [
		...channelProperties,
		optionsCollection([forceOption], { createsOrCalls: true }),
		forceNotice,
	];
	return {
		properties,
		description: updateDisplayOptions(
			{ show: { resource: ['agent'], operation: [operation] } },
			properties,
		),
	};
}

export interface AgentInput {
	read: ItemReader;
	name: string;
	model: string;
	instructions: string;
	prompts: IDataObject;
	kb_id?: string;
	action_ids?: string[];
}

/** Reads the fields every channel shares; the channel's request function adds its own with `read`. */
export function readAgentInput(
	this: IExecuteFunctions,
	itemIndex: number,
	properties: INodeProperties[],
): AgentInput {
	const read = new ItemReader(this, itemIndex, properties);
	return {
		read,
		name: read.name('name', { required: true }) as string,
		model: read.text('model', { required: true, trim: true }) as string,
		instructions: read.text('instructions', { required: true, maxLength: 100_000 }) as string,
		prompts: compact({
			agent: read.text('additionalFields.agentPrompt', { maxLength: 100_000 }),
			goal: read.text('additionalFields.goal', { maxLength: 100_000 }),
		}),
		kb_id: read.text('additionalFields.kbId', { trim: true }),
		action_ids: read.optionalTextList('additionalFields.actionIds'),
	};
}

/** SMS and WhatsApp: the most messages in one conversation (additional_settings.max_messages). */
export const maxMessagesField: INodeProperties = {
	displayName: 'Max Messages',
	name: 'maxMessages',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 10,
	description: 'The most messages the agent sends in one conversation (at least 1)',
};

/** Voice and SMS: key IDs typed as whole numbers, sent as api_keys [{ api_key_id, type }] (pages voice-ai, sms-ai). */
export function apiKeysFromIds(read: ItemReader, path: string, type: string): IDataObject[] {
	return read.integerList(path, { required: true, min: 1 }).map((id) => ({ api_key_id: id, type }));
}

/** api_keys given as JSON (Chat, WhatsApp, and anyone who needs another key type). */
export function readApiKeysJson(read: ItemReader): IDataObject[] | undefined {
	const path = 'additionalFields.apiKeys';
	const list = read.jsonArray(path);
	if (!list) return undefined;
	return list.map((entry, position) => {
		const key = entry as IDataObject;
		if (
			!key ||
			typeof key !== 'object' ||
			Array.isArray(key) ||
			!Number.isSafeInteger(key.api_key_id) ||
			(key.api_key_id as number) < 1 ||
			typeof key.type !== 'string'
		) {
			throw fieldError(
				read.ctx,
				`${read.label(path)} entry ${position + 1}`,
				'must be {"api_key_id": <whole number>, "type": "<text>"}',
			);
		}
		return key;
	});
}

/**
 * Creating an agent twice makes two agents. With force=true ContactSwing "force recreates (overwrites
 * existing)", but what it matches is not documented, so a repeat is not provably harmless: a create that
 * may have happened is never sent again, forced or not.
 */
export function newAssistantRequest({ read }: AgentInput, body: IDataObject): ApiRequest {
	const force = read.boolean('options.force') === true;
	return {
		method: 'POST',
		path: NEW_ASSISTANTS_PATH,
		qs: force ? { force: true } : undefined,
		body: read.withAdditionalBody(compact(body)),
		idempotent: false,
		creates: 'agent',
		returnsId: 'assistant_id',
	};
}
