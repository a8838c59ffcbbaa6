import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ACTION_TRIGGER_HEADER, headerValue } from '../ContactSwing/resources/action/triggerSecret';
import {
	actionWriterKey,
	answeredAction,
	oneWriterPerAction,
	writableAction,
} from '../ContactSwing/resources/action/writeBack';
import type { RequestScope } from '../ContactSwing/shared/http';
import { Accounts, apiRequest } from '../ContactSwing/shared/http';
import { unreachableBecause } from './reachable';
import { isSecret, newSecret, servingTriggerOf } from './secret';

/**
 * What n8n's webhook lifecycle does with the action (n8n calls these on publish, on unpublish, and around
 * the editor's "Listen for test event"):
 * - checkExists: whether the action points at this trigger (its URL, POST, this trigger's secret);
 * - create: keep the action's webhook url, method and headers in the workflow's static data, then point it
 *   here with the secret header; nothing else in the action changes (read as it is stored, sent back as
 *   read: writeBack.ts);
 * - delete: put the kept settings back, if the action still carries this trigger's secret; keep them until
 *   that succeeds, and try again on every later publish, unpublish or test.
 * ContactSwing being briefly unreachable must not undo a publish: n8n calls delete whenever checkExists or
 * create throws (also at start-up, while the workflow stays published), so checkExists answers "still
 * here" on a transient failure when static data says the action points here.
 */

/** The method the trigger listens on, set as the action's webhook method. */
export const TRIGGER_METHOD = 'POST';

/** The webhook settings the trigger changes, and so keeps and restores. */
const CHANGED_KEYS = ['url', 'method', 'headers'];

/** Publishing waits for these requests: shorter than a node run's (30 s answer, 2 min of retries). */
const LIFECYCLE_POLICY = { timeoutMs: 15_000, maxRetryWaitMs: 5_000 };

/** One action this trigger points at itself (or did, and has not restored yet). */
export interface Served {
	actionId: string;
	/** The secret header's value it set (secret.ts). */
	secret: string;
	/** The URL it set. */
	url: string;
	/** The action's webhook url, method and headers before, as read; a key it did not have is absent. */
	previous: IDataObject;
}

/** The node's static data: what it serves, by action ID. */
interface TriggerState {
	served?: Record<string, Served>;
}

type Ctx = IHookFunctions | IWebhookFunctions;

/** What the node serves, as kept; read-only unless `keep` (then created when absent). */
export function servedActions(ctx: Ctx, keep = false): Record<string, Served> {
	const state = ctx.getWorkflowStaticData('node') as TriggerState;
	if (!keep) return state.served ?? {};
	state.served ??= {};
	return state.served;
}

/** The Action parameter, checked as an ID that cannot change the request path. */
export function actionIdOf(ctx: Ctx): string {
	const value = ctx.getNodeParameter('actionId', undefined, { extractValue: true });
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	// Kept by ID in static data: nothing that would name an object's own properties there.
	const reserved = ['__proto__', 'constructor', 'prototype'].includes(id);
	if (id === '' || id === '.' || id === '..' || reserved || /[/\\?#\s]/.test(id)) {
		throw new NodeOperationError(ctx.getNode(), 'Action is not a ContactSwing action ID', {
			description: 'Pick the webhook action From List, or paste its ID (By ID).',
		});
	}
	return id;
}

function webhookUrlOf(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave this trigger no webhook URL');
	return url;
}

/** The action's webhook object ({} when it has none). */
function webhookOf(action: IDataObject): IDataObject {
	const webhook = action.webhook;
	return webhook && typeof webhook === 'object' && !Array.isArray(webhook)
		? (webhook as IDataObject)
		: {};
}

/**
 * `webhook` with url, method and headers set to `values`, each where it stood, a key missing from
 * `values` removed, and keys it did not have added at the end: restoring after publishing gives back the
 * object as it was, key order included.
 */
function withSettings(webhook: IDataObject, values: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(webhook)) {
		if (!CHANGED_KEYS.includes(key)) result[key] = value;
		else if (key in values) result[key] = values[key];
	}
	for (const key of CHANGED_KEYS) if (key in values && !(key in result)) result[key] = values[key];
	return result;
}

