import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from '../input/rules';
import { ItemReader } from '../input/itemReader';
import type { RequestPolicy } from '../http/transport';
import type { IfUnknown, RepeatMode, RepeatSettings } from './ledger';

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

/**
 * How many requests the ledger remembers by default (two keys each in n8n's deduplication store). Every
 * store call reads and rewrites the whole row, so its cost grows with this; see docs/retries.md for the
 * measured cost per call at 5,000, 10,000 and 20,000 keys and why this is the default.
 */
export const DEFAULT_REMEMBERED_REQUESTS = 5000;
const MAX_REMEMBERED_REQUESTS = 100_000;

/**
 * Options of the operations that create something or place a call (see ledger.ts): what n8n's retries and
 * later executions may repeat. Read by the router, once per run, except the Repeat Key (per item).
 */
export const repeatOptions: INodeProperties[] = [
	{
		displayName: 'Repeat Protection',
		name: 'repeatProtection',
		type: 'options',
		options: [
			{
				name: 'Across Executions, by Repeat Key',
				value: 'acrossExecutions',
				description:
					'Any later run with the same Repeat Key sends nothing: a webhook delivered twice, input sent again after a crash',
			},
			{
				name: 'Off',
				value: 'off',
				description: "Every run sends; n8n's retries repeat what already happened",
			},
			{
				name: 'Within Retries of an Execution',
				value: 'retries',
				description:
					'Retry On Fail and a Retry of the execution repeat nothing; loops, identical items and new executions still send',
			},
		],
		default: 'retries',
		description:
			'What the node refuses to send again. Without this option: Within Retries of an Execution from node version 3, Off before.',
	},
	{
		displayName: 'Repeat Key',
		name: 'repeatKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.leadId }}',
		description:
			'With Across Executions: what makes two requests the same, e.g. a lead ID; one request per key is sent. Empty: the request itself and the account.',
	},
	{
		displayName: 'Repeat Key Scope',
		name: 'repeatScope',
		type: 'options',
		options: [
			{ name: 'This Node', value: 'node' },
			{
				name: 'Whole Workflow',
				value: 'workflow',
				description:
					"Shared with every node of the workflow that uses Whole Workflow (also n8n's Remove Duplicates)",
			},
		],
		default: 'node',
		description: 'With Across Executions: where the keys are kept',
	},
	{
		displayName: 'Requests to Remember',
		name: 'rememberRequests',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_REMEMBERED_REQUESTS },
		default: DEFAULT_REMEMBERED_REQUESTS,
		description:
			'How many requests the ledger remembers; older ones are forgotten and would be sent again. More costs more time per batch.',
	},
	{
		displayName: 'If Outcome Unknown',
		name: 'ifOutcomeUnknown',
		type: 'options',
		options: [
			{
				name: 'Fail the Item',
				value: 'fail',
				description:
					'An item error saying what to check in ContactSwing (Continue On Fail applies)',
			},
			{
				name: 'Pass Through Flagged',
				value: 'passThrough',
				description: 'An output item with outcome "unknown" and what to check, not an error',
			},
			{
				name: 'Send Again',
				value: 'sendAgain',
				description: 'Only after checking ContactSwing that it did not happen: sends it once more',
			},
		],
		default: 'fail',
		description:
			'What happens to a request an earlier run sent without learning whether ContactSwing processed it',
	},
	{
		displayName: 'Forget Ledger (Once per Value)',
		name: 'forgetLedger',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-06-01',
		description:
			"Enter a new value, e.g. today's date, to make the node forget every request it remembers (this node, or the workflow with Whole Workflow) at the start of the next run. Each value clears once.",
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
	const read = new ItemReader(this, 0, runProperties);
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

/** The Options collection as the router reads it (the operation declares the same options). */
const runProperties: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		default: {},
		options: [...runOptions, ...repeatOptions],
	},
];

/**
 * Repeat Protection for the run, read from the first item (Repeat Key is read per item, see repeatKeyOf).
 * Without the option, node version 3 protects retries and earlier versions keep their behaviour.
 */
export function readRepeatSettings(this: IExecuteFunctions): RepeatSettings {
	const read = new ItemReader(this, 0, runProperties);
	const choice = <T extends string>(path: string, allowed: readonly T[], fallback: T): T => {
		const value = read.text(path, { trim: true });
		if (value === undefined) return fallback;
		if ((allowed as readonly string[]).includes(value)) return value as T;
		throw fieldError(
			read.ctx,
			read.label(path),
			`must be one of ${allowed.join(', ')}, got ${JSON.stringify(value.slice(0, 40))}`,
			'Options apply to the whole run and are read from the first item.',
		);
	};
	const mode = choice<RepeatMode>(
		'options.repeatProtection',
		['retries', 'acrossExecutions', 'off'],
		this.getNode().typeVersion >= 3 ? 'retries' : 'off',
	);
	return {
		mode,
		scope:
			mode === 'acrossExecutions'
				? choice('options.repeatScope', ['node', 'workflow'] as const, 'node')
				: 'node',
		rememberRequests:
			read.integer('options.rememberRequests', { min: 1, max: MAX_REMEMBERED_REQUESTS }) ??
			DEFAULT_REMEMBERED_REQUESTS,
		ifUnknown: choice<IfUnknown>(
			'options.ifOutcomeUnknown',
			['fail', 'passThrough', 'sendAgain'],
			'fail',
		),
		forgetToken: read.text('options.forgetLedger', { trim: true }) || undefined,
	};
}

/** One item's Repeat Key (Across Executions), or undefined when none is set. */
export function repeatKeyOf(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const read = new ItemReader(this, itemIndex, runProperties);
	return read.text('options.repeatKey', { trim: true, maxLength: 10_000 }) || undefined;
}
