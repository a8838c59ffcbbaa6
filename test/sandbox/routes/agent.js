'use strict';
/** AI agents: POST /v2/_new_assistants, checked by channel as far as the reference states the rules. */
const crypto = require('node:crypto');
const { E164, unprocessable, badRequest, envelope, checkSchema } = require('../answers');

const AGENT_TYPES = ['VOICE_INCOMING', 'SMS', 'EMAIL', 'CHAT', 'WHATSAPP'];

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

/** This resource's routes: [method, path pattern, handler(request)], over the sandbox's `state`. */
function routes(state) {
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

	return [['POST', /^\/v2\/_new_assistants$/, createAgent]];
}

module.exports = { routes };
