'use strict';
/**
 * A ContactSwing Trigger in an active workflow, polled as n8n polls it: n8n-core's
 * TriggersAndPollers.runPollFunction with a PollContext, the node's parameters as n8n loads them (Poll
 * Times included), its credential with an ID, and the workflow's static data kept between polls.
 *
 * - `poll({ activation, mode })`: `activation` is what n8n reports (`activate` for every poll after
 *   publishing in the default scheduler, `init` after a restart; the durable scheduler's scheduled polls
 *   report `update`); `mode` 'manual' is the editor's Fetch Test Event. Returns the emitted items.
 * - `durablePoll({ staged, activation })`: one poll as the durable scheduler runs it, on a staged copy of
 *   the node's static data (`staged`: what n8n committed; the caller keeps it only when n8n would commit).
 * - `clock.advance(ms)`: moves Date.now() on, as time passing between polls.
 */
const path = require('node:path');
const { Workflow } = require('n8n-workflow');
const { PollContext, TriggersAndPollers } = require('n8n-core');
const { baseAdditionalData, TRIGGER_TYPE } = require('../helpers/n8n');
const { DEFAULT_TOKEN } = require('../sandbox/server');

const { ContactSwingTrigger } = require(
	path.join(__dirname, '../../dist/nodes/ContactSwingTrigger/ContactSwingTrigger.node.js'),
);

// n8n-core's loader adds Poll Times to every polling node's properties (DirectoryLoader.applySpecialNodeParameters).
const { commonPollingParameters } = require(
	require.resolve('n8n-core/dist/nodes-loader/constants', { paths: [require.resolve('n8n-core')] }),
);

/** The trigger type as n8n loads it: with the Poll Times parameter n8n adds to every polling node. */
const triggerType = new ContactSwingTrigger();
triggerType.description.properties.unshift(...commonPollingParameters);
const nodeTypes = {
	getByName: () => triggerType,
	getByNameAndVersion: () => triggerType,
	getKnownTypes: () => ({}),
};

const EVERY_MINUTE = { item: [{ mode: 'everyMinute' }] };

/**
 * What the trigger writes to n8n's log as warnings, collected in a list (restored by
 * jest.restoreAllMocks()). n8n-core's own copies: the logger a PollContext hands the node is n8n-core's
 * Container's Logger.
 */
function captureWarnings() {
	const fromCore = (name) =>
		require(require.resolve(name, { paths: [require.resolve('n8n-core')] }));
	const { Container } = fromCore('@n8n/di');
	const { Logger } = fromCore('@n8n/backend-common');
	const warnings = [];
	jest
		.spyOn(Container.get(Logger), 'warn')
		.mockImplementation((message) => warnings.push(String(message)));
	return warnings;
}

/** Date.now() that tests can move on; restored by jest.restoreAllMocks(). */
function useClock() {
	const realNow = Date.now.bind(Date);
	let offset = 0;
	jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
	return {
		advance(ms) {
			offset += ms;
		},
	};
}

function createTrigger({
	sandbox,
	parameters,
	typeVersion = 2,
	credentialId = 'cred-1',
	credentials,
	nodeName = 'ContactSwing Trigger',
	staticData,
}) {
	const node = {
		id: 'f0c1a5b2-0000-4000-8000-000000000002',
		name: nodeName,
		type: TRIGGER_TYPE,
		typeVersion,
		position: [0, 0],
		parameters: { pollTimes: EVERY_MINUTE, ...parameters },
		credentials: { contactSwingApi: { id: credentialId, name: 'ContactSwing account' } },
	};
	const workflow = new Workflow({
		id: 'poll',
		name: 'poll',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		settings: {},
		staticData,
	});
	let credentialData = credentials ?? { accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url };
	const run = async (context) =>
		(await new TriggersAndPollers().runPollFunction(workflow, node, context))?.[0] ?? [];
	return {
		node,
		workflow,
		staticData: () => workflow.getStaticData('node', node),
		setCredentials(data) {
			credentialData = data;
		},
		/** As n8n would see the node after it was renamed in the editor (its static data stays under the old name). */
		rename(name) {
			workflow.renameNode(node.name, name);
		},
		async poll({ activation = 'activate', mode = 'trigger' } = {}) {
			const additionalData = baseAdditionalData(credentialData);
			return await run(new PollContext(workflow, node, additionalData, mode, activation));
		},
		async durablePoll({ staged, activation = 'update', budgetMs = 36_000 }) {
			const additionalData = baseAdditionalData(credentialData);
			const context = new PollContext(
				workflow,
				node,
				additionalData,
				'trigger',
				activation,
				undefined,
				undefined,
				undefined,
				undefined,
				() => staged,
				() => budgetMs,
			);
			return await run(context);
		},
	};
}

const ids = (items) => items.map((item) => item.json.id);

/**
 * Events expected and emitted, counted: expected is a list of keys (an ID, or `id:status`), emitted the
 * items' keys. Returns { expected, emitted, duplicated, missed, unexpected }.
 */
function tally(expected, emitted) {
	const want = new Set(expected);
	const seen = new Map();
	for (const key of emitted) seen.set(key, (seen.get(key) ?? 0) + 1);
	return {
		expected: want.size,
		emitted: emitted.length,
		duplicated: [...seen.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0),
		missed: [...want].filter((key) => !seen.has(key)).length,
		unexpected: [...seen.keys()].filter((key) => !want.has(key)).length,
	};
}

/** A small seeded random source (mulberry32), so a history is the same on every run. */
function random(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

module.exports = {
	createTrigger,
	useClock,
	captureWarnings,
	ids,
	tally,
	random,
	triggerType,
	EVERY_MINUTE,
};
