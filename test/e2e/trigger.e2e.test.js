'use strict';
/**
 * ContactSwing Trigger in the real pinned n8n: the example "call finished → update the CRM", published
 * (active), polls the sandbox every minute; when the sandbox completes a call the trigger fires and the next
 * node (an HTTP Request to a CRM-shaped endpoint on 127.0.0.1) receives the call.
 */
const http = require('node:http');
const { createInstance } = require('./instance');
const { exampleWorkflow } = require('./workflows');

let instance;
let crm;
const received = [];

beforeAll(async () => {
	crm = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			received.push({ method: req.method, url: req.url, body: JSON.parse(body || '{}') });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise((resolve) => crm.listen(0, '127.0.0.1', resolve));
	instance = await createInstance({ port: 5697 });
	await instance.importSandboxCredential();
});

afterAll(async () => {
	await instance?.close();
	await new Promise((resolve) => crm.close(resolve));
});

const until = async (condition, timeoutMs, what) => {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`Timed out waiting for ${what}`);
};

test('an activated trigger fires on a call the sandbox completes, and the CRM node receives it', async () => {
	const crmUrl = `http://127.0.0.1:${crm.address().port}/api/call-log`;
	instance.sandbox.addCall({ id: 'call-e2e-1', customer_name: 'Jane Doe', status: 'in-progress', duration: 0 });
	const workflow = exampleWorkflow('call-finished-update-crm.json', { url: crmUrl });
	await instance.importJson('workflow', { ...workflow, id: 'csE2eTrigger0001' });
	await instance.publish('csE2eTrigger0001');
	await instance.start();
	const pollsOfCalls = () => instance.sandbox.requests.filter((r) => r.path === '/v2/_calls').length;
	// Activation polls once: the baseline, which emits nothing.
	await until(() => pollsOfCalls() >= 1, 90_000, 'the activation poll');
	const baselinePolls = pollsOfCalls();
	instance.sandbox.setCallStatus('call-e2e-1', 'completed');
	await until(() => received.length >= 1, 150_000, 'the CRM request after the next poll');
	expect(pollsOfCalls()).toBeGreaterThan(baselinePolls);
	expect(received).toHaveLength(1);
	expect(received[0]).toEqual({
		method: 'POST',
		url: '/api/call-log',
		body: { source: 'contactswing', call_id: 'call-e2e-1', customer_name: 'Jane Doe', status: 'completed', previous_status: 'in-progress', duration_seconds: 0 },
	});
	// Every request of the trigger carried the token, and only to the sandbox.
	for (const request of instance.sandbox.requests) expect(request.headers.authorization).toBe('Bearer sandbox-token');
});
