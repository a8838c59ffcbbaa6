'use strict';
/** API keys: POST /v2/_api_keys. */
const crypto = require('node:crypto');
const { unprocessable, badRequest, envelope, checkSchema } = require('../answers');

/** This resource's routes: [method, path pattern, handler(request)], over the sandbox's `state`. */
function routes(state) {
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

	return [['POST', /^\/v2\/_api_keys$/, createApiKey]];
}

module.exports = { routes };
