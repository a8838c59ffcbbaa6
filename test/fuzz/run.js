'use strict';
/**
 * Runs generated parameter sets through the real node: each set rides on its own input item and every
 * parameter is an expression reading it, so values arrive exactly as a previous node would hand them over.
 * Returns the problems found (an empty list when every item behaved).
 */
const { runNode } = require('../helpers/n8n');
const { parameterSets, fieldLabels, VERSION } = require('./generate');

const KNOWN_API_MESSAGE =
	/^(ContactSwing (rejected the request \(HTTP (400|404)\)|found nothing at)|Could not reach ContactSwing)/;

/**
 * The node's parameters as a workflow would hold them: every value an expression reading the item.
 * Collections and fixed collections keep their static shape (n8n resolves expressions only in their
 * values), with one entry per fixed-collection group.
 */
function expressionsFor(properties, path) {
	const parameters = {};
	for (const property of properties) {
		const at = `${path}?.[${JSON.stringify(property.name)}]`;
		if (property.type === 'collection') {
			parameters[property.name] = expressionsFor(property.options, at);
		} else if (property.type === 'fixedCollection') {
			parameters[property.name] = Object.fromEntries(
				property.options.map((group) => {
					const groupPath = `${at}?.[${JSON.stringify(group.name)}]`;
					return property.typeOptions?.multipleValues
						? [group.name, [expressionsFor(group.values, `${groupPath}?.[0]`)]]
						: [group.name, expressionsFor(group.values, groupPath)];
				}),
			);
		} else if (property.type === 'resourceLocator') {
			// A picker's value, mapped by expression in its From List mode.
			parameters[property.name] = { __rl: true, mode: 'list', value: `={{ ${at} }}` };
		} else {
			parameters[property.name] = `={{ ${at} }}`;
		}
	}
	return parameters;
}

async function fuzzOperation(sandbox, credentials, operation, count, seed) {
	const { context, properties } = operation;
	const sets = parameterSets(operation, count, seed);
	const parameters = { ...context, ...expressionsFor(properties, '$json.p') };
	// Fast and without waiting on retries: the property is about what is sent, not how it is retried.
	// Batching, Timeout and Max Retry Wait apply to the whole run (read once, like the HTTP Request
	// node's batching), so they are set here, not per item.
	parameters.options = {
		...parameters.options,
		batching: { batch: { batchSize: 32 } },
		maxRetryWait: 0,
		timeout: 300_000,
	};
	// The call guardrails are left unset: with every option present as an expression, an Allowed Numbers or
	// Calling Hours that resolves to nothing refuses every item by design (nothing would be sent at all).
	// Their own property test is in test/resources/call.guardrails.test.js.
	for (const name of ['allowedNumbers', 'callingHours', 'maxCallsPerExecution'])
		delete parameters.options[name];
	// Repeat Protection applies to the whole run and keeps a ledger across runs: each generated set here is
	// its own request, so the node version's default stands. Its own tests are in test/shared/ledger.test.js.
	for (const name of [
		'repeatProtection',
		'repeatKey',
		'repeatScope',
		'rememberRequests',
		'ifOutcomeUnknown',
		'forgetLedger',
	])
		delete parameters.options?.[name];
	const before = sandbox.requests.length;
	sandbox.state.malformed = 0;
	const { output, error } = await runNode({
		items: sets.map((p) => ({ p })),
		parameters,
		credentials,
		continueOnFail: true,
		typeVersion: VERSION,
	});
	const problems = [];
	if (error) problems.push(`run failed: ${error.message}`);
	if (output.length < sets.length)
		problems.push(`${output.length} outputs for ${sets.length} items`);
	const labels = fieldLabels(properties);
	const seenItems = new Set();
	for (const item of output) {
		const index = item.pairedItem.item;
		if (item.json.error === undefined) continue;
		if (seenItems.has(index)) problems.push(`item ${index} has two errors`);
		seenItems.add(index);
		const message = String(item.json.error);
		const namesItem = message.endsWith(`[item ${index}]`);
		const namesField = labels.some(
			(label) => message.startsWith(label + ' ') || message.startsWith(label + ':'),
		);
		if (!namesItem || !(namesField || KNOWN_API_MESSAGE.test(message))) {
			problems.push(`item ${index} (${JSON.stringify(sets[index]).slice(0, 300)}): ${message}`);
		}
	}
	// Whatever the node sent must pass the sandbox's schema of the documented body (422 = malformed).
	for (const request of sandbox.requests.slice(before)) {
		if (request.unparsable) problems.push(`unparsable body sent to ${request.path}`);
	}
	const malformed = sandbox.state.malformed;
	if (malformed > 0)
		problems.push(`${malformed} requests broke the documented schema (422 or bad pagination)`);
	return {
		problems,
		sent: sandbox.requests.length - before,
		malformed,
		items: sets.length,
		okItems: new Set(output.filter((o) => o.json.error === undefined).map((o) => o.pairedItem.item))
			.size,
	};
}

module.exports = { fuzzOperation };
