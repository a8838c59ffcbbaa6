'use strict';
const { useSandbox } = require('../../helpers/sandbox');

const ctx = useSandbox();

const only = () => {
	expect(ctx.sandbox.requests).toHaveLength(1);
	return ctx.sandbox.requests[0];
};

test('Update full: multipart with name, repeated urls and faqs, and files from binary data', async () => {
	const pdf = Buffer.from('%PDF-1.4 fake pdf ✓', 'utf8');
	const items = [
		{
			json: {},
			binary: {
				data: {
					data: pdf.toString('base64'),
					mimeType: 'application/pdf',
					fileName: 'document.pdf',
				},
				extra: {
					data: Buffer.from('notes').toString('base64'),
					mimeType: 'text/plain',
					fileName: 'notes.txt',
				},
			},
		},
	];
	const { output, error } = await ctx.run({
		items,
		parameters: {
			resource: 'knowledgeBase',
			operation: 'update',
			knowledgeBaseId: 'kb-seeded-1',
			updateFields: {
				name: 'Renamed KB',
				urls: ['https://example.com/a', 'https://example.com/b'],
				faqs: { faq: [{ question: 'What is this?', answer: 'Answer here' }] },
				files: 'data',
				uploadedFiles: 'extra',
			},
		},
	});
	expect(error).toBeUndefined();
	const request = only();
	expect([request.method, request.path]).toEqual(['PUT', '/v2/_knowledgebase/kb-seeded-1']);
	expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
	expect(request.headers.authorization).toBe(`Bearer ${ctx.token}`);
	expect(
		request.form.map((p) => [p.name, p.filename, p.contentType, p.data.toString('utf8')]),
	).toEqual([
		['name', undefined, undefined, 'Renamed KB'],
		['urls', undefined, undefined, 'https://example.com/a'],
		['urls', undefined, undefined, 'https://example.com/b'],
		['faqs', undefined, undefined, 'Q: What is this?|A: Answer here'],
		['files', 'document.pdf', 'application/pdf', '%PDF-1.4 fake pdf ✓'],
		['uploaded_files', 'notes.txt', 'text/plain', 'notes'],
	]);
	expect(Buffer.compare(request.form[4].data, pdf)).toBe(0);
	expect(output[0].json).toEqual({
		id: 'kb-seeded-1',
		name: 'Renamed KB',
		document_count: 5,
		ctx_id: expect.any(String),
	});
});

test('Update minimal: a name alone', async () => {
	await ctx.run({
		parameters: {
			resource: 'knowledgeBase',
			operation: 'update',
			knowledgeBaseId: 'kb-seeded-1',
			updateFields: { name: 'N' },
		},
	});
	expect(only().form.map((p) => [p.name, p.data.toString()])).toEqual([['name', 'N']]);
});

test('Update failure: a binary field the item does not have', async () => {
	const { error } = await ctx.run({
		parameters: {
			resource: 'knowledgeBase',
			operation: 'update',
			knowledgeBaseId: 'kb-seeded-1',
			updateFields: { files: 'data' },
		},
	});
	expect(ctx.sandbox.requests).toHaveLength(0);
	expect(error.message).toBe(
		'Files (Binary Fields) names "data", but the input item has no such binary field [item 0]',
	);
});
describe('Update Knowledge Base adds documents, so it is never repeated after an ambiguous failure', () => {
	test.each([
		['a 500 after processing', { processed: true, status: 500, body: { detail: 'crash' } }],
		['a reset after processing', { processed: true, reset: true }],
		['a timeout', { processed: true, delayMs: 1500 }],
	])(
		'%s: one request, and the message says the documents may have been added',
		async (_label, fault) => {
			ctx.sandbox.script(fault);
			const { error } = await ctx.run({
				parameters: {
					resource: 'knowledgeBase',
					operation: 'update',
					knowledgeBaseId: 'kb-seeded-1',
					updateFields: { urls: 'https://example.com/a' },
					options: { timeout: 1000, maxRetryWait: 30 },
				},
			});
			expect(ctx.sandbox.requests).toHaveLength(1);
			expect(error.description).toMatch(
				/^ContactSwing may have added the documents\. Check ContactSwing before running again/,
			);
		},
	);
});
