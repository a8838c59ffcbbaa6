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
	test('Get Many with a limit asks for just that many', async () => {
		const { output } = await ctx.run({
			parameters: { resource: 'action', operation: 'getMany', returnAll: false, limit: 7 },
		});
		expect(ctx.sandbox.requests.map((r) => r.query)).toEqual([{ page: '1', per_page: '7' }]);
		expect(output.map((i) => i.json.id)).toEqual(
			Array.from(
				{ length: 7 },
				(_, k) => `a0000000-0000-4000-8000-${String(k + 1).padStart(12, '0')}`,
			),
		);
		expect(output.every((i) => i.pairedItem.item === 0)).toBe(true);
	});
});
