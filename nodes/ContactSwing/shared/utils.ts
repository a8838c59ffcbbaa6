import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import type { ItemContext } from './fields';

/** Scopes a list of properties to one resource and operation (n8n's own helper is not importable). */
export function showFor(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...displayOptions.show, ...property.displayOptions?.show },
		},
	}));
}

/** What most request functions start with: the item context, its optional-fields collection and Options. */
export function itemParameters(
	this: IExecuteFunctions,
	itemIndex: number,
	fieldsName = 'additionalFields',
): { ctx: ItemContext; fields: IDataObject; options: IDataObject } {
	return {
		ctx: { node: this.getNode(), itemIndex },
		fields: (this.getNodeParameter(fieldsName, itemIndex, {}) ?? {}) as IDataObject,
		options: (this.getNodeParameter('options', itemIndex, {}) ?? {}) as IDataObject,
	};
}
