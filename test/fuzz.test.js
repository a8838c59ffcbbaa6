'use strict';
/**
 * Property: for every operation, every generated parameter set either becomes a request the sandbox's
 * schema of the documented body accepts, or fails its item with a message that names the field and the
 * item; nothing else is thrown, nothing hangs. FUZZ_RUNS sets the count per operation (default 1,000 in `npm test`;
 * `npm run test:fuzz` runs 30,000), FUZZ_SEED the seed (fixed by default, so failures reproduce).
 */
const { useSandbox } = require('./helpers/sandbox');
const { nodeType } = require('./helpers/n8n');
const { operations } = require('./fuzz/generate');
const { fuzzOperation } = require('./fuzz/run');

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261128);

// No rate limits here: the property is about what is sent, not about waiting.
const ctx = useSandbox({ record: true, rateLimits: { 'POST /v2/_call': { limit: 1e9, windowMs: 1000 }, 'GET /v2/_calls': { limit: 1e9, windowMs: 1000 } } });

const cases = operations(nodeType.description).map((operation) => [Object.values(operation.context).join(' › '), operation]);

test.each(cases)(`%s: ${RUNS} generated parameter sets`, async (_label, operation) => {
	ctx.sandbox.seedVoiceAgent('voice-agent-0001');
	const result = await fuzzOperation(ctx.sandbox, ctx.credentials(), operation, RUNS, SEED);
	expect(result.problems.slice(0, 5)).toEqual([]);
	expect(result.items).toBe(RUNS);
	// The generator reaches both sides of the property: requests that were sent and items that failed.
	expect(result.okItems).toBeGreaterThan(0);
	expect(result.okItems).toBeLessThan(RUNS);
	// Drop what the sandbox recorded: tens of thousands of requests per operation.
	ctx.sandbox.requests.length = 0;
}, 600_000);
