import type { INodeProperties } from 'n8n-workflow';

/**
 * A resource's properties with a notice under its Operation list: what ContactSwing's API does not offer for
 * that resource, said where a user looks for the missing operation (the README's Operations section lists
 * the same).
 */
export function withApiLimits(
	resource: string,
	[operation, ...rest]: INodeProperties[],
	text: string,
): INodeProperties[] {
	const notice: INodeProperties = {
		displayName: text,
		name: `${resource}ApiLimits`,
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: [resource] } },
	};
	return [operation, notice, ...rest];
}
