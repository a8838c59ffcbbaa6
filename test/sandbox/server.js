'use strict';
/**
 * ContactSwing sandbox: a local stand-in for the ContactSwing REST API, built from
 * ../shared/contactswing-api.md. It listens on 127.0.0.1 only, has no dependencies, and records every
 * request so tests can assert on exactly what the node sent. Behaviours the API reference does not
 * state are marked ASSUMED here and listed in docs/sandbox.md.
 */
const http = require('node:http');
const crypto = require('node:crypto');

const DEFAULT_TOKEN = 'sandbox-token';
const E164 = /^\+[1-9]\d{6,14}$/;
const AGENT_TYPES = ['VOICE_INCOMING', 'SMS', 'EMAIL', 'CHAT', 'WHATSAPP'];

class HttpFailure extends Error {
	constructor(status, body, headers = {}) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

// FastAPI's schema-validation envelope (ASSUMED: the docs name no error schema; 422 is FastAPI's default).
function unprocessable(problems) {
	return malformed(422, {
		detail: problems.map(([loc, msg, type]) => ({ type, loc: ['body', ...loc], msg, input: null })),
	});
}

/** A request that breaks the documented schema (types, pagination), counted so tests can assert on none. */
function malformed(status, body) {
	const failure = new HttpFailure(status, body);
	failure.malformed = true;
	return failure;
}

function badRequest(detail) {
	return new HttpFailure(400, { detail });
}

function envelope(data, message = 'Request processed successfully') {
	return { ctx_id: crypto.randomUUID(), data, message };
}

/** A tiny schema checker with FastAPI-like messages; `rules` maps field → [kind, required]. */
function checkSchema(body, rules, where = []) {
	const problems = [];
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		return [[where, 'Input should be a valid dictionary or object', 'dict_type']];
	}
	for (const [field, [kind, required]] of Object.entries(rules)) {
		const value = body[field];
		const loc = [...where, field];
		if (value === undefined) {
			if (required) problems.push([loc, 'Field required', 'missing']);
			continue;
		}
		if (value === null && !required) continue;
		const ok =
			(kind === 'string' && typeof value === 'string') ||
			(kind === 'integer' && Number.isInteger(value)) ||
			(kind === 'number' && typeof value === 'number') ||
			(kind === 'boolean' && typeof value === 'boolean') ||
			(kind === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) ||
			(kind === 'array' && Array.isArray(value)) ||
			(kind === 'string[]' && Array.isArray(value) && value.every((v) => typeof v === 'string'));
		if (!ok) problems.push([loc, `Input should be a valid ${kind}`, `${kind}_type`]);
	}
	return problems;
}

