'use strict';
/**
 * Output schemas: for every operation and node version, the file n8n looks up
 * (__schema__/v<version padded to x.y.z>/<resource>/<operation>.json beside the installed node file) exists in
 * the build and in the packed package, has the shape n8n's editor accepts, and matches what the operation
 * really outputs, run through n8n-core against the sandbox. `npm run schemas` writes them from those outputs.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { resolveOutputSchemaPath, loadOutputSchema } = require('n8n-core');
const { useSandbox } = require('./helpers/sandbox');
const { VERSIONS, operations, outputSamples } = require('./helpers/outputSamples');
const { inferSchema, validate, unknownKeywords, schemaFile } = require('./helpers/outputSchema');

const root = path.join(__dirname, '..');
const DIST_NODE_DIR = path.join(root, 'dist', 'nodes', 'ContactSwing');
/** Where the build puts an operation's schema: the path n8n resolves. */
const inDist = (version, { resource, operation }) =>
	path.join(
		DIST_NODE_DIR,
		'__schema__',
		`v${version}.0.0`,
		resource.value,
		`${operation.value}.json`,
	);
const cases = VERSIONS.flatMap((version) =>
	operations().map((entry) => [
		`v${version} ${entry.resource.value}/${entry.operation.value}`,
		version,
		entry,
	]),
);
const committed = (version, { resource, operation }) =>
	JSON.parse(fs.readFileSync(schemaFile(version, resource.value, operation.value), 'utf8'));

describe('where n8n looks', () => {
	test.each(cases)(
		'%s: n8n finds it in the build at the version it asks for, with the shape its editor accepts',
		(_name, version, { resource, operation }) => {
			// As n8n 2.40.7's server answers the editor's GET /schemas/<type>/<version>/<resource>/<operation>.json
			// (no fallback to another version) and its AI features' lookup (with fallback) both resolve it.
			const ref = {
				nodeDir: DIST_NODE_DIR,
				version,
				resource: resource.value,
				operation: operation.value,
			};
			expect(resolveOutputSchemaPath(ref)).toBe(inDist(version, { resource, operation }));
			const schema = loadOutputSchema({ ...ref, versionFallback: true });
			// The editor's own check (schemaPreview store): an object with `type` and non-empty `properties`.
			expect(schema.type).toBe('object');
			expect(Object.keys(schema.properties).length).toBeGreaterThan(0);
			expect(unknownKeywords(schema)).toEqual([]);
			expect(schema).toEqual(committed(version, { resource, operation }));
		},
	);

	test('npm pack ships every schema', () => {
		const [packed] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
				cwd: root,
				encoding: 'utf8',
			}),
		);
		const shipped = packed.files
			.map((file) => file.path)
			.filter((file) => file.includes('/__schema__/'));
		expect(shipped.sort()).toEqual(
			cases.map(([, version, operation]) => path.relative(root, inDist(version, operation))).sort(),
		);
	});
});

describe('what the operations really output', () => {
	const ctx = useSandbox();

	test.each(cases)(
		'%s: every output item matches the schema (fields present, types), and the schema is what they show',
		async (_name, version, entry) => {
			const samples = await outputSamples(ctx, version, entry);
			const schema = committed(version, entry);
			expect(samples.flatMap((sample) => validate(schema, sample))).toEqual([]);
			// Nothing in the schema that the outputs do not show, and nothing they show missing from it: run
			// `npm run schemas` after changing what an operation outputs.
			expect(schema).toEqual(inferSchema(samples));
		},
	);

	test('a schema that misses a field, or gets its type wrong, fails', () => {
		const schema = inferSchema([{ assistant_id: 'a', name: 'n', ctx_id: 'c', outcome: 'created' }]);
		expect(
			validate(schema, { assistant_id: 'a', name: 'n', ctx_id: 'c', outcome: 'created' }),
		).toEqual([]);
		expect(
			validate(schema, { assistant_id: 1, name: 'n', ctx_id: 'c', outcome: 'created', extra: 1 }),
		).toEqual(['$.assistant_id is number, the schema says string', '$.extra is not in the schema']);
		expect(validate(schema, { name: 'n', ctx_id: 'c', outcome: 'created' })).toEqual([
			'$.assistant_id is missing',
		]);
		expect(
			validate(schema, { assistant_id: 'a', name: 'n', ctx_id: 'c', outcome: 'later' }),
		).toEqual(['$.outcome is "later", not one of created']);
	});

	test("the ledger's items are described apart from ContactSwing's answers, which the editor lists", () => {
		const created = { assistant_id: 'a', name: 'n', ctx_id: 'c', outcome: 'created' };
		const done = {
			outcome: 'alreadyDone',
			request: 'POST /v2/_new_assistants',
			name: 'n',
			message: 'm',
		};
		const schema = inferSchema([created, done]);
		// What the editor shows as the node's usual output: the answer's fields.
		expect(Object.keys(schema.properties)).toEqual(['assistant_id', 'name', 'ctx_id', 'outcome']);
		expect(Object.keys(schema.then.properties)).toEqual(['request', 'message']);
		expect([validate(schema, created), validate(schema, done)]).toEqual([[], []]);
		expect(validate(schema, { ...done, request: 7, extra: true })).toEqual([
			'$.request is number, the schema says string',
			'$.extra is not in the schema',
		]);
		// A created item must carry the answer's fields; the ledger's fields belong to items not sent.
		expect(validate(schema, { ...created, request: 'x' })).toEqual([
			'$.request is not in the schema',
		]);
		expect(validate(schema, { outcome: 'created', name: 'n' })).toEqual([
			'$.assistant_id is missing',
			'$.ctx_id is missing',
		]);
	});
});
