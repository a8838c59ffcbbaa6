'use strict';
/**
 * Update Action writes back exactly what is there (issue 26): the action as ContactSwing stores it, never
 * its redacted display form; only when the read answered this action; without server-owned fields or
 * nulls; one writer at a time per action. Each test asserts the bytes the sandbox received and what it
 * stored, under a PUT that merges and one that replaces.
 */
const { useSandbox } = require('../helpers/sandbox');
const { runNode } = require('../helpers/n8n');
const { DEFAULT_TOKEN } = require('../sandbox/server');

const ctx = useSandbox();
const TOKEN = DEFAULT_TOKEN;

// Seeded actions: 1 WEBHOOK, 2 CALL_TRANSFER, 3 SEND_SMS, 4 APPOINTMENT.
const WEBHOOK_ACTION = 'a0000000-0000-4000-8000-000000000001';
const TRANSFER_ACTION = 'a0000000-0000-4000-8000-000000000002';
const SMS_ACTION = 'a0000000-0000-4000-8000-000000000003';

const stored = (id) => ctx.sandbox.state.actions.find((a) => a.id === id);
const puts = () => ctx.sandbox.requests.filter((r) => r.method === 'PUT');
const update = (parameters, { typeVersion = 3, ...rest } = {}) =>
	ctx.run({
		typeVersion,
		parameters: { resource: 'action', operation: 'update', ...parameters },
		...rest,
	});
/** Version 3 takes Name under Update Fields; versions 1 and 2 at the top. */
const renamed = (typeVersion, name, extra = {}) =>
	typeVersion >= 3
		? { ...extra, updateFields: { ...extra.updateFields, name } }
		: { name, ...extra };

/** A webhook action that calls ContactSwing's own API with the user's key, and an SMS text holding it. */
function seedSecrets() {
	Object.assign(stored(WEBHOOK_ACTION), {
		description: 'Looks the caller up',
		action_timing: 'DURING',
		webhook: {
			url: `https://api.example.com/lookup?api_key=${TOKEN}`,
			method: 'POST',
			headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
			static_body: `{"key": "${TOKEN}"}`,
		},
	});
	Object.assign(stored(SMS_ACTION), {
		description: 'Texts the key',
		action_timing: 'DURING',
		sms: { to: { value: ['+13465507166'] }, body: { value: `Your key is ${TOKEN}` } },
	});
	return {
		webhook: structuredClone(stored(WEBHOOK_ACTION)),
		sms: structuredClone(stored(SMS_ACTION)),
	};
}

describe.each([2, 3])(
	'version %i: a value read from ContactSwing goes back as read',
	(typeVersion) => {
		describe.each(['merge', 'replace'])('under a PUT that %ss', (actionPut) => {
			beforeEach(() => ctx.sandbox.setFaults({ actionPut }));

			test('renaming a webhook action that holds the token keeps its header, URL and static body byte for byte', async () => {
				const before = seedSecrets().webhook;
				const { output, error, run } = await update(
					renamed(typeVersion, 'Renamed', { actionId: WEBHOOK_ACTION }),
					{ typeVersion },
				);
				expect(error).toBeUndefined();
				const [put] = puts();
				expect(put.body.webhook).toEqual(before.webhook);
				expect(put.rawBody).toContain(`"Authorization":"Bearer ${TOKEN}"`);
				expect(put.rawBody).not.toContain('[redacted]');
				expect(stored(WEBHOOK_ACTION)).toEqual({ ...before, name: 'Renamed' });
				// What people see is redacted: the output and everything n8n keeps of the run.
				expect(output[0].json.webhook.headers.Authorization).toBe('Bearer [redacted]');
				expect(JSON.stringify(run)).not.toContain(TOKEN);
			});

			test('deactivating a Send SMS action whose text holds the token keeps the text', async () => {
				const before = seedSecrets().sms;
				const { error } = await update(
					{
						actionId: SMS_ACTION,
						...(typeVersion < 3 ? { name: before.name } : {}),
						updateFields: { isActive: false },
					},
					{ typeVersion },
				);
				expect(error).toBeUndefined();
				expect(puts()[0].body.sms.body.value).toBe(`Your key is ${TOKEN}`);
				expect(stored(SMS_ACTION)).toEqual({ ...before, is_active: false });
			});
		});
	},
);

