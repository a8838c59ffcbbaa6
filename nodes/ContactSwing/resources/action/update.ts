import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { byDisplayName, optionalFields, optionsCollection } from '../../shared/descriptions';
import { compact, fieldError } from '../../shared/input/rules';
import { addFields } from '../../shared/input/json';
import { ItemReader } from '../../shared/input/itemReader';
import { unwrap } from '../../shared/operations/sendOne';
import type { ApiRequest, OperationScope } from '../../shared/http/transport';
import { Accounts, apiRequest } from '../../shared/http/transport';
import { redactSecret } from '../../shared/http/redact';
import type { OperationOption } from '../../shared/operations/registry';
import {
	ACTION_TYPES,
	actionIdFields,
	actionTimingField,
	actionTypeOptions,
	checkActionTiming,
} from './fields';
import { normaliseAction } from './normalise';
import type { ActionType } from './types';
import { actionTypes } from './types';
import {
	actionWriterKey,
	answeredAction,
	laidOver,
	oneWriterPerAction,
	writableAction,
} from './writeBack';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update an agent action',
	description: 'Change an action’s name, type, timing or settings',
};

/**
 * Update Action: PUT /v2/_actions/{action_id} (page actions-put; method and path are the reference's best
 * reading). The page marks name required (and sms.to.value for Send SMS actions). It does not say whether
 * PUT replaces the action or merges the fields sent, so the node first reads the action
 * (GET /v2/_actions/{action_id}, documented) and, under the rules of writeBack.ts (the record as read, not
 * its redacted display form; checked to be this action; server-owned fields and nulls left out):
 * - from version 2 sends the action as it is with the filled-in fields laid over it: under either reading,
 *   nothing the user did not fill in changes (a changed type drops the old type's settings);
 * - version 1 keeps its request (Action Type is always sent, default Webhook) but refuses to turn an action
 *   that is not a webhook into one, which is what leaving Action Type at its default would do.
 * Version 3 makes Name optional (the action's own name is kept) and offers each type's settings as the
 * fields Create has (Change Type Settings).
 * Updates of one action are read and written one at a time in this n8n process (writeBack.ts); an edit
 * made elsewhere between the read and the write is overwritten (docs/readings.md).
 */

const V3 = [{ _cnd: { gte: 3 } }];

/** What Update's Type Settings leave out of Create's fields: Update has its own field for each. */
const NOT_TYPE_SETTINGS = new Set(['optionalDescription', 'isActive', 'smsTo']);

/** Create's fields of one type as one collection of optional fields, for the node version shown. */
function typeSettingsOf(actionType: ActionType): INodeProperties {
	const shownAtV3 = (field: INodeProperties) =>
		(field.displayOptions?.show?.['@version'] ?? V3).some(
			(entry) => typeof entry !== 'number' || entry >= 3,
		);
	const flat = actionType.fields
		.flatMap((field) =>
			field.type === 'collection' ? (field.options as INodeProperties[]) : [field],
		)
		.filter((field) => shownAtV3(field) && !NOT_TYPE_SETTINGS.has(field.name))
		.map((field) => {
			// Optional here, and shown by the collection's own conditions.
			const optional = { ...field };
			delete optional.required;
			delete optional.displayOptions;
			return optional;
		});
	return {
		displayName: 'Type Settings',
		name: 'typeSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: `Settings of the ${typeName(actionType.type)} action to change; those left out are kept`,
		options: byDisplayName(flat),
		displayOptions: { show: { '@version': V3, settingsType: [actionType.type] } },
	};
}

const typeSettingsFields: INodeProperties[] = [
	{
		displayName: 'Change Type Settings',
		name: 'settingsType',
		type: 'options',
		options: [
			{
				name: 'No',
				value: 'none',
				description: 'Keep the settings of the action’s type as they are',
			},
			...actionTypeOptions((value) => actionTypes[value] !== undefined),
		],
		default: 'none',
		description:
			'Whose settings to change, as Create offers them: the action must be of this type (or become it through Action Type)',
		displayOptions: { show: { '@version': V3 } },
	},
	...Object.values(actionTypes).map(typeSettingsOf),
];

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
		displayOptions: { show: { '@version': [1, 2] } },
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
	...typeSettingsFields,
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
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			placeholder: 'e.g. Book a demo',
			description: 'New name of the action. Leave it out to keep the current name.',
			displayOptions: { show: { '@version': V3 } },
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

