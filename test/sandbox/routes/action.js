'use strict';
/** Actions: GET/POST /v2/_actions, GET/PUT /v2/_actions/{id}. */
const crypto = require('node:crypto');
const {
	E164,
	HttpFailure,
	unprocessable,
	badRequest,
	envelope,
	checkSchema,
} = require('../answers');

const ACTION_TYPES = [
	'WEBHOOK',
	'CALL_TRANSFER',
	'SINGLEDATAEXTRACTION',
	'SEND_EMAIL',
	'APPOINTMENT',
	'SHOPIFY',
	'AIRCALL',
	'SEND_SMS',
	'SEND_WHATSAPP',
	'DTMF_ACTION',
];

/** What each action type's page marks as required (API reference §5.2). */
function validateAction(body) {
	let problems = checkSchema(body, {
		name: ['string', true],
		type: ['string', true],
		action_timing: ['string', true],
		description: ['string', false],
		webhook: ['object', false],
	});
	if (problems.length) throw unprocessable(problems);
	if (!ACTION_TYPES.includes(body.type) || body.type === 'DTMF_ACTION')
		throw badRequest(`Invalid action type "${body.type}"`);
	// ASSUMED: timing is case-sensitive upper-case (§10-9).
	if (!['DURING', 'BEFORE', 'AFTER'].includes(body.action_timing))
		throw badRequest(`Invalid action_timing "${body.action_timing}"`);
	if (
		!['SHOPIFY', 'AIRCALL', 'SINGLEDATAEXTRACTION'].includes(body.type) &&
		typeof body.description !== 'string'
	) {
		throw unprocessable([[['description'], 'Field required', 'missing']]);
	}
	const need = (object, path, kind) => {
		const value = path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), object);
		const ok =
			kind === 'string'
				? typeof value === 'string' && value !== ''
				: kind === 'integer'
					? Number.isInteger(value)
					: Array.isArray(value) && value.length > 0;
		if (!ok) throw badRequest(`Invalid ${body.type} action: ${path} is required (${kind})`);
	};
	switch (body.type) {
		case 'WEBHOOK':
			need(body, 'webhook.url', 'string');
			need(body, 'webhook.method', 'string');
			break;
		case 'CALL_TRANSFER':
			need(body, 'phone_number', 'string');
			break;
		case 'SINGLEDATAEXTRACTION':
			// The page marks webhook required, although every field inside it is optional.
			if (!body.webhook || typeof body.webhook !== 'object')
				throw unprocessable([[['webhook'], 'Field required', 'missing']]);
			break;
		case 'SEND_EMAIL':
			need(body, 'email.to', 'string');
			break;
		case 'APPOINTMENT':
			need(body, 'webhook.email', 'string');
			need(body, 'webhook.type', 'string');
			need(body, 'webhook.user_id', 'string');
			if (!['google', 'outlook'].includes(body.webhook.type))
				throw badRequest('Invalid APPOINTMENT action: webhook.type must be google or outlook');
			break;
		case 'SHOPIFY':
			need(body, 'webhook.type', 'string');
			break;
		case 'AIRCALL':
			need(body, 'webhook.from', 'integer');
			need(body, 'webhook.to', 'integer');
			break;
		case 'SEND_SMS':
			need(body, 'sms.to.value', 'array');
			if (!body.sms.to.value.every((n) => E164.test(n)))
				throw badRequest('Invalid SEND_SMS action: sms.to.value must hold E.164 numbers');
			break;
		case 'SEND_WHATSAPP':
			need(body, 'webhook.to', 'string');
			need(body, 'webhook.from', 'string');
			need(body, 'webhook.template_name', 'string');
			break;
		default:
	}
}

