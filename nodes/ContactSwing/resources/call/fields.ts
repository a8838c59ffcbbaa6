import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { byDisplayName, optionalFields, optionsCollection } from '../../shared/descriptions';
import type { ItemReader } from '../../shared/input/itemReader';
import { guardrailOptions } from './guardrails';

/** Fields both call operations share. */
export const callFields: Record<
	'agentId' | 'phoneNumber' | 'customerName' | 'callPurpose',
	INodeProperties
> = {
	agentId: {
		displayName: 'Voice Agent ID',
		name: 'agentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 6f439f98-32f6-4b44-928c-6e890e298d51',
		description:
			"ID of the voice agent that places the call. ContactSwing's API has no list of agents to pick from.",
		hint: "The ID that Create Voice AI Agent returned, or the agent's ID from the ContactSwing dashboard",
		builderHint: {
			propertyHint:
				'The assistant_id output of an earlier ContactSwing voice agent create node, or an agent ID the user gives; never invent one.',
		},
	},
	phoneNumber: {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +13465507166',
		description:
			'The number to call, in E.164 format. The call reaches a real person and costs money.',
		builderHint: {
			propertyHint:
				'The person to call, in E.164 with + and country code (e.g. +13465507166), usually mapped from the trigger or CRM item. Each run rings this number and is charged.',
		},
	},
	customerName: {
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		default: '',
		placeholder: 'e.g. John Doe',
		description: 'Name of the person called, for the agent and the call log',
	},
	callPurpose: {
		displayName: 'Call Purpose',
		name: 'callPurpose',
		type: 'string',
		default: '',
		placeholder: 'e.g. Appointment reminder',
		description: 'Why the agent calls; the agent uses it in the conversation',
	},
};

/**
 * A call operation's properties: the agent, the number, the optional fields (sorted as the editor lists
 * them) with any the operation adds, and Options with the guardrails (guardrails.ts).
 */
export function callProperties(extraOptionalFields: INodeProperties[] = []): INodeProperties[] {
	const optional = [callFields.callPurpose, callFields.customerName, ...extraOptionalFields];
	return [
		{
			displayName:
				'This rings a real person’s phone and ContactSwing charges for the call. Test with your own number first.',
			name: 'callNotice',
			type: 'notice',
			default: '',
		},
		callFields.agentId,
		callFields.phoneNumber,
		optionalFields('additionalFields', byDisplayName(optional)),
		optionsCollection(guardrailOptions, { createsOrCalls: true }),
	];
}

/** The optional fields both call operations send. */
export function readCallFields(read: ItemReader): IDataObject {
	return {
		customer_name: read.name('additionalFields.customerName'),
		call_purpose: read.text('additionalFields.callPurpose', { maxLength: 4096 }),
	};
}
