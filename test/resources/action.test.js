'use strict';
const { useSandbox } = require('../helpers/sandbox');

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

describe('Create Action: every documented type, full and minimal', () => {
	const cases = [
		[
			'WEBHOOK full',
			create('WEBHOOK', {
				url: 'https://api.example.com/leads',
				method: 'POST',
				additionalFields: {
					bodyParameters: { parameter: [{ type: 'static', data: 'info' }] },
					mandatory: false,
					headers: '{"X-Api-Key": "abc"}',
					requiredFields: 'email, company',
					responsePrompt: 'Read it out',
					runBeforeCall: true,
					staticBody: '{"a":1}',
					webhookType: 'static',
				},
			}),
			common('WEBHOOK', {
				webhook: {
					url: 'https://api.example.com/leads',
					method: 'POST',
					mandatory: false,
					headers: { 'X-Api-Key': 'abc' },
					body: [{ type: 'static', values: { data: 'info' } }],
					static_body: '{"a":1}',
					required: ['email', 'company'],
					response: { prompt: 'Read it out' },
					run_before_call: true,
					type: 'static',
				},
			}),
		],
		[
			'WEBHOOK minimal',
			create('WEBHOOK', { url: 'https://x.example.com', method: 'GET' }),
			common('WEBHOOK', { webhook: { url: 'https://x.example.com', method: 'GET' } }),
		],
		[
			'CALL_TRANSFER full',
			create('CALL_TRANSFER', {
				transferNumber: '1 (281) 712-6508',
				additionalFields: {
					extensionEnabled: true,
					runBeforeCall: false,
					speech: 'Transferring you',
				},
			}),
			common('CALL_TRANSFER', {
				phone_number: '12817126508',
				webhook: { extension_enabled: true },
				speech: 'Transferring you',
				runBeforeCall: false,
			}),
		],
		[
			'CALL_TRANSFER minimal',
			create('CALL_TRANSFER', { transferNumber: '12817126508' }),
			common('CALL_TRANSFER', { phone_number: '12817126508' }),
		],
		[
			'SINGLEDATAEXTRACTION full',
			create('SINGLEDATAEXTRACTION', {
				description: undefined,
				additionalFields: { optionalDescription: 'When they say yes', mandatory: true },
				extraction: {
					answerType: 'yes/no',
					fieldDescription: 'user interested on buying the product',
					fieldName: 'interested',
					syncData: true,
					syncField: 'customer_timezone',
					syncModule: 'customers',
				},
			}),
			common('SINGLEDATAEXTRACTION', {
				description: 'When they say yes',
				webhook: {
					mandatory: true,
					name: 'interested',
					description: 'user interested on buying the product',
					type: 'yes/no',
					sync_data: true,
					sync_module: 'customers',
					sync_field: 'customer_timezone',
				},
			}),
		],
		[
			'SINGLEDATAEXTRACTION minimal: webhook is sent, empty, since the page marks it required',
			create('SINGLEDATAEXTRACTION', { description: undefined }),
			{
				name: 'My SINGLEDATAEXTRACTION action',
				action_timing: 'DURING',
				type: 'SINGLEDATAEXTRACTION',
				webhook: {},
			},
		],
		[
			'SEND_EMAIL full',
			create('SEND_EMAIL', {
				emailTo: 'sales@example.com',
				additionalFields: {
					bcc: 'b@example.com',
					body: '<p>Hi</p>',
					cc: 'c@example.com',
					responseMessageContext: 'Sent!',
					sendStaticContent: true,
					subject: 'Welcome to Contactswing',
					emailUserId: 'u-1',
				},
			}),
			common('SEND_EMAIL', {
				email: {
					to: 'sales@example.com',
					user_id: 'u-1',
					cc: 'c@example.com',
					bcc: 'b@example.com',
					subject: 'Welcome to Contactswing',
					body: '<p>Hi</p>',
					send_static_contect: true,
					response_message_context: 'Sent!',
				},
			}),
		],
		[
			'SEND_EMAIL minimal',
			create('SEND_EMAIL', { emailTo: 'sales@example.com' }),
			common('SEND_EMAIL', { email: { to: 'sales@example.com' } }),
		],
		[
			'APPOINTMENT full',
			create('APPOINTMENT', {
				actionTiming: 'after',
				calendarEmail: 'cal@example.com',
				calendarType: 'outlook',
				userId: 'user-uuid',
				additionalFields: {
					bookingTimings: {
						day: [
							{ weekday: 'monday', startTime: '09:00', endTime: '17:00' },
							{ weekday: 'friday', startTime: '10:00', endTime: '12:30' },
						],
					},
					bufferTime: 15,
					mandatory: true,
					roundRobinEmails: 'a@example.com, b@example.com',
					timezone: 'Africa/Algiers',
				},
			}),
			common('APPOINTMENT', {
				action_timing: 'AFTER',
				webhook: {
					email: 'cal@example.com',
					type: 'outlook',
					user_id: 'user-uuid',
					mandatory: true,
					timezone: 'Africa/Algiers',
					buffer_time: 15,
					booking_timings: {
						monday: { start_time: '09:00', end_time: '17:00' },
						friday: { start_time: '10:00', end_time: '12:30' },
					},
					round_robin_emails: ['a@example.com', 'b@example.com'],
				},
			}),
		],
		[
			'APPOINTMENT minimal',
			create('APPOINTMENT', {
				calendarEmail: 'cal@example.com',
				calendarType: 'google',
				userId: 'u',
			}),
			common('APPOINTMENT', {
				webhook: { email: 'cal@example.com', type: 'google', user_id: 'u', round_robin_emails: [] },
			}),
		],
		[
			'SHOPIFY full',
			create('SHOPIFY', {
				description: undefined,
				shopifyType: 'contactswing_shopify_search',
				storeUrl: 'https://acme.myshopify.com',
				additionalFields: { mandatory: true, optionalDescription: 'Orders' },
			}),
			common('SHOPIFY', {
				description: 'Orders',
				webhook: {
					type: 'contactswing_shopify_search',
					mandatory: true,
					url: 'https://acme.myshopify.com',
				},
			}),
		],
		[
			'SHOPIFY minimal',
			create('SHOPIFY', { description: undefined, shopifyType: 'contactswing_shopify_search' }),
			{
				name: 'My SHOPIFY action',
				action_timing: 'DURING',
				type: 'SHOPIFY',
				webhook: { type: 'contactswing_shopify_search' },
			},
		],
		[
			'AIRCALL full',
			create('AIRCALL', {
				description: undefined,
				aircallFrom: 1768408427,
				aircallTo: '42',
				tags: 'lead, inbound',
				additionalFields: { mandatory: false },
			}),
			{
				name: 'My AIRCALL action',
				action_timing: 'DURING',
				type: 'AIRCALL',
				webhook: { from: 1768408427, to: 42, mandatory: false },
				tags: ['lead', 'inbound'],
			},
		],
		[
			'AIRCALL minimal',
			create('AIRCALL', { description: undefined, aircallFrom: 1, aircallTo: 2 }),
			{
				name: 'My AIRCALL action',
				action_timing: 'DURING',
				type: 'AIRCALL',
				webhook: { from: 1, to: 2 },
			},
		],
		[
			'SEND_SMS full',
			create('SEND_SMS', {
				smsTo: '+13465507166, +1 346 550 7167',
				additionalFields: {
					smsCc: '+13465507168',
					smsFrom: '+13465507100',
					mandatory: true,
					smsBody: 'Here is the link',
					provider: 'TWILIO',
					responseMessageContext: 'I’ve just sent you a text message',
				},
			}),
			common('SEND_SMS', {
				webhook: { mandatory: true },
				sms: {
					to: { value: ['+13465507166', '+13465507167'] },
					provider: 'TWILIO',
					from: '+13465507100',
					cc: ['+13465507168'],
					body: { value: 'Here is the link' },
					response_message_context: 'I’ve just sent you a text message',
				},
			}),
		],
		[
			'SEND_SMS minimal',
			create('SEND_SMS', { smsTo: '+13465507166' }),
			common('SEND_SMS', { sms: { to: { value: ['+13465507166'] } } }),
		],
		[
			'SEND_WHATSAPP full',
			create('SEND_WHATSAPP', {
				whatsappTo: '12817126508',
				whatsappFrom: '650175178190170',
				templateName: 'call_permession_request',
				additionalFields: {
					bodyParams: 'Jane, Friday',
					buttonParams: ['yes'],
					headerParams: 'Acme',
					isActive: true,
					languageCode: 'en',
					mandatory: false,
					overridePhoneNumber: '15550001111',
				},
			}),
			common('SEND_WHATSAPP', {
				is_active: true,
				phone_number: '15550001111',
				webhook: {
					to: '12817126508',
					from: '650175178190170',
					template_name: 'call_permession_request',
					body_params: ['Jane', 'Friday'],
					header_params: ['Acme'],
					button_params: ['yes'],
					language_code: 'en',
					mandatory: false,
				},
			}),
		],
		[
			'SEND_WHATSAPP minimal',
			create('SEND_WHATSAPP', { whatsappTo: '1', whatsappFrom: '2', templateName: 't' }),
			common('SEND_WHATSAPP', { webhook: { to: '1', from: '2', template_name: 't' } }),
		],
	];

	test.each(cases)('%s', async (_label, parameters, body) => {
		const { request, output, error } = await sent(parameters);
		expect(error).toBeUndefined();
		expect([request.method, request.path, request.query]).toEqual(['POST', '/v2/_actions', {}]);
		expect(request.body).toEqual(body);
		expect(output[0].json).toEqual({
			action_id: expect.any(String),
			name: parameters.name,
			type: parameters.actionType,
			ctx_id: expect.any(String),
		});
	});

	test('failure: a SEND_SMS recipient that is not E.164 is refused before sending', async () => {
		const { error, request } = await sent(create('SEND_SMS', { smsTo: '+13465507166, 555-CALL' }));
		expect(request).toBeUndefined();
		expect(error.message).toBe(
			'To (entry 2) must be a phone number in E.164 format, got "555-CALL" [item 0]',
		);
	});

	test('failure: booking hours must be HH:MM', async () => {
		const { error } = await sent(
			create('APPOINTMENT', {
				calendarEmail: 'c@example.com',
				calendarType: 'google',
				userId: 'u',
				additionalFields: {
					bookingTimings: { day: [{ weekday: 'monday', startTime: '9am', endTime: '17:00' }] },
				},
			}),
		);
		expect(error.message).toBe(
			'Booking Hours (entry 1) Start Time must be a time as HH:MM, got "9am" [item 0]',
		);
	});
});

