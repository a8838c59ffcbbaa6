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
import { compact, readE164, readInteger, readIntegerList, readText } from '../../shared/fields';
import type { ApiRequest, OperationScope } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';
import { showFor } from '../../shared/utils';
import {
	agentOutput,
	itemContext,
	newAssistantRequest,
	readActionIds,
	readCommonAgentFields,
} from './common';

/** Create SMS AI Agent: POST /v2/_new_assistants with type "SMS" (API reference §4.3). */

const properties: INodeProperties[] = [
	agentNameField,
	modelField,
	{
		displayName: 'SMS API Key IDs',
		name: 'smsKeyIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 134',
		description:
			'ID of the SMS provider key saved under API Setup in ContactSwing (a whole number). Several IDs may be separated by commas.',
	},
	instructionsField,
	{
		displayName: 'SMS Direction',
		name: 'smsType',
		type: 'options',
		options: [{ name: 'Outbound', value: 'OUTBOUND', description: 'The agent texts the contact first' }],
		default: 'OUTBOUND',
		required: true,
		description: 'Who starts the conversation',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ ...actionIdsField },
			{ ...agentPromptField },
			{ ...goalField },
			{
				displayName: 'Idle Timeout (Seconds)',
				name: 'idleTimeSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 86400,
				description: 'Seconds without a reply after which the conversation ends (86400 = 24 hours)',
			},
			{ ...knowledgeBaseIdField },
			{
				displayName: 'Max Messages per Conversation',
				name: 'maxMessages',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description: 'The most messages the agent sends in one conversation',
			},
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: 'e.g. +13465507166',
				description: 'The ContactSwing number the agent texts from, in E.164 format',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Overwrite Existing Agent',
				name: 'force',
				type: 'boolean',
				default: false,
				description:
					'Whether to replace an existing agent of the same name (sends force=true). Also makes retries after a timeout safe.',
			},
		],
	},
];

export const description = showFor({ show: { resource: ['agent'], operation: ['createSmsAgent'] } }, properties);

/** Maps one item's parameters to the exact request body; validation failures name the field and item. */
export function createSmsAgentRequest(this: IExecuteFunctions, itemIndex: number): ApiRequest {
	const ctx = itemContext.call(this, itemIndex);
	const additionalFields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const common = readCommonAgentFields.call(this, ctx, additionalFields);
	const keyIds = readIntegerList(ctx, 'SMS API Key IDs', this.getNodeParameter('smsKeyIds', itemIndex), {
		required: true,
		min: 1,
	});

	const body: IDataObject = {
		name: common.name,
		type: 'SMS',
		model: common.model,
		api_keys: keyIds.map((id) => ({ api_key_id: id, type: 'SMS' })),
		instructions: common.instructions,
		prompts: common.prompts,
		sms_type: readText(ctx, 'SMS Direction', this.getNodeParameter('smsType', itemIndex), {
			required: true,
			trim: true,
		}),
		phone_number: readE164(ctx, 'Phone Number', additionalFields.phoneNumber),
		kb_id: common.kb_id,
		action_ids: readActionIds(ctx, additionalFields),
		// Nested, un-prefixed keys: the reading the API reference recommends over the sample curl (§10-1).
		additional_settings: compact({
			idle_time: readInteger(ctx, 'Idle Timeout (Seconds)', additionalFields.idleTimeSeconds),
			max_messages: readInteger(ctx, 'Max Messages per Conversation', additionalFields.maxMessages),
		}),
	};
	return newAssistantRequest(ctx, body, options);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	scope: OperationScope,
): Promise<IDataObject> {
	const response = await apiRequest.call(this, createSmsAgentRequest.call(this, itemIndex), {
		...scope,
		itemIndex,
	});
	return agentOutput(response);
}
