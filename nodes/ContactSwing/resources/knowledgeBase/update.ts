import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { idField, optionsCollection } from '../../shared/descriptions';
import { fieldError, isBlank, readId, readList, readText } from '../../shared/fields';
import { unwrap } from '../../shared/output';
import type { ApiRequest, OperationScope } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';
import { showFor } from '../../shared/utils';
import { readUrls, urlsField } from './fields';

/**
 * Update Knowledge Base: PUT /v2/_knowledgebase/{id} as multipart/form-data (API reference §6.2).
 * Lists go as repeated plain parts (urls, faqs), which is how FastAPI binds List[str] = Form() (§6.2);
 * files come from the input item's binary data.
 */

const properties: INodeProperties[] = [
	idField(
		'knowledgeBaseId',
		'Knowledge Base ID',
		'ID of the knowledge base to update',
		'e.g. 0f5c7b8e-2d7a-4f8e-9d1c-3a4b5c6d7e8f',
	),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'FAQs',
				name: 'faqs',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add FAQ',
				description: 'Question and answer pairs, sent as "Q: …|A: …"',
				options: [
					{
						displayName: 'FAQ',
						name: 'faq',
						values: [
							{
								displayName: 'Question',
								name: 'question',
								type: 'string',
								default: '',
								placeholder: 'e.g. What are your opening hours?',
							},
							{
								displayName: 'Answer',
								name: 'answer',
								type: 'string',
								default: '',
								placeholder: 'e.g. 9 to 5, Monday to Friday',
							},
						],
					},
				],
			},
			{
				displayName: 'Files (Input Binary Fields)',
				name: 'files',
				type: 'string',
				default: '',
				placeholder: 'e.g. data, attachment_1',
				description:
					'Names of the input item’s binary fields to upload as documents, comma-separated',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Product Documentation',
				description: 'New name',
			},
			{
				displayName: 'Uploaded Files (Input Binary Fields)',
				name: 'uploadedFiles',
				type: 'string',
				default: '',
				placeholder: 'e.g. extra',
				description: 'Names of binary fields sent as uploaded_files, comma-separated',
			},
			urlsField,
		],
	},
	optionsCollection([], { withBody: false }),
];

export const description = showFor(
	{ show: { resource: ['knowledgeBase'], operation: ['update'] } },
	properties,
);

export async function updateKnowledgeBaseRequest(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<ApiRequest> {
	const ctx = { node: this.getNode(), itemIndex };
	const id = readId(ctx, 'Knowledge Base ID', this.getNodeParameter('knowledgeBaseId', itemIndex));
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const form = new FormData();
	let parts = 0;
	const name = readText(ctx, 'Name', fields.name, { trim: true, maxLength: 255 });
	if (name !== undefined) {
		form.append('name', name);
		parts++;
	}
	for (const url of readUrls(ctx, fields.urls)) {
		form.append('urls', url);
		parts++;
	}
	const faqs = ((fields.faqs as IDataObject | undefined)?.faq ?? []) as IDataObject[];
	faqs.forEach((faq, position) => {
		// A row left empty in the editor is skipped rather than sent as "Q: |A: ".
		if (isBlank(faq.question) && isBlank(faq.answer)) return;
		const label = `FAQs (entry ${position + 1})`;
		const question = readText(ctx, `${label} Question`, faq.question, {
			required: true,
			trim: true,
		});
		const answer = readText(ctx, `${label} Answer`, faq.answer, { required: true, trim: true });
		if (/\|/.test(String(question)))
			throw fieldError(
				ctx,
				`${label} Question`,
				'must not contain "|", which separates question and answer',
			);
		form.append('faqs', `Q: ${question}|A: ${answer}`);
		parts++;
	});
	for (const [part, field, label] of [
		['files', fields.files, 'Files (Input Binary Fields)'],
		['uploaded_files', fields.uploadedFiles, 'Uploaded Files (Input Binary Fields)'],
	] as const) {
		for (const binaryName of readList(ctx, label, field).map(String)) {
			const item = this.getInputData()[itemIndex];
			const binary = item.binary?.[binaryName];
			if (!binary)
				throw fieldError(
					ctx,
					label,
					`names "${binaryName}", but the input item has no such binary field`,
					'Check the binary tab of the previous node.',
				);
			const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, binaryName);
			form.append(
				part,
				new Blob([buffer], { type: binary.mimeType }),
				binary.fileName ?? binaryName,
			);
			parts++;
		}
	}
	if (parts === 0)
		throw fieldError(
			ctx,
			'Update Fields',
			'are empty',
			'Add a name, URLs, FAQs or files to upload.',
		);
	return {
		method: 'PUT',
		path: `/v2/_knowledgebase/${encodeURIComponent(id)}`,
		body: form,
		// It adds documents: a repeat after a timeout could add them twice.
		idempotent: false,
		effect: 'added the documents',
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	scope: OperationScope,
): Promise<IDataObject> {
	const request = await updateKnowledgeBaseRequest.call(this, itemIndex);
	return unwrap(await apiRequest.call(this, request, scope, itemIndex));
}
