import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionalFields, optionsCollection } from '../../shared/descriptions';
import { compact, fieldError } from '../../shared/input/rules';
import { addFields } from '../../shared/input/json';
import { ItemReader } from '../../shared/input/itemReader';
import { unwrap } from '../../shared/operations/sendOne';
import type { ApiRequest, OperationScope } from '../../shared/http/transport';
import { apiRequest } from '../../shared/http/transport';
import type { OperationOption } from '../../shared/operations/registry';
import {
	ACTION_TYPES,
	actionIdFields,
	actionTimingField,
	actionTypeOptions,
	checkActionTiming,
} from './fields';
import { normaliseAction } from './normalise';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update an agent action',
	description: 'Change an action’s name, type, timing or settings',
};

/**
 * Update Action: PUT /v2/_actions/{action_id} (page actions-put; method and path are the reference's best
 * reading). Only name is required (and sms.to.value for Send SMS actions). The reference does not say
 * whether PUT replaces the action or merges the fields sent, so the node first reads the action
 * (GET /v2/_actions/{action_id}, documented) and:
 * - version 2 sends the action as it is with the filled-in fields laid over it: under either reading,
 *   nothing the user did not fill in changes (a changed type drops the old type's settings);
 * - version 1 keeps its request (Action Type is always sent, default Webhook) but refuses to turn an action
 *   that is not a webhook into one, which is what leaving Action Type at its default would do.
 */

const properties: INodeProperties[] = [
	...actionIdFields,
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Book a demo',
		description: 'Name of the action (required by ContactSwing on every update)',
	},
	{
		displayName:
			'The action is read first and sent back with your changes laid over it, so settings you leave out are kept',
		name: 'updateNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
	},
	{
		displayName:
			'ContactSwing does not document whether an update replaces the whole action or only the fields sent: include every setting you want to keep',
		name: 'updateNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { '@version': [1] } },
	},
	{
		// Version 1 only: always sent, so it could change the type of an action nobody meant to change.
		displayName: 'Action Type',
		name: 'actionType',
		type: 'options',
		options: actionTypeOptions(),
		default: 'WEBHOOK',
		required: true,
		description:
			'Type of the action, sent on every update. Set it to the action’s current type unless you mean to change it.',
		displayOptions: { show: { '@version': [1] } },
	},
	optionalFields('updateFields', [
		{ ...actionTimingField, required: false },
		{
			displayName: 'Action Type',
			name: 'actionType',
			type: 'options',
			options: actionTypeOptions(),
			default: 'WEBHOOK',
			description: 'Changes the type of the action. Leave it out to keep the current type.',
			displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
		},
		{
			displayName: 'Active',
			name: 'isActive',
			type: 'boolean',
			default: true,
			description: 'Whether the action is active',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'Tells the agent when to fire the action',
		},
		{
			displayName: 'SMS Recipients',
			name: 'smsTo',
			type: 'string',
			default: '',
			placeholder: 'e.g. +13465507166',
			description:
				'Recipient numbers in E.164, comma-separated. ContactSwing requires them when updating a Send SMS action.',
		},
		{
			displayName: 'Type Settings (JSON)',
			name: 'settings',
			type: 'json',
			default: '{}',
			description: 'The type’s settings as in Create, e.g. {"webhook": {"method": "POST"}}',
		},
	]),
	optionsCollection([]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['action'], operation: ['update'] } },
	properties,
);

/** The item's update as the user filled it in, and the reader that names its fields. */
function readUpdate(
	this: IExecuteFunctions,
	itemIndex: number,
): { read: ItemReader; request: ApiRequest } {
	const read = new ItemReader(this, itemIndex, properties);
	const version = this.getNode().typeVersion;
	const id = read.id('actionId');
	const smsTo = read.e164List('updateFields.smsTo');
	const timing = read.text('updateFields.actionTiming', { trim: true });
	const settings = read.jsonObject('updateFields.settings');
	const typed = compact({
		name: read.name('name', { required: true }),
		type:
			version < 2
				? read.text('actionType', { required: true, trim: true })
				: read.text('updateFields.actionType', { trim: true }),
		description: read.text('updateFields.description', { maxLength: 10_000 }),
		action_timing: timing?.toUpperCase(),
		is_active: read.boolean('updateFields.isActive'),
		sms: smsTo.length > 0 ? { to: { value: smsTo } } : undefined,
	});
	const body = settings
		? addFields(read.ctx, read.label('updateFields.settings'), typed, settings)
		: typed;
	if (version < 2) checkSmsRecipients(read, body);
	const request: ApiRequest = {
		method: 'PUT',
		path: `/v2/_actions/${encodeURIComponent(id)}`,
		body: read.withAdditionalBody(body),
		idempotent: true,
	};
	return { read, request };
}

