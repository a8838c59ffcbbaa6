'use strict';
/**
 * Saved workflows keep working: every parameter that version 0.1.0 released (node version 1) is still
 * offered at node version 1 with the same path, type, default and option values, and the node and
 * credential keep their names. test/contract/v1-as-released-0.1.0.json was generated from 0.1.0's build.
 */
const released = require('./contract/v1-as-released-0.1.0.json');
const { parameterContract } = require('./contract/parameters');
const { nodeType, credentialType } = require('./helpers/n8n');

test('node and credential type names are unchanged', () => {
	expect(nodeType.description.name).toBe(released.node);
	expect(credentialType.name).toBe(released.credential.name);
	expect(
		credentialType.properties.map(
			(p) => `${p.name} ${p.type} default=${JSON.stringify(p.default)}`,
		),
	).toEqual(released.credential.properties);
});

test('every parameter of 0.1.0 is still there at version 1, unchanged', () => {
	const now = new Set(parameterContract(nodeType.description, 1));
	const missing = released.parameters.filter((entry) => !now.has(entry));
	expect(missing).toEqual([]);
});

test('version 1 adds no parameter that would change what a saved workflow sends', () => {
	const before = new Set(released.parameters);
	const added = parameterContract(nodeType.description, 1).filter((entry) => !before.has(entry));
	// Only optional fields inside collections may be added: they are absent from saved workflows.
	for (const entry of added) expect(entry).toMatch(/ (additionalFields|updateFields|options)\./);
});
