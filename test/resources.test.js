'use strict';
const { useSandbox } = require('./helpers/sandbox');

const ctx = useSandbox({ rateLimits: { 'POST /v2/_call': { limit: 2, windowMs: 1000 } } });

const only = () => {
	expect(ctx.sandbox.requests).toHaveLength(1);
	return ctx.sandbox.requests[0];
};

describe('Knowledge Base', () => {
	test('Create full: JSON name, description and urls as a list', async () => {
		const { output } = await ctx.run({
			parameters: { resource: 'knowledgeBase', operation: 'create', name: 'Product Documentation', additionalFields: { description: 'Technical docs and FAQs', urls: 'https://example.com/faq, https://example.com/pricing' } },
		});
		const request = only();
		expect([request.method, request.path]).toEqual(['POST', '/v2/_knowledge_base']);
		expect(request.body).toEqual({ name: 'Product Documentation', description: 'Technical docs and FAQs', urls: ['https://example.com/faq', 'https://example.com/pricing'] });
		expect(output[0].json).toEqual({ id: expect.any(String), name: 'Product Documentation', ctx_id: expect.any(String) });
	});

	test('Create minimal', async () => {
		await ctx.run({ parameters: { resource: 'knowledgeBase', operation: 'create', name: 'KB' } });
		expect(only().body).toEqual({ name: 'KB' });
	});

	test('Create failure: a URL that is not a web address', async () => {
		const { error } = await ctx.run({ parameters: { resource: 'knowledgeBase', operation: 'create', name: 'KB', additionalFields: { urls: 'example.com' } } });
		expect(ctx.sandbox.requests).toHaveLength(0);
		expect(error.message).toBe('URLs (entry 1) must be a web address starting with http:// or https://, got "example.com" [item 0]');
	});

	test('Update full: multipart with name, repeated urls and faqs, and files from binary data', async () => {
		const pdf = Buffer.from('%PDF-1.4 fake pdf ✓', 'utf8');
		const items = [
			{
				json: {},
				binary: {
					data: { data: pdf.toString('base64'), mimeType: 'application/pdf', fileName: 'document.pdf' },
					extra: { data: Buffer.from('notes').toString('base64'), mimeType: 'text/plain', fileName: 'notes.txt' },
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
		expect(request.form.map((p) => [p.name, p.filename, p.contentType, p.data.toString('utf8')])).toEqual([
			['name', undefined, undefined, 'Renamed KB'],
			['urls', undefined, undefined, 'https://example.com/a'],
			['urls', undefined, undefined, 'https://example.com/b'],
			['faqs', undefined, undefined, 'Q: What is this?|A: Answer here'],
			['files', 'document.pdf', 'application/pdf', '%PDF-1.4 fake pdf ✓'],
			['uploaded_files', 'notes.txt', 'text/plain', 'notes'],
		]);
		expect(Buffer.compare(request.form[4].data, pdf)).toBe(0);
		expect(output[0].json).toEqual({ id: 'kb-seeded-1', name: 'Renamed KB', document_count: 5, ctx_id: expect.any(String) });
	});

	test('Update minimal: a name alone', async () => {
		await ctx.run({ parameters: { resource: 'knowledgeBase', operation: 'update', knowledgeBaseId: 'kb-seeded-1', updateFields: { name: 'N' } } });
		expect(only().form.map((p) => [p.name, p.data.toString()])).toEqual([['name', 'N']]);
	});

	test('Update failure: a binary field the item does not have', async () => {
		const { error } = await ctx.run({ parameters: { resource: 'knowledgeBase', operation: 'update', knowledgeBaseId: 'kb-seeded-1', updateFields: { files: 'data' } } });
		expect(ctx.sandbox.requests).toHaveLength(0);
		expect(error.message).toBe('Files (Input Binary Fields) names "data", but the input item has no such binary field [item 0]');
	});
});

describe('API Key', () => {
	test('Create full: scopes as a list, expiry as ISO 8601', async () => {
		const { output } = await ctx.run({
			parameters: { resource: 'apiKey', operation: 'create', name: 'Production SMS Key', additionalFields: { description: 'SMS and Webhook actions only', permissions: 'actions:read, actions:write, sms:send', expiresAt: '2026-12-31T23:59:59.000Z' } },
		});
		const request = only();
		expect([request.method, request.path]).toEqual(['POST', '/v2/_api_keys']);
		expect(request.body).toEqual({ name: 'Production SMS Key', description: 'SMS and Webhook actions only', permissions: ['actions:read', 'actions:write', 'sms:send'], expires_at: '2026-12-31T23:59:59Z' });
		expect(output[0].json).toEqual(expect.objectContaining({ id: expect.any(String), key: expect.stringMatching(/^csk_/), name: 'Production SMS Key' }));
	});

	test('Create minimal', async () => {
		await ctx.run({ parameters: { resource: 'apiKey', operation: 'create', name: 'K' } });
		expect(only().body).toEqual({ name: 'K' });
	});

	test('Create failure: an expiry that is not a date', async () => {
		const { error } = await ctx.run({ parameters: { resource: 'apiKey', operation: 'create', name: 'K', additionalFields: { expiresAt: 'next tuesday' } } });
		expect(error.message).toBe('Expires At must be a date, got "next tuesday" [item 0]');
	});
});

describe('Customer', () => {
	const id = 'c0000000-0000-4000-8000-000000000002';

	test('Update full', async () => {
		const { output } = await ctx.run({ parameters: { resource: 'customer', operation: 'update', customerId: id, updateFields: { name: 'John Doe Updated', phone: '+1987654321', email: 'user@example.com', tags: ['vip', 'loyal'] } } });
		const request = only();
		expect([request.method, request.path]).toEqual(['PUT', `/v2/_customers/${id}`]);
		expect(request.body).toEqual({ name: 'John Doe Updated', phone: '+1987654321', email: 'user@example.com', tags: ['vip', 'loyal'] });
		expect(output[0].json).toEqual({ id, name: 'John Doe Updated', ctx_id: expect.any(String) });
	});

	test('Update minimal: one field', async () => {
		await ctx.run({ parameters: { resource: 'customer', operation: 'update', customerId: id, updateFields: { tags: 'lead' } } });
		expect(only().body).toEqual({ tags: ['lead'] });
	});

	test('Update failure: nothing to change', async () => {
		const { error } = await ctx.run({ parameters: { resource: 'customer', operation: 'update', customerId: id, updateFields: {} } });
		expect(ctx.sandbox.requests).toHaveLength(0);
		expect(error.message).toBe('Update Fields are empty [item 0]');
	});

	test('Get Many with a limit', async () => {
		const { output } = await ctx.run({ parameters: { resource: 'customer', operation: 'getMany', returnAll: false, limit: 3 } });
		expect(only().query).toEqual({ page: '1', per_page: '3' });
		expect(output.map((i) => i.json.name)).toEqual(['Customer 1', 'Customer 2', 'Customer 3']);
	});
});

describe('Call', () => {
	test('Make Call full: agent ID in the path, documented fields in the body', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const { output } = await ctx.run({
			parameters: { resource: 'call', operation: 'makeCall', agentId, phoneNumber: '+1234567890', additionalFields: { customerName: 'John Doe', callPurpose: 'Follow-up appointment' } },
		});
		const request = only();
		expect([request.method, request.path]).toEqual(['POST', `/v2/_voicecalls/${agentId}/makeCall`]);
		// agent_id in the body too, as the page's generated curl shows: both readings reach the same agent.
		expect(request.body).toEqual({ phone_number: '+1234567890', customer_name: 'John Doe', call_purpose: 'Follow-up appointment', agent_id: agentId });
		expect(output[0].json).toEqual({ call_id: expect.any(String), status: 'queued', agent_id: agentId, ctx_id: expect.any(String) });
	});

	test('Make Call minimal', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		await ctx.run({ parameters: { resource: 'call', operation: 'makeCall', agentId, phoneNumber: '+1234567890' } });
		expect(only().body).toEqual({ phone_number: '+1234567890', agent_id: agentId });
	});

	test('Make Call failure: an unknown agent is ContactSwing\'s 404', async () => {
		const { error } = await ctx.run({ parameters: { resource: 'call', operation: 'makeCall', agentId: 'ghost', phoneNumber: '+1234567890' } });
		expect(error.message).toBe('ContactSwing found nothing at POST /v2/_voicecalls/ghost/makeCall (HTTP 404): Agent not found [item 0]');
	});

	test('Create Call full and minimal', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const full = await ctx.run({
			parameters: { resource: 'call', operation: 'createCall', agentId, phoneNumber: '+1234567890', additionalFields: { version: 'v2', customerName: 'John Doe', callPurpose: 'Appointment reminder' } },
		});
		await ctx.run({ parameters: { resource: 'call', operation: 'createCall', agentId, phoneNumber: '+1234567890' } });
		expect(ctx.sandbox.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/v2/_call', { version: 'v2', phone_number: '+1234567890', agent_id: agentId, customer_name: 'John Doe', call_purpose: 'Appointment reminder' }],
			['POST', '/v2/_call', { phone_number: '+1234567890', agent_id: agentId }],
		]);
		expect(full.output[0].json).toEqual({ call_id: expect.any(String), status: 'queued', version: 'v2', ctx_id: expect.any(String) });
	});

	test('Create Call over the rate limit waits as Retry-After says; every call is placed once', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const items = [1, 2, 3, 4].map((n) => ({ phone: `+1234567890${n}` }));
		const { output, error } = await ctx.run({ items, parameters: { resource: 'call', operation: 'createCall', agentId, phoneNumber: '={{ $json.phone }}' } });
		expect(error).toBeUndefined();
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1, 2, 3]);
		expect(ctx.sandbox.requests.filter((r) => r.path === '/v2/_call').length).toBeGreaterThan(4);
		expect(ctx.sandbox.state.placedCalls.map((c) => c.to).sort()).toEqual(items.map((i) => i.phone).sort());
	});

	test('Create Call failure: a phone number that is not E.164', async () => {
		const { error } = await ctx.run({ parameters: { resource: 'call', operation: 'createCall', agentId: 'a', phoneNumber: '12345' } });
		expect(error.message).toBe('Phone Number must be a phone number in E.164 format, got "12345" [item 0]');
	});

	test('Get Many with a limit', async () => {
		const { output } = await ctx.run({ parameters: { resource: 'call', operation: 'getMany', returnAll: false, limit: 2 } });
		expect(only().query).toEqual({ page: '1', per_page: '2' });
		expect(output.map((i) => i.json)).toEqual([
			{ id: 'call-0001', customer_name: 'Customer 1', status: 'completed', duration: 30 },
			{ id: 'call-0002', customer_name: 'Customer 2', status: 'no-answer', duration: 31 },
		]);
	});
});
