'use strict';
/**
 * ContactSwing sandbox: a local stand-in for the ContactSwing REST API, built from its public API
 * reference (the endpoints and readings docs/sandbox.md and docs/readings.md list). It listens on
 * 127.0.0.1 only, has no dependencies, and records every request so tests can assert on exactly what the node sent. Behaviours the API reference does not
 * state are marked ASSUMED here and listed in docs/sandbox.md.
 */
const http = require('node:http');
const crypto = require('node:crypto');
const { badRequest, envelope, HttpFailure, paginate, unprocessable } = require('./answers');

/** One file per resource under routes/: its routes, and what the server seeds and parses for it. */
const resources = {
	agent: require('./routes/agent'),
	action: require('./routes/action'),
	customer: require('./routes/customer'),
	knowledgeBase: require('./routes/knowledgeBase'),
	apiKey: require('./routes/apiKey'),
	call: require('./routes/call'),
};
const { seedActions } = resources.action;
const { seedCustomers } = resources.customer;
const { seedCalls } = resources.call;
const { parseMultipart } = resources.knowledgeBase;

const DEFAULT_TOKEN = 'sandbox-token';

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

	// One table of every route, each resource's from its own file under routes/.
	const webhook = resources.action.webhookActions(state);
	const routes = Object.values(resources).flatMap((resource) =>
		resource.routes(state, { listAnswer }),
	);

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
		const own = await webhook.control(req, url, body).catch((error) => ({
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
		addWebhookAction: webhook.addWebhookAction,
		callAgent: webhook.callAgent,
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
