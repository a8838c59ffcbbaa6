'use strict';
/** Knowledge bases: POST /v2/_knowledge_base (JSON), PUT /v2/_knowledgebase/{id} (multipart). */
const crypto = require('node:crypto');
const { HttpFailure, unprocessable, badRequest, envelope, checkSchema } = require('../answers');

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

/** This resource's routes: [method, path pattern, handler(request)], over the sandbox's `state`. */
function routes(state) {
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

	return [
		['POST', /^\/v2\/_knowledge_base$/, createKnowledgeBase],
		['PUT', /^\/v2\/_knowledgebase\/([^/]+)$/, updateKnowledgeBase],
	];
}

module.exports = { routes, parseMultipart };
