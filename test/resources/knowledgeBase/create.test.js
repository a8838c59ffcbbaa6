'use strict';
const { useSandbox } = require('../../helpers/sandbox');

const ctx = useSandbox();

const only = () => {
	expect(ctx.sandbox.requests).toHaveLength(1);
	return ctx.sandbox.requests[0];
};

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
