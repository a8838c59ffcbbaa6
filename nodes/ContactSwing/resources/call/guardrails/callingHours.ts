import type { IExecuteFunctions } from 'n8n-workflow';
import { tryToParseDateTime } from 'n8n-workflow';

import type { ItemReader } from '../../../shared/input/itemReader';
import { describe, fieldError } from '../../../shared/input/rules';
import { DEFAULT_DAYS, DEFAULT_END, DEFAULT_START, WEEKDAYS } from './options';
import { refusal } from './refusal';

/** The short names Intl gives (en-US), Monday first. */
const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

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

export function checkCallingHours(fns: IExecuteFunctions, read: ItemReader, now: number): void {
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