describe('the read must be this action, or nothing is written', () => {
	const other = {
		id: 'a0000000-0000-4000-8000-000000000777',
		name: 'Someone else’s',
		type: 'SEND_EMAIL',
		email: { to: 'x@example.com' },
	};
	test.each([
		['data: null', { ctx_id: 'c', data: null }, 'its answer holds no action record'],
		[
			'an empty data object',
			{ ctx_id: 'c', data: {} },
			'its answer does not say which action it is (no id)',
		],
		[
			'a list envelope',
			{ ctx_id: 'c', data: { data: [other], pagination: { current_page: 1 } } },
			'its answer does not say which action it is (no id)',
		],
		[
			'the action wrapped as data.action',
			{ ctx_id: 'c', data: { action: { id: WEBHOOK_ACTION, type: 'WEBHOOK' } } },
			'its answer does not say which action it is (no id)',
		],
		[
			'another action',
			{ ctx_id: 'c', data: other },
			`its answer is another action (id "${other.id}")`,
		],
		[
			'this ID without a type',
			{ ctx_id: 'c', data: { id: WEBHOOK_ACTION, name: 'x' } },
			'its answer does not say the action’s type',
		],
	])('%s: refused after the read, the action unchanged', async (_label, body, problem) => {
		ctx.sandbox.setFaults({ actionPut: 'replace' });
		const before = structuredClone(stored(WEBHOOK_ACTION));
		ctx.sandbox.script({ status: 200, body });
		const { error } = await update(renamed(2, 'Renamed', { actionId: WEBHOOK_ACTION }), {
			typeVersion: 2,
		});
		expect(ctx.sandbox.requests.map((r) => r.method)).toEqual(['GET']);
		expect(error.message).toBe(
			`ContactSwing answered GET /v2/_actions/${WEBHOOK_ACTION} with success, but ${problem}: the action was not updated [item 0]`,
		);
		expect(error.description).toMatch(/^Nothing was written, so the action keeps its settings/);
		expect(stored(WEBHOOK_ACTION)).toEqual(before);
	});

	test.each([1, 3])(
		'version %i checks it too (version 1 reads when it would send type Webhook)',
		async (typeVersion) => {
			ctx.sandbox.script({ status: 200, body: { ctx_id: 'c', data: other } });
			const { error } = await update(
				renamed(typeVersion, 'Renamed', { actionId: WEBHOOK_ACTION }),
				{
					typeVersion,
				},
			);
			expect(ctx.sandbox.requests.map((r) => r.method)).toEqual(['GET']);
			expect(error.message).toMatch(/but its answer is another action/);
		},
	);

	test('an ID answered in another letter case is the same UUID', async () => {
		const { error } = await update({
			actionId: WEBHOOK_ACTION.toUpperCase(),
			updateFields: { name: 'Renamed' },
		});
		expect(ctx.sandbox.requests.map((r) => r.method)).toEqual(['GET']);
		// The sandbox knows the lower-case ID only: the read is a 404, not a refusal of the answer.
		expect(error.message).toMatch(/HTTP 404/);
		ctx.sandbox.script({
			status: 200,
			body: { data: { id: WEBHOOK_ACTION.toUpperCase(), type: 'WEBHOOK', name: 'x' } },
		});
		const { error: again } = await update({
			actionId: WEBHOOK_ACTION,
			updateFields: { name: 'Renamed' },
		});
		expect(again).toBeUndefined();
		expect(puts()[0].body).toEqual({ name: 'Renamed', type: 'WEBHOOK' });
	});

	test('a refusal quoting an answer that holds the token shows it redacted', async () => {
		ctx.sandbox.script({ status: 200, body: { data: { ...other, id: `x-${TOKEN}` } } });
		const { error } = await update(
			{ actionId: WEBHOOK_ACTION, name: 'R', updateFields: { name: 'R' } },
			{ typeVersion: 2 },
		);
		expect(error.message).toBe(
			`ContactSwing answered GET /v2/_actions/${WEBHOOK_ACTION} with success, but its answer is another action (id "x-[redacted]"): the action was not updated [item 0]`,
		);
	});
});

test.each([2, 3])(
	'version %i: server-owned fields and nulls are never sent back; every other field read is, undocumented ones too',
	async (typeVersion) => {
		Object.assign(stored(WEBHOOK_ACTION), {
			action_id: WEBHOOK_ACTION,
			user_id: 'u-1',
			account_id: 'acc-1',
			created_by: 'someone',
			created_at: '2026-01-01T00:00:00Z',
			updated_at: '2026-01-02T00:00:00Z',
			version: 7,
			etag: 'W/"7"',
			stats: { runs: 3 },
			assistants: ['as-1'],
			description: null,
			webhook: { url: 'https://x.example', method: 'GET', headers: null, retries: 2 },
			custom_routing: { region: 'eu', fallback: null },
			tags: ['a', null],
		});
		await update(renamed(typeVersion, 'Renamed', { actionId: WEBHOOK_ACTION }), { typeVersion });
		expect(puts()[0].body).toEqual({
			name: 'Renamed',
			type: 'WEBHOOK',
			is_active: true,
			webhook: { url: 'https://x.example', method: 'GET', retries: 2 },
			custom_routing: { region: 'eu' },
			// Lists go back as read.
			tags: ['a', null],
		});
	},
);

