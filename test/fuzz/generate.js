'use strict';
/**
 * Parameter sets generated from the node's own UI description: for every operation (and every action
 * type), one fast-check arbitrary per property, mixing plausible values with the shapes workflows feed
 * nodes by mistake (numbers as strings, lists where text belongs, CR/LF, emoji, __proto__ keys, nulls).
 */
const fc = require('fast-check');

const STATIC = new Set(['resource', 'operation', 'actionType']);

/** The node version the generated sets run on: the one new workflows get. */
const VERSION = 2;

function versionMatches(values, version) {
	return values.some((value) =>
		typeof value === 'number' ? value === version : version >= value._cnd.gte,
	);
}

function shown(property, context) {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([key, values]) => {
		if (key === '@version') return versionMatches(values, VERSION);
		return (
			key === 'returnAll' ||
			key.startsWith('/') ||
			(context[key] !== undefined ? values.includes(context[key]) : true)
		);
	});
}

/** Every operation of the node as { context, properties }, Create Action once per action type. */
function operations(description) {
	const result = [];
	const resources = description.properties
		.find((p) => p.name === 'resource')
		.options.map((o) => o.value);
	for (const resource of resources) {
		const operationProperty = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions.show.resource.includes(resource),
		);
		for (const { value: operation } of operationProperty.options) {
			const base = { resource, operation };
			const typeProperty = description.properties.find(
				(p) => p.name === 'actionType' && shown(p, base),
			);
			const contexts = typeProperty
				? typeProperty.options
						.filter((o) => o.value !== 'DTMF_ACTION' || operation !== 'create')
						.map((o) => ({ ...base, actionType: o.value }))
				: [base];
			for (const context of contexts) {
				// Notices hold no value: a workflow never sets one.
				const properties = description.properties.filter(
					(p) =>
						!STATIC.has(p.name) && p.type !== 'notice' && p.displayOptions && shown(p, context),
				);
				result.push({ context, properties });
			}
		}
	}
	return result;
}

