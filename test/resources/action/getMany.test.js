'use strict';
const { useSandbox } = require('../../helpers/sandbox');

const ctx = useSandbox();

describe('Get Many Actions', () => {
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
