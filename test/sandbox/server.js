'use strict';
/**
 * ContactSwing sandbox: a local stand-in for the ContactSwing REST API, built from
 * ../shared/contactswing-api.md. It listens on 127.0.0.1 only, has no dependencies, and records every
 * request so tests can assert on exactly what the node sent. Behaviours the API reference does not
 * state are marked ASSUMED here and listed in the README ("The ContactSwing sandbox").
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
	return new HttpFailure(422, {
		detail: problems.map(([loc, msg, type]) => ({ type, loc: ['body', ...loc], msg, input: null })),
	});
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

function paginate(records, query, { maxPerPage = 100 } = {}) {
	const page = query.page === undefined ? 1 : Number(query.page);
	const perPage = query.per_page === undefined ? 10 : Number(query.per_page);
	if (!Number.isInteger(page) || page < 1) throw badRequest('page must be an integer of at least 1');
	if (!Number.isInteger(perPage) || perPage < 1 || perPage > maxPerPage) {
		throw badRequest(`per_page must be an integer from 1 to ${maxPerPage}`);
	}
	const totalPages = Math.max(1, Math.ceil(records.length / perPage));
	return {
		data: records.slice((page - 1) * perPage, page * perPage),
		pagination: {
			current_page: page,
			per_page: perPage,
			total_records: records.length,
			total_pages: totalPages,
			has_next: page < totalPages,
		},
	};
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
		SMS: { sms_type: ['string', true], phone_number: ['string', false], additional_settings: ['object', false] },
	};
	let problems = checkSchema(body, common);
	if (problems.length === 0 && !AGENT_TYPES.includes(body.type)) {
		problems.push([['type'], `Input should be ${AGENT_TYPES.map((t) => `'${t}'`).join(', ')}`, 'enum']);
	}
	if (problems.length === 0) problems = checkSchema(body, extra[body.type] ?? {});
	if (problems.length === 0 && body.prompts) {
		problems = checkSchema(body.prompts, { agent: ['string', false], goal: ['string', false] }, ['prompts']);
	}
	if (problems.length) throw unprocessable(problems);

	if (body.model !== 'cw-llm-1') throw badRequest(`Unknown model "${body.model}"`);
	if (body.name.trim() === '') throw badRequest('name must not be empty');
	if (body.instructions.trim() === '') throw badRequest('instructions must not be empty');
	if (body.type === 'SMS') validateSms(body);
}

function validateSms(body) {
	const keys = body.api_keys;
	if (!Array.isArray(keys) || keys.length === 0) {
		throw badRequest('Invalid SMS configuration or missing API keys');
	}
	for (const key of keys) {
		if (!key || !Number.isInteger(key.api_key_id) || key.api_key_id < 1 || key.type !== 'SMS') {
			throw badRequest('Invalid SMS configuration: api_keys entries must be {"api_key_id": <int>, "type": "SMS"}');
		}
	}
	if (body.sms_type !== 'OUTBOUND') throw badRequest(`Invalid SMS configuration: unknown sms_type "${body.sms_type}"`);
	if (body.phone_number !== undefined && !E164.test(body.phone_number)) {
		throw badRequest('Invalid SMS configuration: phone_number must be E.164');
	}
	const settings = body.additional_settings;
	if (settings) {
		// ASSUMED: the dotted keys of the sample curl are an artefact (§10-1); the sandbox refuses them.
		for (const key of Object.keys(settings)) {
			if (!['idle_time', 'max_messages'].includes(key)) {
				throw badRequest(`Invalid SMS configuration: unknown additional_settings key "${key}"`);
			}
			if (!Number.isInteger(settings[key]) || settings[key] < 0) {
				throw badRequest(`Invalid SMS configuration: additional_settings.${key} must be a non-negative integer`);
			}
		}
	}
}

function createSandbox(options = {}) {
	const state = {
		token: options.token ?? DEFAULT_TOKEN,
		requests: [],
		agents: new Map(),
		createdByName: new Map(),
		actions: seedActions(options.actions ?? 25),
		customers: seedCustomers(options.customers ?? 35),
		// Canned answers for the next requests, e.g. a 500 burst: [{ status, body, headers }].
		scripted: [],
	};

	const routes = [
		['POST', /^\/v2\/_new_assistants$/, createAgent],
		['GET', /^\/v2\/_customers$/, (req) => envelope(paginate(state.customers, req.query))],
		['GET', /^\/v2\/_actions$/, (req) => envelope(paginate(state.actions, req.query))],
	];

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
		const label = { VOICE_INCOMING: 'Voice', SMS: 'SMS', EMAIL: 'Email', CHAT: 'Chat', WHATSAPP: 'WhatsApp' };
		return [201, envelope({ assistant_id: id, name: body.name }, `${label[body.type]} assistant created successfully`)];
	}

	async function handle(req, res) {
		const url = new URL(req.url, 'http://sandbox');
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const raw = Buffer.concat(chunks).toString('utf8');
		const record = {
			method: req.method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			rawBody: raw,
			body: undefined,
		};
		state.requests.push(record);

		const send = (status, payload, headers = {}) => {
			const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
			res.writeHead(status, {
				'content-type': typeof payload === 'string' ? 'text/plain' : 'application/json',
				...headers,
			});
			res.end(text);
		};

		try {
			const canned = state.scripted.shift();
			if (canned) {
				send(canned.status, canned.body ?? '', canned.headers);
				return;
			}
			if (req.headers.authorization !== `Bearer ${state.token}`) {
				throw new HttpFailure(401, { detail: 'Invalid or expired token' });
			}
			if (raw !== '') {
				try {
					record.body = JSON.parse(raw);
				} catch {
					throw unprocessable([[[], 'JSON decode error', 'json_invalid']]);
				}
			}
			const route = routes.find(([method, pattern]) => method === req.method && pattern.test(url.pathname));
			if (!route) {
				const known = routes.some(([, pattern]) => pattern.test(url.pathname));
				throw new HttpFailure(known ? 405 : 404, { detail: known ? 'Method Not Allowed' : 'Not Found' });
			}
			const result = await route[2]({ ...record, match: url.pathname.match(route[1]) });
			const [status, payload] = Array.isArray(result) ? result : [200, result];
			send(status, payload);
		} catch (error) {
			if (error instanceof HttpFailure) send(error.status, error.body, error.headers);
			else send(500, { detail: `Sandbox bug: ${error.message}` });
		}
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch(() => res.destroy());
	});
	server.keepAliveTimeout = 5000;

	return {
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
		/** Forgets requests, scripts and created agents between tests; seeded lists stay. */
		reset() {
			state.scripted.length = 0;
			state.requests.length = 0;
			state.agents.clear();
			state.createdByName.clear();
		},
	};
}

module.exports = { createSandbox, DEFAULT_TOKEN };
