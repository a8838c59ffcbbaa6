'use strict';
const { nodeType } = require('../../helpers/n8n');

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
