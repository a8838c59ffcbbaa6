'use strict';
/**
 * Output schemas as n8n reads them (nodes/ContactSwing/__schema__/v<version>/<resource>/<operation>.json):
 * a JSON Schema object with `type` and non-empty `properties`, which n8n's editor shows as the output of a
 * node that has not run yet (in the next node's input panel) and n8n's AI features read as what the node
 * outputs. `inferSchema` derives one from the items an operation really output (outputSamples.js);
 * `validate` checks an item against one. Only the keywords listed in KEYWORDS are written or understood.
 */

const path = require('node:path');

/** The node's schemas in the source tree (the build copies them beside the compiled node file). */
const SCHEMA_DIR = path.join(__dirname, '..', '..', 'nodes', 'ContactSwing', '__schema__');

/** Where n8n looks for an operation's schema at a node version (it pads the version to x.y.z). */
const schemaFile = (version, resource, operation) =>
	path.join(SCHEMA_DIR, `v${version}.0.0`, resource, `${operation}.json`);

/** Every keyword a schema here may use; `validate` understands each of them. */
const KEYWORDS = new Set([
	'type',
	'properties',
	'items',
	'required',
	'enum',
	'description',
	'if',
	'then',
	'else',
]);

/** What a field means, where the values alone do not say it. */
const DESCRIPTIONS = {
	ctx_id: "ContactSwing's ID of the request, to quote when asking ContactSwing about it",
	outcome:
		'With Repeat Protection (the default from node version 3): created (sent now), alreadyDone (an earlier run did it; nothing sent) or unknown (may have happened; nothing sent again)',
	request: 'The request that was not sent, as method and path',
	message: 'What happened, and what to check',
};

/** Outcomes of the ledger whose items describe a request not sent (no answer from ContactSwing). */
const NOT_SENT = ['alreadyDone', 'unknown'];

const typeOf = (value) =>
	value === null
		? 'null'
		: Array.isArray(value)
			? 'array'
			: typeof value === 'number'
				? 'number'
				: typeof value;

/** The JSON type(s) of the values seen, in a fixed order with null last (n8n's editor shows the first). */
const typesOf = (values) => {
	const order = ['string', 'number', 'boolean', 'object', 'array', 'null'];
	const types = order.filter((type) => values.some((value) => typeOf(value) === type));
	return types.length === 1 ? types[0] : types;
};

/** The schema of a set of values seen at one place: their types, and what objects and arrays hold. */
function schemaOfValues(values, name) {
	const schema = { type: typesOf(values) };
	if (DESCRIPTIONS[name]) schema.description = DESCRIPTIONS[name];
	const objects = values.filter((value) => typeOf(value) === 'object');
	if (objects.length > 0) {
		const properties = propertiesOf(objects);
		if (Object.keys(properties).length > 0) schema.properties = properties;
	}
	const elements = values.filter(Array.isArray).flat();
	if (elements.length > 0) schema.items = schemaOfValues(elements);
	return schema;
}

/** Every key seen in the objects, in the order first seen, each with the schema of its values. */
function propertiesOf(objects) {
	const names = [...new Set(objects.flatMap((object) => Object.keys(object)))];
	return Object.fromEntries(
		names.map((name) => [
			name,
			schemaOfValues(
				objects.filter((object) => name in object).map((object) => object[name]),
				name,
			),
		]),
	);
}

const presentInAll = (objects) =>
	Object.keys(objects[0] ?? {}).filter((name) => objects.every((object) => name in object));

/**
 * The schema of an operation's output items. Its properties are the fields of ContactSwing's answers (what
 * the editor lists as the node's usual output, in the order they come); the fields only the ledger's items
 * carry (outcome alreadyDone or unknown: the request that was not sent) are described in the `then` branch
 * of the condition on `outcome`, so the editor does not list them as usual. Fields every item of a kind
 * has are required for that kind.
 */
function inferSchema(samples) {
	const answered = samples.filter((sample) => !NOT_SENT.includes(sample.outcome));
	const notSent = samples.filter((sample) => NOT_SENT.includes(sample.outcome));
	// Each field's types from every item that has it.
	const all = propertiesOf([...answered, ...notSent]);
	const answeredFields = new Set(answered.flatMap((sample) => Object.keys(sample)));
	const pick = (keep) => Object.fromEntries(Object.entries(all).filter(([name]) => keep(name)));
	const schema = {
		type: 'object',
		properties: pick((name) => answeredFields.has(name)),
		required: presentInAll(samples),
	};
	if (schema.properties.outcome)
		schema.properties.outcome.enum = [...new Set(samples.map((s) => s.outcome))].filter(Boolean);
	if (notSent.length > 0) {
		const ledgerOnly = pick((name) => !answeredFields.has(name));
		schema.if = { properties: { outcome: { enum: NOT_SENT } }, required: ['outcome'] };
		schema.then = {
			...(Object.keys(ledgerOnly).length > 0 ? { properties: ledgerOnly } : {}),
			required: presentInAll(notSent),
		};
		schema.else = { required: presentInAll(answered) };
	}
	return schema;
}

/**
 * The problems of `value` against `schema` (none: it matches), each with where it is. JSON Schema leaves
 * other fields allowed; `closed` (the default here) also reports a field of an object that neither the
 * schema's properties nor those of the branch of its condition that applies name, so a schema that misses an
 * output field fails.
 */
function validate(schema, value, where = '$', { closed = true } = {}) {
	const problems = [];
	if (schema.type !== undefined) {
		const allowed = [schema.type].flat();
		const actual = typeOf(value);
		if (!allowed.includes(actual) && !(actual === 'number' && allowed.includes('integer')))
			problems.push(`${where} is ${actual}, the schema says ${allowed.join(' or ')}`);
	}
	if (schema.enum && !schema.enum.includes(value))
		problems.push(`${where} is ${JSON.stringify(value)}, not one of ${schema.enum.join(', ')}`);
	const branch = schema.if
		? validate(schema.if, value, where, { closed: false }).length === 0
			? schema.then
			: schema.else
		: undefined;
	if (typeOf(value) === 'object') {
		for (const name of [...(schema.required ?? []), ...(branch?.required ?? [])])
			if (!(name in value)) problems.push(`${where}.${name} is missing`);
		const fields = { ...schema.properties, ...branch?.properties };
		for (const [name, field] of Object.entries(value)) {
			if (fields[name])
				problems.push(...validate(fields[name], field, `${where}.${name}`, { closed }));
			else if (closed && (schema.properties || branch?.properties))
				problems.push(`${where}.${name} is not in the schema`);
		}
	}
	if (Array.isArray(value) && schema.items)
		value.forEach((element, k) =>
			problems.push(...validate(schema.items, element, `${where}[${k}]`, { closed })),
		);
	return problems;
}

/** Keywords a schema uses that `validate` does not understand (property names are not keywords). */
function unknownKeywords(schema) {
	const found = [];
	for (const [keyword, value] of Object.entries(schema)) {
		if (!KEYWORDS.has(keyword)) found.push(keyword);
		if (keyword === 'properties')
			for (const field of Object.values(value)) found.push(...unknownKeywords(field));
		else if (['items', 'if', 'then', 'else'].includes(keyword))
			found.push(...unknownKeywords(value));
	}
	return found;
}

module.exports = { inferSchema, validate, unknownKeywords, SCHEMA_DIR, schemaFile };
