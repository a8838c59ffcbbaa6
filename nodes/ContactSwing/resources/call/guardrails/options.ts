import type { INodeProperties } from 'n8n-workflow';

export const WEEKDAYS = [
	{ name: 'Monday', value: 'mon' },
	{ name: 'Tuesday', value: 'tue' },
	{ name: 'Wednesday', value: 'wed' },
	{ name: 'Thursday', value: 'thu' },
	{ name: 'Friday', value: 'fri' },
	{ name: 'Saturday', value: 'sat' },
	{ name: 'Sunday', value: 'sun' },
];

export const DEFAULT_START = '09:00';
export const DEFAULT_END = '17:00';
export const DEFAULT_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** Under Options of Make Call and Create Call (and so in the tool). */
export const guardrailOptions: INodeProperties[] = [
	{
		displayName: 'Allowed Numbers',
		name: 'allowedNumbers',
		type: 'string',
		default: '',
		placeholder: 'e.g. +1346, +44 20, +13465507166',
		description:
			'Only numbers in this list, or starting with one of its prefixes, are called; any other is refused before anything is sent. E.164 numbers or prefixes, separated by commas or new lines.',
		hint: 'Added but left empty, no number is allowed',
	},
	{
		displayName: 'Calling Hours',
		name: 'callingHours',
		placeholder: 'Add Calling Hours',
		type: 'fixedCollection',
		typeOptions: { multipleValues: false },
		default: { window: {} },
		description:
			'When calls may be placed. Outside these hours a call is refused (not delayed), and the message gives the next allowed time.',
		options: [
			{
				displayName: 'Window',
				name: 'window',
				values: [
					{
						displayName: 'Start',
						name: 'start',
						type: 'string',
						default: DEFAULT_START,
						placeholder: 'e.g. 09:00',
						description: 'First allowed time of day, as HH:MM (24-hour clock)',
					},
					{
						displayName: 'End',
						name: 'end',
						type: 'string',
						default: DEFAULT_END,
						placeholder: 'e.g. 17:00',
						description:
							'Time of day when calling stops, as HH:MM (24-hour clock, 24:00 for midnight). Earlier than Start: the window runs past midnight.',
					},
					{
						displayName: 'Days',
						name: 'days',
						type: 'multiOptions',
						options: WEEKDAYS,
						default: ['mon', 'tue', 'wed', 'thu', 'fri'],
						description: 'Days on which the window starts',
					},
					{
						displayName: 'Time Zone',
						name: 'timeZone',
						type: 'string',
						default: '',
						placeholder: 'e.g. America/Chicago',
						description:
							"IANA time zone of Start and End. Empty: the workflow's time zone (workflow settings, else the instance's).",
					},
				],
			},
		],
	},
	{
		displayName: 'Max Calls per Execution',
		name: 'maxCallsPerExecution',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		description:
			"The most calls this node places in one execution, counted across items and across an AI agent's repeated use of the tool. Further calls are refused.",
	},
];
