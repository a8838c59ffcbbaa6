'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { nodeType } = require('./helpers/n8n');

const root = path.join(__dirname, '..');
const pkg = require('../package.json');

describe('package', () => {
	test('npm pack holds only dist/, README, LICENSE and package.json, including every n8n entry and icon', () => {
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
				cwd: root,
				encoding: 'utf8',
			}),
		);
		const files = packed.files.map((f) => f.path);
		for (const file of files)
			expect(file).toMatch(/^(dist\/|README\.md$|LICENSE\.md$|package\.json$)/);
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
		for (const icon of [
			'dist/nodes/ContactSwing/contactSwing.svg',
			'dist/nodes/ContactSwing/contactSwing.dark.svg',
			'dist/credentials/contactSwing.svg',
			'dist/credentials/contactSwing.dark.svg',
		]) {
			expect(files).toContain(icon);
		}
		expect(files).toContain('dist/nodes/ContactSwing/ContactSwing.node.json');
		expect(files.some((f) => f.includes('.test.') || f.startsWith('test/'))).toBe(false);
	});

	test('has no runtime dependencies and only n8n-workflow as peer', () => {
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect(fs.existsSync(path.join(root, 'LICENSE.md'))).toBe(true);
	});
});

describe('node description', () => {
	const { description } = nodeType;
	const smsProperties = description.properties.filter((p) =>
		p.displayOptions?.show?.operation?.includes('createSmsAgent'),
	);
	const byName = Object.fromEntries(smsProperties.map((p) => [p.name, p]));

	test('identity, tool use and the SMS operation', () => {
		expect(description).toEqual(
			expect.objectContaining({
				name: 'contactSwing',
				displayName: 'ContactSwing',
				version: [1, 2, 3],
				defaultVersion: 3,
				usableAsTool: true,
			}),
		);
		const operation = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions.show.resource[0] === 'agent',
		);
		expect(operation.options).toContainEqual(
			expect.objectContaining({
				name: 'Create SMS AI Agent',
				value: 'createSmsAgent',
				action: 'Create an SMS agent',
			}),
		);
		const codex = require('../dist/nodes/ContactSwing/ContactSwing.node.json');
		expect(codex.categories).not.toContain('AI');
	});

	test('a UI property for every SMS body field; required fields at top level, the rest in collections', () => {
		const required = ['name', 'model', 'smsKeyIds', 'instructions', 'smsType'];
		for (const name of required)
			expect(byName[name]).toEqual(expect.objectContaining({ required: true }));
		const optional = byName.additionalFields.options.map((o) => o.name);
		expect(optional).toEqual([
			'actionIds',
			'agentPrompt',
			'goal',
			'idleTimeSeconds',
			'kbId',
			'maxMessages',
			'phoneNumber',
		]);
		expect(byName.options.options.map((o) => o.name)).toEqual(
			expect.arrayContaining(['additionalBody', 'force']),
		);
		expect(byName.model.default).toBe('cw-llm-1');
		expect(byName.smsType.options.map((o) => o.value)).toContain(byName.smsType.default);
		// `type` is fixed by the operation, never asked.
		expect(byName.type).toBeUndefined();
	});

	const resources = description.properties.find((p) => p.name === 'resource').options;
	const operationsOf = (resource) =>
		description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions.show.resource.includes(resource.value),
		).options;

	test('the subtitle under the node is a short "operation: object" for every operation, never the node\'s name again', () => {
		const map = JSON.parse(description.subtitle.match(/\{\{ (\{.*\})\[/)[1]);
		const keys = resources.flatMap((resource) =>
			operationsOf(resource).map((operation) => `${resource.value}:${operation.value}`),
		);
		expect(Object.keys(map).sort()).toEqual(keys.sort());
		for (const resource of resources)
			for (const operation of operationsOf(resource)) {
				const subtitle = map[`${resource.value}:${operation.value}`];
				// n8n names a new node after the action text; the subtitle says the operation, as n8n's "getAll: contact".
				const verb = operation.name.match(/^(Get Many|\w+)/)[1].toLowerCase();
				expect([operation.value, subtitle]).toEqual([
					operation.value,
					expect.stringMatching(new RegExp(`^${verb}: \\S`)),
				]);
				expect(subtitle.length).toBeLessThanOrEqual(25);
				expect(subtitle.toLowerCase()).not.toBe(operation.action.toLowerCase());
			}
		expect(map['agent:createSmsAgent']).toBe('create: SMS agent');
		expect(map['call:makeCall']).toBe('make: call (legacy)');
	});

	test('every operation appears in the README operations table', () => {
		const readme = require('node:fs').readFileSync(
			require('node:path').join(__dirname, '../README.md'),
			'utf8',
		);
		const rows = new Set(
			readme
				.split('\n')
				.filter((line) => /^\| [A-Z]/.test(line))
				.map((line) => line.split('|').map((cell) => cell.trim()))
				.map((cells) => `${cells[1]}|${cells[2]}`),
		);
		for (const resource of resources) {
			for (const operation of operationsOf(resource))
				expect(rows).toContain(`${resource.name}|${operation.name}`);
		}
	});

	test('every operation has an action and a sentence description for AI tools', () => {
		for (const resource of resources) {
			for (const operation of operationsOf(resource)) {
				expect(operation.action).toEqual(expect.any(String));
				expect(operation.description.length).toBeGreaterThan(15);
			}
		}
	});

	test('no property disables expressions except resource, operation and action type', () => {
		const locked = description.properties.filter((p) => p.noDataExpression).map((p) => p.name);
		expect([...new Set(locked)].sort()).toEqual(['actionType', 'operation', 'resource']);
	});
});

describe("as an AI agent's tool", () => {
	const { NodeHelpers } = require('n8n-workflow');
	const { nodeType } = require('./helpers/n8n');
	const toolDescription = (resource, operation) =>
		NodeHelpers.getToolDescriptionForNode(
			{ parameters: { resource, operation, descriptionType: 'auto' } },
			nodeType,
		);

	test('what n8n tells the model for each operation says what it does, and the side effects of calls', () => {
		expect(toolDescription('agent', 'createSmsAgent')).toBe('Create an SMS agent in ContactSwing');
		// Short enough to name a node, and still telling the model that a call is paid for.
		expect(toolDescription('call', 'createCall')).toBe('Make a paid call in ContactSwing');
		expect(toolDescription('call', 'makeCall')).toBe('Make a paid call (legacy) in ContactSwing');
		expect(toolDescription('apiKey', 'create')).toBe('Create an API key in ContactSwing');
		expect(toolDescription('knowledgeBase', 'update')).toBe(
			'Update a knowledge base in ContactSwing',
		);
	});
});

test('the examples use the newest version of the ContactSwing node, as a node added today would', () => {
	const newest = Math.max(...[nodeType.description.version].flat());
	for (const file of fs.readdirSync(path.join(__dirname, '../examples'))) {
		const workflow = JSON.parse(fs.readFileSync(path.join(__dirname, '../examples', file), 'utf8'));
		for (const node of workflow.nodes.filter(
			(n) => n.type === 'n8n-nodes-contactswing.contactSwing',
		)) {
			expect([file, node.name, node.typeVersion]).toEqual([file, node.name, newest]);
		}
	}
});

test('the figures the README quotes come from their source', () => {
	const readme = fs.readFileSync(path.join(__dirname, '../README.md'), 'utf8');
	const {
		DEFAULT_ITEMS_PER_BATCH,
	} = require('../dist/nodes/ContactSwing/shared/operations/runOptions');
	expect(readme).toContain(`default ${DEFAULT_ITEMS_PER_BATCH} in flight`);
	// The compatibility table names the versions the runtime script pins (the one place they live).
	const runtime = fs.readFileSync(path.join(__dirname, '../scripts/n8n-runtime.js'), 'utf8');
	const pinned = JSON.parse(
		runtime
			.match(/const N8N_PINNED = (\{[^}]*\})/)[1]
			.replace(/'/g, '"')
			.replace(/([{,]\s*)"?([\w.]+)"?\s*:/g, '$1"$2":'),
	);
	for (const version of Object.values(pinned))
		expect(readme).toMatch(new RegExp(`^\\| ${version.replace(/\./g, '\\.')}\\b`, 'm'));
	// Every document the README links to exists.
	for (const [, target] of readme.matchAll(
		/\]\(((?:docs|examples)\/[^)#]*|CONTRIBUTING\.md|CHANGELOG\.md)(?:#[^)]*)?\)/g,
	)) {
		expect([target, fs.existsSync(path.join(__dirname, '..', target))]).toEqual([target, true]);
	}
});
