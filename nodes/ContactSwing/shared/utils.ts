import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

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
