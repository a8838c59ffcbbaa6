'use strict';
/**
 * `npm run schemas`: writes the ContactSwing node's output schemas,
 * nodes/ContactSwing/__schema__/v<version>.0.0/<resource>/<operation>.json, for node versions 1, 2 and 3,
 * from what each operation really outputs: the built node run through n8n-core against the local sandbox
 * (test/helpers/outputSamples.js). n8n's editor asks for /schemas/<node type>/<version padded to x.y.z>/
 * <resource>/<operation>.json and serves the file from the installed package's dist/nodes/ContactSwing/
 * (the build copies them there); test/schemas.test.js fails when these files and the outputs part.
 */
require('../test/helpers/setup');
const fs = require('node:fs');
const path = require('node:path');
const prettier = require('prettier');
const { createSandbox, DEFAULT_TOKEN } = require('../test/sandbox/server');
const { runNode } = require('../test/helpers/n8n');
const { VERSIONS, operations, outputSamples } = require('../test/helpers/outputSamples');
const { inferSchema, SCHEMA_DIR, schemaFile } = require('../test/helpers/outputSchema');

/** The schema as written: prettier's JSON, as `npm run format:check` wants it. */
async function formatted(schema, file) {
	const options = (await prettier.resolveConfig(file)) ?? {};
	return await prettier.format(JSON.stringify(schema), { ...options, filepath: file });
}

async function main() {
	const sandbox = await createSandbox().listen();
	const ctx = {
		sandbox,
		run: (args) =>
			runNode({ credentials: { accessToken: DEFAULT_TOKEN, baseUrl: sandbox.url }, ...args }),
	};
	try {
		// Every schema is worked out before any file is touched: an operation that fails leaves the old ones.
		const written = [];
		for (const version of VERSIONS) {
			for (const entry of operations()) {
				sandbox.reset();
				const schema = inferSchema(await outputSamples(ctx, version, entry));
				const file = schemaFile(version, entry.resource.value, entry.operation.value);
				written.push([file, await formatted(schema, file)]);
			}
		}
		fs.rmSync(SCHEMA_DIR, { recursive: true, force: true });
		for (const [file, text] of written) {
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, text);
		}
		for (const version of VERSIONS) console.log(`v${version}.0.0: ${operations().length} schemas`);
	} finally {
		await sandbox.close();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
