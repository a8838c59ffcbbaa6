import { sleep } from 'n8n-workflow';

/** Node's timers fire at once for anything longer (2^31 − 1 ms, about 24.8 days). */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Waits until `until` (a Date.now() time), cut short by `signal`. The delay is worked out from one reading
 * of the clock and rounded up to whole milliseconds, so no timer is ever set with a negative, fractional or
 * overflowing delay (Node 24 warns about those in n8n's log).
 */
export async function sleepUntil(until: number, signal?: AbortSignal): Promise<void> {
	await sleepFor(until - Date.now(), signal);
}

/** Waits `ms` (clamped to 0 … 2^31 − 1, whole milliseconds), cut short by `signal`. */
export async function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
	const delay = Math.min(MAX_DELAY_MS, Math.max(0, Math.ceil(Number.isFinite(ms) ? ms : 0)));
	await sleep(delay, signal);
}

/** Paced runs aim this far below the rate ContactSwing showed, so timing jitter does not cause refusals. */
const PACE_MARGIN = 0.95;

/**
 * Shared by every request of one execution, so a rate limit slows the whole run, not only one item.
 *
 * - At most one request is sent per turn of the event loop. n8n's request helper opens a new connection
 *   for every request, and a request is only sent when the loop next services that connection. When many
 *   answers arrive together and each starts the next request at once, all of those requests wait behind
 *   the whole burst before any is sent, and the bursts never spread out again (measured: 50 ms requests
 *   took ~70 ms at 32 in flight). One per turn sends each as soon as it is ready.
 * - A refusal (429, or 503 with Retry-After) pauses every request until Retry-After has passed.
 * - Requests already in flight when a refusal arrives are refused in the same burst; their wait counts
 *   from that first refusal, so a burst of 429s does not stretch the pause by its own length.
 * - Cancelling the execution ends every wait at once, and nothing more is sent.
 * - After a 429, the run spaces its request starts at the rate ContactSwing accepted: the requests it
 *   took before refusing, spread over the Retry-After it asked for. Without this, every limit window
 *   starts with a burst that ends in a wave of 429s, and windows that open while the run is paused go
 *   unused (measured: 0.89–0.94 of the allowed rate, a third of all requests refused). A stray 429 after
 *   fewer acceptances than requests in flight teaches nothing and only pauses.
 * - The learned pace relaxes. Until a second refusal confirms it, every accepted request cuts the spacing to
 *   a quarter, so one stray 429 costs its pause and little more. Once confirmed, each quiet spell of ten
 *   Retry-After windows (at least 10 s) without a refusal raises the rate by a twentieth of the learned rate
 *   (additive increase), so a limit that was lifted is found again, slowly enough that probing a limit that
 *   holds costs one refusal every few quiet spells (measured: 10 % relaxation every window cut a 50/s run to
 *   0.66 of the limit).
 */
export class RunGate {
	private pausedUntil = 0;
	/** When the latest refusal of a request sent after the one before it arrived. */
	private lastRefusalAt = 0;
	/** Requests sent after the latest refusal that ContactSwing took. */
	private acceptedSinceRefusal = 0;
	/** Time between request starts once a rate has been learned; 0 means no pacing. */
	private startGapMs = 0;
	private nextStartAt = 0;
	private lastStartAt = 0;
	/** The spacing the latest refusal taught, and whether a refusal while paced has confirmed a limit. */
	private learnedGapMs = 0;
	private paceConfirmed = false;
	private quietWindowMs = 1000;
	private lastRelaxAt = 0;
	private turnTaken = false;
	private readonly waitingForTurn: Array<() => void> = [];

	/**
	 * @param inFlight the most requests the run has in flight at once
	 * @param cancelSignal the execution's, so a cancelled run stops waiting
	 * @param oneStartPerTurn false when the run releases its requests in windows (the ledger's, see router.ts):
	 *   a window starts together and ends with its last request, so spreading its starts over turns of the
	 *   loop (a timer each, about 1 ms) would only delay the window (measured at 32 in flight on a loaded
	 *   2-core machine: the windowed run reached 0.77 of the sliding run's rate with one start per turn,
	 *   0.87 to 1.18 without)
	 */
	constructor(
		private readonly inFlight = 1,
		private readonly cancelSignal?: AbortSignal,
		private readonly oneStartPerTurn = true,
	) {}

