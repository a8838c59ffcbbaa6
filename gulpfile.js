const { task, src, dest } = require('gulp');

// tsc does not copy assets: every icon referenced as `file:` must sit beside its compiled file in dist/.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	),
);