/**
 * The headers ContactSwing sends while the trigger serves the action: the secret, and the action's own
 * Content-Type (it describes the body ContactSwing sends) or ContactSwing's example, application/json.
 * The action's other headers (often a key for the previous endpoint) are kept aside, not sent to n8n.
 */
function servingHeaders(previous: unknown, secret: string): IDataObject {
	const own =
		previous && typeof previous === 'object' && !Array.isArray(previous)
			? Object.keys(previous).find((key) => key.toLowerCase() === 'content-type')
			: undefined;
	const contentType = own
		? { [own]: (previous as IDataObject)[own] }
		: { 'Content-Type': 'application/json' };
	return { ...contentType, [ACTION_TRIGGER_HEADER]: secret };
}

function actionPath(actionId: string): string {
	return `/v2/_actions/${encodeURIComponent(actionId)}`;
}

/**
 * The credential's account (checked), a request scope with the lifecycle's shorter policy, and the key under
 * which writes of one action of this account queue (`oneWriterPerAction`, shared with Update Action: an Update
 * Action of the same action while this trigger publishes neither puts the old webhook back nor is undone).
 */
async function connect(
	ctx: IHookFunctions,
): Promise<{ scope: RequestScope; baseUrl: string; writerKey: (actionId: string) => string }> {
	const accounts = new Accounts();
	const { connection } = await accounts.forItem(ctx);
	return {
		scope: { accounts, policy: LIFECYCLE_POLICY },
		baseUrl: connection.baseUrl,
		writerKey: (actionId) => actionWriterKey(connection, actionId),
	};
}

function httpCodeOf(error: unknown): number | undefined {
	const raw = (error as { httpCode?: unknown })?.httpCode;
	const code = raw === null || raw === undefined || raw === '' ? NaN : Number(raw);
	return Number.isInteger(code) ? code : undefined;
}

/** Worth trying again later: ContactSwing unreachable, overloaded or rate-limiting; not a refusal. */
function isTransient(error: unknown): boolean {
	const code = httpCodeOf(error);
	if (code === undefined) return (error as { name?: string })?.name === 'NodeApiError';
	return code === 429 || code >= 500;
}

/** A request's outcome as a value: the transport's errors are NodeApiError / NodeOperationError already. */
async function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
	return await promise.then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
}

function messageOf(error: unknown): string {
	return String((error as { message?: unknown })?.message ?? error);
}

/**
 * The action as ContactSwing stores it (read for write-back: never redacted), checked to be the action
 * asked for; undefined when ContactSwing has no such action.
 */
async function readAction(
	ctx: IHookFunctions,
	actionId: string,
	scope: RequestScope,
): Promise<IDataObject | undefined> {
	const read = await settle(
		apiRequest.call(
			ctx,
			{ method: 'GET', path: actionPath(actionId), idempotent: true, forWriteBack: true },
			scope,
		),
	);
	if ('error' in read) {
		if (httpCodeOf(read.error) === 404) return undefined;
		throw read.error;
	}
	const { action, problem } = answeredAction(read.value, actionId);
	if (!action) {
		throw new NodeOperationError(
			ctx.getNode(),
			`ContactSwing's answer for action ${actionId} cannot be used: ${problem}`,
			{ description: 'Nothing was changed. Try again; if it persists, contact ContactSwing.' },
		);
	}
	return action;
}

function label(action: IDataObject, actionId: string): string {
	return typeof action.name === 'string' && action.name !== ''
		? `“${action.name.slice(0, 80)}” (${actionId})`
		: actionId;
}

async function writeAction(
	ctx: IHookFunctions,
	actionId: string,
	body: IDataObject,
	scope: RequestScope,
): Promise<void> {
	await apiRequest.call(
		ctx,
		{ method: 'PUT', path: actionPath(actionId), body, idempotent: true },
		scope,
	);
}

/**
 * Puts an action's kept settings back if it still carries this trigger's secret, and forgets them once
 * that is done or nothing is left to do (the action is gone or no longer points here). Never throws: a
 * failure is logged and the settings stay kept, for the next lifecycle call. Read and written as the one
 * writer of that action (`writerKey`) in this n8n process.
 */
async function restore(
	ctx: IHookFunctions,
	served: Record<string, Served>,
	entry: Served,
	scope: RequestScope,
	writerKey: (actionId: string) => string,
): Promise<boolean> {
	return await oneWriterPerAction(writerKey(entry.actionId), async () =>
		restoreNow(ctx, served, entry, scope),
	);
}

