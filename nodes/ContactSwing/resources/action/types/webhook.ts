import { compact, readText } from '../../../shared/input/rules';
import type { ActionType } from './actionType';
import { additionalFields, flag, mandatory, text } from './actionType';

/** API action, type WEBHOOK (page `api`): calls an HTTP API mid-conversation. */
export const webhook: ActionType = {
	type: 'WEBHOOK',
	descriptionRequired: true,
	fields: [
		text({
			name: 'url',
			displayName: 'URL',
			description: 'Address the action calls',
			placeholder: 'e.g. https://api.example.com/leads',
			required: true,
		}),
		{
			displayName: 'Method',
			name: 'method',
			type: 'options',
			options: ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((m) => ({ name: m, value: m })),
			default: 'POST',
			required: true,
			description: 'HTTP method of the call',
		},
		additionalFields([
			{
				displayName: 'Body Parameters',
				name: 'bodyParameters',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Parameter',
				description: 'Values sent in the body of the call the action makes',
				options: [
					{
						displayName: 'Parameter',
						name: 'parameter',
						values: [
							{
								displayName: 'Kind',
								name: 'type',
								type: 'options',
								options: [
									{ name: 'Static', value: 'static' },
									{ name: 'Dynamic', value: 'dynamic' },
								],
								default: 'static',
							},
							{
								displayName: 'Data',
								name: 'data',
								type: 'string',
								default: '',
								placeholder: 'e.g. info',
							},
						],
					},
				],
			},
			{ ...mandatory },
			{
				displayName: 'Headers (JSON)',
				name: 'headers',
				type: 'json',
				default: '{}',
				description: 'Headers of the call, as a JSON object of names and values',
				hint: 'e.g. {"X-Api-Key": "abc123"}',
			},
			text({
				name: 'requiredFields',
				displayName: 'Required Fields',
				description: 'Field names the agent must collect first, comma-separated',
				placeholder: 'e.g. email, company',
			}),
			text({
				name: 'responsePrompt',
				displayName: 'Response Prompt',
				description: 'How the agent should use the response',
				placeholder: 'e.g. Read the order status to the caller',
			}),
			flag({
				name: 'runBeforeCall',
				displayName: 'Run Before Call',
				description: 'Whether the action runs before the conversation starts',
			}),
			text({
				name: 'staticBody',
				displayName: 'Static Body',
				description: 'A fixed payload sent as the body',
			}),
			text({
				name: 'webhookType',
				displayName: 'Webhook Kind',
				description:
					"The kind of API action. ContactSwing's API reference shows only static and does not explain it.",
				placeholder: 'e.g. static',
			}),
		]),
	],
	settings(read) {
		const rows = 'additionalFields.bodyParameters.parameter';
		const body = read.rows(rows).map((row, n) => ({
			type: readText(read.ctx, read.entryLabel(rows, n, 'type'), row.type, {
				required: true,
				trim: true,
			}),
			values: {
				data: readText(read.ctx, read.entryLabel(rows, n, 'data'), row.data, { required: true }),
			},
		}));
		return {
			webhook: compact({
				url: read.text('url', { required: true, trim: true }),
				method: read.text('method', { required: true, trim: true }),
				mandatory: read.boolean('additionalFields.mandatory'),
				headers: read.jsonObject('additionalFields.headers'),
				body: body.length > 0 ? body : undefined,
				static_body: read.text('additionalFields.staticBody'),
				required: read.optionalTextList('additionalFields.requiredFields'),
				response: compact({ prompt: read.text('additionalFields.responsePrompt') }),
				run_before_call: read.boolean('additionalFields.runBeforeCall'),
				type: read.text('additionalFields.webhookType', { trim: true }),
			}),
		};
	},
};
