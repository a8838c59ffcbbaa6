'use strict';
/**
 * Saved workflows keep working: every node version keeps what the release that introduced it offered
 * (same parameter paths, types, defaults and option values), and adds nothing a saved workflow would now
 * send. One snapshot per node version, generated from the build of that release:
 * test/contract/<node>-v<version>-as-released-<release>.json.
 */
const fs = require('node:fs');
const path = require('node:path');
const { compareContract, parameterContract } = require('./contract/parameters');
const { nodeType, triggerType, actionTriggerType, credentialType } = require('./helpers/n8n');

const nodes = {
	contactSwing: nodeType,
	contactSwingTrigger: triggerType,
	contactSwingActionTrigger: actionTriggerType,
};
const snapshots = fs
	.readdirSync(path.join(__dirname, 'contract'))
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, ...require(`./contract/${file}`) }));

test('node and credential type names are unchanged', () => {
	const v1 = snapshots.find((s) => s.file === 'action-v1-as-released-0.1.0.json');
	expect(nodeType.description.name).toBe(v1.node);
	expect(credentialType.name).toBe(v1.credential.name);
	expect(
		credentialType.properties.map(
			(p) => `${p.name} ${p.type} default=${JSON.stringify(p.default)}`,
		),
	).toEqual(v1.credential.properties);
});

describe.each(snapshots.map((s) => [s.file, s]))('%s', (_file, snapshot) => {
	const node = nodes[snapshot.node];
	const current = () => parameterContract(node.description, snapshot.version);

	test('the node still offers this version', () => {
		expect([node.description.version].flat()).toContain(snapshot.version);
	});

	test('every released parameter is still there, with its type, default and option values', () => {
		expect(compareContract(snapshot.parameters, current()).missing).toEqual([]);
	});

	test('no new parameter that a saved workflow of this version would now send', () => {
		expect(compareContract(snapshot.parameters, current()).added).toEqual([]);
	});
});

test('the comparison catches what would break a saved workflow, and lets a new operation in', () => {
	const released = [
		'{"operation":["get"],"resource":["action"]} actionId string default=""',
		'{"resource":["action"]} operation options default="get" values=["get"]',
	];
	// A new operation (its value, and its own top-level field) changes no saved workflow.
	expect(
		compareContract(released, [
			...released.slice(0, 1),
			'{"resource":["action"]} operation options default="get" values=["delete","get"]',
			'{"operation":["delete"],"resource":["action"]} actionId string default=""',
		]),
	).toEqual({ missing: [], added: [] });
	// A lost value, a changed default and a new top-level field in a released operation do.
	const broken = compareContract(released, [
		'{"operation":["get"],"resource":["action"]} actionId string default="x"',
		'{"operation":["get"],"resource":["action"]} simplify boolean default=true',
		'{"resource":["action"]} operation options default="get" values=["getMany"]',
	]);
	expect(broken.missing).toHaveLength(2);
	expect(broken.added).toEqual([
		'{"operation":["get"],"resource":["action"]} actionId string default="x"',
		'{"operation":["get"],"resource":["action"]} simplify boolean default=true',
	]);
});
