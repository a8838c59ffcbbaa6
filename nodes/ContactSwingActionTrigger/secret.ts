import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The secret header's value: `<workflow ID>:<node ID>:<64 random hex digits>`. Only the random part is
 * secret; the IDs say who serves the action, so another workflow that finds the header can name it.
 */
export function newSecret(workflowId: string, nodeId: string): string {
	return `${workflowId}:${nodeId}:${randomBytes(32).toString('hex')}`;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether a received header value is the secret, compared in constant time: both sides are hashed first,
 * so neither the position of a difference nor the lengths change how long the comparison takes.
 */
export function isSecret(received: unknown, secret: string): boolean {
	if (typeof received !== 'string' || secret === '') return false;
	return timingSafeEqual(digest(received), digest(secret));
}

/** The workflow and node a secret header's value names, as far as it has this trigger's form. */
export function servingTriggerOf(value: unknown): { workflowId?: string; nodeId?: string } {
	if (typeof value !== 'string') return {};
	const match = /^([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_-]{0,64}):/.exec(value);
	return match ? { workflowId: match[1], nodeId: match[2] } : {};
}
