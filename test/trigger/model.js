'use strict';
/**
 * A ContactSwing list as the property test drives it, and the reference model the trigger's events are
 * checked against. The list pages exactly as the sandbox does (page, per_page, the server's own cap on
 * per_page, total_records as configured: right, missing, stuck, 0 or off by some amount); the reader fails
 * or runs out of time on a chosen request of a chosen poll.
 */
const path = require('node:path');

const { runPoll, takeLock, releaseLock, statusWindow } = require(
	path.join(__dirname, '../../dist/nodes/ContactSwingTrigger/pollLogic.js'),
);

const STATUSES = ['queued', 'in-progress', 'completed', 'no-answer'];

class FakeList {
	constructor({ order, initial, cap, totals, totalOffset }) {
		this.order = order;
		this.cap = cap;
		this.totals = totals;
		this.totalOffset = totalOffset;
		this.next = 0;
		this.records = [];
		for (let k = 0; k < initial; k++) this.add(STATUSES[k % STATUSES.length]);
		this.stuckTotal = this.records.length;
	}

	add(status) {
		const record = { id: `r${this.next++}`, status, n: this.next };
		if (this.order === 'newest-first') this.records.unshift(record);
		else this.records.push(record);
		return record;
	}

	/** The record `rank` places from the new end. */
	atRank(rank) {
		return this.order === 'newest-first'
			? this.records[rank]
			: this.records[this.records.length - 1 - rank];
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
 * Runs a history; returns every event, the warnings and what the reference model expects.
 * `steps`: { adds: [status…], deletes: [fraction…], changes: [[rank, status]…], poll: { fault, at } }.
 */
async function simulate(config, steps) {
	const list = new FakeList(config);
	const wanted = new Set(config.wanted);
	const event = config.event;
	const existedAtActivation = new Set();
	const history = new Map(); // id -> [status…] as it changed after activation (first entry: the status it had)
	for (const r of list.records) history.set(r.id, [r.status]);
	const emitted = [];
	const warnings = [];
	let state;
	let requests = 0;
	let polls = 0;
	const lock = {};
	let now = 0;
	// Strict status histories: a call changes at most once between two complete polls, and only once a
	// complete poll has seen it; at most 3 failing polls in a row (so changed calls stay in the window).
	let dirty = new Set();
	let failedInARow = 0;

	const pollOnce = async ({ fault = 'none', at = 1 } = {}) => {
		let count = 0;
		const readPage = async (page, perPage) => {
			count++;
			if (fault === 'throw' && count === at) throw new Error('HTTP 500 from the list');
			if (fault === 'stop' && count >= at) return 'stop';
			return list.answer(page, perPage);
		};
		polls++;
		if (config.strictStatus && failedInARow >= 3) fault = 'none';
		try {
			const result = await runPoll(state, { event, wanted, readPage, perPage: config.askPerPage });
			if (result.stoppedEarly) failedInARow++;
			else {
				failedInARow = 0;
				dirty = new Set();
			}
			requests += result.requests;
			state = result.state;
			emitted.push(...result.events.map((e) => ({ ...e, poll: polls })));
			warnings.push(...result.warnings.filter((w) => !/ran out of time/.test(w)));
			return result;
		} catch (error) {
			if (!/HTTP 500/.test(error.message)) throw error;
			failedInARow++;
			return undefined;
		}
	};

	// Activation: the baseline (polls that fail leave none; the next one records it).
	for (let k = 0; k < 5 && state === undefined; k++) await pollOnce();
	if (state === undefined) throw new Error('no baseline after 5 polls');
	existedAtActivation.clear();
	for (const r of list.records) existedAtActivation.add(r.id);
	for (const step of steps) {
		// Outside what the trigger promises (README, "What the trigger cannot know"): more than KNOWN_LIMIT
		// records in all (it forgets the oldest), and bursts of more than a poll can read into a list that
		// was empty at activation (its order is not known yet).
		let addLimit = config.strictStatus
			? Math.max(1, Math.floor(statusWindow(config.cap) / 10))
			: Infinity;
		if (config.initial === 0) addLimit = Math.min(addLimit, 260);
		addLimit = Math.min(addLimit, Math.max(0, 9000 - list.next));
		for (const status of (step.adds ?? []).slice(0, addLimit)) {
			const record = list.add(status);
			history.set(record.id, [status]);
			dirty.add(record.id);
		}
		for (const fraction of step.deletes ?? []) {
			if (list.records.length > 0) list.removeAt(Math.floor(fraction * list.records.length));
		}
		for (const [rankFraction, status] of step.changes ?? []) {
			// Strict histories change calls in the newest third of the watched window only.
			const rank = Math.floor(
				rankFraction * (config.strictStatus ? statusWindow(config.cap) / 3 : 30),
			);
			const record = list.atRank(rank);
			if (!record || record.status === status) continue;
			if (config.strictStatus && dirty.has(record.id)) continue;
			dirty.add(record.id);
			record.status = status;
			history.get(record.id).push(status);
		}
		if (step.overlap) {
			// A second poll starts while the first holds the lock: it must not run; a crashed holder's lock expires.
			now += 1000;
			if (!takeLock(lock, 'first', now, 60_000)) throw new Error('lock not free');
			if (takeLock(lock, 'second', now + 30_000, 60_000))
				throw new Error('an overlapping poll got the lock');
			if (step.overlap === 'crash') {
				if (!takeLock(lock, 'second', now + 61_000, 60_000))
					throw new Error('an expired lock was not taken over');
				releaseLock(lock, 'second');
			} else {
				releaseLock(lock, 'first');
			}
			if (lock.lock) throw new Error('lock left behind');
		}
		await pollOnce(step.poll);
	}
	// Quiet polls until the trigger has caught up.
	for (let k = 0; k < 500; k++) {
		const result = await pollOnce();
		if (result && !result.stoppedEarly && result.events.length === 0) break;
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
		quietRequests: quiet?.requests,
	};
}

/** Problems with the events of a history, by the reference model: duplicates, spurious, missing. */
function check(config, run, { strict }) {
	const problems = [];
	const { emitted, history, existedAtActivation, list } = run;
	const present = new Set(list.records.map((r) => r.id));
	if (config.event !== 'callStatusChanged') {
		const seen = new Set();
		for (const e of emitted) {
			if (seen.has(e.id)) problems.push(`duplicate ${e.id}`);
			seen.add(e.id);
			if (existedAtActivation.has(e.id)) problems.push(`spurious ${e.id} (existed at activation)`);
			if (!history.has(e.id)) problems.push(`unknown ${e.id}`);
		}
		if (strict) {
			for (const [id] of history) {
				if (!existedAtActivation.has(id) && present.has(id) && !seen.has(id))
					problems.push(`missed ${id}`);
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
				problems.push(`spurious first sight of ${id}`);
		}
		// Each entry into a status is emitted at most once.
		const entries = new Map();
		statuses.forEach((s, k) => {
			if (k === 0 && existedAtActivation.has(id)) return;
			entries.set(s, (entries.get(s) ?? 0) + 1);
		});
		const counts = new Map();
		for (const [, status] of events) counts.set(status, (counts.get(status) ?? 0) + 1);
		for (const [status, count] of counts) {
			if (count > (entries.get(status) ?? 0))
				problems.push(
					`duplicate or spurious ${id} → ${status} (${count} events, ${entries.get(status) ?? 0} entries)`,
				);
		}
	}
	if (strict) {
		for (const [id, statuses] of history) {
			if (!present.has(id)) continue;
			const expected = [];
			statuses.forEach((s, k) => {
				if (k === 0) {
					if (!existedAtActivation.has(id) && isWanted(s)) expected.push([null, s]);
				} else if (isWanted(s)) expected.push([statuses[k - 1], s]);
			});
			const got = byId.get(id) ?? [];
			if (JSON.stringify(got) !== JSON.stringify(expected))
				problems.push(`${id}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
		}
	}
	return problems;
}

module.exports = { simulate, check, STATUSES, statusWindow };
