'use strict';
/** Calls: POST /v2/_voicecalls/{agent}/makeCall, POST /v2/_call, GET /v2/_calls. */
const crypto = require('node:crypto');
const {
	E164,
	HttpFailure,
	unprocessable,
	badRequest,
	envelope,
	checkSchema,
} = require('../answers');

function seedCalls(count) {
	const statuses = ['completed', 'no-answer', 'busy', 'completed'];
	return Array.from({ length: count }, (_, i) => ({
		id: `call-${String(i + 1).padStart(4, '0')}`,
		customer_name: `Customer ${i + 1}`,
		status: statuses[i % statuses.length],
		duration: 30 + i,
	}));
}

/** This resource's routes: [method, path pattern, handler(request)], over the sandbox's `state`. */
function routes(state, { listAnswer }) {
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

	return [
		['POST', /^\/v2\/_voicecalls\/([^/]+)\/makeCall$/, makeCall],
		['POST', /^\/v2\/_call$/, createCall],
		['GET', /^\/v2\/_calls$/, (req) => listAnswer('calls', req.query)],
	];
}

module.exports = { routes, seedCalls };
