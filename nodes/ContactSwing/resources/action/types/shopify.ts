import { compact } from '../../../shared/input/rules';
import type { ActionType } from './actionType';
import { additionalFields, mandatory, optionalDescription, text } from './actionType';

/** Shopify, type SHOPIFY (page `shopify`): looks things up in a store. */
export const shopify: ActionType = {
	type: 'SHOPIFY',
	descriptionRequired: false,
	fields: [
		text({
			name: 'shopifyType',
			displayName: 'Shopify Action',
			description:
				"Which Shopify action to run. ContactSwing's API reference shows only contactswing_shopify_search.",
			placeholder: 'e.g. contactswing_shopify_search',
			required: true,
		}),
		additionalFields([{ ...mandatory }, optionalDescription]),
		text({
			name: 'storeUrl',
			displayName: 'Store URL',
			description: 'Address of the Shopify store',
			placeholder: 'e.g. https://acme.myshopify.com',
		}),
	],
	settings(read) {
		return {
			webhook: compact({
				type: read.text('shopifyType', { required: true, trim: true }),
				mandatory: read.boolean('additionalFields.mandatory'),
				url: read.text('storeUrl', { trim: true }),
			}),
		};
	},
};
