'use strict';
const { useSandbox } = require('../helpers/sandbox');

const ctx = useSandbox({ rateLimits: { 'POST /v2/_call': { limit: 2, windowMs: 1000 } } });

const only = () => {
	expect(ctx.sandbox.requests).toHaveLength(1);
	return ctx.sandbox.requests[0];
};

describe('Knowledge Base', () => {
	test('Create full: JSON name, description and urls as a list', async () => {
		const { output } = await ctx.run({
			parameters: {
				resource: 'knowledgeBase',
				operation: 'create',
				name: 'Product Documentation',
				additionalFields: {
					description: 'Technical docs and FAQs',
					urls: 'https://example.com/faq, https://example.com/pricing',
				},
			},
		});
		const request = only();
		expect([request.method, request.path]).toEqual(['POST', '/v2/_knowledge_base']);
		expect(request.body).toEqual({
			name: 'Product Documentation',
			description: 'Technical docs and FAQs',
			urls: ['https://example.com/faq', 'https://example.com/pricing'],
		});
		expect(output[0].json).toEqual({
			id: expect.any(String),
			name: 'Product Documentation',
			ctx_id: expect.any(String),
		});
	});

	test('Create minimal', async () => {
		await ctx.run({ parameters: { resource: 'knowledgeBase', operation: 'create', name: 'KB' } });
		expect(only().body).toEqual({ name: 'KB' });
	});

	test('Create failure: a URL that is not a web address', async () => {
		const { error } = await ctx.run({
			parameters: {
				resource: 'knowledgeBase',
				operation: 'create',
				name: 'KB',
				additionalFields: { urls: 'example.com' },
			},
		});
		expect(ctx.sandbox.requests).toHaveLength(0);
		expect(error.message).toBe(
			'URLs (entry 1) must be a web address starting with http:// or https://, got "example.com" [item 0]',
		);
	});

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
});
