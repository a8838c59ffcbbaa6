/**
 * `npm run scan`: what `npx @n8n/scan-community-package` does once its provenance step has passed (that step
 * needs a published version with npm provenance, so it cannot run here), with the scanner's own code.
 *
 * The scanner (0.32.0, scanner/scanner.mjs, analyzePackageByName) lints two things with its exported
 * analyzePackage, and passes when neither has an ESLint error:
 * 1. the attested source: here this working tree, with its SOURCE_FILE_PATTERNS (package.json and
 *    {nodes,credentials}/**);
 * 2. the published tarball: here `npm pack` of this build, extracted, with **\/*.js and package.json.
 *
 * Then two checks of the tarball that the scanner does not make, because it lints only .js files and
 * package.json:
 * - it ships no other code (.cjs, .mjs, .ts other than declarations) that the scan would not read;
 * - every node and credential that package.json registers is in it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function report(label, result) {
	console.log(`${label}: ${result.passed ? 'passed' : `failed (${result.message})`}`);
	if (result.details) console.log(result.details);
	return result.passed;
}

const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
const sourcePassed = report(`scanner, source (${SOURCE_FILE_PATTERNS.join(', ')})`, source);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contactswing-scan-'));
const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], {
	cwd: root,
	encoding: 'utf8',
	stdio: ['ignore', 'pipe', 'pipe'],
})
	.trim()
	.split('\n')
	.pop();
execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
const packageDir = path.join(dir, 'package');
const shipped = await analyzePackage(packageDir, ['**/*.js', 'package.json']);
const shippedPassed = report(`scanner, ${tarball} (**/*.js, package.json)`, shipped);

const findings = [];
const files = [];
const walk = (folder) => {
	for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
		const file = path.join(folder, entry.name);
		if (entry.isDirectory()) walk(file);
		else files.push(path.relative(packageDir, file));
	}
};
walk(packageDir);
for (const file of files) {
	if (/\.(cjs|mjs)$/.test(file) || (file.endsWith('.ts') && !file.endsWith('.d.ts')))
		findings.push(`${file} is code the scanner does not lint`);
}
const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
for (const entry of [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])]) {
	if (!files.includes(path.normalize(entry)))
		findings.push(`${entry} is registered in package.json but not in the package`);
}
console.log(
	`tarball checks beyond the scanner: ${files.length} files, ${findings.length} findings`,
);
for (const finding of findings) console.log(`  ${finding}`);
fs.rmSync(dir, { recursive: true, force: true });
process.exit(sourcePassed && shippedPassed && findings.length === 0 ? 0 : 1);
