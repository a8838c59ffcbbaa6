'use strict';
/**
 * Writes the contract snapshot of one node version from the current build, for the release that introduces
 * that version: `npm run build && node scripts/contract-snapshot.js <node file> <version> <release> <name>`,
 * e.g. `node scripts/contract-snapshot.js ContactSwing/ContactSwing.node.js 3 0.3.0 action`. Run it once, when
 * the version is released; test/contract.test.js then holds every later build to it. Never edit a snapshot.
 */
const fs = require('node:fs');
const path = require('node:path');
const { parameterContract } = require('../test/contract/parameters');

const [nodeFile, versionText, release, name] = process.argv.slice(2);
if (!nodeFile || !versionText || !release || !name) {
	console.error(
		'usage: node scripts/contract-snapshot.js <node file under dist/nodes> <version> <release> <name>',
	);
	process.exit(2);
}
const exported = require(path.join(__dirname, '..', 'dist', 'nodes', nodeFile));
const NodeClass = Object.values(exported)[0];
const { description } = new NodeClass();
const version = Number(versionText);
if (![description.version].flat().includes(version)) {
	console.error(`${description.name} has no version ${version}`);
	process.exit(2);
}
const target = path.join(
	__dirname,
	'..',
	'test',
	'contract',
	`${name}-v${version}-as-released-${release}.json`,
);
if (fs.existsSync(target)) {
	console.error(
		`${path.relative(process.cwd(), target)} exists: a released contract is never rewritten`,
	);
	process.exit(2);
}
const snapshot = {
	node: description.name,
	version,
	parameters: parameterContract(description, version),
};
fs.writeFileSync(target, `${JSON.stringify(snapshot, null, '\t')}\n`);
console.log(
	`wrote ${path.relative(process.cwd(), target)} (${snapshot.parameters.length} parameters)`,
);
