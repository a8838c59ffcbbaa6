import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readTextList } from '../ContactSwing/shared/input/rules';
import { readPage } from '../ContactSwing/shared/operations/list';
import type { OperationScope } from '../ContactSwing/shared/http/transport';
import { Accounts, apiRequest } from '../ContactSwing/shared/http/transport';
import type { PageAnswer, PageReader, PollLock, PollState } from './pollLogic';
import { PER_PAGE, releaseLock, runPoll, takeLock } from './pollLogic';

/**
 * ContactSwing Trigger: a polling trigger over the two documented lists, GET /v2/_calls (pages
 * get-calls-list; 30 requests a minute) and GET /v2/_customers (customers-get). ContactSwing documents no
 * outbound webhooks. What a poll reads and decides is in pollLogic.ts; this file wires it to n8n: the
 * state in the workflow's static data (replaced only when a poll completes), a lock against overlapping
 * polls, a time bound per poll, and the shared transport for every request.
 */

type EventName = 'newCall' | 'callStatusChanged' | 'newCustomer';

const EVENTS: Record<EventName, { path: string; what: string }> = {
	newCall: { path: '/v2/_calls', what: 'call' },
	callStatusChanged: { path: '/v2/_calls', what: 'call' },
	newCustomer: { path: '/v2/_customers', what: 'customer' },
};

/**
 * A poll ends well within the shortest interval n8n allows (one minute), so the next tick never finds it
 * still running: n8n offers getPollBudgetMs() (36 s under its durable scheduler; 5 minutes otherwise) and
 * the trigger takes the smaller of that and its own bound.
 */
export const POLL_BOUND_MS = 40_000;
/** A request is not started with less time left than this. */
const MIN_REQUEST_MS = 2_000;
/** Longest wait for one answer within a poll (the action node's default is 30 s). */
const POLL_TIMEOUT_MS = 15_000;
/** The lock outlives its poll's bound by this much; past it the lock was left by a crash. */
const LOCK_MARGIN_MS = 20_000;

/**
 * The baseline an activation poll recorded, also kept in the workflow's global static data (by node ID).
 * Under n8n's durable scheduler the activation poll's node state is never committed (n8n runs it as a
 * test), but the workflow's static data is saved after activation: the first scheduled poll starts from
 * this baseline instead of recording its own, so a record that appears in between is not missed.
 */
interface ActivationBaseline {
	event: EventName;
	state: PollState;
}
const BASELINES_KEY = 'contactSwingTriggerBaselines';

/** What the trigger keeps in the workflow's static data. */
interface StoredData {
	/** The poll model's state (pollLogic.ts), replaced as a whole when a poll completes. */
	poll?: PollState;
	lock?: PollLock;
	/** Keys of the trigger before 0.3 (a list of IDs from page 1 on); replaced by a new baseline. */
	seen?: unknown;
	statuses?: unknown;
	total?: unknown;
	order?: unknown;
}

export class ContactSwingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'ContactSwing Trigger',
		name: 'contactSwingTrigger',
		icon: { light: 'file:contactSwing.svg', dark: 'file:contactSwing.dark.svg' },
		group: ['trigger'],
		version: 1,
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
			{
				displayName: 'Only These Statuses',
				name: 'statuses',
				type: 'string',
				default: '',
				placeholder: 'e.g. completed, no-answer',
				description:
					'Fire only when the new status is one of these, comma-separated; empty for every change. ContactSwing does not list its statuses: copy them from a call record.',
				displayOptions: { show: { event: ['callStatusChanged'] } },
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as EventName;
		const { path } = EVENTS[event];
		const scope: OperationScope = { accounts: new Accounts() };

		if (this.getMode() === 'manual') {
			// Fetch Test Event: the first record of the list, so fields can be mapped; nothing is recorded.
			const first = await readListPage.call(this, path, 1, PER_PAGE, scope);
			const record = first.records[0];
			return record ? [[{ json: { event, ...record } }]] : null;
		}

		const stored = this.getWorkflowStaticData('node') as StoredData;
		const startedAt = Date.now();
		const budget =
			typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : POLL_BOUND_MS;
		const boundMs = Math.min(POLL_BOUND_MS, budget > 0 ? budget : POLL_BOUND_MS);
		const deadline = startedAt + boundMs;
		const owner = `${startedAt}-${Math.random().toString(36).slice(2)}`;
		if (!takeLock(stored, owner, startedAt, boundMs + LOCK_MARGIN_MS)) {
			this.logger.warn(
				'ContactSwing Trigger: the previous poll is still running, so this one was skipped; it will catch up.',
			);
			return null;
		}
		try {
			const wanted = new Set(
				readTextList(
					{ node: this.getNode(), itemIndex: 0 },
					'Only These Statuses',
					this.getNodeParameter('statuses', ''),
				),
			);
			const readPage: PageReader = async (page, perPage) => {
				const left = deadline - Date.now();
				if (left < MIN_REQUEST_MS) return 'stop';
				// Waiting for a rate limit or an answer may not take the poll past its bound.
				const timeoutMs = Math.min(POLL_TIMEOUT_MS, left);
				scope.policy = { timeoutMs, maxRetryWaitMs: Math.max(0, left - timeoutMs) };
				const answer = await readListPage.call(this, path, page, perPage, scope).then(
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
			const global = this.getWorkflowStaticData('global');
			const baselines = (global[BASELINES_KEY] ?? {}) as Record<string, ActivationBaseline>;
			const nodeId = this.getNode().id;
			const own = stored.poll?.v === 2 ? stored.poll : undefined;
			const stashed = baselines[nodeId]?.event === event ? baselines[nodeId].state : undefined;
			const result = await runPoll(own ?? stashed, { event, wanted, readPage });
			for (const warning of result.warnings) this.logger.warn(`ContactSwing Trigger: ${warning}`);
			// The new state replaces the old one only here, once the poll has completed.
			if (result.state !== undefined) {
				stored.poll = result.state;
				delete stored.seen;
				delete stored.statuses;
				delete stored.total;
				delete stored.order;
				if (own === undefined && stashed === undefined) {
					global[BASELINES_KEY] = { ...baselines, [nodeId]: { event, state: result.state } };
				} else if (own !== undefined && baselines[nodeId] !== undefined) {
					// The node's own state is kept: the activation baseline is no longer needed.
					const others = { ...baselines };
					delete others[nodeId];
					global[BASELINES_KEY] = others;
				}
			}
			if (result.events.length === 0) return null;
			return [result.events.map((record) => ({ json: { event, ...record } }))];
		} finally {
			releaseLock(stored, owner);
		}
	}
}

/** One page of a documented list, through the same transport (and rate-limit handling) as the action node. */
async function readListPage(
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
	const { records } = readPage(response, page, perPage);
	const pagination = ((response.data as IDataObject | undefined)?.pagination ?? {}) as IDataObject;
	const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
	return {
		records,
		perPage: number(pagination.per_page),
		total: number(pagination.total_records),
	};
}
