'use strict';
/**
 * A ContactSwing list as the property test drives it, and the reference model the trigger's events are
 * checked against.
 *
 * The list pages exactly as the sandbox does (page, per_page, the server's own cap on per_page,
 * total_records right, missing, stuck, 0 or off by some amount) and is kept in one of these orders:
 * - `newest-first`, `oldest-first`: by creation, new records at page 1's start or at the end;
 * - `updated-first`, `updated-last`: by last update, a record added or changed moves to the start or the end;
 * - `by-name`: new records anywhere (a list sorted by name).
 * A history may flip the order once (newest-first ↔ oldest-first, updated-first ↔ updated-last): the list
 * is then served the other way round. The fetcher fails or runs out of time on a chosen request of a chosen
 * poll.
 *
 * The reference model: every record added after activation is an event (New Call, New Customer); every
 * status a call enters after activation is one (Call Status Changed, if wanted; a call first seen
 * already in a status counts as entering it, previous_status null). A history is **undecidable** for an
 * event, by this rule, when
 * - U1: the record was added, or the status entered, while the trigger was still reading the list for its
 *   baseline over several polls (a list of more than 20 pages; the trigger says so in its state and in the
 *   log; records that turned up at the list's ends meanwhile it emits once the baseline is done when
 *   total_records grew by at least as many, see test/trigger/examples.test.js);
 * - U2: the list is sorted by name and total_records does not follow it (missing, stuck or 0): a record
 *   added away from both ends cannot be noticed without reading the whole list every poll;
 * - U3: records were deleted (a record deleted before a poll read it is never seen).
 * For decidable events the check is "every event once"; for undecidable ones "nothing false, nothing
 * twice, and nothing missed without a warning in the log". Outside the model: more than 9,000 records
 * (the trigger remembers 10,000), 20 or more of the records nearest the new end changed in one interval
 * (docs/trigger.md); the generator stays within both.
 */
const path = require('node:path');

const DIST = path.join(__dirname, '../../dist/nodes/ContactSwingTrigger');
const { runPoll, statusWindow } = require(path.join(DIST, 'pollLogic.js'));
const { takeLock, releaseLock } = require(path.join(DIST, 'pollLock.js'));

const STATUSES = ['queued', 'in-progress', 'completed', 'no-answer'];
const ORDERS = ['newest-first', 'oldest-first', 'updated-first', 'updated-last', 'by-name'];
const FLIPPED = {
	'newest-first': 'oldest-first',
	'oldest-first': 'newest-first',
	'updated-first': 'updated-last',
	'updated-last': 'updated-first',
};

class FakeList {
	constructor({ order, initial, cap, totals, totalOffset }) {
		this.order = order;
		this.cap = cap;
		this.totals = totals;
		this.totalOffset = totalOffset;
		this.next = 0;
		this.records = [];
		for (let k = 0; k < initial; k++) this.add(STATUSES[k % STATUSES.length], k / initial);
		this.stuckTotal = this.records.length;
	}

	/** Where a new or changed record goes: 'start', 'end' or (by name) anywhere. */
	get newEnd() {
		return this.order === 'newest-first' || this.order === 'updated-first' ? 'start' : 'end';
	}

	add(status, where = Math.random()) {
		const record = { id: `r${this.next++}`, status, n: this.next };
		if (this.order === 'by-name') {
			this.records.splice(Math.floor(where * (this.records.length + 1)), 0, record);
		} else if (this.newEnd === 'start') this.records.unshift(record);
		else this.records.push(record);
		return record;
	}

	/** A call's status changes; in a list ordered by update it moves to the new end. */
	change(record, status) {
		record.status = status;
		if (this.order !== 'updated-first' && this.order !== 'updated-last') return;
		this.records.splice(this.records.indexOf(record), 1);
		if (this.newEnd === 'start') this.records.unshift(record);
		else this.records.push(record);
	}

