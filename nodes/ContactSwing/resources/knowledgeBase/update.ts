import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idField, optionalFields, optionsCollection } from '../../shared/descriptions';
import { fieldError, isBlank, readText } from '../../shared/input/rules';
import { ItemReader } from '../../shared/input/itemReader';
import { sendOne } from '../../shared/operations/sendOne';
import type { ApiRequest } from '../../shared/http/transport';
import type { OperationOption } from '../../shared/operations/registry';

import { readUrls, urlsField } from './fields';

export const option: OperationOption = {
	name: 'Update',
	value: 'update',
	action: 'Update a knowledge base',
	description: 'Rename a knowledge base or add documents (from binary data), web pages and FAQs',
};

/**
 * Update Knowledge Base: PUT /v2/_knowledgebase/{id} as multipart/form-data (page knowledgebase-put).
 * Lists go as repeated plain parts (urls, faqs), which is how FastAPI binds List[str] = Form();
 * files come from the input item's binary data.
 */

const properties: INodeProperties[] = [
	{
		...idField(
			'knowledgeBaseId',
			'Knowledge Base ID',
			"ID of the knowledge base to update. ContactSwing's API has no list of knowledge bases to pick from.",
			'e.g. 0f5c7b8e-2d7a-4f8e-9d1c-3a4b5c6d7e8f',
		),
		hint: 'The ID that Create Knowledge Base returned, or the knowledge base ID from the ContactSwing dashboard',
		builderHint: {
			propertyHint:
				'The id output of an earlier ContactSwing knowledge base create node, or an ID the user gives; never invent one.',
		},
	},
	optionalFields('updateFields', [
		{
			displayName: 'FAQs',
			name: 'faqs',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add FAQ',
			description: 'Questions and their answers, for the agents to answer from',
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
			displayName: 'Files (Binary Fields)',
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
			description: 'A new name for the knowledge base',
		},
		{
			displayName: 'Uploaded Files (Binary Fields)',
			name: 'uploadedFiles',
			type: 'string',
			default: '',
			placeholder: 'e.g. extra',
			description:
				"Names of the input item's binary fields to upload as additional files, comma-separated. ContactSwing's API reference lists them apart from Files without saying how they differ.",
		},
		urlsField,
	]),
	// It adds documents: a repeat would add them twice.
	optionsCollection([], { withBody: false, createsOrCalls: true }),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['knowledgeBase'], operation: ['update'] } },
	properties,
);

export async function updateKnowledgeBaseRequest(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<ApiRequest> {
	const read = new ItemReader(this, itemIndex, properties);
	const id = read.id('knowledgeBaseId');
	const form = new FormData();
	let parts = 0;
	const name = read.name('updateFields.name');
	if (name !== undefined) {
		form.append('name', name);
		parts++;
	}
	for (const url of readUrls(read, 'updateFields.urls')) {
		form.append('urls', url);
		parts++;
	}
	const rows = 'updateFields.faqs.faq';
	read.rows(rows).forEach((faq, position) => {
		// A row left empty in the editor is skipped rather than sent as "Q: |A: ".
		if (isBlank(faq.question) && isBlank(faq.answer)) return;
		const questionLabel = read.entryLabel(rows, position, 'question');
		const question = readText(read.ctx, questionLabel, faq.question, {
			required: true,
			trim: true,
		});
		const answer = readText(read.ctx, read.entryLabel(rows, position, 'answer'), faq.answer, {
			required: true,
			trim: true,
		});
		if (/\|/.test(String(question))) {
			throw fieldError(
				read.ctx,
				questionLabel,
				'must not contain "|", which separates question and answer',
			);
		}
		form.append('faqs', `Q: ${question}|A: ${answer}`);
		parts++;
	});
	for (const [part, path] of [
		['files', 'updateFields.files'],
		['uploaded_files', 'updateFields.uploadedFiles'],
	] as const) {
		for (const binaryName of read.list(path).map(String)) {
			const binary = this.getInputData()[itemIndex].binary?.[binaryName];
			if (!binary) {
				throw fieldError(
					read.ctx,
					read.label(path),
					`names "${binaryName}", but the input item has no such binary field`,
					'Check the binary tab of the previous node.',
				);
			}
			const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, binaryName);
			form.append(
				part,
				new Blob([buffer], { type: binary.mimeType }),
				binary.fileName ?? binaryName,
			);
			parts++;
		}
	}
	if (parts === 0) {
		throw fieldError(
			read.ctx,
			read.label('updateFields'),
			'are empty',
			'Add a name, URLs, FAQs or files to upload.',
		);
	}
	return {
		method: 'PUT',
		path: `/v2/_knowledgebase/${encodeURIComponent(id)}`,
		body: form,
		// It adds documents: a repeat after a timeout could add them twice.
		idempotent: false,
		effect: 'added the documents',
	};
}

export const execute = sendOne(updateKnowledgeBaseRequest);