function paginate(
	records,
	query,
	{
		maxPerPage = 100,
		pager = 'pages',
		perPageCap,
		documentedOnly = false,
		totalRecords,
		resized,
		perPageAnswer,
	} = {},
) {
	// Fault mode: pages of another size than asked from some page on (perPageFromPage), said in per_page.
	if (resized)
		return paginate(records, resized, {
			maxPerPage: Infinity,
			pager,
			documentedOnly,
			totalRecords,
		});
	// Fault modes: a server that ignores `page` and always answers the first page, saying so in
	// current_page ('ignores-page') or not at all ('ignores-page-silently').
	const page = pager !== 'pages' || query.page === undefined ? 1 : Number(query.page);
	const asked = query.per_page === undefined ? 10 : Number(query.per_page);
	if (!Number.isInteger(page) || page < 1)
		throw malformed(400, { detail: 'page must be an integer of at least 1' });
	if (!Number.isInteger(asked) || asked < 1 || asked > maxPerPage) {
		throw malformed(400, { detail: `per_page must be an integer from 1 to ${maxPerPage}` });
	}
	// Fault mode: a server that caps per_page silently (customers document no maximum) and says so only in per_page.
	const perPage = perPageCap ? Math.min(asked, perPageCap) : asked;
	const totalPages = Math.max(1, Math.ceil(records.length / perPage));
	const result = {
		data: records.slice((page - 1) * perPage, page * perPage),
		pagination: {
			current_page: page,
			per_page: perPage,
			total_records: records.length,
			total_pages: totalPages,
			has_next: pager === 'pages' ? page < totalPages : true,
		},
	};
	// Fault mode: per_page answered as the number of records on the page (a short last page says fewer).
	if (perPageAnswer === 'records') result.pagination.per_page = result.data.length;
	if (pager === 'ignores-page-silently') {
		delete result.pagination.current_page;
		delete result.pagination.total_pages;
	}
	// Fault mode: only the fields the customers and calls pages document ({current_page, per_page, total_records}).
	if (documentedOnly) {
		delete result.pagination.total_pages;
		delete result.pagination.has_next;
	}
	// Fault mode: total_records absent ('missing'; has_next and total_pages go with it) or stuck at a number.
	if (totalRecords === 'missing') {
		delete result.pagination.total_records;
		delete result.pagination.total_pages;
		delete result.pagination.has_next;
	} else if (typeof totalRecords === 'number') {
		result.pagination.total_records = totalRecords;
		result.pagination.total_pages = Math.max(1, Math.ceil(totalRecords / perPage));
		result.pagination.has_next = page < result.pagination.total_pages;
	}
	return result;
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

function seedCustomers(count) {
	return Array.from({ length: count }, (_, i) => ({
		id: `c0000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
		name: `Customer ${i + 1}`,
		phone: `+1555000${String(i + 1).padStart(4, '0')}`,
		email: `customer${i + 1}@example.com`,
	}));
}

/** Channel rules for POST /v2/_new_assistants, as far as the API reference states them. */
function validateAgent(body) {
	const common = {
		name: ['string', true],
		type: ['string', true],
		model: ['string', true],
		instructions: ['string', true],
		prompts: ['object', false],
		kb_id: ['string', false],
		action_ids: ['string[]', false],
		api_keys: ['array', false],
	};
	const extra = {
		SMS: {
			sms_type: ['string', true],
			phone_number: ['string', false],
			additional_settings: ['object', false],
		},
		WHATSAPP: {
			phone_number: ['string', true],
			additional_settings: ['object', false],
			incoming_call_greeting: ['string', false],
		},
		EMAIL: {
			gen_ai_response: ['string', false],
			email_setup: ['string', false],
			labels: ['string', false],
		},
		CHAT: { additional_settings: ['object', false] },
		VOICE_INCOMING: {
			phone_number: ['string', false],
			incoming_call_greeting: ['string', false],
			outgoing_call_greeting: ['string', false],
			synthesizer: ['string', false],
			voice_id: ['string', false],
			language: ['string', false],
			enable_recordings: ['boolean', false],
			behaviour: ['object', false],
			additional_settings: ['object', false],
		},
	};
	let problems = checkSchema(body, common);
	if (problems.length === 0 && !AGENT_TYPES.includes(body.type)) {
		problems.push([
			['type'],
			`Input should be ${AGENT_TYPES.map((t) => `'${t}'`).join(', ')}`,
			'enum',
		]);
	}
	if (problems.length === 0) problems = checkSchema(body, extra[body.type] ?? {});
	if (problems.length === 0 && body.prompts) {
		problems = checkSchema(body.prompts, { agent: ['string', false], goal: ['string', false] }, [
			'prompts',
		]);
	}
	if (problems.length) throw unprocessable(problems);

	if (body.model !== 'cw-llm-1') throw badRequest(`Unknown model "${body.model}"`);
	if (body.name.trim() === '') throw badRequest('name must not be empty');
	if (body.instructions.trim() === '') throw badRequest('instructions must not be empty');
	const channelRules = {
		SMS: validateSms,
		WHATSAPP: validateWhatsApp,
		EMAIL: validateEmail,
		CHAT: validateChat,
		VOICE_INCOMING: validateVoice,
	};
	channelRules[body.type](body);
}

function validateApiKeyObjects(keys, type, label) {
	for (const key of keys ?? []) {
		if (
			!key ||
			!Number.isInteger(key.api_key_id) ||
			key.api_key_id < 1 ||
			(type && key.type !== type) ||
			typeof key.type !== 'string'
		) {
			throw badRequest(
				`Invalid ${label} configuration: api_keys entries must be {"api_key_id": <int>, "type": ${type ? `"${type}"` : '<string>'}}`,
			);
		}
	}
}

function validateCounters(settings, label, allowed) {
	for (const key of Object.keys(settings ?? {})) {
		if (!allowed.includes(key))
			throw badRequest(`Invalid ${label} configuration: unknown additional_settings key "${key}"`);
		if (!Number.isInteger(settings[key]) || settings[key] < 0) {
			throw badRequest(
				`Invalid ${label} configuration: additional_settings.${key} must be a non-negative integer`,
			);
		}
	}
}

function validateWhatsApp(body) {
	// ASSUMED: the Meta phone-number ID is digits only (the docs show "650175178190170").
	if (!/^\d{5,25}$/.test(body.phone_number))
		throw badRequest(
			'Invalid WhatsApp configuration: phone_number must be the Meta phone number ID',
		);
	validateApiKeyObjects(body.api_keys, undefined, 'WhatsApp');
	validateCounters(body.additional_settings, 'WhatsApp', ['idle_time', 'max_messages']);
}

function validateEmail(body) {
	if (body.api_keys !== undefined)
		throw badRequest('Invalid email configuration: email agents take no api_keys');
	if (body.additional_settings !== undefined)
		throw badRequest('Invalid email configuration: unknown field additional_settings');
}

const CHAT_KEYS = [
	'brandName',
	'logoUrl',
	'greetingText',
	'tagline',
	'initialMessage',
	'finalCloseMessage',
	'checkInMessage',
];

function validateChat(body) {
	validateApiKeyObjects(body.api_keys, undefined, 'chat');
	const settings = body.additional_settings ?? {};
	for (const key of Object.keys(settings)) {
		if (key !== 'ChatbotCustomization')
			throw badRequest(`Invalid chat configuration: unknown additional_settings key "${key}"`);
	}
	for (const [key, value] of Object.entries(settings.ChatbotCustomization ?? {})) {
		if (!CHAT_KEYS.includes(key))
			throw badRequest(`Invalid chat configuration: unknown ChatbotCustomization key "${key}"`);
		if (typeof value !== 'string')
			throw badRequest(`Invalid chat configuration: ChatbotCustomization.${key} must be a string`);
	}
}

function validateVoice(body) {
	if (!Array.isArray(body.api_keys) || body.api_keys.length === 0)
		throw badRequest('Invalid voice configuration or missing API keys');
	validateApiKeyObjects(body.api_keys, 'MODEL', 'voice');
	if (body.phone_number !== undefined && !E164.test(body.phone_number))
		throw badRequest('Invalid voice configuration: phone_number must be E.164');
	const behaviour = body.behaviour ?? {};
	for (const key of Object.keys(behaviour)) {
		if (!['speed', 'emotions'].includes(key))
			throw badRequest(`Invalid voice configuration: unknown behaviour key "${key}"`);
	}
	for (const [key, value] of Object.entries(behaviour.emotions ?? {})) {
		if (
			!['anger', 'curiosity', 'positivity', 'surprise', 'sadness'].includes(key) ||
			typeof value !== 'string'
		) {
			throw badRequest(`Invalid voice configuration: behaviour.emotions.${key}`);
		}
	}
}

function validateSms(body) {
	const keys = body.api_keys;
	if (!Array.isArray(keys) || keys.length === 0) {
		throw badRequest('Invalid SMS configuration or missing API keys');
	}
	validateApiKeyObjects(keys, 'SMS', 'SMS');
	if (body.sms_type !== 'OUTBOUND')
		throw badRequest(`Invalid SMS configuration: unknown sms_type "${body.sms_type}"`);
	if (body.phone_number !== undefined && !E164.test(body.phone_number)) {
		throw badRequest('Invalid SMS configuration: phone_number must be E.164');
	}
	// ASSUMED: the dotted keys of the sample curl are an artefact (§10-1); the sandbox refuses them.
	validateCounters(body.additional_settings, 'SMS', ['idle_time', 'max_messages']);
}

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

/** A minimal multipart/form-data reader: parts with name, optional filename and content type, raw data. */
function parseMultipart(raw, contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!match) throw badRequest('multipart body without boundary');
	const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
	const parts = [];
	let start = raw.indexOf(boundary);
	while (start !== -1) {
		const next = raw.indexOf(boundary, start + boundary.length);
		if (next === -1) break;
		const chunk = raw.subarray(start + boundary.length + 2, next - 2);
		const split = chunk.indexOf('\r\n\r\n');
		const head = chunk.subarray(0, split).toString('utf8');
		const data = chunk.subarray(split + 4);
		const name = /name="([^"]*)"/i.exec(head)?.[1];
		const filename = /filename="([^"]*)"/i.exec(head)?.[1];
		const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
		parts.push({ name, filename, contentType: type, data });
		start = next;
	}
	return parts;
}

function seedCalls(count) {
	const statuses = ['completed', 'no-answer', 'busy', 'completed'];
	return Array.from({ length: count }, (_, i) => ({
		id: `call-${String(i + 1).padStart(4, '0')}`,
		customer_name: `Customer ${i + 1}`,
		status: statuses[i % statuses.length],
		duration: 30 + i,
	}));
}

function createSandbox(options = {}) {
	const state = {
		token: options.token ?? DEFAULT_TOKEN,
		requests: [],
		agents: new Map(),
		createdByName: new Map(),
		actions: seedActions(options.actions ?? 25),
		customers: seedCustomers(options.customers ?? 35),
		calls: seedCalls(options.calls ?? 45),
		knowledgeBases: new Map([
			['kb-seeded-1', { id: 'kb-seeded-1', name: 'Seeded knowledge base', documents: [] }],
		]),
		apiKeys: [],
		placedCalls: [],
		// The documented limits (§2): POST /v2/_call 10 a minute, GET /v2/_calls 30 a minute.
		rateLimits: {
			'POST /v2/_call': { limit: 10, windowMs: 60_000 },
			'GET /v2/_calls': { limit: 30, windowMs: 60_000 },
			...options.rateLimits,
		},
		windows: new Map(),
		// When each call or customer was last added or changed (the 'updated-first' list order).
		touched: new WeakMap(),
		touchCount: 0,
		// Faults for the next requests, in order: { status, body, headers } answers without doing the
		// work; { processed: true, ... } does the work first; { reset: true } drops the connection;
		// { delayMs } holds the answer back.
		scripted: [],
		// The agent's calls to webhook actions (callAgent), in order.
		agentCalls: [],
		faults: { latencyMs: options.latencyMs ?? 0, requestsPerSecond: 0, pager: 'pages' },
		allowTypeChange: options.allowTypeChange ?? false,
		rpsWindow: { second: 0, count: 0 },
		rejected429: 0,
		malformed: 0,
		unavailableAnswered: 0,
		inFlight: 0,
		maxInFlight: 0,
	};

	const routes = [
		['POST', /^\/v2\/_new_assistants$/, createAgent],
		['GET', /^\/v2\/_customers$/, (req) => listAnswer('customers', req.query)],
		['PUT', /^\/v2\/_customers\/([^/]+)$/, updateCustomer],
		['GET', /^\/v2\/_actions$/, (req) => listAnswer('actions', req.query)],
		['POST', /^\/v2\/_actions$/, createAction],
		['GET', /^\/v2\/_actions\/([^/]+)$/, (req) => envelope(findAction(req.match[1]))],
		['PUT', /^\/v2\/_actions\/([^/]+)$/, updateAction],
		['POST', /^\/v2\/_knowledge_base$/, createKnowledgeBase],
		['PUT', /^\/v2\/_knowledgebase\/([^/]+)$/, updateKnowledgeBase],
		['POST', /^\/v2\/_api_keys$/, createApiKey],
		['POST', /^\/v2\/_voicecalls\/([^/]+)\/makeCall$/, makeCall],
		['POST', /^\/v2\/_call$/, createCall],
		['GET', /^\/v2\/_calls$/, (req) => listAnswer('calls', req.query)],
	];

	/** Paging faults of the lists: pager, perPageCap, documentedOnly, totalRecords, perPageAnswer (see paginate). */
	function listFaults(query) {
		const { pager, perPageCap, documentedOnly, totalRecords, perPageFromPage, perPageAnswer } =
			state.faults;
		// Fault mode: from page perPageFromPage.page on, pages of perPageFromPage.perPage records, said in per_page.
		const resized =
			perPageFromPage && Number(query.page) >= perPageFromPage.page
				? { ...query, per_page: String(perPageFromPage.perPage) }
				: undefined;
		return { pager, perPageCap, documentedOnly, totalRecords, resized, perPageAnswer };
	}

	/** One page of a list (GET /v2/_customers, /v2/_actions, /v2/_calls), with the paging faults set. */
	function listAnswer(name, query) {
		const answer = paginate(listed(pageFaults(name, query)), query, listFaults(query));
		if (state.faults.emptyPage === Number(query.page ?? 1)) answer.data = [];
		return envelope(answer);
	}

	/**
	 * Fault modes of one page of a list, keyed by the page asked for (for Return All's consistency checks):
	 * - emptyPage: N answers page N with no records, its pagination still saying more follow;
	 * - addOnPage { page, count }: just before page `page` is answered, `count` new records join the list
	 *   (at the top of a newest-first list: records already listed move down onto the next page);
	 * - removeOnPage { page, count }: just before page `page` is answered, the first `count` records go.
	 * Returns the list to page through.
	 */
	function pageFaults(name, query) {
		const page = Number(query.page ?? 1);
		const { addOnPage, removeOnPage } = state.faults;
		if (addOnPage?.page === page && !addOnPage.done) {
			addOnPage.done = true;
			const seed = { actions: seedActions, customers: seedCustomers, calls: seedCalls }[name];
			const added = seed(state[name].length + addOnPage.count).slice(-addOnPage.count);
			state[name].push(...added.map((record) => ({ ...record, id: `added-${record.id}` })));
		}
		if (removeOnPage?.page === page && !removeOnPage.done) {
			removeOnPage.done = true;
			state[name].splice(0, removeOnPage.count);
		}
		return state[name];
	}

	/**
	 * The order lists come in is not documented: oldest first (insertion order) unless the listOrder fault
	 * says newest first, or 'updated-first' (the record added or changed last first).
	 */
	function listed(records) {
		if (state.faults.listOrder === 'newest-first') return [...records].reverse();
		if (state.faults.listOrder === 'updated-first') {
			const touched = (record) => state.touched.get(record) ?? 0;
			return records
				.map((record, index) => [record, index])
				.sort(([a, i], [b, j]) => touched(b) - touched(a) || j - i)
				.map(([record]) => record);
		}
		return records;
	}

	/** Fixed windows per documented limit; over the limit: 429 with Retry-After in seconds (ASSUMED header). */
	function checkRateLimit(method, path) {
		const rule = state.rateLimits[`${method} ${path}`];
		if (!rule) return;
		const now = Date.now();
		let window = state.windows.get(path);
		if (!window || now >= window.resetAt) {
			window = { count: 0, resetAt: now + rule.windowMs };
			state.windows.set(path, window);
		}
		window.count++;
		if (window.count > rule.limit) {
			const seconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
			throw new HttpFailure(
				429,
				{ detail: `Rate limit exceeded: ${rule.limit} per ${rule.windowMs / 1000} s` },
				{ 'retry-after': String(seconds) },
			);
		}
	}

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

	function updateCustomer(req) {
		const customer = state.customers.find((c) => c.id === req.match[1]);
		if (!customer) throw new HttpFailure(404, { detail: 'Customer not found' });
		const problems = checkSchema(req.body, {
			name: ['string', false],
			phone: ['string', false],
			email: ['string', false],
			tags: ['string[]', false],
		});
		if (problems.length) throw unprocessable(problems);
		Object.assign(customer, req.body);
		return envelope({ id: customer.id, name: customer.name }, 'Customer updated');
	}

	function createKnowledgeBase(req) {
		const problems = checkSchema(req.body, {
			name: ['string', true],
			description: ['string', false],
			urls: ['string[]', false],
		});
		if (problems.length) throw unprocessable(problems);
		const id = crypto.randomUUID();
		state.knowledgeBases.set(id, {
			id,
			name: req.body.name,
			documents: [...(req.body.urls ?? [])],
		});
		return [201, envelope({ id, name: req.body.name }, 'Knowledge base created')];
	}

	function updateKnowledgeBase(req) {
		const kb = state.knowledgeBases.get(req.match[1]);
		if (!kb) throw new HttpFailure(404, { detail: 'Knowledge base not found' });
		if (!req.form)
			throw new HttpFailure(422, {
				detail: [{ loc: ['body'], msg: 'Expected multipart/form-data', type: 'value_error' }],
			});
		for (const part of req.form) {
			if (part.name === 'name') kb.name = part.data.toString('utf8');
			else if (['urls', 'faqs'].includes(part.name)) kb.documents.push(part.data.toString('utf8'));
			else if (['files', 'uploaded_files'].includes(part.name) && part.filename !== undefined)
				kb.documents.push(part.filename);
			else throw badRequest(`Unknown form field "${part.name}"`);
		}
		return envelope(
			{ id: kb.id, name: kb.name, document_count: kb.documents.length },
			'Knowledge base updated',
		);
	}

	function createApiKey(req) {
		const problems = checkSchema(req.body, {
			name: ['string', true],
			description: ['string', false],
			permissions: ['string[]', false],
			expires_at: ['string', false],
		});
		if (problems.length) throw unprocessable(problems);
		if (req.body.expires_at !== undefined && Number.isNaN(Date.parse(req.body.expires_at)))
			throw badRequest('expires_at must be ISO 8601');
		// ASSUMED: the response is undocumented; 201 with the key material in data.
		const key = {
			id: crypto.randomUUID(),
			name: req.body.name,
			key: `csk_${crypto.randomBytes(16).toString('hex')}`,
			permissions: req.body.permissions ?? [],
			expires_at: req.body.expires_at ?? null,
		};
		state.apiKeys.push(key);
		return [201, envelope(key, 'API key created')];
	}

	function placeCall(agentId, body, version) {
		const problems = checkSchema(body, {
			phone_number: ['string', true],
			customer_name: ['string', false],
			call_purpose: ['string', false],
		});
		if (problems.length) throw unprocessable(problems);
		if (!E164.test(body.phone_number)) throw badRequest('phone_number must be E.164');
		const agent = state.agents.get(agentId);
		// ASSUMED: only voice agents can call; an unknown agent is a 404.
		if (!agent) throw new HttpFailure(404, { detail: 'Agent not found' });
		if (agent.type !== 'VOICE_INCOMING') throw badRequest('Agent is not a voice agent');
		const call = {
			call_id: crypto.randomUUID(),
			status: 'queued',
			agent_id: agentId,
			version,
			to: body.phone_number,
		};
		state.placedCalls.push(call);
		return call;
	}

	function makeCall(req) {
		const agentId = decodeURIComponent(req.match[1]);
		// The page's generated curl sends agent_id in the body; when it is there it must name the same agent.
		const { agent_id: bodyAgentId, ...body } = req.body ?? {};
		if (bodyAgentId !== undefined && bodyAgentId !== agentId)
			throw badRequest('agent_id in the body does not match the path');
		const call = placeCall(agentId, body, undefined);
		return envelope(
			{ call_id: call.call_id, status: call.status, agent_id: call.agent_id },
			'Call initiated',
		);
	}

	function createCall(req) {
		const { agent_id: agentId, version = 'v1', ...rest } = req.body ?? {};
		const problems = checkSchema(req.body, {
			agent_id: ['string', true],
			version: ['string', false],
		});
		if (problems.length) throw unprocessable(problems);
		if (!['v1', 'v2'].includes(version)) throw badRequest('version must be v1 or v2');
		const call = placeCall(agentId, rest, version);
		return envelope({ call_id: call.call_id, status: call.status, version }, 'Call initiated');
	}

	function createAgent(req) {
		const body = req.body;
		validateAgent(body);
		const force = req.query.force === 'true';
		let id;
		if (force) {
			// ASSUMED: force=true replaces the agent of the same name and keeps its ID.
			for (const [existingId, agent] of state.agents) if (agent.name === body.name) id = existingId;
		}
		if (id === undefined) {
			id = crypto.randomUUID();
			state.createdByName.set(body.name, (state.createdByName.get(body.name) ?? 0) + 1);
		}
		state.agents.set(id, body);
		const label = {
			VOICE_INCOMING: 'Voice',
			SMS: 'SMS',
			EMAIL: 'Email',
			CHAT: 'Chat',
			WHATSAPP: 'WhatsApp',
		};
		return [
			201,
			envelope(
				{ assistant_id: id, name: body.name },
				`${label[body.type]} assistant created successfully`,
			),
		];
	}

	// ---- Webhook actions and the agent that calls them (the ContactSwing Action Trigger's counterpart) ----

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
	async function webhookActionControl(req, url, body) {
		if (url.pathname === '/__sandbox/actions' && req.method === 'POST')
			return addWebhookAction(body);
		const stored = /^\/__sandbox\/actions\/([^/]+)$/.exec(url.pathname);
		if (stored && req.method === 'GET')
			return state.actions.find((a) => a.id === decodeURIComponent(stored[1])) ?? null;
		const agent = /^\/__sandbox\/agent\/([^/]+)$/.exec(url.pathname);
		if (agent && req.method === 'POST') return callAgent(decodeURIComponent(agent[1]), body);
		return undefined;
	}

	/** The real answer to a request: [status, payload, headers], whatever faults are set. */
	async function answer(req, url, record, rawBuffer, raw) {
		try {
			if (req.headers.authorization !== `Bearer ${state.token}`) {
				throw new HttpFailure(401, { detail: 'Invalid or expired token' });
			}
			checkRateLimit(req.method, url.pathname);
			checkRequestsPerSecond();
			checkStray429();
			if (record.unparsable) throw unprocessable([[[], 'JSON decode error', 'json_invalid']]);
			checkRejected(record.body);
			const route = routes.find(
				([method, pattern]) => method === req.method && pattern.test(url.pathname),
			);
			if (!route) {
				const known = routes.some(([, pattern]) => pattern.test(url.pathname));
				throw new HttpFailure(known ? 405 : 404, {
					detail: known ? 'Method Not Allowed' : 'Not Found',
				});
			}
			const result = await route[2]({ ...record, match: url.pathname.match(route[1]) });
			const [status, payload] = Array.isArray(result) ? result : [200, result];
			return [status, payload, {}];
		} catch (error) {
			if (error instanceof HttpFailure) {
				if (error.malformed) state.malformed++;
				return [error.status, error.body, error.headers];
			}
			return [500, { detail: `Sandbox bug: ${error.message}` }, {}];
		}
	}

	/**
	 * Fault mode: a request whose name or phone_number is in faults.rejectValues is answered 400 and not
	 * processed, as ContactSwing refuses one bad record in a bulk run.
	 */
	function checkRejected(body) {
		const rejected = state.faults.rejectValues ?? [];
		for (const field of ['name', 'phone_number']) {
			if (body && rejected.includes(body[field]))
				throw badRequest(`${field} ${JSON.stringify(body[field])} is not allowed`);
		}
	}

	/** Fault mode: one lone 429 (Retry-After strayRetryAfter s) for the stray429At-th request, then none. */
	function checkStray429() {
		const { stray429At, strayRetryAfter = 5 } = state.faults;
		if (!stray429At) return;
		state.strayCount = (state.strayCount ?? 0) + 1;
		if (state.strayCount === stray429At) {
			state.rejected429++;
			throw new HttpFailure(
				429,
				{ detail: 'Too many requests' },
				{ 'retry-after': String(strayRetryAfter) },
			);
		}
	}

	/** Fault mode: at most N requests in each one-second window; the rest get 429 + Retry-After. */
	function checkRequestsPerSecond() {
		const limit = state.faults.requestsPerSecond;
		if (!limit) return;
		const second = Math.floor(Date.now() / 1000);
		if (state.rpsWindow.second !== second) state.rpsWindow = { second, count: 0 };
		state.rpsWindow.count++;
		if (state.rpsWindow.count > limit) {
			state.rejected429++;
			throw new HttpFailure(
				429,
				{ detail: `Too many requests: ${limit} per second` },
				{ 'retry-after': '1' },
			);
		}
	}

	/**
	 * Control routes for a sandbox in another process (benchmarks, dev): GET /__sandbox/state,
	 * POST /__sandbox/faults {latencyMs, requestsPerSecond}, POST /__sandbox/reset. Not part of the API.
	 */
	async function control(req, res, url) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
		const own = await webhookActionControl(req, url, body).catch((error) => ({
			error: error.body ?? error.message,
		}));
		if (own !== undefined) {
			res.writeHead(own?.error ? 400 : 200, { 'content-type': 'application/json' });
			return void res.end(JSON.stringify(own));
		}
		if (url.pathname === '/__sandbox/faults' && req.method === 'POST')
			Object.assign(state.faults, body);
		else if (url.pathname === '/__sandbox/calls' && req.method === 'POST') sandbox.addCall(body);
		else if (url.pathname.startsWith('/__sandbox/calls/') && req.method === 'POST')
			sandbox.setCallStatus(
				decodeURIComponent(url.pathname.slice('/__sandbox/calls/'.length)),
				body.status,
			);
		else if (url.pathname === '/__sandbox/customers' && req.method === 'POST')
			sandbox.addCustomer(body);
		else if (url.pathname === '/__sandbox/reset' && req.method === 'POST') sandbox.reset();
		const duplicates = [...state.createdByName.values()].filter((count) => count > 1).length;
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(
			JSON.stringify({
				agents: state.agents.size,
				duplicates,
				rejected429: state.rejected429,
				requests: state.requests.length,
				maxInFlight: state.maxInFlight,
				faults: state.faults,
			}),
		);
	}

	async function handle(req, res) {
		const url = new URL(req.url, 'http://sandbox');
		if (url.pathname.startsWith('/__sandbox/')) return control(req, res, url);
		state.inFlight++;
		state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
		res.once('close', () => state.inFlight--);
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const rawBuffer = Buffer.concat(chunks);
		const raw = rawBuffer.toString('utf8');
		const record = {
			method: req.method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			rawBody: raw,
			body: undefined,
			form: undefined,
			receivedAt: Date.now(),
		};
		if (options.record !== false) state.requests.push(record);
		const contentType = req.headers['content-type'] ?? '';
		if (/^multipart\/form-data/i.test(contentType)) {
			record.form = parseMultipart(rawBuffer, contentType);
		} else if (raw !== '') {
			try {
				record.body = JSON.parse(raw);
			} catch {
				record.unparsable = true;
			}
		}

		const send = (status, payload, headers = {}) => {
			const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
			res.writeHead(status, {
				'content-type':
					typeof payload === 'string'
						? /^\s*</.test(payload)
							? 'text/html'
							: 'text/plain'
						: 'application/json',
				...headers,
			});
			res.end(text);
		};
		const wait = (ms) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : undefined);

		// Fault mode: ContactSwing down for maintenance, every request answered 503 (no Retry-After).
		if (state.faults.unavailable) {
			state.unavailableAnswered++;
			return void send(503, { detail: 'Service Unavailable' });
		}
		const canned = state.scripted.shift();
		// Fault mode: an answer that echoes the credential back, as a careless proxy or API might.
		if (canned?.echoAuthorization) {
			return void send(canned.status ?? 400, {
				detail: `Bad header: ${req.headers.authorization}`,
			});
		}
		if (canned && !canned.processed) {
			await wait(canned.delayMs);
			if (canned.reset) return void req.socket.destroy();
			return void send(canned.status, canned.body ?? '', canned.headers);
		}
		const [status, payload, headers] = await answer(req, url, record, rawBuffer, raw);
		await wait(state.faults.latencyMs);
		if (canned?.echoAuthorizationInBody && status < 300) {
			// A success body that repeats the credential, as a careless API might (in ctx_id and a field).
			return void send(
				status,
				{
					...payload,
					ctx_id: req.headers.authorization,
					data: {
						...payload.data,
						echoed: `token=${encodeURIComponent(req.headers.authorization.slice(7))}`,
						raw: req.headers.authorization.slice(7),
					},
				},
				headers,
			);
		}
		if (canned?.emptyData && status < 300) {
			// A success without the new object's ID: the work was done, the answer says nothing of it.
			return void send(
				status,
				canned.emptyData === 'no-body'
					? ''
					: { ctx_id: payload.ctx_id, data: canned.emptyData === 'not-object' ? 'ok' : {} },
				headers,
			);
		}
		if (canned) {
			// A fault after the work was done: the agent exists, but the client cannot know.
			await wait(canned.delayMs);
			if (canned.reset) return void req.socket.destroy();
			if (canned.status !== undefined)
				return void send(canned.status, canned.body ?? '', canned.headers);
		}
		send(status, payload, headers);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch(() => res.destroy());
	});
	server.keepAliveTimeout = 5000;

	const sandbox = {
		state,
		get requests() {
			return state.requests;
		},
		get url() {
			const address = server.address();
			return `http://127.0.0.1:${address.port}`;
		},
		listen(port = 0) {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, '127.0.0.1', () => resolve(this));
			});
		},
		close() {
			server.closeAllConnections?.();
			return new Promise((resolve) => server.close(() => resolve()));
		},
		/** Answers the next requests with these responses, in order, whatever they ask. */
		script(...responses) {
			state.scripted.push(...responses);
		},
		/** Fault modes that last until reset: latency on every answer, a requests-per-second limit. */
		setFaults(faults) {
			Object.assign(state.faults, faults);
		},
		/** A call appears in GET /v2/_calls, as if placed in the dashboard ({ id?, customer_name, status, duration }). */
		addCall(call = {}) {
			const record = {
				id: call.id ?? `call-${crypto.randomUUID()}`,
				customer_name: call.customer_name ?? 'New caller',
				status: call.status ?? 'queued',
				duration: call.duration ?? 0,
			};
			state.calls.push(record);
			state.touched.set(record, ++state.touchCount);
			return record;
		},
		/** A call moves on (e.g. queued → in-progress → completed). */
		setCallStatus(id, status) {
			const call = state.calls.find((c) => c.id === id);
			if (call) {
				call.status = status;
				state.touched.set(call, ++state.touchCount);
			}
			return call;
		},
		/** A call disappears from GET /v2/_calls (deleted in the dashboard). */
		removeCall(id) {
			state.calls = state.calls.filter((c) => c.id !== id);
		},
		/** A customer appears in GET /v2/_customers ({ id?, name, phone, email }). */
		addCustomer(customer = {}) {
			const record = {
				id: customer.id ?? crypto.randomUUID(),
				name: customer.name ?? 'New customer',
				phone: customer.phone ?? '+15550009999',
				email: customer.email ?? 'new@example.com',
			};
			state.customers.push(record);
			state.touched.set(record, ++state.touchCount);
			return record;
		},
		addWebhookAction,
		callAgent,
		/** Adds a voice agent that calls can use, as if created earlier. */
		seedVoiceAgent(id = 'voice-agent-0001') {
			state.agents.set(id, { name: 'Seeded voice agent', type: 'VOICE_INCOMING' });
			return id;
		},
		/** Forgets requests, scripts, rate windows and created agents between tests; seeded lists stay. */
		reset() {
			state.faults = { latencyMs: options.latencyMs ?? 0, requestsPerSecond: 0, pager: 'pages' };
			state.rpsWindow = { second: 0, count: 0 };
			state.strayCount = 0;
			state.rejected429 = 0;
			state.malformed = 0;
			state.maxInFlight = 0;
			state.actions = seedActions(options.actions ?? 25);
			state.customers = seedCustomers(options.customers ?? 35);
			state.calls = seedCalls(options.calls ?? 45);
			state.knowledgeBases = new Map([
				['kb-seeded-1', { id: 'kb-seeded-1', name: 'Seeded knowledge base', documents: [] }],
			]);
			state.apiKeys.length = 0;
			state.windows.clear();
			state.placedCalls.length = 0;
			state.scripted.length = 0;
			state.requests.length = 0;
			state.agentCalls.length = 0;
			state.unavailableAnswered = 0;
			state.agents.clear();
			state.createdByName.clear();
		},
	};
	return sandbox;
}

module.exports = { createSandbox, DEFAULT_TOKEN };
