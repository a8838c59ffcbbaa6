'use strict';
// n8n-core's InstanceSettings writes an encryption key into the user folder: keep it out of $HOME.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'contactswing-jest-'));
}
// n8n-core logs every failed node to the console; the tests assert on those errors themselves, so
// `npm test` prints jest's output only. N8N_LOG_LEVEL=info shows n8n's log again when debugging a test.
process.env.N8N_LOG_LEVEL ??= 'silent';