/**
 * Reads a type's Create fields where Update keeps them: "url", "additionalFields.headers" and
 * "extraction.fieldName" are "typeSettings.url", "typeSettings.headers" and "typeSettings.fieldName".
 * Nothing is required: a field left out is not sent.
 */
class TypeSettingsReader extends ItemReader {
	constructor(
		functions: IExecuteFunctions,
		itemIndex: number,
		private readonly collections: Set<string>,
	) {
		super(functions, itemIndex, properties);
	}

	private where(path: string): string {
		if (path.startsWith('typeSettings.')) return path;
		const [head, ...rest] = path.split('.');
		return `typeSettings.${this.collections.has(head) && rest.length > 0 ? rest.join('.') : path}`;
	}

	label(path: string): string {
		return super.label(this.where(path));
	}

	value(path: string): unknown {
		return super.value(this.where(path));
	}

	text(path: string, rules: Parameters<ItemReader['text']>[1] = {}) {
		return super.text(path, { ...rules, required: false });
	}

	integer(path: string, rules: Parameters<ItemReader['integer']>[1] = {}) {
		return super.integer(path, { ...rules, required: false });
	}

	e164(path: string) {
		return super.e164(path, { required: false });
	}
}

interface Update {
	read: ItemReader;
	id: string;
	request: ApiRequest;
	/** The type whose settings Change Type Settings changes (version 3), if any. */
	settingsType?: string;
}

/** The item's update as the user filled it in, and the reader that names its fields. */
function readUpdate(this: IExecuteFunctions, itemIndex: number): Update {
	const read = new ItemReader(this, itemIndex, properties);
	const version = this.getNode().typeVersion;
	const id = read.id('actionId');
	const smsTo = read.e164List('updateFields.smsTo');
	const timing = read.text('updateFields.actionTiming', { trim: true });
	const settings = read.jsonObject('updateFields.settings');
	const typed = compact({
		// Version 3 reads the action first and keeps its name when none is given.
		name: version >= 3 ? read.name('updateFields.name') : read.name('name', { required: true }),
		type:
			version < 2
				? read.text('actionType', { required: true, trim: true })
				: read.text('updateFields.actionType', { trim: true }),
		description: read.text('updateFields.description', { maxLength: 10_000 }),
		action_timing: timing?.toUpperCase(),
		is_active: read.boolean('updateFields.isActive'),
		sms: smsTo.length > 0 ? { to: { value: smsTo } } : undefined,
	});
	const settingsType = version >= 3 ? readSettingsType(read, typed.type) : undefined;
	const structured = settingsType
		? compact(
				actionTypes[settingsType].settings(
					new TypeSettingsReader(this, itemIndex, collectionsOf(actionTypes[settingsType])),
					true,
				),
			)
		: {};
	const withStructured = laidOver(typed, structured);
	const body = settings
		? addFields(read.ctx, read.label('updateFields.settings'), withStructured, settings)
		: withStructured;
	if (version < 2) checkSmsRecipients(read, body);
	const request: ApiRequest = {
		method: 'PUT',
		path: `/v2/_actions/${encodeURIComponent(id)}`,
		body: read.withAdditionalBody(body),
		idempotent: true,
	};
	return { read, id, request, settingsType };
}

/** Change Type Settings: a type with a create page, and the type Action Type changes to if it is set. */
function readSettingsType(read: ItemReader, newType: unknown): string | undefined {
	const chosen = read.text('settingsType', { trim: true }) ?? 'none';
	if (chosen === 'none') return undefined;
	if (actionTypes[chosen] === undefined) {
		throw fieldError(
			read.ctx,
			read.label('settingsType'),
			`must be one of the action types, got "${chosen.slice(0, 40)}"`,
		);
	}
	if (newType !== undefined && newType !== chosen) {
		throw fieldError(
			read.ctx,
			read.label('settingsType'),
			`is ${typeName(chosen)}, but Action Type changes the action to ${typeName(newType)}`,
			'Choose the same type in both, or leave one of them out.',
		);
	}
	return chosen;
}

/** The names of a type's collections in Create, whose fields Type Settings holds directly. */
function collectionsOf(actionType: ActionType): Set<string> {
	return new Set(
		actionType.fields.filter((field) => field.type === 'collection').map((field) => field.name),
	);
}

