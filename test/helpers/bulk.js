'use strict';
/**
 * Bulk runs of Create SMS AI Agent under the sandbox's fault modes. Every run checks what every such run keeps:
 * one output item per input item, in order and paired, and no agent created twice.
 */
const { smsAgent, leads } = require('../fixtures');

const smsParameters = (options = {}) =>
	smsAgent({ name: '={{ $json.name }}', options: { maxRetryWait: 20, ...options } });

/** `ctx` from useSandbox(): bulk(n, options) runs n leads, agentPosts() the creates the sandbox received. */
function bulkRunner(ctx) {
	async function bulk(n, options, { continueOnFail = true } = {}) {
		const items = leads(n);
		const result = await ctx.run({ items, continueOnFail, parameters: smsParameters(options) });
		if (continueOnFail) {
			expect(result.error).toBeUndefined();
			expect(result.output.map((o) => o.pairedItem)).toEqual(items.map((_, item) => ({ item })));
			for (const [k, o] of result.output.entries()) {
				if (!o.json.error) expect(o.json.name).toBe(items[k].name);
			}
		}
		for (const count of ctx.sandbox.state.createdByName.values()) expect(count).toBe(1);
		return result;
	}
	const agentPosts = () => ctx.sandbox.requests.filter((r) => r.path === '/v2/_new_assistants');
	return { bulk, agentPosts };
}

module.exports = { bulkRunner, smsParameters };
