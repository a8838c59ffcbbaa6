import { sleep } from 'n8n-workflow';

/** Paced runs aim this far below the rate ContactSwing showed, so timing jitter does not cause refusals. */
const PACE_MARGIN = 0.95;

/**
 * Shared by every request of one execution, so a rate limit slows the whole run, not only one item.
 *
 * - A refusal (429, or 503 with Retry-After) pauses every request until Retry-After has passed.
 * - Requests already in flight when a refusal arrives are refused in the same burst; their wait counts
 *   from that first refusal, so a burst of 429s does not stretch the pause by its own length.
 * - After a 429, the run spaces its request starts at the rate ContactSwing accepted: the requests it
 *   took before refusing, spread over the Retry-After it asked for. Without this, every limit window
 *   starts with a burst that ends in a wave of 429s, and windows that open while the run is paused go
 *   unused (measured: 0.89–0.94 of the allowed rate, a third of all requests refused). A stray 429 after
 *   fewer acceptances than requests in flight teaches nothing and only pauses.
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

	/** @param inFlight the most requests the run has in flight at once */
	constructor(private readonly inFlight = 1) {}

	/** Waits while the run is paused or paced; returns when the request may go, as its send time. */
	async pass(): Promise<number> {
		for (;;) {
			const now = Date.now();
			const slot = Math.max(this.pausedUntil, this.nextStartAt);
			if (now >= slot) {
				// The next slot counts from this one, not from now: timers wake late, and that must not
				// slow the pace. After an idle spell, from now: no catching up in a burst.
				this.nextStartAt = Math.max(slot, now - this.startGapMs) + this.startGapMs;
				return now;
			}
			await sleep(slot - now);
		}
	}

	/** ContactSwing took a request that passed the gate at `sentAt`. */
	accepted(sentAt: number) {
		if (sentAt >= this.lastRefusalAt) this.acceptedSinceRefusal++;
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
			this.startGapMs = waitMs / (this.acceptedSinceRefusal * PACE_MARGIN);
		}
		this.acceptedSinceRefusal = 0;
	}
}