describe('one writer at a time per action', () => {
	beforeEach(() => {
		// Answers take a while, so reads and writes of items in flight together interleave.
		ctx.sandbox.setFaults({ latencyMs: 40 });
		Object.assign(stored(SMS_ACTION), {
			description: 'Old text',
			sms: { to: { value: ['+13465507166'] } },
		});
	});

	test.each([2, 3])(
		'version %i: two items changing one action, 5 in flight: both changes stay',
		async (typeVersion) => {
			const name = typeVersion < 3 ? { name: 'Sandbox action 3' } : {};
			const { output, error } = await update(
				{
					actionId: SMS_ACTION,
					...name,
					updateFields: {
						description: '={{ $json.description }}',
						isActive: '={{ $json.active }}',
					},
				},
				{ typeVersion, items: [{ description: 'New text' }, { active: false }] },
			);
			expect(error).toBeUndefined();
			expect(output.map((o) => o.pairedItem.item)).toEqual([0, 1]);
			expect(stored(SMS_ACTION)).toMatchObject({ description: 'New text', is_active: false });
			// The second read came after the first write.
			expect(ctx.sandbox.requests.map((r) => r.method)).toEqual(['GET', 'PUT', 'GET', 'PUT']);
		},
	);

	test('two executions at once in one n8n process: both changes stay', async () => {
		const run = (updateFields, executionId) =>
			runNode({
				credentials: ctx.credentials(),
				typeVersion: 3,
				executionId,
				parameters: { resource: 'action', operation: 'update', actionId: SMS_ACTION, updateFields },
			});
		const [first, second] = await Promise.all([
			run({ description: 'New text' }, 'execution-a'),
			run({ isActive: false }, 'execution-b'),
		]);
		expect([first.error, second.error]).toEqual([undefined, undefined]);
		expect(stored(SMS_ACTION)).toMatchObject({ description: 'New text', is_active: false });
	});

	test('other actions are not held up: two actions are read side by side', async () => {
		await update(
			{ actionId: '={{ $json.id }}', updateFields: { description: 'x' } },
			{ items: [{ id: WEBHOOK_ACTION }, { id: TRANSFER_ACTION }] },
		);
		expect(ctx.sandbox.requests.slice(0, 2).map((r) => r.method)).toEqual(['GET', 'GET']);
	});
});

describe('version 3: Name optional, type settings as the fields Create has', () => {
	test('without a Name the action keeps its own; with one it is renamed', async () => {
		await update({ actionId: TRANSFER_ACTION, updateFields: { description: 'Put through' } });
		expect(puts()[0].body).toMatchObject({ name: 'Sandbox action 2', description: 'Put through' });
		await update({ actionId: TRANSFER_ACTION, updateFields: { name: 'Front desk' } });
		expect(stored(TRANSFER_ACTION).name).toBe('Front desk');
	});

	test('versions 1 and 2 keep Name required at the top, as saved workflows hold it', async () => {
		// n8n itself refuses to run the node without it.
		await expect(
			update({ actionId: TRANSFER_ACTION, updateFields: { description: 'x' } }, { typeVersion: 2 }),
		).rejects.toThrow(/Parameter "Name" is required/);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test("a webhook's URL changed through Change Type Settings: the rest of its settings kept", async () => {
		const before = seedSecrets().webhook;
		const { error } = await update({
			actionId: WEBHOOK_ACTION,
			settingsType: 'WEBHOOK',
			typeSettings: { url: 'https://api.example.com/v2/lookup', responsePrompt: 'Read it out' },
		});
		expect(error).toBeUndefined();
		expect(puts()[0].body.webhook).toEqual({
			...before.webhook,
			url: 'https://api.example.com/v2/lookup',
			response: { prompt: 'Read it out' },
		});
	});

	test("a transfer's number under the phone rule, sent in the page's form", async () => {
		await update({
			actionId: TRANSFER_ACTION,
			settingsType: 'CALL_TRANSFER',
			typeSettings: { transferNumber: '+1 (346) 550-7166', speech: 'One moment' },
		});
		expect(puts()[0].body).toMatchObject({ phone_number: '13465507166', speech: 'One moment' });
		const { error } = await update({
			actionId: TRANSFER_ACTION,
			settingsType: 'CALL_TRANSFER',
			typeSettings: { transferNumber: '={{ 3465507166 }}' },
		});
		expect(error.message).toMatch(
			/^Transfer To Number must be a phone number in E\.164 format, got the number 3465507166/,
		);
	});

	test('settings of another type than the action has are refused after the read; nothing is written', async () => {
		const { error } = await update({
			actionId: SMS_ACTION,
			settingsType: 'WEBHOOK',
			typeSettings: { url: 'https://x.example' },
		});
		expect(error.message).toBe(
			'Change Type Settings is Webhook / API Call, but the action is a Send SMS action; nothing was sent [item 0]',
		);
		expect(puts()).toHaveLength(0);
	});

	test('settings of one type while Action Type changes it to another are refused before anything is sent', async () => {
		const { error } = await update({
			actionId: SMS_ACTION,
			settingsType: 'WEBHOOK',
			typeSettings: { url: 'https://x.example' },
			updateFields: { actionType: 'SEND_EMAIL' },
		});
		expect(error.message).toBe(
			'Change Type Settings is Webhook / API Call, but Action Type changes the action to Send Email [item 0]',
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});
});