	/** The list is served the other way round from now on. */
	flip() {
		if (!FLIPPED[this.order]) return;
		this.order = FLIPPED[this.order];
		this.records.reverse();
	}

	/** The record `rank` places from the new end (by name: from the start). */
	atRank(rank) {
		return this.newEnd === 'end' && this.order !== 'by-name'
			? this.records[this.records.length - 1 - rank]
			: this.records[rank];
	}

	removeAt(index) {
		return this.records.splice(index, 1)[0];
	}

	total() {
		const n = this.records.length;
		switch (this.totals) {
			case 'missing':
				return undefined;
			case 'stuck':
				return this.stuckTotal;
			case 'zero':
				return 0;
			case 'off':
				return Math.max(0, n + this.totalOffset);
			default:
				return n;
		}
	}

	answer(page, perPage) {
		const size = Math.min(perPage, this.cap);
		const slice = this.records.slice((page - 1) * size, page * size);
		return {
			records: slice.map((r) => ({ id: r.id, status: r.status, customer_name: `c${r.n}` })),
			perPage: size,
			total: this.total(),
		};
	}
}

/**
 * Runs a history; returns every event, the warnings, and what the reference model expects.
 * `steps`: { adds: [[status, where]…], deletes: [fraction…], changes: [[rank, status]…], poll: { fault, at },
 * overlap, flip }.
 */
