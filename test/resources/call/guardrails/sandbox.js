'use strict';
/** What the guardrail tests share: a sandbox that never rate-limits calls, and the call parameters. */
const { useSandbox } = require('../../../helpers/sandbox');

const OPERATIONS = ['makeCall', 'createCall'];
const DAY_VALUES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** A call operation's parameters, the number to call read from the item's `phone`. */
const call = (operation, agentId, options, extra = {}) => ({
	resource: 'call',
	operation,
	agentId,
	phoneNumber: '={{ $json.phone }}',
	options,
	...extra,
});

/** The date (YYYY-MM-DD) and weekday (0 = Monday) `days` days after today in `timeZone`. */
function localDay(timeZone, days) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
		})
			.formatToParts(new Date())
			.map((p) => [p.type, p.value]),
	);
	const date = new Date(
		Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) + days),
	);
	return { ymd: date.toISOString().slice(0, 10), weekday: (date.getUTCDay() + 6) % 7 };
}

/** Call at a test file's top level: its sandbox, the calls it received, and runs that are each their own execution. */
function useGuardrailSandbox() {
	// Far above the documented 10 calls a minute, so no test waits out a rate limit.
	const ctx = useSandbox({ rateLimits: { 'POST /v2/_call': { limit: 1000, windowMs: 1000 } } });
	let executions = 0;
	return {
		ctx,
		callRequests: () =>
			ctx.sandbox.requests.filter((r) => r.path === '/v2/_call' || r.path.endsWith('/makeCall')),
		/** Every run is its own execution unless a test says otherwise. */
		run: (args) => ctx.run({ executionId: `guardrails-${++executions}`, ...args }),
	};
}

module.exports = { OPERATIONS, DAY_VALUES, DAY_NAMES, call, localDay, useGuardrailSandbox };
