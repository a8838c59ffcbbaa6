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
				text('answerType', 'Answer Type', 'Kind of answer to extract', 'e.g. yes/no'),
				text(
					'fieldDescription',
					'Field Description',
					'What the field means',
					'e.g. user interested on buying the product',
				),
				text('fieldName', 'Field Name', 'Name of the extracted data field', 'e.g. interested'),
				flag(
					'syncData',
					'Save to Record',
					'Whether the value is written to a record automatically',
				),
				text('syncField', 'Record Field', 'Field it is written to', 'e.g. customer_timezone'),
				text('syncModule', 'Record Module', 'Module it is written to', 'e.g. customers'),
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
