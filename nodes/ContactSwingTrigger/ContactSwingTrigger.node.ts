import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readTextList } from '../ContactSwing/shared/input/rules';
import type { OperationScope } from '../ContactSwing/shared/http/transport';
import { Accounts, apiRequest, CREDENTIAL_TYPE } from '../ContactSwing/shared/http/transport';
import type { PageAnswer, PageFetcher } from './listReader';
import { runPoll, PER_PAGE } from './pollLogic';
import type { EventName, PollState } from './pollState';
import { isAfterPause } from './pause';
import { releaseLock, takeLock } from './pollLock';
import type { Binding, StoredData } from './storedState';
import { loadState, storeState } from './storedState';

/**
 * ContactSwing Trigger: a polling trigger over the two documented lists, GET /v2/_calls (page
 * get-calls-list; 30 requests a minute) and GET /v2/_customers (customers-get). ContactSwing documents no
 * outbound webhooks. What a poll reads and decides is in pollLogic.ts; which state it starts from and how
 * its state is kept in static data, in storedState.ts. This file wires them to n8n: a lock against
 * overlapping polls, a time bound per poll, and the shared transport for every request.
 */

/** The list each event reads. */
const LIST_PATHS: Record<EventName, string> = {
	newCall: '/v2/_calls',
	callStatusChanged: '/v2/_calls',
	newCustomer: '/v2/_customers',
};

/**
 * A poll ends well within the shortest interval n8n allows (one minute), so the next tick never finds it
 * still running: n8n offers getPollBudgetMs() (36 s under its durable scheduler; 5 minutes otherwise) and
 * the trigger takes the smaller of that and its own bound.
 */
const POLL_BOUND_MS = 40_000;
/** A request is not started with less time left than this. */
const MIN_REQUEST_MS = 2_000;
/** Longest wait for one answer within a poll (the action node's default is 30 s). */
const POLL_TIMEOUT_MS = 15_000;
/** The lock outlives its poll's bound by this much; past it the lock was left by a crash. */
const LOCK_MARGIN_MS = 20_000;

const statusesField: INodeProperties = {
	displayName: 'Only These Statuses',
	name: 'statuses',
	type: 'string',
	default: '',
	placeholder: 'e.g. completed, no-answer',
	description:
		'Fire only when the new status is one of these, comma-separated; empty for every change. ContactSwing does not list its statuses: copy them from a call record.',
	displayOptions: { show: { event: ['callStatusChanged'] } },
};

export class ContactSwingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ContactSwing Trigger',
		name: 'contactSwingTrigger',
		icon: { light: 'file:contactSwing.svg', dark: 'file:contactSwing.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle:
			'={{ {"newCall":"New call","callStatusChanged":"Call status changed","newCustomer":"New customer"}[$parameter["event"]] }}',
		description:
			'Starts the workflow when a ContactSwing call appears or changes status, or a customer appears',
		defaults: { name: 'ContactSwing Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'contactSwingApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Call Status Changed',
						value: 'callStatusChanged',
						description:
							'A call now has another status (e.g. it was completed), or appears already in it (previous_status: null)',
					},
					{ name: 'New Call', value: 'newCall', description: 'A call ID not seen before' },
					{
						name: 'New Customer',
						value: 'newCustomer',
						description: 'A customer ID not seen before',
					},
				],
				default: 'newCall',
			},
			statusesField,
			{
				displayName: 'When Published Again After a Pause',
				name: 'afterPause',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Catch Up',
						value: 'catchUp',
						description:
							'Emit what appeared while the workflow was unpublished, as after a restart',
					},
					{
						name: 'Start From Now',
						value: 'startFromNow',
						description: 'Emit only what appears from publishing on',
					},
				],
				default: 'startFromNow',
				description:
					'A pause: the trigger last polled longer ago than twice its poll interval when the workflow is published again. After an n8n restart it always catches up.',
				displayOptions: { show: { '@version': [{ _cnd: { gte: 2 } }] } },
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as EventName;
		const path = LIST_PATHS[event];
		const scope: OperationScope = { accounts: new Accounts() };

		if (this.getMode() === 'manual') {
			// Fetch Test Event: the first record of the list, so fields can be mapped; nothing is recorded.
			const first = await fetchPage.call(this, path, 1, PER_PAGE, scope);
			const record = first.records[0];
			return record ? [[{ json: { event, ...record } }]] : null;
		}

		const stored = this.getWorkflowStaticData('node') as StoredData;
		const startedAt = Date.now();
		const boundMs = pollBoundMs.call(this);
		const attemptedAt = stored.attemptedAt;
		// Kept even if this poll fails (the default scheduler's static data is live): a failing poll is no pause.
		if (this.getActivationMode() === 'activate') stored.attemptedAt = startedAt;
		const owner = `${startedAt}-${Math.random().toString(36).slice(2)}`;
		const lock = takeLock(stored, owner, startedAt, boundMs + LOCK_MARGIN_MS);
		if (lock === 'held') {
			this.logger.warn(
				'ContactSwing Trigger: the previous poll is still running, so this one was skipped; it will catch up.',
			);
			return null;
		}
		if (lock === 'overdue')
			this.logger.warn('ContactSwing Trigger: took over a lock no running poll holds.');
		try {
			const binding = await bindingOf.call(this, event, scope);
			const global = this.getWorkflowStaticData('global');
			const nodeId = this.getNode().id;
			const loaded = loadState({
				stored,
				global,
				nodeId,
				binding,
				attemptedAt,
				startFromNow: (lastPollAt) => startsFromNow.call(this, lastPollAt, startedAt),
			});
			for (const note of loaded.notes) this.logger.warn(`ContactSwing Trigger: ${note}`);
			const result = await runPoll(plainCopy(loaded.state), {
				event,
				wanted: wantedStatuses.call(this),
				fetch: pageFetcher.call(this, path, scope, startedAt + boundMs),
			});
			for (const warning of result.warnings) this.logger.warn(`ContactSwing Trigger: ${warning}`);
			// The new state replaces the old one only here, once the poll has completed.
			if (result.state !== undefined) {
				const saved = { poll: result.state, boundTo: binding, polledAt: startedAt };
				storeState({ stored, global, nodeId, saved, freshBaseline: loaded.state === undefined });
			}
			if (result.events.length === 0) return null;
			return [result.events.map((record) => ({ json: { event, ...record } }))];
		} finally {
			releaseLock(stored, owner);
		}
	}
}

