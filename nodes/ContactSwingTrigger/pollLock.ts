/**
 * Overlapping polls must not both start from the same state: in n8n's default scheduler a poll still
 * running (waiting out a 429) does not stop the next tick. The first poll holds a lock in the node's static
 * data until it ends; the next one finds it and skips. A lock whose expiry has passed was left by a crash;
 * one whose expiry lies further ahead than any poll holds it (a clock set back, edited static data) is not
 * a running poll's either. Both are taken over.
 */
export interface PollLock {
	owner: string;
	expiresAt: number;
}

/** 'held' when another poll holds the lock; else the lock is now `owner`'s ('overdue': one was taken over). */
export function takeLock(
	holder: { lock?: unknown },
	owner: string,
	now: number,
	holdMs: number,
): 'taken' | 'overdue' | 'held' {
	const lock = holder.lock as Partial<PollLock> | undefined;
	const live =
		typeof lock?.expiresAt === 'number' && lock.expiresAt > now && lock.expiresAt <= now + holdMs;
	if (live && lock?.owner !== owner) return 'held';
	const overdue = lock !== undefined && !live;
	holder.lock = { owner, expiresAt: now + holdMs };
	return overdue ? 'overdue' : 'taken';
}

export function releaseLock(holder: { lock?: unknown }, owner: string) {
	if ((holder.lock as Partial<PollLock> | undefined)?.owner === owner) delete holder.lock;
}
