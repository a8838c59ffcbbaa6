'use strict';
const { useSandbox } = require('../../helpers/sandbox');

const ctx = useSandbox();

describe('actions as ContactSwing answers them', () => {
	test('flat dotted keys in a response ("webhook.url") are folded into objects', async () => {
		ctx.sandbox.script({
			status: 200,
			body: {
				ctx_id: 'c',
				data: { id: 'x', 'webhook.url': 'https://h.example', 'webhook.method': 'GET' },
			},
		});
		const { output } = await ctx.run({
			parameters: { resource: 'action', operation: 'get', actionId: 'x' },
		});
		expect(output[0].json).toEqual({
			id: 'x',
			webhook: { url: 'https://h.example', method: 'GET' },
			ctx_id: 'c',
		});
	});
});
