import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, tryToParseDateTime } from 'n8n-workflow';

import type { ApiRequest, OperationScope } from '../../shared/http/transport';
import { apiRequest } from '../../shared/http/transport';
import type { ItemReader } from '../../shared/input/itemReader';
import { describe, fieldError } from '../../shared/input/rules';
import { unwrap } from '../../shared/operations/sendOne';

/**
 * Guardrails of the call operations, under Options: which numbers may be called, how many calls one
 * execution may place, and when. Each is checked before anything is sent; a call they refuse is an
 * ordinary item error (with Continue On Fail, an error item paired to its input item), and in tool use the
 * text the model gets back. The first rule that refuses is named in the message.
 */

const WEEKDAYS = [
	{ name: 'Monday', value: 'mon' },
	{ name: 'Tuesday', value: 'tue' },
	{ name: 'Wednesday', value: 'wed' },
	{ name: 'Thursday', value: 'thu' },
	{ name: 'Friday', value: 'fri' },
	{ name: 'Saturday', value: 'sat' },
	{ name: 'Sunday', value: 'sun' },
];
/** The short names Intl gives (en-US), Monday first. */
const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const DEFAULT_START = '09:00';
const DEFAULT_END = '17:00';
const DEFAULT_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];

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

/** What a call operation's build step hands to sendCall: the request and the execution's call counter. */
export interface GuardedCall {
	request: ApiRequest;
	limit?: CallLimit;
}

/**
 * Checks Allowed Numbers and Calling Hours for the number `phone` (already normalised by Phone Number's
 * rule), and reads Max Calls per Execution. Throws the refusal; returns the counter to reserve a call on.
 */
export function checkGuardrails(
	fns: IExecuteFunctions,
	read: ItemReader,
	phone: string,
	now = Date.now(),
): CallLimit | undefined {
	const options = (read.value('options') ?? {}) as IDataObject;
	if ('allowedNumbers' in options) checkAllowedNumbers(read, phone);
	if ('callingHours' in options) checkCallingHours(fns, read, now);
	if (!('maxCallsPerExecution' in options)) return undefined;
	const max = read.integer('options.maxCallsPerExecution', { min: 1, required: true }) as number;
	return new CallLimit(fns, read, max);
}

// Allowed Numbers

/** An E.164 number or the start of one: "+", a country code's first digit, up to 15 digits in all. */
const E164_PREFIX = /^\+[1-9]\d{0,14}$/;

/** The list, each entry normalised as Phone Number is: spaces, dashes, dots and brackets removed. */
export function readAllowedNumbers(read: ItemReader): string[] {
	const label = read.label('options.allowedNumbers');
	return read.textList('options.allowedNumbers').map((entry, position) => {
		const compact = entry.replace(/[\s().-]/g, '');
		if (!E164_PREFIX.test(compact)) {
			throw fieldError(
				read.ctx,
				`${label} (entry ${position + 1})`,
				`must be an E.164 number or prefix, got ${describe(entry)}`,
				'Start each entry with a plus sign and the country code, e.g. +1346 or +44 20.',
			);
		}
		return compact;
	});
}

function checkAllowedNumbers(read: ItemReader, phone: string): void {
	const allowed = readAllowedNumbers(read);
	if (allowed.some((prefix) => phone.startsWith(prefix))) return;
	const label = read.label('options.allowedNumbers');
	const list = allowed.length > 0 ? ` (${allowed.join(', ')})` : ' (empty)';
	throw refusal(
		read,
		`${label} refused the call to ${phone}: it is not in the list${list}; nothing was sent`,
		allowed.length > 0
			? `Add the number, or a prefix of it, to Options → ${label} to allow it.`
			: `${label} is empty, so no number may be called. Add numbers or prefixes, or remove the option.`,
	);
}

// Calling Hours

export interface CallingWindow {
	/** Minutes after midnight; end may be 1440 (24:00). */
	start: number;
	end: number;
	/** Days the window starts on, 0 = Monday … 6 = Sunday. */
	days: number[];
	timeZone: string;
}

export interface WindowVerdict {
	allowed: boolean;
	/** The local time in the window's zone, e.g. "Sat 10:15". */
	localNow: string;
	/** When refused: the next start of the window, e.g. "Mon 2026-12-07 09:00" and its instant with offset. */
	nextLocal?: string;
	nextIso?: string;
}

