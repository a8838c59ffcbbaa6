'use strict';
/** What the agent tests share: a sandbox, the fields every agent needs, and the create request it received. */
const { useSandbox } = require('../../helpers/sandbox');

const base = { resource: 'agent', name: 'Agent', model: 'cw-llm-1', instructions: 'Be helpful.' };

/** Call at a test file's top level. `sent(parameters, items)` runs the node and returns the create request too. */
function useAgentSandbox() {
	const ctx = useSandbox();
	async function sent(parameters, items) {
		const result = await ctx.run({ parameters, items });
		return {
			...result,
			request: ctx.sandbox.requests.find((r) => r.path === '/v2/_new_assistants'),
		};
	}
	return { ctx, sent };
}

module.exports = { base, useAgentSandbox };