async function simulate(config, steps) {
	const list = new FakeList(config);
	const wanted = new Set(config.wanted);
	const event = config.event;
	const existedAtActivation = new Set();
	// id -> [{ status, undecidable }…]: the statuses a record had since activation (first: when added).
	const history = new Map();
	const emitted = [];
	const warnings = [];
	let state;
	let requests = 0;
	let polls = 0;
	let baselinePolls = 0;
	const lock = {};
	let now = 0;
	// Strict status histories: a call changes at most once between two complete polls, and only once a
	// complete poll has seen it; at most 3 failing polls in a row (so changed calls stay in the window).
	let dirty = new Set();
	let failedInARow = 0;

	const pollOnce = async ({ fault = 'none', at = 1 } = {}) => {
		let count = 0;
		const fetch = async (page, perPage) => {
			count++;
			if (fault === 'throw' && count === at) throw new Error('HTTP 500 from the list');
			if (fault === 'stop' && count >= at) return 'stop';
			return list.answer(page, perPage);
		};
		polls++;
		if (config.strictStatus && failedInARow >= 3) fault = 'none';
		try {
			// Frozen: a poll must not change the state it starts from (the caller keeps it if the poll fails).
			const result = await runPoll(deepFreeze(state), {
				event,
				wanted,
				fetch,
				perPage: config.askPerPage,
			});
			if (result.stoppedEarly) failedInARow++;
			else {
				failedInARow = 0;
				dirty = new Set();
			}
			requests += result.requests;
			config.trace?.(
				`poll ${polls}${fault === 'none' ? '' : ` (${fault} at ${at})`}: ${result.requests} requests → ${result.state?.mode} ${result.state?.order ?? ''}${result.state?.walk ? ` walk from ${result.state.walk.from}` : ''}${result.state?.search ? ` search at ${result.state.search.next}` : ''} top ${result.state?.top?.ids.slice(0, 3)}@${result.state?.top?.index} end ${result.state?.end?.ids.slice(0, 3)}@${result.state?.end?.index} lastPage ${result.state?.lastPage} | ${result.warnings.join(' | ')} | ${result.events.length} events [${result.events
					.slice(0, 8)
					.map((e) => e.id)
					.join(' ')}]`,
			);
			state = result.state;
			emitted.push(...result.events.map((e) => ({ ...e, poll: polls })));
			warnings.push(...result.warnings.filter((w) => !/ran out of time/.test(w)));
			return result;
		} catch (error) {
			if (!/HTTP 500/.test(error.message)) throw error;
			config.trace?.(`poll ${polls}: failed`);
			failedInARow++;
			return undefined;
		}
	};

	// Activation: the first poll starts the baseline (polls that fail start none; the next one does).
	for (let k = 0; k < 5 && state === undefined; k++) await pollOnce();
	if (state === undefined) throw new Error('no baseline after 5 polls');
	for (const r of list.records) {
		existedAtActivation.add(r.id);
		history.set(r.id, [{ status: r.status, undecidable: false }]);
	}
	const surveying = () => state?.mode === 'surveying';
	if (surveying()) baselinePolls++;
	const byName = list.order === 'by-name';
	const totalsUnusable = !['correct', 'off'].includes(config.totals);
	for (const [index, step] of steps.entries()) {
		if (step.flip && index > 0) list.flip();
		config.trace?.(
			`step ${index}${step.flip && index > 0 ? ' (flipped)' : ''}: +${(step.adds ?? []).length} -${(step.deletes ?? []).length} ~${(step.changes ?? []).length}; list ${list.records.length}: ${list.records
				.slice(0, 4)
				.map((r) => r.id)
				.join(' ')} … ${list.records
				.slice(-4)
				.map((r) => r.id)
				.join(' ')}`,
		);
		const inBaseline = surveying();
		// Outside the model: more than 9,000 records in all.
		let addLimit = config.strictStatus
			? Math.max(1, Math.floor(statusWindow(config.cap) / 10))
			: Infinity;
		addLimit = Math.min(addLimit, Math.max(0, 9000 - list.next));
		for (const [status, where] of (step.adds ?? []).slice(0, addLimit)) {
			const record = list.add(status, where);
			// U2: sorted by name, added away from both ends, with a total_records that does not follow.
			const atEnd = record === list.records[0] || record === list.records[list.records.length - 1];
			history.set(record.id, [
				{ status, undecidable: inBaseline || (byName && totalsUnusable && !atEnd) },
			]);
			dirty.add(record.id);
		}
		for (const fraction of step.deletes ?? []) {
			if (list.records.length > 0) list.removeAt(Math.floor(fraction * list.records.length));
		}
		for (const [rankFraction, status] of step.changes ?? []) {
			// Strict histories of lists by creation change calls in the newest third of the watched window
			// only; lists by update bring a changed call to the new end, so any call may change.
			const byUpdate = list.order.startsWith('updated');
			const ranks = config.strictStatus && !byUpdate ? statusWindow(config.cap) / 3 : 30;
			const record = list.atRank(Math.floor(rankFraction * ranks));
			if (!record || record.status === status) continue;
			if (config.strictStatus && dirty.has(record.id)) continue;
			dirty.add(record.id);
			list.change(record, status);
			history.get(record.id).push({ status, undecidable: inBaseline });
		}
		if (step.overlap) {
			// A second poll starts while the first holds the lock: it must not run; a crashed holder's lock expires.
			now += 1000;
			if (takeLock(lock, 'first', now, 60_000) !== 'taken') throw new Error('lock not free');
			if (takeLock(lock, 'second', now + 30_000, 60_000) !== 'held')
				throw new Error('an overlapping poll got the lock');
			if (step.overlap === 'crash') {
				if (takeLock(lock, 'second', now + 61_000, 60_000) !== 'overdue')
					throw new Error('an expired lock was not taken over');
				releaseLock(lock, 'second');
			} else {
				releaseLock(lock, 'first');
			}
			if (lock.lock) throw new Error('lock left behind');
			// A lock whose expiry lies further ahead than a poll holds it is taken over.
			lock.lock = { owner: 'elsewhere', expiresAt: now + 10 * 60_000 };
			if (takeLock(lock, 'third', now, 60_000) !== 'overdue')
				throw new Error('a lock expiring past its maximum was not taken over');
			releaseLock(lock, 'third');
		}
		await pollOnce(step.poll);
		if (surveying()) baselinePolls++;
	}
	// Quiet polls until the trigger has caught up.
	for (let k = 0; k < 500; k++) {
		const result = await pollOnce();
		if (surveying()) baselinePolls++;
		if (
			result &&
			!result.stoppedEarly &&
			result.events.length === 0 &&
			!state.search &&
			!state.walk
		)
			break;
	}
	const quiet = await pollOnce();
	return {
		list,
		emitted,
		warnings,
		history,
		existedAtActivation,
		state,
		requests,
		polls,
		baselinePolls,
		quietRequests: quiet?.requests,
	};
}