function seedActions(count) {
	const types = ['WEBHOOK', 'CALL_TRANSFER', 'SEND_SMS', 'APPOINTMENT'];
	return Array.from({ length: count }, (_, i) => ({
		id: `a0000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
		name: `Sandbox action ${i + 1}`,
		type: types[i % types.length],
		is_active: true,
		webhook: {},
	}));
}

/** This resource's routes: [method, path pattern, handler(request)], over the sandbox's `state`. */
function routes(state, { listAnswer }) {
	function findAction(id) {
		const action = state.actions.find((a) => a.id === id);
		if (!action) throw new HttpFailure(404, { detail: 'Action not found' });
		return { company_id: 'c0mpany-0000-4000-8000-000000000001', description: '', ...action };
	}

	function createAction(req) {
		validateAction(req.body);
		const id = crypto.randomUUID();
		state.actions.push({ id, is_active: true, ...req.body });
		return [
			201,
			envelope({ action_id: id, name: req.body.name, type: req.body.type }, 'Action created'),
		];
	}

	function updateAction(req) {
		const action = findAction(req.match[1]);
		// The reference marks only name required on update (and sms.to.value for SMS actions).
		const problems = checkSchema(req.body, { name: ['string', true], type: ['string', false] });
		if (problems.length) throw unprocessable(problems);
		if (req.body.type !== undefined && !ACTION_TYPES.includes(req.body.type))
			throw badRequest(`Invalid action type "${req.body.type}"`);
		// ASSUMED: an update that would change the type is refused unless the sandbox is told to allow it, so a
		// type the user did not ask to change shows up as an error rather than as a silent 200.
		if (req.body.type !== undefined && req.body.type !== action.type && !state.allowTypeChange) {
			throw badRequest(
				`Changing the type of a ${action.type} action to ${req.body.type} is not allowed`,
			);
		}
		if ((req.body.type ?? action.type) === 'SEND_SMS' && !Array.isArray(req.body.sms?.to?.value)) {
			throw unprocessable([[['sms', 'to', 'value'], 'Field required', 'missing']]);
		}
		const stored = state.actions.find((a) => a.id === action.id);
		// The reference does not say whether PUT merges the fields sent or replaces the action: the
		// actionPut fault picks one ('merge' by default, 'replace' keeps only the ID and what was sent).
		if (state.faults.actionPut === 'replace') {
			for (const key of Object.keys(stored)) if (key !== 'id') delete stored[key];
		}
		Object.assign(stored, req.body);
		return envelope({ ...stored }, 'Action updated');
	}

	return [
		['GET', /^\/v2\/_actions$/, (req) => listAnswer('actions', req.query)],
		['POST', /^\/v2\/_actions$/, createAction],
		['GET', /^\/v2\/_actions\/([^/]+)$/, (req) => envelope(findAction(req.match[1]))],
		['PUT', /^\/v2\/_actions\/([^/]+)$/, updateAction],
	];
}

/**
 * Webhook actions and the agent that calls them: the ContactSwing Action Trigger's counterpart. Its control
 * routes serve a sandbox in another process (the e2e suites, the benchmarks).
 */
function webhookActions(state) {
	/**
	 * Adds a webhook (API) action as Create Action would store it, checked by the same rules
	 * ({ name, description?, url, method?, headers?, body?, required?, response?, ... } → the action record).
	 */
	function addWebhookAction({ id, name = 'Look up the caller', description, ...webhook } = {}) {
		const body = {
			name,
			type: 'WEBHOOK',
			action_timing: 'DURING',
			description: description ?? 'Look the caller up while you talk to them',
			webhook: { method: 'POST', ...webhook },
		};
		validateAction(body);
		const record = { id: id ?? crypto.randomUUID(), is_active: true, ...body };
		state.actions.push(record);
		return record;
	}

	/**
	 * Calls a webhook action as ContactSwing's agent would during a conversation (ASSUMED: the reference
	 * documents the action's settings, not the request the agent sends): the action's method and URL, its
	 * headers as stored, and a JSON body of the values the agent collected (`args`, e.g. the action's
	 * `required` fields). `headers` overrides the action's (null removes one), for callers without the
	 * secret. Records and returns the call: what was sent, the answer, and the milliseconds from sending the
	 * request to having read the whole answer (what the agent waits).
	 */
	async function callAgent(
		actionId,
		{ args = {}, headers: overrides = {}, timeoutMs = 30_000 } = {},
	) {
		const action = state.actions.find((a) => a.id === actionId);
		if (!action) throw new HttpFailure(404, { detail: 'Action not found' });
		const webhook = action.webhook ?? {};
		if (action.type !== 'WEBHOOK' || typeof webhook.url !== 'string')
			throw badRequest(`Action ${actionId} is not a webhook action with a URL`);
		const headers = { ...(webhook.headers ?? {}) };
		for (const [name, value] of Object.entries(overrides)) {
			for (const key of Object.keys(headers))
				if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
			if (value !== null) headers[name] = value;
		}
		const method = String(webhook.method ?? 'POST').toUpperCase();
		const call = { actionId, method, url: webhook.url, headers, args };
		const started = performance.now();
		try {
			const response = await fetch(webhook.url, {
				method,
				headers,
				body: method === 'GET' ? undefined : JSON.stringify(args),
				signal: AbortSignal.timeout(timeoutMs),
			});
			call.answer = await response.text();
			call.status = response.status;
			call.contentType = response.headers.get('content-type');
		} catch (error) {
			call.error = error.cause?.code ?? error.name;
		}
		call.ms = performance.now() - started;
		try {
			call.answerJson = JSON.parse(call.answer);
		} catch {
			// not JSON (or no answer): the text is in `answer`
		}
		state.agentCalls.push(call);
		return call;
	}

	/**
	 * Control routes for webhook actions: POST /__sandbox/actions (addWebhookAction),
	 * GET /__sandbox/actions/{id} (the action as stored), POST /__sandbox/agent/{id} ({ args, headers }:
	 * callAgent). Answers undefined for any other route.
	 */
	async function control(req, url, body) {
		if (url.pathname === '/__sandbox/actions' && req.method === 'POST')
			return addWebhookAction(body);
		const stored = /^\/__sandbox\/actions\/([^/]+)$/.exec(url.pathname);
		if (stored && req.method === 'GET')
			return state.actions.find((a) => a.id === decodeURIComponent(stored[1])) ?? null;
		const agent = /^\/__sandbox\/agent\/([^/]+)$/.exec(url.pathname);
		if (agent && req.method === 'POST') return callAgent(decodeURIComponent(agent[1]), body);
		return undefined;
	}

	return { addWebhookAction, callAgent, control };
}

module.exports = { routes, seedActions, validateAction, webhookActions };
