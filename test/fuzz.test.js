'use strict';
/**
 * Property: for every operation, every generated parameter set either becomes a request the sandbox's
 * schema of the documented body accepts, or fails its item with a message that names the field and the
 * item; nothing else is thrown, nothing hangs. FUZZ_RUNS sets the count per operation (default 1,000 in `npm test`;
 * `npm run test:fuzz` runs 30,000), FUZZ_SEED the seed (fixed by default, so failures reproduce).
 */
const { useSandbox } = require('./helpers/sandbox');
const { nodeType } = require('./helpers/n8n');
const { operations, VERSION } = require('./fuzz/generate');
const { fuzzOperation } = require('./fuzz/run');

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);

// No rate limits here: the property is about what is sent, not about waiting.
const ctx = useSandbox({
	record: true,
	rateLimits: {
		'POST /v2/_call': { limit: 1e9, windowMs: 1000 },
		'GET /v2/_calls': { limit: 1e9, windowMs: 1000 },
	},
});

const cases = operations(nodeType.description).map((operation) => [
	Object.values(operation.context).join(' › '),
	operation,
]);

test.each(cases)(
	`%s: ${RUNS} generated parameter sets`,
	async (_label, operation) => {
		ctx.sandbox.seedVoiceAgent('voice-agent-0001');
		const result = await fuzzOperation(ctx.sandbox, ctx.credentials(), operation, RUNS, SEED);
		expect(result.problems.slice(0, 5)).toEqual([]);
		expect(result.items).toBe(RUNS);
		// The generator reaches both sides of the property: requests that were sent and items that failed.
		expect(result.okItems).toBeGreaterThan(0);
		expect(result.okItems).toBeLessThan(RUNS);
		// Drop what the sandbox recorded: tens of thousands of requests per operation.
		ctx.sandbox.requests.length = 0;
	},
	600_000,
);

/** The paths an operation declares for node version `version`, down to fields and fixed-collection rows. */
function declaredPaths(properties, version, prefix = '') {
	const paths = [];
	for (const property of properties) {
		const versions = property.displayOptions?.show?.['@version'];
		if (
			versions &&
			!versions.some((v) => (typeof v === 'number' ? v === version : version >= v._cnd.gte))
		)
			continue;
		if (property.type === 'notice') continue;
		const path = `${prefix}${property.name}`;
		if (property.type === 'collection')
			paths.push(...declaredPaths(property.options, version, `${path}.`));
		else if (property.type === 'fixedCollection')
			paths.push(...property.options.map((row) => `${path}.${row.name}`));
		else paths.push(path);
	}
	return paths;
}

// Runs last in this file: the generated sets above have exercised every operation's request builder.
test('every field an operation declares is read by its request builder (no field silently unsent)', () => {
	const { pathsRead } = require('../dist/nodes/ContactSwing/shared/input/itemReader');
	const {
		runOptions,
		repeatOptions,
	} = require('../dist/nodes/ContactSwing/shared/operations/runOptions');
	const { STATIC } = require('./fuzz/generate');
	// Batching, Timeout, Max Retry Wait and Repeat Protection are read by the router, from their own description.
	const readByRouter = new Set(
		[...runOptions, ...repeatOptions].map((option) => `options.${option.name}`),
	);
	const lists = [...pathsRead()].map(([properties, keys]) => ({
		names: new Set(declaredPaths(properties, VERSION)),
		read: [...keys]
			.filter((key) => key.startsWith(`${VERSION}:`))
			.map((key) => key.slice(`${VERSION}:`.length)),
	}));
	for (const [label, operation] of cases) {
		const own = operation.properties.filter((p) => !STATIC.has(p.name));
		const declared = declaredPaths(own, VERSION);
		// The properties list the operation's builder reads from: the smallest that declares all of its fields.
		const [list] = lists
			.filter((l) => declared.every((path) => l.names.has(path)))
			.sort((a, b) => a.names.size - b.names.size);
		const unread = declared.filter(
			// Read as a whole (an ancestor), or one of its own fields (a row of a fixed collection).
			(path) =>
				!readByRouter.has(path.split('.').slice(0, 2).join('.')) &&
				!(list?.read ?? []).some(
					(done) => path === done || path.startsWith(`${done}.`) || done.startsWith(`${path}.`),
				),
		);
		expect({ operation: label, unread }).toEqual({ operation: label, unread: [] });
	}
});
