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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Wall {
	year: number;
	month: number;
	day: number;
	/** 0 = Monday … 6 = Sunday. */
	weekday: number;
	/** Minutes after midnight. */
	minutes: number;
	/** The zone's offset from UTC in minutes at that instant. */
	offset: number;
}

/** The wall clock in `timeZone` at `utcMs`: calendar date, weekday, minutes after midnight, offset. */
function wallClock(utcMs: number, timeZone: string): Wall {
	// n8n's own date parsing puts the instant in the zone (daylight saving included).
	const at = tryToParseDateTime(new Date(utcMs), timeZone);
	return {
		year: at.year,
		month: at.month,
		day: at.day,
		weekday: at.weekday - 1,
		minutes: at.hour * 60 + at.minute,
		offset: at.offset,
	};
}

/** Whether the window allows a call when the zone's clock shows `wall`. */
function allows(window: CallingWindow, wall: Wall): boolean {
	const { start, end, days } = window;
	const today = days.includes(wall.weekday);
	const yesterday = days.includes((wall.weekday + 6) % 7);
	return start < end
		? today && wall.minutes >= start && wall.minutes < end
		: (today && wall.minutes >= start) || (yesterday && wall.minutes < end);
}

/**
 * The first instant after `utcMs` at which the window allows a call, or undefined if none within nine days.
 * Whether a call is allowed depends on the zone's wall clock only, so it can start being allowed only where
 * the clock shows Start, or where it jumps (a daylight-saving change, which may skip Start or repeat an hour
 * before End). Those instants are the candidates; the earliest one the window allows is the answer. Checked
 * against a minute-by-minute search in every zone (test/resources/call.guardrails.test.js, npm run test:fuzz).
 */
function nextAllowedInstant(window: CallingWindow, utcMs: number): number | undefined {
	const { timeZone } = window;
	const from = Math.floor(utcMs / MINUTE) * MINUTE;
	const until = from + 9 * DAY;
	const offsetAt = (instant: number) => wallClock(instant, timeZone).offset;
	const candidates = new Set<number>();
	// Where the clock shows Start: the local date's Start at each offset the zone has around that date.
	const today = wallClock(from, timeZone);
	for (let ahead = -1; ahead <= 8; ahead++) {
		const local = Date.UTC(today.year, today.month - 1, today.day + ahead, 0, window.start);
		for (const offset of new Set([-DAY, 0, DAY].map((shift) => offsetAt(local + shift)))) {
			const instant = local - offset * MINUTE;
			const wall = wallClock(instant, timeZone);
			if (wall.minutes === window.start && wall.offset === offset) candidates.add(instant);
		}
	}
	// Where the clock jumps: each change of offset, found to the minute (zones change at most once in hours).
	for (let before = from; before < until; before += 6 * HOUR) {
		let [low, high] = [before, before + 6 * HOUR];
		if (offsetAt(low) === offsetAt(high)) continue;
		while (high - low > MINUTE) {
			const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
			if (offsetAt(middle) === offsetAt(low)) low = middle;
			else high = middle;
		}
		candidates.add(high);
	}
	let next: number | undefined;
	for (const instant of candidates) {
		if (instant <= utcMs || instant >= until || (next !== undefined && instant >= next)) continue;
		if (allows(window, wallClock(instant, timeZone))) next = instant;
	}
	return next;
}

/** Whether `utcMs` falls inside the window, and if not, when it next opens. */
export function judgeWindow(window: CallingWindow, utcMs: number): WindowVerdict {
	const now = wallClock(utcMs, window.timeZone);
	const localNow = `${WEEKDAY_SHORT[now.weekday]} ${clock(now.minutes)}`;
	if (allows(window, now)) return { allowed: true, localNow };
	const next = nextAllowedInstant(window, utcMs);
	if (next === undefined) return { allowed: false, localNow };
	const at = wallClock(next, window.timeZone);
	const ymd = [at.year, String(at.month).padStart(2, '0'), String(at.day).padStart(2, '0')].join(
		'-',
	);
	const sign = at.offset < 0 ? '-' : '+';
	return {
		allowed: false,
		localNow,
		nextLocal: `${WEEKDAY_SHORT[at.weekday]} ${ymd} ${clock(at.minutes)}`,
		nextIso: `${ymd}T${clock(at.minutes)}:00${sign}${clock(Math.abs(at.offset))}`,
	};
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
	const label = read.label('options.callingHours');
	if (!window) {
		// Versions 1 and 2: Calling Hours without its window sets no hours. From version 3 it allows no
		// time, as Allowed Numbers added empty allows no number: a guardrail added never lets everything by.
		if (fns.getNode().typeVersion < 3) return;
		throw refusal(
			read,
			`${label} refused the call: it has no window (Start, End, Days), so no time is allowed; nothing was sent`,
			`Add the window under Options → ${label}, or remove ${label} to call at any time.`,
		);
	}
	const verdict = judgeWindow(window, now);
	if (verdict.allowed) return;
	throw refusal(
		read,
		`${label} (${describeWindow(window)}) refused the call: it is ${verdict.localNow} there. Next allowed time: ${verdict.nextLocal} (${verdict.nextIso}); nothing was sent`,
		'The call was refused, not delayed. Run it again within the calling hours, or change Options → Calling Hours.',
	);
}
