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

/**
 * ContactSwing Trigger: a polling trigger over the two documented lists, GET /v2/_calls (pages
 * get-calls-list; 30 requests a minute) and GET /v2/_customers (customers-get). ContactSwing documents no
 * outbound webhooks. Each poll reads pages from the first; what was seen is kept in the workflow's static
 * data, bounded (see SEEN_LIMIT), and the first poll of an activation only records a baseline.
 */

type EventName = 'newCall' | 'callStatusChanged' | 'newCustomer';

const EVENTS: Record<EventName, { path: string; what: string }> = {
	newCall: { path: '/v2/_calls', what: 'call' },
	callStatusChanged: { path: '/v2/_calls', what: 'call' },
	newCustomer: { path: '/v2/_customers', what: 'customer' },
};

/** Records per page: the most the calls list documents (per_page 1–100). */
const PER_PAGE = 100;
/** Pages one poll reads at most: 1,000 records, 10 of the calls list's 30 requests a minute. */
export const MAX_PAGES_PER_POLL = 10;
/** IDs (and call statuses) remembered; past this the oldest are forgotten. */
export const SEEN_LIMIT = 10_000;

/** What the trigger keeps between polls, in the workflow's static data. */
interface PollState {
	/** IDs seen, oldest first. */
	seen?: string[];
	/** Last status seen per call ID (Call Status Changed). */
	statuses?: Record<string, string>;
	/** total_records the list reported at the last poll. */
	total?: number;
	/** Where new records turned up: at the start of the list (assumed) or at its end. */
	order?: 'newest-first' | 'oldest-first';
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
						description: 'A known call now has another status (e.g. it was completed)',
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
			const first = await readListPage.call(this, path, 1, scope);
			const record = first.records[0];
			return record ? [[{ json: { event, ...record } }]] : null;
		}

		const state = this.getWorkflowStaticData('node') as PollState;
		const isBaseline = state.seen === undefined;
		const seen = new Set(state.seen ?? []);
		const statuses = state.statuses ?? {};
		const wanted = new Set(
			readTextList(
				{ node: this.getNode(), itemIndex: 0 },
				'Only These Statuses',
				this.getNodeParameter('statuses', ''),
			),
		);
		const events: IDataObject[] = [];
		let newFound = 0;

		/** Reads one page and notes what is new or changed; true when it held anything new or changed. */
		const scan = (records: IDataObject[]): boolean => {
			let news = false;
			for (const record of records) {
				const id = record.id === undefined || record.id === null ? '' : String(record.id);
				if (id === '') continue;
				const status = record.status === undefined ? undefined : String(record.status);
				if (!seen.has(id)) {
					seen.add(id);
					newFound++;
					news = true;
					if (status !== undefined) statuses[id] = status;
					if (!isBaseline && event !== 'callStatusChanged') events.push({ event, ...record });
				} else if (
					event === 'callStatusChanged' &&
					status !== undefined &&
					statuses[id] !== status
				) {
					const previous = statuses[id];
					statuses[id] = status;
					news = true;
					if (!isBaseline && (wanted.size === 0 || wanted.has(status))) {
						events.push({ event, previous_status: previous ?? null, ...record });
					}
				}
			}
			return news;
		};

		// Page 1 first: it tells the list's size. The order of the list is not documented: new records are
		// looked for from the end the list grows at, newest first unless a poll found them at the end.
		const first = await readListPage.call(this, path, 1, scope);
		const total = first.totalRecords;
		const lastPage = total === undefined ? undefined : Math.max(1, Math.ceil(total / PER_PAGE));
		const grewBy = total !== undefined && state.total !== undefined ? total - state.total : 0;
		const fromEnd = state.order === 'oldest-first' && lastPage !== undefined && lastPage > 1;
		let pageNews = scan(first.records);
		if (
			!fromEnd &&
			pageNews &&
			!isBaseline &&
			event !== 'callStatusChanged' &&
			(lastPage ?? 1) > 1
		) {
			state.order = 'newest-first';
		}
		let hasNext = first.hasNext;
		let read = 1;
		let page = fromEnd ? (lastPage as number) + 1 : 1;
		let step = fromEnd ? -1 : 1;
		while (read < MAX_PAGES_PER_POLL) {
			const lookingForNew = event !== 'callStatusChanged' && !isBaseline;
			// Everything the list grew by has been found (or nothing new turns up any more): done.
			if (lookingForNew && newFound >= grewBy && (grewBy > 0 || !pageNews)) break;
			if (
				lookingForNew &&
				!pageNews &&
				step === 1 &&
				page === 1 &&
				lastPage !== undefined &&
				lastPage > 2
			) {
				// Nothing new on page 1 although the list grew: the new records are at the other end.
				page = lastPage + 1;
				step = -1;
			}
			page += step;
			if (step === 1 && !hasNext) break;
			if (page < 2 || (lastPage !== undefined && page > lastPage)) break;
			const next = await readListPage.call(this, path, page, scope);
			read++;
			hasNext = next.hasNext;
			pageNews = scan(next.records);
			if (pageNews && step === -1 && lookingForNew) state.order = 'oldest-first';
		}

		state.seen = [...seen].slice(-SEEN_LIMIT);
		const kept = new Set(state.seen);
		state.statuses = Object.fromEntries(Object.entries(statuses).filter(([id]) => kept.has(id)));
		state.total = total;
		return events.length > 0 ? [events.map((json) => ({ json }))] : null;
	}
}

/** One page of a documented list, through the same transport (and rate-limit handling) as the action node. */
async function readListPage(
	this: IPollFunctions,
	path: string,
	page: number,
	scope: OperationScope,
): Promise<{ records: IDataObject[]; hasNext: boolean; totalRecords?: number }> {
	const response = await apiRequest.call(
		this,
		{ method: 'GET', path, qs: { page, per_page: PER_PAGE }, idempotent: true },
		scope,
	);
	const { records, hasNext } = readPage(response, page, PER_PAGE);
	const pagination = ((response.data as IDataObject | undefined)?.pagination ?? {}) as IDataObject;
	const totalRecords =
		typeof pagination.total_records === 'number' ? pagination.total_records : undefined;
	return { records, hasNext, totalRecords };
}