function checkSmsRecipients(read: ItemReader, body: IDataObject) {
	const sms = body.sms as IDataObject | undefined;
	if (body.type === 'SEND_SMS' && !Array.isArray((sms?.to as IDataObject | undefined)?.value)) {
		throw fieldError(
			read.ctx,
			read.label('updateFields.smsTo'),
			'is required when updating a Send SMS action',
			'ContactSwing requires sms.to.value on every update of a Send SMS action.',
		);
	}
}

/** What the action's answer holds that is ContactSwing's to set, never the caller's. */
const READ_ONLY_KEYS = new Set(['id', 'company_id', 'ctx_id', 'created_at', 'updated_at']);
/** What every action type has; the rest of an action is its type's settings. */
const COMMON_KEYS = new Set(['name', 'type', 'description', 'is_active', 'action_timing']);

/** `change` laid over `base`: objects merged key by key, everything else (lists too) replaced. */
function layOver(base: IDataObject, change: IDataObject): IDataObject {
	const result: IDataObject = { ...base };
	for (const [key, value] of Object.entries(change)) {
		const under = Object.prototype.hasOwnProperty.call(result, key) ? result[key] : undefined;
		const bothObjects = [under, value].every(
			(entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry),
		);
		result[key] = bothObjects ? layOver(under as IDataObject, value as IDataObject) : value;
	}
	return result;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	scope: OperationScope,
): Promise<IDataObject> {
	const { read, request } = readUpdate.call(this, itemIndex);
	const changes = request.body as IDataObject;
	const version = this.getNode().typeVersion;
	// Version 1 reads only when it would send type Webhook, the one case where its default can change a type.
	if (version >= 2 || changes.type === 'WEBHOOK') {
		const answer = await apiRequest.call(
			this,
			{ method: 'GET', path: request.path, idempotent: true },
			scope,
			itemIndex,
		);
		// The data as answered (empty settings objects included), not the output shape.
		const data = answer.data;
		const current = normaliseAction(
			data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {},
		);
		if (version < 2) {
			if (current.type !== 'WEBHOOK') refuseTypeChange(read, current.type);
		} else {
			const typeChanges = changes.type !== undefined && changes.type !== current.type;
			const kept = Object.fromEntries(
				Object.entries(current).filter(
					([key]) => !READ_ONLY_KEYS.has(key) && (!typeChanges || COMMON_KEYS.has(key)),
				),
			);
			request.body = layOver(kept, changes);
			checkSmsRecipients(read, request.body);
		}
	}
	// Only a timing the user filled in is checked, against the type the action will have.
	checkActionTiming(read, 'updateFields.actionTiming', {
		action_timing: changes.action_timing,
		type: (request.body as IDataObject).type,
	});
	return normaliseAction(unwrap(await apiRequest.call(this, request, scope, itemIndex)));
}

function refuseTypeChange(read: ItemReader, currentType: unknown): never {
	const known = ACTION_TYPES.find(([value]) => value === currentType);
	const what =
		typeof currentType === 'string' && currentType !== ''
			? `a ${known ? known[1] : currentType} action`
			: 'an action whose type ContactSwing did not say';
	throw fieldError(
		read.ctx,
		read.label('actionType'),
		`is Webhook, but the action is ${what}: this update would turn it into a webhook`,
		`Version 1 of this node sends Action Type on every update, and Webhook is its default. Set Action Type to the action's current type${known ? ` (${known[1]})` : ''} to keep it. To change the type on purpose, add the ContactSwing node anew (version 2), where Action Type is an optional Update Field.`,
	);
}