function deepFreeze(value) {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}

/**
 * Problems with the events of a history, by the reference model: duplicates, false events, missed
 * events (decidable ones; undecidable ones only when no warning was logged).
 */
function check(config, run, { strict }) {
	const problems = [];
	const { emitted, history, existedAtActivation, list, warnings } = run;
	const present = new Set(list.records.map((r) => r.id));
	const warned = warnings.length > 0;
	const missed = (what, undecidable) => {
		if (undecidable && warned) return;
		problems.push(`missed ${what}${undecidable ? ' (undecidable, and no warning)' : ''}`);
	};
	if (config.event !== 'callStatusChanged') {
		const seen = new Set();
		for (const e of emitted) {
			if (seen.has(e.id)) problems.push(`duplicate ${e.id}`);
			seen.add(e.id);
			if (existedAtActivation.has(e.id)) problems.push(`false ${e.id} (existed at activation)`);
			if (!history.has(e.id)) problems.push(`unknown ${e.id}`);
		}
		if (strict) {
			for (const [id, statuses] of history) {
				if (existedAtActivation.has(id) || !present.has(id) || seen.has(id)) continue;
				missed(id, statuses[0].undecidable);
			}
		}
		return problems;
	}
	const wanted = new Set(config.wanted);
	const isWanted = (s) => wanted.size === 0 || wanted.has(s);
	const byId = new Map();
	for (const e of emitted) {
		if (!byId.has(e.id)) byId.set(e.id, []);
		byId.get(e.id).push([e.previous_status, e.status]);
	}
	for (const [id, events] of byId) {
		const statuses = history.get(id);
		if (!statuses) {
			problems.push(`unknown ${id}`);
			continue;
		}
		for (const [previous, status] of events) {
			if (!isWanted(status)) problems.push(`unwanted ${id} → ${status}`);
			if (previous === null && existedAtActivation.has(id))
				problems.push(`false first sight of ${id}`);
		}
		// Each entry into a status is emitted at most once.
		const entries = new Map();
		statuses.forEach(({ status }, k) => {
			if (k === 0 && existedAtActivation.has(id)) return;
			if (status !== null) entries.set(status, (entries.get(status) ?? 0) + 1);
		});
		const counts = new Map();
		for (const [, status] of events) counts.set(status, (counts.get(status) ?? 0) + 1);
		for (const [status, count] of counts) {
			if (count > (entries.get(status) ?? 0))
				problems.push(
					`duplicate or false ${id} → ${status} (${count} events, ${entries.get(status) ?? 0} entries)`,
				);
		}
	}
	if (strict) {
		for (const [id, statuses] of history) {
			if (!present.has(id)) continue;
			const expected = [];
			let undecidable = false;
			statuses.forEach(({ status, undecidable: unsure }, k) => {
				if (k === 0) {
					if (!existedAtActivation.has(id) && isWanted(status)) expected.push([null, status]);
				} else if (isWanted(status)) expected.push([statuses[k - 1].status, status]);
				undecidable ||= unsure;
			});
			const got = byId.get(id) ?? [];
			if (JSON.stringify(got) === JSON.stringify(expected)) continue;
			if (undecidable && warned && got.every((g) => expected.some((e) => e[1] === g[1]))) continue;
			problems.push(`${id}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
		}
	}
	return problems;
}

module.exports = { simulate, check, STATUSES, ORDERS, statusWindow };
