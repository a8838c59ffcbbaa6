'use strict';
/**
 * The rooms of the package and what each may import (CONTRIBUTING, "Architecture"): read from the TypeScript
 * sources, so a cycle or a reach into another room's inside fails here, before review.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

function sourceFiles(dir) {
	return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
		const relative = path.posix.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === '__schema__' ? [] : sourceFiles(relative);
		return entry.name.endsWith('.ts') ? [relative] : [];
	});
}

/** Every import of a file: { from, specifier, target } with target the imported file ('' for a package). */
function importsOf(file) {
	const text = fs.readFileSync(path.join(root, file), 'utf8');
	return [...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gm)].map(
		([, specifier]) => {
			if (!specifier.startsWith('.')) return { from: file, specifier, target: '' };
			const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
			const target = [`${base}.ts`, `${base}/index.ts`].find((candidate) =>
				fs.existsSync(path.join(root, candidate)),
			);
			if (!target) throw new Error(`${file} imports ${specifier}, which does not exist`);
			return { from: file, specifier, target };
		},
	);
}

const files = [...sourceFiles('nodes'), ...sourceFiles('credentials')];
const imports = files.flatMap(importsOf);

/** The strongly connected groups of more than one member (Tarjan): each is a cycle. */
function cycles(edges) {
	const graph = new Map();
	for (const [from, to] of edges) {
		if (!graph.has(from)) graph.set(from, new Set());
		if (!graph.has(to)) graph.set(to, new Set());
		graph.get(from).add(to);
	}
	let counter = 0;
	const index = new Map();
	const low = new Map();
	const stack = [];
	const onStack = new Set();
	const found = [];
	const visit = (node) => {
		index.set(node, counter);
		low.set(node, counter++);
		stack.push(node);
		onStack.add(node);
		for (const next of graph.get(node)) {
			if (!index.has(next)) {
				visit(next);
				low.set(node, Math.min(low.get(node), low.get(next)));
			} else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
		}
		if (low.get(node) === index.get(node)) {
			const group = [];
			let member;
			do {
				member = stack.pop();
				onStack.delete(member);
				group.push(member);
			} while (member !== node);
			if (group.length > 1) found.push(group.sort());
		}
	};
	for (const node of graph.keys()) if (!index.has(node)) visit(node);
	return found;
}

const local = imports.filter((entry) => entry.target !== '');

test('no file imports itself round a circle', () => {
	expect(cycles(local.map((entry) => [entry.from, entry.target]))).toEqual([]);
});

test('no folder imports itself round a circle (a parent and its subfolder count as two folders)', () => {
	const folderEdges = local
		.map((entry) => [path.posix.dirname(entry.from), path.posix.dirname(entry.target)])
		.filter(([from, to]) => from !== to);
	expect(cycles(folderEdges)).toEqual([]);
});

test('shared/http is entered through its index only, and is the one room that sends a request', () => {
	const http = 'nodes/ContactSwing/shared/http/';
	const reachingIn = local
		.filter((entry) => !entry.from.startsWith(http) && entry.target.startsWith(http))
		.filter((entry) => entry.target !== `${http}index.ts`)
		.map((entry) => `${entry.from} → ${entry.target}`);
	expect(reachingIn).toEqual([]);
	const sending = files.filter((file) =>
		/httpRequestWithAuthentication|helpers\.httpRequest\b/.test(
			fs.readFileSync(path.join(root, file), 'utf8'),
		),
	);
	expect(sending.filter((file) => file.startsWith('nodes/') && !file.startsWith(http))).toEqual([]);
	expect(sending).toContain(`${http}transport.ts`);
});

test('the package imports n8n-workflow and its own files, nothing else', () => {
	const packages = [...new Set(imports.filter((e) => e.target === '').map((e) => e.specifier))];
	expect(packages).toEqual(['n8n-workflow']);
});

test('the check sees the imports the sources have', () => {
	expect(local.length).toBeGreaterThan(files.length);
	expect(imports.some((entry) => entry.target === 'nodes/ContactSwing/shared/http/index.ts')).toBe(
		true,
	);
});
