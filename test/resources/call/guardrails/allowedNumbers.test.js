'use strict';
const { OPERATIONS, call, useGuardrailSandbox } = require('./sandbox');

const { ctx, callRequests, run } = useGuardrailSandbox();
describe.each(OPERATIONS)('%s: Allowed Numbers', (operation) => {
	test('a number in the list, or under one of its prefixes (typed with spaces), is called', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const items = [
			{ phone: '+13465507166' },
			{ phone: '+44 20 7946 0018' },
			{ phone: '+1 (346) 550-7199' },
		];
		const { output, error } = await run({
			items,
			parameters: call(operation, agentId, { allowedNumbers: '+13465507166, +44 20\n+1346' }),
		});
		expect(error).toBeUndefined();
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1, 2]);
		expect(callRequests().map((r) => r.body.phone_number)).toEqual([
			'+13465507166',
			'+442079460018',
			'+13465507199',
		]);
	});

	test('a number outside the list is refused before anything is sent, naming the rule', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const { error } = await run({
			items: [{ phone: '+33 6 12 34 56 78' }],
			parameters: call(operation, agentId, { allowedNumbers: '+1346, +44 20' }),
		});
		expect(error.message).toBe(
			'Allowed Numbers refused the call to +33612345678: it is not in the list (+1346, +4420); nothing was sent [item 0]',
		);
		expect(error.description).toBe(
			'Add the number, or a prefix of it, to Options → Allowed Numbers to allow it.',
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('with Continue On Fail, a refused number is an error item paired to its input; the others are called', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const items = [
			{ phone: '+13465507101' },
			{ phone: '+4915112345678' },
			{ phone: '+13465507103' },
		];
		const { output } = await run({
			items,
			continueOnFail: true,
			parameters: call(operation, agentId, { allowedNumbers: '+1346' }),
		});
		expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1, 2]);
		expect(output[0].json.call_id).toEqual(expect.any(String));
		expect(output[1].json).toEqual({
			error:
				'Allowed Numbers refused the call to +4915112345678: it is not in the list (+1346); nothing was sent [item 1]',
			description: 'Add the number, or a prefix of it, to Options → Allowed Numbers to allow it.',
		});
		expect(callRequests().map((r) => r.body.phone_number)).toEqual([
			'+13465507101',
			'+13465507103',
		]);
	});

	test('added but empty, it allows no number; an entry that is not a number or prefix is named', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const empty = await run({
			items: [{ phone: '+13465507166' }],
			parameters: call(operation, agentId, { allowedNumbers: '' }),
		});
		expect(empty.error.message).toBe(
			'Allowed Numbers refused the call to +13465507166: it is not in the list (empty); nothing was sent [item 0]',
		);
		const bad = await run({
			items: [{ phone: '+13465507166' }],
			parameters: call(operation, agentId, { allowedNumbers: '+1346, 0044 20' }),
		});
		expect(bad.error.message).toBe(
			'Allowed Numbers (entry 2) must be an E.164 number or prefix, got "0044 20" [item 0]',
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});

describe.each(OPERATIONS)(
	'%s: Allowed Numbers means what it says from node version 3',
	(operation) => {
		const run3 = (args) => run({ typeVersion: 3, ...args });

		test('a listed number allows that number only; an entry ending in * allows every number under it', async () => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const items = [
				{ phone: '+4930123456' },
				{ phone: '+493012345678' },
				{ phone: '+13465507166' },
				{ phone: '+13465507166999' },
				{ phone: '+1 (212) 555-0199' },
			];
			const { output } = await run3({
				items,
				continueOnFail: true,
				parameters: call(operation, agentId, {
					allowedNumbers: '+49 30 123456, +13465507166\n+1 212*',
				}),
			});
			expect(callRequests().map((r) => r.body.phone_number)).toEqual([
				'+4930123456',
				'+13465507166',
				'+12125550199',
			]);
			expect(output[1].json).toEqual({
				error:
					'Allowed Numbers refused the call to +493012345678: it is not in the list (+4930123456, +13465507166, +1212*); nothing was sent [item 1]',
				description:
					'Add the number, or a prefix of it ending in *, to Options → Allowed Numbers to allow it.',
			});
			expect(output[3].json.error).toMatch(/^Allowed Numbers refused the call to \+13465507166999/);
		});

		test('an entry too short to be a number is named, with the * that makes it a prefix', async () => {
			const agentId = ctx.sandbox.seedVoiceAgent();
			const { error } = await run3({
				items: [{ phone: '+13465507166' }],
				parameters: call(operation, agentId, { allowedNumbers: '+13465507166, +1346' }),
			});
			expect(error.message).toBe(
				'Allowed Numbers (entry 2) is too short to be a phone number: "+1346" [item 0]',
			);
			expect(error.description).toBe(
				'An entry without * allows that one number only. Write +1346* to allow every number that starts with +1346.',
			);
			expect(ctx.sandbox.requests).toHaveLength(0);
		});

		test.each([1, 2])(
			'version %i keeps prefixes (and says so in the editor); a trailing * reads the same',
			async (typeVersion) => {
				const agentId = ctx.sandbox.seedVoiceAgent();
				const { error } = await run({
					typeVersion,
					items: [{ phone: '+493012345678' }, { phone: '+13465507166999' }],
					parameters: call(operation, agentId, { allowedNumbers: '+4930123456, +13465507166*' }),
				});
				expect(error).toBeUndefined();
				expect(callRequests()).toHaveLength(2);
			},
		);
	},
);

describe('Allowed Numbers in the editor', () => {
	const { nodeType } = require('../../../helpers/n8n');
	test('versions 1 and 2 say that entries are prefixes; version 3 that they are exact', () => {
		const options = nodeType.description.properties.find(
			(p) => p.name === 'options' && p.displayOptions.show.operation.includes('makeCall'),
		).options;
		const allowed = options.filter((o) => o.name === 'allowedNumbers');
		// The hint stays under the field once numbers are typed: it says what an entry means, and what empty means.
		expect(allowed.map((o) => [o.displayOptions.show['@version'], o.hint])).toEqual([
			[
				[1, 2],
				'Every entry is a prefix: +13465507166 also allows +134655071669. Left empty, every call is refused; remove the option to call any number',
			],
			[
				[{ _cnd: { gte: 3 } }],
				'One number per entry, matched exactly; end an entry with * for a prefix (+1346*). Left empty, every call is refused; remove the option to call any number',
			],
		]);
		const hours = options.filter((o) => o.name === 'callingHours');
		expect(hours.map((o) => o.description)).toEqual([
			expect.stringMatching(/With its window removed, calls are allowed at any time/),
			expect.stringMatching(/With its window removed, no call is allowed\.$/),
		]);
	});
});