/** How long this poll may take: n8n's poll budget, at most POLL_BOUND_MS. */
function pollBoundMs(this: IPollFunctions): number {
	const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : 0;
	return Math.min(POLL_BOUND_MS, budget > 0 ? budget : POLL_BOUND_MS);
}

/** What the state is built for: the event, the credential's (checked) Base URL and n8n's credential ID. */
async function bindingOf(
	this: IPollFunctions,
	event: EventName,
	scope: OperationScope,
): Promise<Binding> {
	const account = await scope.accounts?.forItem(this);
	return {
		event,
		baseUrl: account?.connection.baseUrl ?? '',
		credential: String(this.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? ''),
	};
}

/** Version 2 with Start From Now, after a pause (pause.ts): a new baseline instead of catching up. */
function startsFromNow(this: IPollFunctions, lastPollAt: number | undefined, now: number): boolean {
	if (this.getNode().typeVersion < 2) return false;
	if (this.getNodeParameter('afterPause', 'startFromNow') !== 'startFromNow') return false;
	const pollTimes = this.getNodeParameter('pollTimes', {});
	return isAfterPause({ activation: this.getActivationMode(), lastPollAt, now, pollTimes });
}

/** Only These Statuses, as a set (empty: every change). */
function wantedStatuses(this: IPollFunctions): Set<string> {
	const value = this.getNodeParameter('statuses', '');
	const ctx = { node: this.getNode(), itemIndex: 0 };
	return new Set(readTextList(ctx, statusesField.displayName, value));
}

/**
 * The pages of the list, each through the shared transport, within the poll's time: each request's timeout
 * and rate-limit wait are cut to the time left; a 429 or 503 longer than that ends the poll early ('stop').
 */
function pageFetcher(
	this: IPollFunctions,
	path: string,
	scope: OperationScope,
	deadline: number,
): PageFetcher {
	return async (page, perPage) => {
		const left = deadline - Date.now();
		if (left < MIN_REQUEST_MS) return 'stop';
		const timeoutMs = Math.min(POLL_TIMEOUT_MS, left);
		scope.policy = { timeoutMs, maxRetryWaitMs: Math.max(0, left - timeoutMs) };
		const answer = await fetchPage.call(this, path, page, perPage, scope).then(
			(read) => ({ read }),
			(error: unknown) => ({ error }),
		);
		if ('read' in answer) return answer.read;
		// Rate limited for longer than this poll may wait: the next poll carries on.
		const httpCode = (answer.error as { httpCode?: unknown }).httpCode;
		if (httpCode === '429' || httpCode === '503') return 'stop';
		// The transport's own error (NodeApiError / NodeOperationError), as it is.
		throw answer.error;
	};
}

/** A plain copy: n8n hands static data over as proxies (which structuredClone refuses). */
function plainCopy(state: PollState | undefined): PollState | undefined {
	if (state === undefined) return undefined;
	const copy: PollState = JSON.parse(JSON.stringify(state));
	return copy;
}

/** One page of a documented list, through the same transport (and rate-limit handling) as the action node. */
async function fetchPage(
	this: IPollFunctions,
	path: string,
	page: number,
	perPage: number,
	scope: OperationScope,
): Promise<PageAnswer> {
	const response = await apiRequest.call(
		this,
		{ method: 'GET', path, qs: { page, per_page: perPage }, idempotent: true },
		scope,
	);
	// The documented list envelope: data.data[] plus pagination { current_page, per_page, total_records }.
	const data = (response.data ?? {}) as IDataObject;
	const pagination = (data.pagination ?? {}) as IDataObject;
	const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
	return {
		records: (Array.isArray(data.data) ? data.data : []) as IDataObject[],
		perPage: number(pagination.per_page),
		total: number(pagination.total_records),
	};
}