/** `restore` for a caller that is already the action's one writer. */
async function restoreNow(
	ctx: IHookFunctions,
	served: Record<string, Served>,
	entry: Served,
	scope: RequestScope,
): Promise<boolean> {
	const { actionId } = entry;
	try {
		const action = await readAction(ctx, actionId, scope);
		if (!action) {
			ctx.logger.info(
				`ContactSwing Action Trigger: action ${actionId} no longer exists; nothing to restore`,
			);
		} else if (
			!isSecret(headerValue(webhookOf(action).headers, ACTION_TRIGGER_HEADER), entry.secret)
		) {
			ctx.logger.info(
				`ContactSwing Action Trigger: action ${actionId} no longer points at this workflow, so its webhook settings were left as they are`,
			);
		} else {
			const body = writableAction(action);
			body.webhook = withSettings(webhookOf(body), entry.previous);
			await writeAction(ctx, actionId, body, scope);
		}
		delete served[actionId];
		return true;
	} catch (error) {
		ctx.logger.warn(
			`ContactSwing Action Trigger: could not restore the webhook settings of action ${actionId} (${messageOf(error)}). They stay in this workflow's static data and are restored on its next publish, unpublish or test; to restore by hand, see the ContactSwing Action Trigger docs.`,
		);
		return false;
	}
}

/** Restores of actions this node no longer serves that failed before: tried again on every call. */
async function retryPendingRestores(
	ctx: IHookFunctions,
	current: string | undefined,
	scope: RequestScope,
	writerKey: (actionId: string) => string,
): Promise<void> {
	const served = servedActions(ctx);
	for (const entry of Object.values(served))
		if (entry.actionId !== current) await restore(ctx, served, entry, scope, writerKey);
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const actionId = actionIdOf(this);
	const url = webhookUrlOf(this);
	const { scope, writerKey } = await connect(this);
	await retryPendingRestores(this, actionId, scope, writerKey);
	const entry = servedActions(this)[actionId];
	// Nothing pointed from here (a first publish; every test listen): create reads the action itself.
	if (!entry) return false;
	const read = await settle(readAction(this, actionId, scope));
	if ('error' in read) {
		if (isTransient(read.error) && entry.url === url) {
			this.logger.warn(
				`ContactSwing Action Trigger: ContactSwing could not be reached to check action ${actionId} (${messageOf(read.error)}); it pointed at this workflow when last checked, so the workflow stays published`,
			);
			return true;
		}
		throw read.error;
	}
	const action = read.value;
	if (!action) return false;
	const webhook = webhookOf(action);
	return (
		webhook.url === url &&
		String(webhook.method).toUpperCase() === TRIGGER_METHOD &&
		isSecret(headerValue(webhook.headers, ACTION_TRIGGER_HEADER), entry.secret)
	);
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const actionId = actionIdOf(this);
	const url = webhookUrlOf(this);
	const testing = this.getMode() === 'manual';
	const { scope, baseUrl, writerKey } = await connect(this);
	const unreachable = unreachableBecause(url, baseUrl);
	if (unreachable) {
		throw new NodeOperationError(
			this.getNode(),
			`This trigger's webhook URL ${url} ${unreachable}, so ContactSwing could not call it: set WEBHOOK_URL to this n8n's public https address`,
			{
				description:
					'n8n builds webhook URLs from the WEBHOOK_URL environment variable (without it: http://localhost:5678/). Set it to the public https address of this n8n (e.g. https://n8n.example.com/), restart n8n, then publish again.',
			},
		);
	}
	await retryPendingRestores(this, actionId, scope, writerKey);
	// Read, decided and written as the action's one writer: nothing else in this process changes it between.
	return await oneWriterPerAction(writerKey(actionId), async () => {
		const action = await readAction(this, actionId, scope);
		if (!action) {
			throw new NodeOperationError(this.getNode(), `ContactSwing has no action ${actionId}`, {
				description:
					'Pick the action From List, or check its ID and that the credential is for the account that has it.',
			});
		}
		if (action.type !== 'WEBHOOK') {
			throw new NodeOperationError(
				this.getNode(),
				`Action ${label(action, actionId)} is a ${String(action.type)} action, not a Webhook / API Call action`,
				{
					description:
						'An agent calls a URL only through a Webhook / API Call action. Pick one (From List shows only those), or create one with the ContactSwing node’s Create Action and add it to the agent’s Action IDs.',
				},
			);
		}
		const webhook = webhookOf(action);
		const present = headerValue(webhook.headers, ACTION_TRIGGER_HEADER);
		const served = servedActions(this, true);
		const kept = served[actionId];
		const ours = kept !== undefined && isSecret(present, kept.secret);
		if (present !== undefined && !ours) throw refusal(this, action, actionId, present, testing);

		// Kept before the write: if the write lands but its answer is lost, delete can still restore.
		const entry: Served = ours
			? { ...kept, url }
			: {
					actionId,
					secret: newSecret(this.getWorkflow().id ?? '', this.getNode().id),
					url,
					previous: Object.fromEntries(
						CHANGED_KEYS.filter((key) => key in webhook).map((key) => [key, webhook[key]]),
					) as IDataObject,
				};
		served[actionId] = entry;
		const body = writableAction(action);
		body.webhook = withSettings(webhookOf(body), {
			url,
			method: TRIGGER_METHOD,
			headers: servingHeaders(entry.previous.headers, entry.secret),
		});
		const written = await settle(writeAction(this, actionId, body, scope));
		if ('error' in written) {
			// n8n drops what this call kept when it throws (it calls delete with the stored static data), so
			// the action is put back now if the write landed after all.
			if (!ours && !(await restoreNow(this, served, entry, scope))) {
				this.logger.warn(
					`ContactSwing Action Trigger: action ${actionId} may now point at ${url}; if it does, set its webhook URL back in ContactSwing`,
				);
			}
			throw written.error;
		}
		return true;
	});
}

