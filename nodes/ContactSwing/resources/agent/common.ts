import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ItemContext } from '../../shared/fields';
import { compact, readBoolean, readText, readTextList } from '../../shared/fields';
import type { ApiRequest } from '../../shared/transport';

/** The part of POST /v2/_new_assistants that every channel shares. */

export const NEW_ASSISTANTS_PATH = '/v2/_new_assistants';

export function itemContext(this: IExecuteFunctions, itemIndex: number): ItemContext {
	return { node: this.getNode(), itemIndex };
}

export function readCommonAgentFields(
	this: IExecuteFunctions,
	ctx: ItemContext,
	additionalFields: IDataObject,
): IDataObject {
	const i = ctx.itemIndex;
	return {
		name: readText(ctx, 'Name', this.getNodeParameter('name', i), { required: true, trim: true, maxLength: 255 }),
		model: readText(ctx, 'Model', this.getNodeParameter('model', i), { required: true, trim: true }),
		instructions: readText(ctx, 'Instructions', this.getNodeParameter('instructions', i), {
			required: true,
			maxLength: 100_000,
		}),
		prompts: compact({
			agent: readText(ctx, 'Agent Prompt', additionalFields.agentPrompt, { maxLength: 100_000 }),
			goal: readText(ctx, 'Goal', additionalFields.goal, { maxLength: 100_000 }),
		}),
		kb_id: readText(ctx, 'Knowledge Base ID', additionalFields.kbId, { trim: true }),
	};
}

export function readActionIds(ctx: ItemContext, additionalFields: IDataObject): string[] | undefined {
	const ids = readTextList(ctx, 'Action Names or IDs', additionalFields.actionIds);
	return ids.length > 0 ? ids : undefined;
}

/**
 * Creating an agent twice makes two agents; with force=true ContactSwing overwrites the existing one,
 * so only then may an ambiguous failure be retried.
 */
export function newAssistantRequest(
	ctx: ItemContext,
	body: IDataObject,
	options: IDataObject,
): ApiRequest {
	const force = readBoolean(ctx, 'Overwrite Existing Agent', options.force) === true;
	return {
		method: 'POST',
		path: NEW_ASSISTANTS_PATH,
		qs: force ? { force: true } : undefined,
		body: compact(body),
		idempotent: force,
		creates: 'agent',
		safeRetryHint: 'turn on Overwrite Existing Agent in Options so a repeat is harmless and retried by itself',
	};
}

/** The created agent as the next node sees it: the response's data plus ctx_id for support requests. */
export function agentOutput(response: IDataObject): IDataObject {
	const data = response.data;
	const fields = data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {};
	return compact({ ...fields, ctx_id: response.ctx_id });
}
