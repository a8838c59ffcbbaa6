import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../input/rules';
import { ItemReader } from '../input/itemReader';
import type { RequestPolicy } from '../http/transport';

/**
 * Options every operation has: how requests are batched, timed out and retried (see transport.ts).
 * Batching uses the HTTP Request node's names and meaning.
 */

export const DEFAULT_ITEMS_PER_BATCH = 5;

/** Node's timers fire at once for anything longer (2^31 − 1 ms, about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;
const MAX_RETRY_WAIT_SECONDS = Math.floor(MAX_TIMER_MS / 1000);

export const runOptions: INodeProperties[] = [
	{
		displayName: 'Batching',
		name: 'batching',
		placeholder: 'Add Batching',
		type: 'fixedCollection',
		typeOptions: { multipleValues: false },
		default: { batch: {} },
		options: [
			{
				displayName: 'Batching',
				name: 'batch',
				values: [
					{
						displayName: 'Items per Batch',
						name: 'batchSize',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: 100 },
						default: DEFAULT_ITEMS_PER_BATCH,
						description:
							'How many requests start together. Without a Batch Interval, also the most that are in flight at once. Output order is kept.',
					},
					{
						displayName: 'Batch Interval (Ms)',
						name: 'batchInterval',
						type: 'number',
						typeOptions: { minValue: 0, maxValue: MAX_TIMER_MS },
						default: 0,
						description:
							'Time (in milliseconds) between the starts of two batches. 0 to disable: then a new request starts as soon as one ends.',
					},
				],
			},
		],
	},
	{
		displayName: 'Max Retry Wait (Seconds)',
		name: 'maxRetryWait',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_RETRY_WAIT_SECONDS },
		default: 120,
		description:
			'How long one request may wait in total for rate limits and safe retries before its item fails',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1000, maxValue: MAX_TIMER_MS },
		default: 30000,
		description: 'How long to wait for ContactSwing to answer one request',
	},
];

export interface RunSettings {
	itemsPerBatch: number;
	batchIntervalMs: number;
	policy: RequestPolicy;
}

/** The run-wide settings, read from the first item (n8n evaluates batching once per run, as its HTTP node does). */
export function readRunSettings(this: IExecuteFunctions): RunSettings {
	// Options that apply to the whole run: read from the first item.
	const read = new ItemReader(this, 0, [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			default: {},
			options: runOptions,
		},
	]);
	const itemsPerBatch =
		read.integer('options.batching.batch.batchSize', { min: 1, max: 100 }) ??
		DEFAULT_ITEMS_PER_BATCH;
	const batchIntervalMs =
		read.integer('options.batching.batch.batchInterval', { min: 0, max: MAX_TIMER_MS }) ?? 0;
	const timeoutMs = read.integer('options.timeout', { min: 1, max: MAX_TIMER_MS }) ?? 30_000;
	const given = read.value('options.maxRetryWait');
	const maxRetryWait = given === undefined || given === null || given === '' ? 120 : Number(given);
	if (
		typeof given === 'boolean' ||
		!Number.isFinite(maxRetryWait) ||
		maxRetryWait < 0 ||
		maxRetryWait > MAX_RETRY_WAIT_SECONDS
	) {
		throw fieldError(
			read.ctx,
			read.label('options.maxRetryWait'),
			`must be a number from 0 to ${MAX_RETRY_WAIT_SECONDS}, got ${String(given).slice(0, 40)}`,
			'Options apply to the whole run and are read from the first item.',
		);
	}
	return {
		itemsPerBatch,
		batchIntervalMs,
		policy: { timeoutMs, maxRetryWaitMs: Math.round(maxRetryWait * 1000) },
	};
}
