import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { byDisplayName, optionalFields } from '../../../shared/descriptions';
import type { ItemReader } from '../../../shared/input/itemReader';

/**
 * One action type of POST /v2/_actions: its fields in the editor and its part of the request body. Each
 * type's keys are spelled exactly as its page spells them (run_before_call vs runBeforeCall,
 * send_static_contect with its typo). Pages: https://docs.contactswing.ai/api-reference/endpoint/<page>.
 */
export interface ActionType {
	/** The `type` sent, e.g. "WEBHOOK". */
	type: string;
	/** Whether the top-level Description is required (optional types take it under Additional Fields). */
	descriptionRequired: boolean;
	/** Fields shown for this type only, in editor order. */
	fields: INodeProperties[];
	/**
	 * The type's own part of the body; name, description, timing and type are added by Create. For Update
	 * Action (`update`), only what was filled in: nothing is required, nothing is sent for an empty field
	 * (no [] for "none"), and `read` finds the fields in Update's Type Settings.
	 */
	settings(read: ItemReader, update?: boolean): IDataObject;
}

type Field = INodeProperties;

/** A text field of an action type: what it is called, what it holds, and (optionally) an example. */
export const text = ({
	name,
	displayName,
	description,
	placeholder = '',
	required = false,
}: {
	name: string;
	displayName: string;
	description: string;
	placeholder?: string;
	required?: boolean;
}): Field => ({
	displayName,
	name,
	type: 'string',
	default: '',
	required,
	placeholder,
	description,
});

/** A yes/no field of an action type, off by default. */
export const flag = ({
	name,
	displayName,
	description,
}: {
	name: string;
	displayName: string;
	description: string;
}): Field => ({ displayName, name, type: 'boolean', default: false, description });

/** A type's optional fields, sorted by label as n8n's editor lists them. */
export const additionalFields = (options: Field[]): Field =>
	optionalFields('additionalFields', byDisplayName(options));

export const mandatory = flag({
	name: 'mandatory',
	displayName: 'Confirm Before Running',
	description: 'Whether the agent must get the contact’s confirmation before firing the action',
});

/** Shopify, Aircall and data extraction take the description as an optional field. */
export const optionalDescription = text({
	name: 'optionalDescription',
	displayName: 'Description',
	description: 'Tells the agent when to fire the action (optional for this type)',
});

/** Shows fields only in some versions of the node (for fields whose default changed with a version). */
export const atVersions = (
	versions: Array<number | { _cnd: { gte: number } }>,
	fields: Field[],
): Field[] =>
	fields.map((field) => ({
		...field,
		displayOptions: { show: { ...field.displayOptions?.show, '@version': versions } },
	}));
