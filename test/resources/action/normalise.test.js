'use strict';
const { useSandbox } = require('../../helpers/sandbox');

const ctx = useSandbox();

const create = (actionType, extra = {}) => ({
	resource: 'action',
	operation: 'create',
	actionType,
	name: `My ${actionType} action`,
	description: 'Fire when asked',
	actionTiming: 'DURING',
	...extra,
});

async function sent(parameters) {
	const result = await ctx.run({ parameters });
	const request = ctx.sandbox.requests.find((r) => r.method !== 'GET');
	return { ...result, request };
}

const common = (type, extra = {}) => ({
	name: `My ${type} action`,
	description: 'Fire when asked',
	action_timing: 'DURING',
	type,
	...extra,
});

const seeded = 'a0000000-0000-4000-8000-000000000003';

describe('Get, Get Many and Update Action', () => {
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
