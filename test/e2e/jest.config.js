'use strict';
// The end-to-end suites run the packed package inside the real pinned n8n (see scripts/n8n-runtime.js).
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/e2e/**/*.e2e.test.js'],
	setupFiles: ['<rootDir>/test/helpers/setup.js'],
	testTimeout: 600_000,
	maxWorkers: 1,
};
