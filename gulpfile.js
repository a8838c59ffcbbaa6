const { task, src, dest } = require('gulp');

// tsc does not copy assets: every icon referenced as `file:` must sit beside its compiled file in dist/, and
// n8n reads a node's output schemas from __schema__/ beside its compiled node file (its dist/ directory).
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'nodes/**/__schema__/**/*.json'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist')),
);