function clock(minutes: number): string {
	return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The wall clock in `timeZone` at `utcMs`: calendar date, weekday (0 = Monday) and minutes after midnight. */
function wallClock(utcMs: number, timeZone: string) {
	// n8n's own date parsing puts the instant in the zone (daylight saving included).
	const at = tryToParseDateTime(new Date(utcMs), timeZone);
	return {
		year: at.year,
		month: at.month,
		day: at.day,
		weekday: at.weekday - 1,
		minutes: at.hour * 60 + at.minute,
	};
}

/** Whether `utcMs` falls inside the window, and if not, when it next opens. */
export function judgeWindow(window: CallingWindow, utcMs: number): WindowVerdict {
	const { start, end, days, timeZone } = window;
	const now = wallClock(utcMs, timeZone);
	const localNow = `${WEEKDAY_SHORT[now.weekday]} ${clock(now.minutes)}`;
	const today = days.includes(now.weekday);
	const yesterday = days.includes((now.weekday + 6) % 7);
	const allowed =
		start < end
			? today && now.minutes >= start && now.minutes < end
			: (today && now.minutes >= start) || (yesterday && now.minutes < end);
	if (allowed) return { allowed, localNow };
	// The next day (today included, if its start is still ahead) on which the window starts.
	for (let ahead = 0; ahead <= 7; ahead++) {
		if (ahead === 0 && now.minutes >= start) continue;
		const weekday = (now.weekday + ahead) % 7;
		if (!days.includes(weekday)) continue;
		const date = new Date(Date.UTC(now.year, now.month - 1, now.day + ahead));
		const ymd = date.toISOString().slice(0, 10);
		// The zone's offset at that wall time, as dates.ts reads a date-time without a zone.
		const offset = tryToParseDateTime(`${ymd}T${clock(start)}:00`, timeZone).offset;
		const sign = offset < 0 ? '-' : '+';
		const abs = Math.abs(offset);
		return {
			allowed,
			localNow,
			nextLocal: `${WEEKDAY_SHORT[weekday]} ${ymd} ${clock(start)}`,
			nextIso: `${ymd}T${clock(start)}:00${sign}${clock(abs)}`,
		};
	}
	return { allowed, localNow };
}

function readClock(read: ItemReader, path: string, fallback: string, allowMidnightEnd: boolean) {
	const text = read.text(path, { trim: true }) ?? fallback;
	const match = /^(\d{1,2}):(\d{2})$/.exec(text);
	const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
	const max = allowMidnightEnd ? 24 * 60 : 24 * 60 - 1;
	if (!match || Number(match[2]) > 59 || minutes > max) {
		throw fieldError(
			read.ctx,
			read.label(path),
			`must be a time of day as HH:MM, got ${describe(text)}`,
			allowMidnightEnd
				? 'Use the 24-hour clock, e.g. 17:00, or 24:00 for midnight.'
				: 'Use the 24-hour clock, e.g. 09:00.',
		);
	}
	return minutes;
}

export function readCallingWindow(
	fns: IExecuteFunctions,
	read: ItemReader,
): CallingWindow | undefined {
	const group = read.value('options.callingHours.window');
	// The window removed from Calling Hours: no hours set.
	if (group === undefined || group === null) return undefined;
	const base = 'options.callingHours.window';
	const start = readClock(read, `${base}.start`, DEFAULT_START, false);
	const end = readClock(read, `${base}.end`, DEFAULT_END, true);
	if (start === end) {
		throw fieldError(
			read.ctx,
			read.label('options.callingHours'),
			`has the same Start and End (${clock(start)})`,
			'Set an End after Start, or 00:00 to 24:00 for the whole day.',
		);
	}
	const given = read.value(`${base}.days`);
	const dayValues =
		given === undefined || given === null ? DEFAULT_DAYS : read.textList(`${base}.days`);
	const days = dayValues.map((value) => {
		const index = WEEKDAYS.findIndex(
			(day) => day.value === value.toLowerCase() || day.name.toLowerCase() === value.toLowerCase(),
		);
		if (index < 0) {
			throw fieldError(
				read.ctx,
				read.label(`${base}.days`),
				`has a day that is not one: ${describe(value)}`,
				'Use mon, tue, wed, thu, fri, sat or sun.',
			);
		}
		return index;
	});
	if (days.length === 0) {
		throw fieldError(
			read.ctx,
			read.label(`${base}.days`),
			'is empty, so no call may ever be placed',
			'Choose at least one day, or remove Calling Hours.',
		);
	}
	const timeZone = read.text(`${base}.timeZone`, { trim: true }) ?? fns.getTimezone();
	try {
		new Intl.DateTimeFormat('en-US', { timeZone });
	} catch {
		throw fieldError(
			read.ctx,
			read.label(`${base}.timeZone`),
			`is not a time zone: ${describe(timeZone)}`,
			'Use an IANA time zone name, e.g. America/Chicago or Europe/London, or leave it empty for the workflow’s.',
		);
	}
	return { start, end, days: [...new Set(days)], timeZone };
}

function describeWindow(window: CallingWindow): string {
	const names = window.days
		.slice()
		.sort((a, b) => a - b)
		.map((day) => WEEKDAY_SHORT[day])
		.join(', ');
	return `${names} ${clock(window.start)}–${clock(window.end)} ${window.timeZone}`;
}

function checkCallingHours(fns: IExecuteFunctions, read: ItemReader, now: number): void {
	const window = readCallingWindow(fns, read);
	if (!window) return;
	const verdict = judgeWindow(window, now);
	if (verdict.allowed) return;
	const label = read.label('options.callingHours');
	throw refusal(
		read,
		`${label} (${describeWindow(window)}) refused the call: it is ${verdict.localNow} there. Next allowed time: ${verdict.nextLocal} (${verdict.nextIso}); nothing was sent`,
		'The call was refused, not delayed. Run it again within the calling hours, or change Options → Calling Hours.',
	);
}

// Max Calls per Execution

/** Calls placed (or being placed) per execution and node; entries untouched for a day are dropped. */
const placed = new Map<string, { count: number; touched: number }>();
const MAX_TRACKED = 10_000;
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

function forgetOld(now: number): void {
	for (const [key, entry] of placed) {
		// Map keeps insertion order and every touch re-inserts: the oldest come first.
		if (placed.size <= MAX_TRACKED && now - entry.touched < FORGET_AFTER_MS) break;
		placed.delete(key);
	}
}

/**
 * The execution-wide count behind Max Calls per Execution. An AI agent runs a tool node's execute() anew
 * for each tool call (n8n-core, makeHandleToolInvocation), so the count lives here, keyed by the execution
 * and the node's name, not in one run of the node. It is kept in this n8n process's memory.
 *
 * A run without an execution ID (n8n runs the tools of an MCP Server Trigger while it answers the client's
 * request, before the tool call's execution exists) counts within that run of the node only.
 */
const unnamedRuns = new WeakMap<object, { count: number; touched: number }>();

function counterFor(fns: IExecuteFunctions, now: number): { count: number; touched: number } {
	const executionId = fns.getExecutionId();
	if (!executionId) {
		let entry = unnamedRuns.get(fns);
		if (!entry) unnamedRuns.set(fns, (entry = { count: 0, touched: now }));
		return entry;
	}
	forgetOld(now);
	const key = `${executionId}\u0000${fns.getNode().name}`;
	const entry = placed.get(key) ?? { count: 0, touched: now };
	placed.delete(key);
	entry.touched = now;
	placed.set(key, entry);
	return entry;
}

export class CallLimit {
	constructor(
		private readonly fns: IExecuteFunctions,
		private readonly read: ItemReader,
		readonly max: number,
	) {}

	/** Counts one call, or refuses it when the execution has placed `max`. Returns how to give it back. */
	reserve(): () => void {
		const entry = counterFor(this.fns, Date.now());
		if (entry.count >= this.max) {
			const label = this.read.label('options.maxCallsPerExecution');
			throw refusal(
				this.read,
				`${label} (${this.max}) refused the call: this node has already placed ${entry.count} ${entry.count === 1 ? 'call' : 'calls'} in this execution; nothing was sent`,
				`Raise Options → ${label} to place more calls in one execution.`,
			);
		}
		entry.count++;
		let given = false;
		return () => {
			if (given) return;
			given = true;
			entry.count = Math.max(0, entry.count - 1);
		};
	}
}

function refusal(read: ItemReader, message: string, description: string): NodeOperationError {
	return new NodeOperationError(read.ctx.node, `${message} [item ${read.itemIndex}]`, {
		itemIndex: read.itemIndex,
		description,
	});
}

/** ContactSwing answered and refused the request (4xx): no call was placed, so it does not count. */
function refusedByContactSwing(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const code = Number((error as NodeApiError & JsonObject).httpCode);
	return code >= 400 && code < 500;
}

/** The execute step of a call operation: guardrails checked in `build`, the call counted as it is sent. */
export function sendCall(build: (this: IExecuteFunctions, itemIndex: number) => GuardedCall) {
	return async function (
		this: IExecuteFunctions,
		itemIndex: number,
		scope: OperationScope,
	): Promise<IDataObject> {
		const { request, limit } = build.call(this, itemIndex);
		const giveBack = limit?.reserve();
		try {
			return unwrap(await apiRequest.call(this, request, scope, itemIndex));
		} catch (error) {
			if (giveBack && refusedByContactSwing(error)) giveBack();
			// Both constructors hand back an error of their own class unchanged (as router.ts relies on).
			if (error instanceof NodeApiError)
				throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
		}
	};
}
