/**
 * `npm run scan`: the closest local equivalent of `npx @n8n/scan-community-package`, which needs a
 * published version with npm provenance and so cannot run here.
 *
 * 1. Lint as the scanner does: every committed **\/*.ts and **\/*.json (not node_modules, dist, .git,
 *    package-lock.json), the project's own config ignored, inline eslint-disable comments ignored, with
 *    @n8n/eslint-plugin-community-nodes `recommended`, no-console, and the eslint-plugin-n8n-nodes-base
 *    sets `community` (package.json), `credentials` and `nodes`.
 * 2. Pack the package and check what it ships for what the scanner's threat rules look for: environment
 *    reads, child processes, eval, install scripts, runtime dependencies.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

// The very packages `n8n-node lint` runs with, resolved from @n8n/node-cli.
const fromCli = createRequire(path.join(root, 'node_modules/@n8n/node-cli/package.json'));
const { ESLint } = fromCli('eslint');
const tseslint = fromCli('typescript-eslint');
const { n8nCommunityNodesPlugin } = fromCli('@n8n/eslint-plugin-community-nodes');
const n8nNodesBase = fromCli('eslint-plugin-n8n-nodes-base');

const recommended = n8nCommunityNodesPlugin.configs.recommended;

const eslint = new ESLint({
	cwd: root,
	overrideConfigFile: true,
	allowInlineConfig: false,
	overrideConfig: [
		{ ignores: ['**/node_modules/**', '**/dist/**', '**/.git/**', '**/package-lock.json', '.cache/**', '.dev/**'] },
		{
			files: ['**/*.ts', '**/*.json'],
			languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
			plugins: { ...recommended.plugins, 'n8n-nodes-base': n8nNodesBase },
			rules: { ...recommended.rules, 'no-console': 'error' },
		},
		{ files: ['package.json'], rules: n8nNodesBase.configs.community.rules },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
	],
});

const results = await eslint.lintFiles(['**/*.ts', '**/*.json']);
const problems = results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.ruleId ?? ''} ${m.message}`));
console.log(`lint: ${results.length} files, ${problems.length} problems`);
for (const problem of problems) console.log(`  ${problem}`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contactswing-scan-'));
const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n').pop();
execFileSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir]);
const threats = [
	[/process\.env/, 'reads environment variables'],
	[/child_process/, 'starts processes'],
	[/\beval\s*\(|new Function\s*\(/, 'evaluates code'],
	[/require\(['"](fs|node:fs|net|node:net|http|node:http|https|node:https)['"]\)/, 'uses the file system or raw sockets'],
];
const findings = [];
const walk = (folder) => {
	for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
		const file = path.join(folder, entry.name);
		if (entry.isDirectory()) walk(file);
		else if (file.endsWith('.js')) {
			const text = fs.readFileSync(file, 'utf8');
			for (const [pattern, what] of threats) if (pattern.test(text)) findings.push(`${path.relative(dir, file)} ${what}`);
		}
	}
};
walk(path.join(dir, 'package'));
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package', 'package.json'), 'utf8'));
if (Object.keys(manifest.dependencies ?? {}).length) findings.push('package.json has runtime dependencies');
for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) if (manifest.scripts?.[script]) findings.push(`package.json has a ${script} script`);
console.log(`package: ${tarball}, ${findings.length} findings`);
for (const finding of findings) console.log(`  ${finding}`);
fs.rmSync(dir, { recursive: true, force: true });
process.exit(problems.length + findings.length > 0 ? 1 : 0);
