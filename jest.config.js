'use strict';
// `npm test`: unit tests and n8n-core executions against the local ContactSwing sandbox.
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	setupFiles: ['<rootDir>/test/helpers/setup.js'],
	testTimeout: 60_000,
};
