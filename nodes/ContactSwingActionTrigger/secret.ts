import { randomString } from 'n8n-workflow';

/**
 * The secret header's value: `<workflow ID>:<node ID>:<64 random letters and digits>` (n8n-workflow's
 * randomString, from the platform's cryptographic random source). Only the random part is
 * secret; the IDs say who serves the action, so another workflow that finds the header can name it.
 */
export function newSecret(workflowId: string, nodeId: string): string {
	return `${workflowId}:${nodeId}:${randomString(64)}`;
}

/**
 * Whether a received header value is the secret. Every character is compared, whatever the first
 * difference, so the time taken does not say how much of a guess was right; a length that differs says
 * only what the header's fixed form says anyway.
 */
export function isSecret(received: unknown, secret: string): boolean {
	if (typeof received !== 'string' || secret === '' || received.length !== secret.length)
		return false;
	let difference = 0;
	for (let index = 0; index < secret.length; index++) {
		difference |= received.charCodeAt(index) ^ secret.charCodeAt(index);
	}
	return difference === 0;
}

/** The workflow and node a secret header's value names, as far as it has this trigger's form. */
export function servingTriggerOf(value: unknown): { workflowId?: string; nodeId?: string } {
	if (typeof value !== 'string') return {};
	const match = /^([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_-]{0,64}):/.exec(value);
	return match ? { workflowId: match[1], nodeId: match[2] } : {};
}
