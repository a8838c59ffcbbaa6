'use strict';
// The end-to-end suites run the packed package inside the real pinned n8n (see scripts/n8n-runtime.js).
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.js'],
	// The build and the n8n runtimes inside the clone hold package.json files of their own: not modules to map.
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/'],
	setupFiles: ['<rootDir>/test/helpers/setup.js'],
	testTimeout: 600_000,
	maxWorkers: 1,
};