function typeName(type: unknown): string {
	return ACTION_TYPES.find(([value]) => value === type)?.[1] ?? String(type).slice(0, 40);
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

/** What every action type has; the rest of an action is its type's settings. */
const COMMON_KEYS = new Set(['name', 'type', 'description', 'is_active', 'action_timing']);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	scope: OperationScope,
): Promise<IDataObject> {
	const update = readUpdate.call(this, itemIndex);
	const { read, request } = update;
	const changes = request.body as IDataObject;
	const version = this.getNode().typeVersion;
	// Version 1 reads only when it would send type Webhook, the one case where its default can change a type.
	if (version < 2 && changes.type !== 'WEBHOOK') {
		checkActionTiming(read, 'updateFields.actionTiming', changes);
		return normaliseAction(unwrap(await apiRequest.call(this, request, scope, itemIndex)));
	}
	const { connection } = await (scope.accounts ??= new Accounts()).forItem(this, itemIndex);
	return await oneWriterPerAction(actionWriterKey(connection, update.id), async () => {
		const current = await readAction.call(this, update, scope, connection.token);
		// What messages may quote of the action: its display form.
		const shownType = redactSecret(current.type, connection.token) as string;
		if (version < 2) {
			if (current.type !== 'WEBHOOK') refuseTypeChange(read, shownType);
		} else {
			const typeChanges = changes.type !== undefined && changes.type !== current.type;
			const kept = Object.fromEntries(
				Object.entries(writableAction(current)).filter(
					([key]) => !typeChanges || COMMON_KEYS.has(key),
				),
			);
			request.body = laidOver(kept, changes);
			const finalType = (request.body as IDataObject).type;
			if (update.settingsType !== undefined && finalType !== update.settingsType) {
				throw fieldError(
					read.ctx,
					read.label('settingsType'),
					`is ${typeName(update.settingsType)}, but the action is a ${typeName(redactSecret(finalType, connection.token))} action; nothing was sent`,
					'Choose the action’s own type, or change its type with Update Fields → Action Type.',
				);
			}
			checkSmsRecipients(read, request.body);
		}
		// Only a timing the user filled in is checked, against the type the action will have.
		checkActionTiming(read, 'updateFields.actionTiming', {
			action_timing: changes.action_timing,
			type: changes.type ?? shownType,
		});
		return normaliseAction(unwrap(await apiRequest.call(this, request, scope, itemIndex)));
	});
}

/**
 * The action as stored, for writing back: read as ContactSwing answered (not redacted), and refused unless
 * the answer is this action's record. Nothing is written after a refusal.
 */
async function readAction(
	this: IExecuteFunctions,
	{ read, id, request }: Update,
	scope: OperationScope,
	token: string,
): Promise<IDataObject> {
	const answer = await apiRequest.call(
		this,
		{ method: 'GET', path: request.path, idempotent: true, forWriteBack: true },
		scope,
		read.itemIndex,
	);
	const { action, problem } = answeredAction(answer, id);
	if (action) return action;
	throw new NodeOperationError(
		this.getNode(),
		redactSecret(
			`ContactSwing answered GET ${request.path} with success, but ${problem}: the action was not updated [item ${read.itemIndex}]`,
			token,
		) as string,
		{
			itemIndex: read.itemIndex,
			description:
				'Nothing was written, so the action keeps its settings. Check the action’s ID and the Base URL of the ContactSwing API credential: something other than ContactSwing’s action record answered there.',
		},
	);
}

function refuseTypeChange(read: ItemReader, currentType: unknown): never {
	const known = ACTION_TYPES.find(([value]) => value === currentType);
	const what =
		typeof currentType === 'string' && currentType !== ''
			? `a ${known ? known[1] : currentType.slice(0, 40)} action`
			: 'an action whose type ContactSwing did not say';
	throw fieldError(
		read.ctx,
		read.label('actionType'),
		`is Webhook, but the action is ${what}: this update would turn it into a webhook`,
		`Version 1 of this node sends Action Type on every update, and Webhook is its default. Set Action Type to the action's current type${known ? ` (${known[1]})` : ''} to keep it. To change the type on purpose, add the ContactSwing node anew (version 2), where Action Type is an optional Update Field.`,
	);
}
