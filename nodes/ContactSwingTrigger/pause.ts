/**
 * When is a poll the first after a pause? n8n reports `activate` for a workflow published after it was
 * unpublished (its default scheduler for every poll of that activation, its durable scheduler for the
 * activation poll only), `init` after a restart, `update` after publishing a published workflow again and
 * for the durable scheduler's scheduled polls. So a pause is: n8n says `activate`, and the trigger last
 * polled longer ago than its Poll Times explain: twice the longest interval between two scheduled polls
 * (2 minutes when it polls every minute). A restart, an outage or a failing poll is never a pause.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The longest n8n may leave between two scheduled polls, from the Poll Times parameter (the most frequent
 * entry bounds it); undefined when no entry tells (only custom cron expressions).
 */
export function longestPollGapMs(pollTimes: unknown): number | undefined {
	const items = (pollTimes as { item?: unknown } | undefined)?.item;
	if (!Array.isArray(items)) return undefined;
	const gaps = items.map(gapOf).filter((gap): gap is number => gap !== undefined);
	return gaps.length === 0 ? undefined : Math.min(...gaps);
}

function gapOf(item: unknown): number | undefined {
	const entry = (item ?? {}) as { mode?: unknown; value?: unknown; unit?: unknown };
	switch (entry.mode) {
		case 'everyMinute':
			return MINUTE;
		case 'everyHour':
			return HOUR;
		case 'everyDay':
			return DAY;
		case 'everyWeek':
			return 7 * DAY;
		case 'everyMonth':
			// A day of the month some months lack (29–31) skips them.
			return 62 * DAY;
		case 'everyX': {
			const value = Number(entry.value);
			if (!Number.isFinite(value) || value < 1) return undefined;
			return value * (entry.unit === 'hours' ? HOUR : MINUTE);
		}
		default:
			return undefined;
	}
}

/** Whether this poll comes after a pause, as the module comment defines it. */
export function isAfterPause(options: {
	activation: string;
	lastPollAt: number | undefined;
	now: number;
	pollTimes: unknown;
}): boolean {
	const gap = longestPollGapMs(options.pollTimes);
	if (options.activation !== 'activate' || options.lastPollAt === undefined || gap === undefined)
		return false;
	return options.now - options.lastPollAt > 2 * gap;
}
