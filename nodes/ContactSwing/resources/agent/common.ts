import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	actionIdsField,
	agentNameField,
	agentPromptField,
	goalField,
	instructionsField,
	knowledgeBaseIdField,
	modelField,
} from '../../shared/descriptions';
import type { ItemContext } from '../../shared/fields';
import {
	compact,
	fieldError,
	readBoolean,
	readJsonArray,
	readText,
	readTextList,
	withAdditionalBody,
} from '../../shared/fields';
import type { ApiRequest } from '../../shared/transport';

/** What POST /v2/_new_assistants shares across channels (API reference §4.1). */

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
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sortedByName([...agentCommonOptionalFields, ...channelFields]),
	};
}

function sortedByName(properties: INodeProperties[]): INodeProperties[] {
	return [...properties].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function itemContext(this: IExecuteFunctions, itemIndex: number): ItemContext {
	return { node: this.getNode(), itemIndex };
}

export interface AgentInput {
	ctx: ItemContext;
	additionalFields: IDataObject;
	options: IDataObject;
	name: string;
	model: string;
	instructions: string;
	prompts: IDataObject;
	kb_id?: string;
	action_ids?: string[];
}

/** Reads the fields every channel shares; the channel's request function adds its own. */
export function readAgentInput(this: IExecuteFunctions, itemIndex: number): AgentInput {
	const ctx = itemContext.call(this, itemIndex);
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const actionIds = readTextList(ctx, 'Action Names or IDs', additionalFields.actionIds);
	return {
		ctx,
		additionalFields,
		options: this.getNodeParameter('options', itemIndex, {}) as IDataObject,
		name: readText(ctx, 'Name', this.getNodeParameter('name', itemIndex), {
			required: true,
			trim: true,
			maxLength: 255,
		}) as string,
		model: readText(ctx, 'Model', this.getNodeParameter('model', itemIndex), {
			required: true,
			trim: true,
		}) as string,
		instructions: readText(ctx, 'Instructions', this.getNodeParameter('instructions', itemIndex), {
			required: true,
			maxLength: 100_000,
		}) as string,
		prompts: compact({
			agent: readText(ctx, 'Agent Prompt', additionalFields.agentPrompt, { maxLength: 100_000 }),
			goal: readText(ctx, 'Goal', additionalFields.goal, { maxLength: 100_000 }),
		}),
		kb_id: readText(ctx, 'Knowledge Base ID', additionalFields.kbId, { trim: true }),
		action_ids: actionIds.length > 0 ? actionIds : undefined,
	};
}

/** api_keys given as JSON (Chat, WhatsApp, and anyone who needs another key type). */
export function readApiKeysJson(ctx: ItemContext, value: unknown): IDataObject[] | undefined {
	const list = readJsonArray(ctx, 'API Keys (JSON)', value);
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
				ctx,
				`API Keys (JSON) entry ${position + 1}`,
				'must be {"api_key_id": <whole number>, "type": "<text>"}',
			);
		}
		return key;
	});
}

/**
 * Creating an agent twice makes two agents; with force=true ContactSwing overwrites the existing one,
 * so only then may an ambiguous failure be retried.
 */
export function newAssistantRequest(input: AgentInput, body: IDataObject): ApiRequest {
	const { ctx, options } = input;
	const force = readBoolean(ctx, 'Overwrite Existing Agent', options.force) === true;
	return {
		method: 'POST',
		path: NEW_ASSISTANTS_PATH,
		qs: force ? { force: true } : undefined,
		body: withAdditionalBody(ctx, options, compact(body)),
		idempotent: force,
		creates: 'agent',
		returnsId: 'assistant_id',
	};
}
