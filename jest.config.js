'use strict';
// `npm test`: unit tests and n8n-core executions against the local ContactSwing sandbox.
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	// The build and the n8n runtimes inside the clone hold package.json files of their own: not modules to map.
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.cache/'],
	setupFiles: ['<rootDir>/test/helpers/setup.js'],
	testTimeout: 60_000,
	// Jest's default on 2 cores is one worker; the suites wait on sockets and timers as much as they compute,
	// so two workers halve the wall time there (measured: 144 s → 70 s, jest alone).
	maxWorkers: 2,
};
