'use strict';
const { useSandbox } = require('../../helpers/sandbox');

const ctx = useSandbox();

const only = () => {
	expect(ctx.sandbox.requests).toHaveLength(1);
	return ctx.sandbox.requests[0];
};

const id = 'c0000000-0000-4000-8000-000000000002';

test('Update full', async () => {
	const { output } = await ctx.run({
		parameters: {
			resource: 'customer',
			operation: 'update',
			customerId: id,
			updateFields: {
				name: 'John Doe Updated',
				phone: '+1987654321',
				email: 'user@example.com',
				tags: ['vip', 'loyal'],
			},
		},
	});
	const request = only();
	expect([request.method, request.path]).toEqual(['PUT', `/v2/_customers/${id}`]);
	expect(request.body).toEqual({
		name: 'John Doe Updated',
		phone: '+1987654321',
		email: 'user@example.com',
		tags: ['vip', 'loyal'],
	});
	expect(output[0].json).toEqual({ id, name: 'John Doe Updated', ctx_id: expect.any(String) });
});

test('Update minimal: one field', async () => {
	await ctx.run({
		parameters: {
			resource: 'customer',
			operation: 'update',
			customerId: id,
			updateFields: { tags: 'lead' },
		},
	});
	expect(only().body).toEqual({ tags: ['lead'] });
});

test('Update failure: nothing to change', async () => {
	const { error } = await ctx.run({
		parameters: { resource: 'customer', operation: 'update', customerId: id, updateFields: {} },
	});
	expect(ctx.sandbox.requests).toHaveLength(0);
	expect(error.message).toBe('Update Fields are empty [item 0]');
});
describe('Update Customer tags', () => {
	const update = (updateFields) =>
		ctx.run({
			parameters: {
				resource: 'customer',
				operation: 'update',
				customerId: 'c0000000-0000-4000-8000-000000000001',
				updateFields,
			},
		});

	test.each([
		['[] as text', '[]'],
		['an empty list from an expression', '={{ [] }}'],
	])('%s clears them: tags: [] is sent', async (_label, tags) => {
		await update({ name: 'Jane', tags });
		expect(ctx.sandbox.requests[0].body).toEqual({ name: 'Jane', tags: [] });
	});

	test('an empty text (an unmapped field) leaves them alone', async () => {
		await update({ name: 'Jane', tags: '={{ $json.missing }}' });
		expect(ctx.sandbox.requests[0].body).toEqual({ name: 'Jane' });
	});
});