/** Another workflow (or another secret) serves the action: never taken over. */
function refusal(
	ctx: IHookFunctions,
	action: IDataObject,
	actionId: string,
	present: unknown,
	testing: boolean,
): NodeOperationError {
	const owner = servingTriggerOf(present);
	const thisWorkflow = owner.workflowId !== undefined && owner.workflowId === ctx.getWorkflow().id;
	const otherNode = thisWorkflow && owner.nodeId !== ctx.getNode().id;
	const by =
		owner.workflowId === undefined
			? 'the ContactSwing Action Trigger of another n8n workflow (its header does not say which)'
			: otherNode
				? `another ContactSwing Action Trigger node of this workflow (${owner.workflowId})`
				: thisWorkflow
					? `the ContactSwing Action Trigger of this workflow (${owner.workflowId})`
					: `the ContactSwing Action Trigger of n8n workflow ${owner.workflowId}`;
	const handOver = `If no published workflow serves it any more (an unpublish could not reach ContactSwing), publish and unpublish that workflow again, or remove the ${ACTION_TRIGGER_HEADER} header from the action in ContactSwing and set its webhook URL back (see the ContactSwing Action Trigger docs).`;
	const description = testing
		? `Live calls are never diverted to a test listener: test with another webhook action linked to a test agent, or unpublish the workflow that serves this one. ${handOver}`
		: otherNode
			? `One action can be served by one trigger node only: pick another action for this node. ${handOver}`
			: thisWorkflow
				? `This workflow no longer holds the secret it set (its static data was reset, e.g. by importing it again, or a test listen could not restore the action). ${handOver}`
				: `Unpublish that workflow first (it then restores the action), or pick another action. ${handOver}`;
	return new NodeOperationError(
		ctx.getNode(),
		`Action ${label(action, actionId)} is already served by ${by}`,
		{ description },
	);
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const served = servedActions(this);
	const entries = Object.values(served);
	// Nothing kept (a test listen that was refused, a publish that failed): nothing to do, nothing sent.
	if (entries.length === 0) return true;
	let scope: RequestScope;
	let writerKey: (actionId: string) => string;
	try {
		({ scope, writerKey } = await connect(this));
	} catch (error) {
		this.logger.warn(
			`ContactSwing Action Trigger: the webhook settings of ${entries.map((entry) => `action ${entry.actionId}`).join(', ')} could not be restored (${messageOf(error)}); they stay in this workflow's static data`,
		);
		return false;
	}
	let restored = true;
	for (const entry of entries)
		restored = (await restore(this, served, entry, scope, writerKey)) && restored;
	return restored;
}
