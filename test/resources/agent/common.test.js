'use strict';
/**
 * Send what the API reference says, and nothing it doesn't: each test asserts on the exact
 * request the sandbox received, or on the absence of one.
 */
const fs = require('node:fs');
const path = require('node:path');
const { useSandbox } = require('../../helpers/sandbox');
const { smsAgent } = require('../../fixtures');
const { nodeType } = require('../../helpers/n8n');

const ctx = useSandbox();

// Seeded actions: 1 WEBHOOK, 2 CALL_TRANSFER, 3 SEND_SMS, 4 APPOINTMENT.
const SMS_ACTION = 'a0000000-0000-4000-8000-000000000003';
const WEBHOOK_ACTION = 'a0000000-0000-4000-8000-000000000001';

describe("Overwrite Existing Agent (force) is described in the page's words, with its risk", () => {
	test('option text and notice', () => {
		const sms = nodeType.description.properties.find(
			(p) => p.name === 'options' && p.displayOptions.show.operation.includes('createSmsAgent'),
		);
		const force = sms.options.find((o) => o.name === 'force');
		expect(force.description).toContain('"Force recreate (overwrite existing)"');
		expect(force.description).not.toMatch(/same name|retries .* safe/);
		const notice = nodeType.description.properties.find(
			(p) => p.name === 'forceNotice' && p.displayOptions.show.operation.includes('createSmsAgent'),
		);
		expect(notice.displayOptions.show['/options.force']).toEqual([true]);
	});
});
