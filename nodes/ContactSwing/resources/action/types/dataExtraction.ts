import { compact } from '../../../shared/input/rules';
import { byDisplayName } from '../../../shared/descriptions';
import type { ActionType } from './actionType';
import { additionalFields, flag, mandatory, optionalDescription, text } from './actionType';

/** Data extraction, type SINGLEDATAEXTRACTION (page `data`): one piece of data from the conversation. */
export const dataExtraction: ActionType = {
	type: 'SINGLEDATAEXTRACTION',
	descriptionRequired: false,
	fields: [
		additionalFields([{ ...mandatory }, optionalDescription]),
		{
			displayName: 'Data Field',
			name: 'extraction',
			type: 'collection',
			placeholder: 'Add Setting',
			default: {},
			description: 'What to extract from the conversation and where to store it',
			options: byDisplayName([
				text({
					name: 'answerType',
					displayName: 'Answer Type',
					description: 'Kind of answer to extract',
					placeholder: 'e.g. yes/no',
				}),
				text({
					name: 'fieldDescription',
					displayName: 'Field Description',
					description: 'What the field means',
					placeholder: 'e.g. user interested on buying the product',
				}),
				text({
					name: 'fieldName',
					displayName: 'Field Name',
					description: 'Name of the extracted data field',
					placeholder: 'e.g. interested',
				}),
				flag({
					name: 'syncData',
					displayName: 'Save to Record',
					description: 'Whether the value is written to a record automatically',
				}),
				text({
					name: 'syncField',
					displayName: 'Record Field',
					description: 'Field it is written to',
					placeholder: 'e.g. customer_timezone',
				}),
				text({
					name: 'syncModule',
					displayName: 'Record Module',
					description: 'Module it is written to',
					placeholder: 'e.g. customers',
				}),
			]),
		},
	],
	settings(read) {
		return {
			// Always sent, {} when empty: the page marks webhook required although every field in it is optional.
			webhook: compact({
				mandatory: read.boolean('additionalFields.mandatory'),
				name: read.text('extraction.fieldName', { trim: true }),
				description: read.text('extraction.fieldDescription'),
				type: read.text('extraction.answerType', { trim: true }),
				sync_data: read.boolean('extraction.syncData'),
				sync_module: read.text('extraction.syncModule', { trim: true }),
				sync_field: read.text('extraction.syncField', { trim: true }),
			}),
		};
	},
};
