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

const V3 = [{ _cnd: { gte: 3 } }];

/** Start, End, Days and Time Zone of Calling Hours. */
const windowValues: INodeProperties[] = [
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
];

/** Calling Hours, with what removing its window means in these node versions. */
function callingHours(
	versions: INodeProperties['displayOptions'],
	windowRemoved: string,
): INodeProperties {
	return {
		displayName: 'Calling Hours',
		name: 'callingHours',
		placeholder: 'Add Calling Hours',
		type: 'fixedCollection',
		typeOptions: { multipleValues: false },
		default: { window: {} },
		description: `When calls may be placed. Outside these hours a call is refused (not delayed), and the message gives the next allowed time. ${windowRemoved}`,
		options: [{ displayName: 'Window', name: 'window', values: windowValues }],
		displayOptions: versions,
	};
}

/**
 * Under Options of Make Call and Create Call (and so in the tool). What Allowed Numbers entries and an
 * empty Calling Hours mean changed with node version 3 (allowedNumbers.ts, callingHours.ts); versions 1
 * and 2 say what they do in the editor.
 */
export const guardrailOptions: INodeProperties[] = [
	{
		displayName: 'Allowed Numbers',
		name: 'allowedNumbers',
		type: 'string',
		default: '',
		placeholder: 'e.g. +1346, +44 20, +13465507166',
		description:
			'Only numbers in this list, or starting with one of its prefixes, are called; any other is refused before anything is sent. E.164 numbers or prefixes, separated by commas or new lines.',
		hint: 'Every entry is a prefix: +13465507166 also allows +134655071669. Added but empty, no number is allowed',
		displayOptions: { show: { '@version': [1, 2] } },
	},
	{
		displayName: 'Allowed Numbers',
		name: 'allowedNumbers',
		type: 'string',
		default: '',
		placeholder: 'e.g. +13465507166, +1346*',
		description:
			'Only these numbers are called; any other is refused before anything is sent. Each entry is one E.164 number exactly; an entry ending in * allows every number that starts with it. Separated by commas or new lines.',
		hint: 'Added but empty, no number is allowed',
		displayOptions: { show: { '@version': V3 } },
	},
	callingHours(
		{ show: { '@version': [1, 2] } },
		'With its window removed, calls are allowed at any time (node version 3 allows none).',
	),
	callingHours({ show: { '@version': V3 } }, 'With its window removed, no call is allowed.'),
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
