import { compact } from '../../../shared/input/rules';
import type { ActionType } from './actionType';
import { additionalFields, atVersions, mandatory, optionalDescription, text } from './actionType';

/**
 * Aircall, type AIRCALL (page `aircall`): webhook.from and webhook.to are integer number IDs; tags sit
 * at the top level. Version 1 offered the IDs as numbers that started at 0, so they looked filled in and
 * were refused at run time; from version 2 they start empty.
 */
export const aircall: ActionType = {
	type: 'AIRCALL',
	descriptionRequired: false,
	fields: [
		...atVersions(
			[1],
			[
				{
					displayName: 'From Number ID',
					name: 'aircallFrom',
					type: 'number',
					default: 0,
					required: true,
					description: 'Aircall number ID calls come from, e.g. 1768408427',
				},
				{
					displayName: 'To Number ID',
					name: 'aircallTo',
					type: 'number',
					default: 0,
					required: true,
					description: 'Aircall number ID or user the call goes to',
				},
			],
		),
		...atVersions(
			[{ _cnd: { gte: 2 } }],
			[
				text({
					name: 'aircallFrom',
					displayName: 'From Number ID',
					description: 'Aircall number ID calls come from (a whole number)',
					placeholder: 'e.g. 1768408427',
					required: true,
				}),
				text({
					name: 'aircallTo',
					displayName: 'To Number ID',
					description: 'Aircall number ID or user the call goes to (a whole number)',
					placeholder: 'e.g. 1768408428',
					required: true,
				}),
			],
		),
		additionalFields([{ ...mandatory }, optionalDescription]),
		text({
			name: 'tags',
			displayName: 'Tags',
			description: 'Tags added to the Aircall call, comma-separated',
			placeholder: 'e.g. lead, inbound',
		}),
	],
	settings(read) {
		return {
			webhook: compact({
				from: read.integer('aircallFrom', { required: true, min: 1 }),
				to: read.integer('aircallTo', { required: true, min: 1 }),
				mandatory: read.boolean('additionalFields.mandatory'),
			}),
			tags: read.optionalTextList('tags'),
		};
	},
};