const plausibleText = fc.constantFrom(
	'',
	' ',
	'Acme Dental',
	'+13465507166',
	'+1 (346) 550-7166',
	'134',
	'134, 442',
	'0',
	'-5',
	'1.5',
	'https://example.com/a',
	'example.com',
	'650175178190170',
	'a@b.co',
	'2026-12-31T23:59:59Z',
	'09:00',
	'OUTBOUND',
	'cw-llm-1',
	'google',
	'SMS',
	// IDs the sandbox knows, so operations on existing records succeed as often as they fail.
	'a0000000-0000-4000-8000-000000000001',
	'c0000000-0000-4000-8000-000000000001',
	'kb-seeded-1',
	'voice-agent-0001',
);
const nasty = fc.constantFrom(
	'\r\nX-Injected: 1',
	'__proto__',
	'constructor',
	'😀🚀 ünïcödé',
	'<script>alert(1)</script>',
	'{"a":',
	'[1,2',
	'null',
	'true',
	'  \t ',
	'x'.repeat(5000),
);
const anyJson = fc.oneof(
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.array(fc.string(), { maxLength: 3 }),
	fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

const safeObject = fc.dictionary(
	fc.string({ maxLength: 6 }).map((k) => `x_${k}`),
	fc.jsonValue({ maxDepth: 2 }),
	{ maxKeys: 3 },
);

const knownIds = fc.constantFrom(
	'a0000000-0000-4000-8000-000000000001',
	'c0000000-0000-4000-8000-000000000001',
	'kb-seeded-1',
	'voice-agent-0001',
);

function valueFor(property) {
	if (/Id$/.test(property.name) && ['string', 'resourceLocator'].includes(property.type)) {
		return fc.oneof(
			{ weight: 3, arbitrary: knownIds },
			{ weight: 2, arbitrary: fc.oneof(plausibleText, nasty, anyJson) },
		);
	}
	switch (property.type) {
		case 'string':
			return fc.oneof(
				{ weight: 4, arbitrary: plausibleText },
				{ weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
				{ weight: 2, arbitrary: nasty },
				{ weight: 2, arbitrary: anyJson },
			);
		case 'number':
			return fc.oneof(
				fc.integer({ min: -5, max: 200_000 }),
				fc.double({ noNaN: false }),
				fc.constantFrom('86400', ' 10 ', 'ten', '', '1e3', null, -1, 2 ** 60),
			);
		case 'boolean':
			return fc.oneof(
				{ weight: 4, arbitrary: fc.boolean() },
				{ weight: 1, arbitrary: fc.constantFrom('true', 'false', 'yes', 1, null) },
			);
		case 'options':
			return fc.oneof(
				{ weight: 4, arbitrary: fc.constantFrom(...property.options.map((o) => o.value)) },
				{ weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 10 }), anyJson) },
			);
		case 'multiOptions':
			return fc.oneof(
				fc.array(fc.oneof(fc.uuid(), fc.string({ maxLength: 8 })), { maxLength: 3 }),
				plausibleText,
				anyJson,
			);
		case 'json':
			// Keys start with x_ so an escape hatch never overwrites a documented field with another type:
			// what such a field sends is the user's to decide, and not what this property is about.
			return fc.oneof(
				safeObject,
				safeObject.map((o) => JSON.stringify(o)),
				fc.constantFrom(
					'{"a":',
					'{"__proto__": {"x": 1}}',
					'[]',
					'{}',
					'[1]',
					'"text"',
					'[{"api_key_id": 7, "type": "MODEL"}]',
					'[{"api_key_id": "7"}]',
				),
				anyJson,
			);
		case 'dateTime':
			return fc.oneof(
				fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
				fc.constantFrom('next tuesday', '', 0),
			);
		case 'collection':
			return fc.oneof(
				{
					weight: 5,
					arbitrary: fc.record(
						Object.fromEntries(
							property.options.filter((o) => shown(o, {})).map((o) => [o.name, valueFor(o)]),
						),
						{ requiredKeys: [] },
					),
				},
				{ weight: 1, arbitrary: anyJson },
			);
		case 'fixedCollection':
			return fc.record(
				Object.fromEntries(
					property.options.map((group) => [
						group.name,
						property.typeOptions?.multipleValues
							? fc.array(
									fc.record(Object.fromEntries(group.values.map((v) => [v.name, valueFor(v)])), {
										requiredKeys: [],
									}),
									{ maxLength: 3 },
								)
							: fc.record(Object.fromEntries(group.values.map((v) => [v.name, valueFor(v)])), {
									requiredKeys: [],
								}),
					]),
				),
				{ requiredKeys: [] },
			);
		default:
			return fc.constant(undefined);
	}
}

/** One parameter set: a value (or nothing) for every property of the operation. */
function parameterSets({ properties }, count, seed) {
	const arbitrary = fc.record(Object.fromEntries(properties.map((p) => [p.name, valueFor(p)])), {
		requiredKeys: [],
	});
	return fc.sample(arbitrary, { numRuns: count, seed });
}

/** Every name a message may start with: display names of properties, options and fixed-collection values. */
function fieldLabels(properties) {
	const labels = new Set([
		'Update Fields',
		'Additional Body (JSON)',
		'Items per Batch',
		'Batch Interval (Ms)',
		'Timeout (Ms)',
		'Max Retry Wait (Seconds)',
		'Emotions',
	]);
	const walk = (list) => {
		for (const p of list) {
			labels.add(p.displayName);
			if (p.options && p.type !== 'options' && p.type !== 'multiOptions') walk(p.options);
			if (p.values) walk(p.values);
		}
	};
	walk(properties);
	return [...labels].sort((a, b) => b.length - a.length);
}

module.exports = { operations, parameterSets, fieldLabels, STATIC, VERSION };