	get cancelled(): boolean {
		return this.cancelSignal?.aborted === true;
	}

	/** A wait of one request only (backoff before a safe retry), cut short if the run is cancelled. */
	async wait(ms: number): Promise<void> {
		await sleepFor(ms, this.cancelSignal);
	}

	/** Waits while the run is paused or paced, then for its turn; returns the send time. */
	async pass(): Promise<number> {
		for (;;) {
			const slot = Math.max(this.pausedUntil, this.nextStartAt);
			if (Date.now() < slot) {
				await sleepUntil(slot, this.cancelSignal);
				continue;
			}
			await this.turn();
			const now = Date.now();
			// Another request may have taken the paced slot, or a refusal paused the run, meanwhile.
			if (now < Math.max(this.pausedUntil, this.nextStartAt)) continue;
			// The next slot counts from this one, not from now: timers wake late, and that must not
			// slow the pace. After an idle spell, from now: no catching up in a burst.
			this.nextStartAt = Math.max(slot, now - this.startGapMs) + this.startGapMs;
			this.lastStartAt = now;
			return now;
		}
	}

	private async turn(): Promise<void> {
		if (!this.oneStartPerTurn) return;
		if (!this.turnTaken) {
			this.turnTaken = true;
			void this.passTurns();
			return;
		}
		await new Promise<void>((resolve) => this.waitingForTurn.push(resolve));
	}

	private async passTurns() {
		// sleep(0) is a timer: the loop services I/O (sends the request just started) before it fires.
		await sleep(0);
		const next = this.waitingForTurn.shift();
		if (next === undefined) {
			this.turnTaken = false;
			return;
		}
		next();
		void this.passTurns();
	}

	/** ContactSwing took a request that passed the gate at `sentAt`. */
	accepted(sentAt: number) {
		if (sentAt < this.lastRefusalAt) return;
		this.acceptedSinceRefusal++;
		if (this.startGapMs > 0) this.relax();
	}

	private relax() {
		if (this.paceConfirmed) {
			const now = Date.now();
			if (now - Math.max(this.lastRefusalAt, this.lastRelaxAt) < this.quietWindowMs) return;
			this.lastRelaxAt = now;
			this.startGapMs = 1 / (1 / this.startGapMs + 0.05 / this.learnedGapMs);
		} else {
			this.startGapMs = this.startGapMs < 4 ? 0 : this.startGapMs / 4;
		}
		// The next start moves up to the new spacing rather than keep the slot the old one gave it.
		this.nextStartAt = Math.min(this.nextStartAt, this.lastStartAt + this.startGapMs);
	}

	/**
	 * ContactSwing refused a request that passed the gate at `sentAt` and asked for `waitMs`.
	 * `isRateLimit` is true for 429; a 503 pauses but says nothing about a rate.
	 */
	refused(waitMs: number, sentAt: number, isRateLimit: boolean) {
		if (sentAt < this.lastRefusalAt) {
			this.pausedUntil = Math.max(this.pausedUntil, this.lastRefusalAt + waitMs);
			return;
		}
		const now = Date.now();
		this.lastRefusalAt = now;
		this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
		if (isRateLimit && waitMs > 0 && this.acceptedSinceRefusal >= this.inFlight) {
			this.paceConfirmed = this.learnedGapMs > 0;
			this.learnedGapMs = waitMs / (this.acceptedSinceRefusal * PACE_MARGIN);
			this.startGapMs = this.learnedGapMs;
			this.quietWindowMs = 10 * Math.max(1000, waitMs);
			// The first quiet window starts when the pause ends.
			this.lastRelaxAt = now + waitMs;
		}
		this.acceptedSinceRefusal = 0;
	}
}