describe('Get, Get Many and Update Action', () => {
	const seeded = 'a0000000-0000-4000-8000-000000000003';

	test('Get: GET /v2/_actions/{id}, output is the action', async () => {
		const { output } = await ctx.run({
			parameters: { resource: 'action', operation: 'get', actionId: seeded },
		});
		expect(ctx.sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
			['GET', `/v2/_actions/${seeded}`, {}],
		]);
		expect(output).toEqual([
			{
				json: expect.objectContaining({
					id: seeded,
					name: 'Sandbox action 3',
					type: 'SEND_SMS',
					ctx_id: expect.any(String),
				}),
				pairedItem: { item: 0 },
			},
		]);
	});

	test('Get: an unknown ID is a 404 that says what to check', async () => {
		const { error } = await ctx.run({
			parameters: { resource: 'action', operation: 'get', actionId: 'nope-x 1' },
		});
		expect(ctx.sandbox.requests[0].path).toBe('/v2/_actions/nope-x%201');
		expect(error.message).toMatch(
			/^ContactSwing found nothing at GET \/v2\/_actions\/nope-x%201 \(HTTP 404\): Action not found/,
		);
	});

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

	test('Update full: name, type, timing, activity, SMS recipients and type settings', async () => {
		const { output, error } = await ctx.run({
			parameters: {
				resource: 'action',
				operation: 'update',
				actionId: seeded,
				name: 'My SMS Action1',
				actionType: 'SEND_SMS',
				updateFields: {
					actionTiming: 'during',
					isActive: false,
					description: 'New text',
					smsTo: '+13465507166',
					settings: '{"sms": {"body": {"value": "Hi"}}}',
				},
			},
		});
		expect(error).toBeUndefined();
		const [request] = ctx.sandbox.requests;
		expect([request.method, request.path]).toEqual(['PUT', `/v2/_actions/${seeded}`]);
		expect(request.body).toEqual({
			name: 'My SMS Action1',
			type: 'SEND_SMS',
			description: 'New text',
			action_timing: 'DURING',
			is_active: false,
			sms: { to: { value: ['+13465507166'] }, body: { value: 'Hi' } },
		});
		expect(output[0].json).toEqual(
			expect.objectContaining({ id: seeded, name: 'My SMS Action1', is_active: false }),
		);
	});

	test('Update minimal: name and type only (a webhook action: read first, then sent as is)', async () => {
		const webhookAction = 'a0000000-0000-4000-8000-000000000001';
		await ctx.run({
			parameters: {
				resource: 'action',
				operation: 'update',
				actionId: webhookAction,
				name: 'Renamed',
				actionType: 'WEBHOOK',
			},
		});
		expect(ctx.sandbox.requests.map((r) => [r.method, r.body])).toEqual([
			['GET', undefined],
			['PUT', { name: 'Renamed', type: 'WEBHOOK' }],
		]);
	});

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

describe('every phone field goes through the phone rule (node version 3; issue 26)', () => {
	const run3 = (parameters, typeVersion = 3) => ctx.run({ typeVersion, parameters });
	const posted = () => ctx.sandbox.requests.find((r) => r.method === 'POST');
	const whatsapp = (extra) =>
		create('SEND_WHATSAPP', {
			whatsappFrom: '650175178190170',
			templateName: 't',
			whatsappTo: '+1 281 712 6508',
			...extra,
		});

	test('Transfer To Number: E.164 as people type it, sent as the page shows it (digits, no +)', async () => {
		const { error } = await run3(create('CALL_TRANSFER', { transferNumber: '+1 (346) 550-7166' }));
		expect(error).toBeUndefined();
		expect(posted().body.phone_number).toBe('13465507166');
	});

	test.each([
		[
			'a JSON number',
			'={{ 3465507166 }}',
			'got the number 3465507166 (no plus sign, so no country code)',
		],
		['digits without a country code sign', '3465507166', 'got "3465507166"'],
	])('Transfer To Number: %s is refused, never given a country', async (_label, value, got) => {
		const { error } = await run3(create('CALL_TRANSFER', { transferNumber: value }));
		expect(error.message).toBe(
			`Transfer To Number must be a phone number in E.164 format, ${got} [item 0]`,
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test('WhatsApp To and Phone Number Override: normalised, sent as digits', async () => {
		const { error } = await run3(
			whatsapp({ additionalFields: { overridePhoneNumber: '+1 (346) 550-7166' } }),
		);
		expect(error).toBeUndefined();
		expect(posted().body).toMatchObject({
			phone_number: '13465507166',
			webhook: { to: '12817126508' },
		});
	});

	test.each([
		['To', { whatsappTo: '={{ 3465507166 }}' }],
		['Phone Number Override', { additionalFields: { overridePhoneNumber: '={{ 3465507166 }}' } }],
	])('WhatsApp %s as a JSON number is refused', async (label, extra) => {
		const { error } = await run3(whatsapp(extra));
		expect(error.message).toBe(
			`${label} must be a phone number in E.164 format, got the number 3465507166 (no plus sign, so no country code) [item 0]`,
		);
		expect(ctx.sandbox.requests).toHaveLength(0);
	});

	test.each([1, 2])(
		'version %i keeps what it sent: the number as given (the editor says so)',
		async (typeVersion) => {
			await run3(create('CALL_TRANSFER', { transferNumber: '={{ 3465507166 }}' }), typeVersion);
			await run3(whatsapp({ whatsappTo: '={{ 3465507166 }}' }), typeVersion);
			expect(ctx.sandbox.requests.map((r) => r.body.phone_number ?? r.body.webhook.to)).toEqual([
				'3465507166',
				'3465507166',
			]);
			const { nodeType } = require('../helpers/n8n');
			const hinted = nodeType.description.properties.filter(
				(p) =>
					p.name === 'transferNumber' && p.displayOptions.show['@version'].includes(typeVersion),
			);
			expect(hinted.map((p) => p.hint)).toEqual([
				expect.stringMatching(/node version 3 requires a \+/),
			]);
		},
	);
});
