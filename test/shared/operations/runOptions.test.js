'use strict';
/**
 * The token stays with ContactSwing, and faults never multiply requests. Each test runs the node
 * through n8n-core against the sandbox and asserts on what was (or was not) sent, and where.
 */
const { useSandbox } = require('../../helpers/sandbox');
const { smsAgent } = require('../../fixtures');
const ctx = useSandbox();

const sms = (options = {}, extra = {}) =>
	smsAgent({ name: 'Safety check', options: { maxRetryWait: 5, ...options }, ...extra });

describe('run-wide options', () => {
	test.each([
		[
			'Timeout "abc"',
			{ timeout: '={{ "abc" }}' },
			/^Timeout \(Milliseconds\) must be a whole number of at least 1, got "abc"/,
		],
		[
			'Max Retry Wait -1',
			{ maxRetryWait: '={{ -1 }}' },
			/^Max Retry Wait \(Seconds\) must be a number from 0 to 2147483, got -1/,
		],
		[
			'Timeout above 2^31 - 1 ms',
			{ timeout: 2 ** 31 },
			/^Timeout \(Milliseconds\) must be at most 2147483647, got 2147483648/,
		],
		[
			'Batch Interval above 2^31 - 1 ms',
			{ batching: { batch: { batchInterval: 2 ** 31 } } },
			/^Batch Interval \(Milliseconds\) must be at most 2147483647/,
		],
		[
			'Max Retry Wait above 2^31 - 1 ms',
			{ maxRetryWait: 2147484 },
			/^Max Retry Wait \(Seconds\) must be a number from 0 to 2147483/,
		],
	])(
		'%s with Continue: one error item per input item, paired, nothing sent',
		async (_label, options, message) => {
			const { output, error } = await ctx.run({
				parameters: sms(options),
				items: [{ a: 1 }, { a: 2 }, { a: 3 }],
				continueOnFail: true,
			});
			expect(error).toBeUndefined();
			expect(output.map((o) => o.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			for (const item of output) {
				expect(item.json.error).toMatch(message);
				expect(item.json.a).toBeUndefined();
			}
			expect(ctx.sandbox.requests).toHaveLength(0);
		},
	);

	test('the time options are bounded in the editor too', () => {
		const { nodeType } = require('../../helpers/n8n');
		const options = nodeType.description.properties.find(
			(p) => p.name === 'options' && p.displayOptions.show.operation.includes('createSmsAgent'),
		);
		const byName = Object.fromEntries(options.options.map((o) => [o.name, o]));
		expect(byName.timeout.typeOptions.maxValue).toBe(2 ** 31 - 1);
		expect(byName.maxRetryWait.typeOptions.maxValue).toBe(2147483);
		expect(
			byName.batching.options[0].values.find((v) => v.name === 'batchInterval').typeOptions
				.maxValue,
		).toBe(2 ** 31 - 1);
	});
});
