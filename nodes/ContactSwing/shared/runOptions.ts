import type { INodeProperties } from 'n8n-workflow';

/** Options every operation has: how requests are batched, timed out and retried (see transport.ts). */
export const runOptions: INodeProperties[] = [];
