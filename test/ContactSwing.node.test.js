'use strict';
/**
 * Found, understood and configured: what a person sees in n8n's editor and what n8n's AI Workflow
 * Builder and instance MCP read about the action node. The node is loaded the way n8n loads a community
 * package (n8n-core's PackageDirectoryLoader, which also validates builder hints), searched with n8n's own
 * node catalog (@n8n/ai-utilities, the same files as in n8n 2.40.7), and its documented outputs are compared
 * with what each operation really returns from the sandbox.
 */
const fs = require('node:fs');
const path = require('node:path');
const { PackageDirectoryLoader } = require('n8n-core');
const { NodeTypeParser, searchCodeBuilderNodes } = require('@n8n/ai-utilities/node-catalog');
const { nodeType, credentialType } = require('./helpers/n8n');
const { useSandbox } = require('./helpers/sandbox');
const { parameterSets } = require('./helpers/outputSamples');

const root = path.join(__dirname, '..');
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');
const { description } = nodeType;
const codex = require('../dist/nodes/ContactSwing/ContactSwing.node.json');

const resources = description.properties.find((p) => p.name === 'resource').options;
const operationsOf = (resource) =>
	description.properties.find(
		(p) => p.name === 'operation' && p.displayOptions.show.resource.includes(resource.value),
	).options;
const operations = resources.flatMap((resource) =>
	operationsOf(resource).map((operation) => ({ resource, operation })),
);

/** Every property of the node, at any depth (collection options, fixedCollection values), with where it is. */
function allProperties(properties = description.properties, where = '') {
	return properties.flatMap((property) => {
		const here = `${where}/${property.name}`;
		const nested = [
			...(property.type === 'collection' ? allProperties(property.options, here) : []),
			...(property.type === 'fixedCollection'
				? property.options.flatMap((group) => allProperties(group.values, `${here}/${group.name}`))
				: []),
		];
		return [{ property, where: here }, ...nested];
	});
}

/** What a person reads: descriptions and hints of fields and options, notices, action texts. */
function userTexts() {
	const texts = [];
	for (const { property, where } of allProperties()) {
		if (property.type === 'notice') texts.push([where, property.displayName]);
		for (const key of ['description', 'hint'])
			if (property[key]) texts.push([where, property[key]]);
		if (['options', 'multiOptions'].includes(property.type) && Array.isArray(property.options))
			for (const option of property.options)
				for (const key of ['description', 'action'])
					if (option[key]) texts.push([`${where}=${option.value}`, option[key]]);
	}
	return texts;
}

const { loadedAsN8nDoes } = require('./helpers/n8n');

describe('the Docs links land', () => {
	/**
	 * The panel's Docs link, as n8n 2.40.7 (and 1.123) builds it (editor-ui, useNodeDocsUrl): an http
	 * documentationUrl as it is; else the codex's primaryDocumentation with "?utm_…" appended.
	 */
	const docsUrl = (nodeDescription, nodeCodex) =>
		nodeDescription.documentationUrl?.startsWith('http')
			? nodeDescription.documentationUrl
			: `${nodeCodex.resources.primaryDocumentation[0].url}?utm_source=n8n_app`;
	const inRepository = (url) => {
		const match =
			/^https:\/\/github\.com\/contactswing\/n8n-nodes-contactswing\/blob\/main\/([^?#]+)$/.exec(
				url,
			);
		return match && fs.existsSync(path.join(root, match[1])) ? match[1] : undefined;
	};

	test('the node panel opens docs/operations.md, with no #fragment that a query would follow', () => {
		const url = docsUrl(description, codex);
		expect(url).not.toMatch(/#.*\?/);
		expect(inRepository(url)).toBe('docs/operations.md');
		// Any other reader of the codex gets a URL that survives "?utm_…" too.
		for (const { url: codexUrl } of [
			...codex.resources.primaryDocumentation,
			...codex.resources.credentialDocumentation,
		])
			expect(inRepository(codexUrl)).toEqual(expect.any(String));
	});

	test("the credential dialog's docs link opens docs/credentials.md", () => {
		// n8n opens a non-docs.n8n.io credential documentationUrl as it is.
		expect(inRepository(credentialType.documentationUrl)).toBe('docs/credentials.md');
	});
});

describe('found by what it does, and named as n8n names nodes', () => {
	test('codex aliases as Twilio has them, loaded by n8n-core as n8n loads the package', async () => {
		const [node] = await loadedAsN8nDoes();
		expect(node.codex.alias).toEqual(
			expect.arrayContaining(['SMS', 'Voice', 'Phone', 'Call', 'WhatsApp', 'AI Agent', 'Chatbot']),
		);
	});

	test("n8n's node catalog finds it by what it does, not only by its name", async () => {
		const parser = new NodeTypeParser(await loadedAsN8nDoes());
		for (const query of ['sms', 'phone', 'whatsapp', 'chatbot', 'voice'])
			expect([query, parser.searchNodeTypes(query).map((n) => n.id)]).toEqual([
				query,
				expect.arrayContaining(['n8n-nodes-contactswing.contactSwing']),
			]);
	});

	test('the node creator\'s group headers ("<Resource> Actions") never say "Action Actions"', () => {
		for (const resource of resources)
			expect(`${resource.name} Actions`).not.toMatch(/\b(\w+)s? \1s?\b/i);
		expect(resources.find((r) => r.value === 'action').name).toBe('Action Definition');
	});

	test('action texts (the names of new nodes) are short, unique, sentence case, and spell WhatsApp', () => {
		const actions = operations.map(({ operation }) => operation.action);
		expect(new Set(actions).size).toBe(actions.length);
		for (const action of actions) {
			expect([action, action.length <= 30]).toEqual([action, true]);
			expect(action).toMatch(/^[A-Z][a-z]+ /);
			expect(action).not.toMatch(/whatsapp|AI agent|at a cost|endpoint/);
		}
		expect(actions).toEqual(
			expect.arrayContaining([
				'Create an SMS agent',
				'Create a WhatsApp agent',
				'Make a paid call',
			]),
		);
	});

	test('Create Call is the one to use; Make Call says it is the legacy endpoint', () => {
		const calls = Object.fromEntries(
			operationsOf(resources.find((r) => r.value === 'call')).map((o) => [o.value, o]),
		);
		expect(calls.createCall).toEqual(
			expect.objectContaining({ name: 'Create Call', action: 'Make a paid call' }),
		);
		expect(calls.createCall.description).toMatch(/recommended/);
		expect(calls.makeCall).toEqual(
			expect.objectContaining({ name: 'Make Call (Legacy)', action: 'Make a paid call (legacy)' }),
		);
		expect(calls.makeCall.description).toMatch(/prefer Create Call/);
	});
});

describe('fields say what they take, in words', () => {
	// Request keys the node sends: the user sees labels, docs/operations.md maps them to keys.
	const wireNames =
		/sent as|\b(?:prompts|behaviour|sms|webhook|email|additional_settings)\.[a-z]|\b(?:enable_recordings|email_setup|gen_ai_response|incoming_call_greeting|outgoing_call_greeting|uploaded_files|assistant_id|api_keys|kb_id|action_ids|sms_type|voice_id|run_before_call|static_body|action_timing)\b/;

	test('no description, hint or notice speaks request keys, and "ID" is written in capitals', () => {
		const offending = userTexts().filter(([, text]) => wireNames.test(text) || /\bid\b/.test(text));
		// "sent as written" says how, not where: the one use of the words that is not a key.
		expect(offending.filter(([, text]) => !/sent as (written|the body)/.test(text))).toEqual([]);
	});

	test('a dropdown with one option says why (the only value the reference documents)', () => {
		const single = allProperties().filter(
			// API Key's Operation list has one entry: a resource with one operation, as in n8n's own nodes.
			({ property }) =>
				property.type === 'options' &&
				property.options.length === 1 &&
				property.name !== 'operation',
		);
		expect(single.length).toBeGreaterThan(0);
		for (const { property, where } of single)
			expect([where, property.description]).toEqual([where, expect.stringMatching(/\bonly\b/)]);
	});

	test('every JSON editor shows an example', () => {
		for (const { property, where } of allProperties().filter(
			({ property }) => property.type === 'json',
		))
			expect([where, `${property.hint ?? ''} ${property.description ?? ''}`]).toEqual([
				where,
				expect.stringMatching(/e\.g\. [{[]/),
			]);
	});

	const voice = Object.fromEntries(
		allProperties()
			.filter(({ where }) => where.startsWith('/additionalFields/'))
			.filter(({ property }) =>
				['speed', 'language', 'emotions', 'voiceId'].includes(property.name),
			)
			.map(({ property }) => [property.name, property.description]),
	);

	test("free-text voice settings say what ContactSwing's reference shows, and invent no values", () => {
		expect(voice.speed).toMatch(/reference shows only medium/);
		expect(voice.language).toMatch(/reference shows only english/);
		expect(voice.voiceId).toMatch(/en-US-LunaNeural or en-US-BrianNeural/);
		expect(voice.emotions).toMatch(/gives no values/);
		const emotions = allProperties().find(({ property }) => property.name === 'emotions').property;
		for (const emotion of emotions.options) expect(emotion.placeholder).toBeUndefined();
	});

	test('Instructions, Agent Prompt and Goal each say how they differ', () => {
		const field = (name) => allProperties().find(({ property }) => property.name === name).property;
		expect(field('instructions').description).toMatch(/main prompt.*Agent Prompt and Goal/);
		expect(field('agentPrompt').description).toMatch(/persona.*Instructions/);
		expect(field('goal').description).toMatch(/outcome.*Instructions/);
	});

	test('Create SMS AI Agent says that creating it texts nobody', () => {
		const sms = operations.find(({ operation }) => operation.value === 'createSmsAgent').operation;
		expect(sms.description).toMatch(/Creating it texts nobody/);
	});

	test('Voice Agent ID and Knowledge Base ID say where the ID comes from', () => {
		for (const name of ['agentId', 'kbId', 'knowledgeBaseId'])
			for (const { property } of allProperties().filter(({ property }) => property.name === name))
				expect([name, property.hint]).toEqual([
					name,
					expect.stringMatching(/returned, or the .*ID from the ContactSwing dashboard$/),
				]);
	});

	test('API Key → Create warns that the key lands in the output and saved executions; neutral Name example', () => {
		const apiKey = description.properties.filter((p) =>
			p.displayOptions?.show?.resource?.includes('apiKey'),
		);
		const notice = apiKey.find((p) => p.type === 'notice' && /new key/.test(p.displayName));
		expect(notice.displayName).toMatch(/in this node's output, and so in every saved execution/);
		expect(apiKey.find((p) => p.name === 'name').placeholder).toBe('e.g. CRM integration');
	});

	test("Knowledge Base → Update's action and description cover renaming", () => {
		const update = operations.find(
			({ resource, operation }) =>
				resource.value === 'knowledgeBase' && operation.value === 'update',
		).operation;
		expect(update.action).toBe('Update a knowledge base');
		expect(update.description).toMatch(/^Rename a knowledge base/);
	});
});

describe("for n8n's AI Workflow Builder and MCP", () => {
	test('n8n-core loads the package with its builder hints (it refuses hints on resource or operation)', async () => {
		const [node] = await loadedAsN8nDoes();
		expect(node.builderHint.searchHint).toMatch(/cannot send an SMS or WhatsApp message/);
		expect(node.builderHint.relatedNodes.map((r) => r.nodeType)).toEqual(
			expect.arrayContaining([
				'n8n-nodes-base.webhook',
				'n8n-nodes-base.respondToWebhook',
				'n8n-nodes-base.hubspot',
			]),
		);
		const respond = node.builderHint.relatedNodes.find(
			(r) => r.nodeType === 'n8n-nodes-base.respondToWebhook',
		);
		expect(respond.relationHint).toMatch(/started by a Webhook/);
	});

	test('what the builder reads when it searches: the hint, the related nodes, the operation hints', async () => {
		const parser = new NodeTypeParser(await loadedAsN8nDoes());
		const { results } = searchCodeBuilderNodes(parser, ['make a phone call']);
		expect(results).toContain('@builderHint Creates ContactSwing AI agents');
		expect(results).toContain('- n8n-nodes-base.webhook: "Starts the workflow with a lead');
		expect(results).toMatch(/- createCall\n.*\n\s+@builderHint The preferred way to place a call/);
		expect(results).toMatch(/- makeCall\n.*\n\s+@builderHint Legacy endpoint: use createCall/);
	});

	test('values easy to get wrong carry a property hint: E.164 numbers, IDs from earlier nodes, costs', () => {
		const hinted = Object.fromEntries(
			allProperties()
				.filter(({ property }) => property.builderHint)
				.map(({ property }) => [property.name, property.builderHint.propertyHint]),
		);
		expect(hinted.phoneNumber).toMatch(/E\.164/);
		expect(hinted.agentId).toMatch(/earlier ContactSwing voice agent create node.*never invent/);
		expect(hinted.kbId).toMatch(/earlier ContactSwing knowledge base create node/);
		expect(hinted.smsKeyIds).toMatch(/API Setup.*never invent/);
		expect(hinted.whatsappNumberId).toMatch(/not an E\.164 phone number/);
		const calls = operationsOf(resources.find((r) => r.value === 'call'));
		expect(calls.find((o) => o.value === 'createCall').builderHint.propertyHint).toMatch(/charged/);
	});
});

describe("what ContactSwing's API does not offer is said where a user looks for it", () => {
	const notices = Object.fromEntries(
		description.properties
			.filter((p) => p.type === 'notice' && /ApiLimits$/.test(p.name))
			.map((p) => [p.displayOptions.show.resource[0], p.displayName]),
	);

	test('a notice under the Operation list of agents, actions, customers and knowledge bases', () => {
		expect(notices.agent).toMatch(
			/sends no message.*cannot get, list, update or delete one, or send a message/,
		);
		expect(notices.action).toMatch(/cannot delete/);
		expect(notices.customer).toMatch(/cannot create, get one, search or delete/);
		expect(notices.knowledgeBase).toMatch(/cannot get, list or delete/);
		// Right under Operation, before the operation's own fields.
		const at = (name) => description.properties.findIndex((p) => p.name === name);
		expect(at('agentApiLimits')).toBe(
			description.properties.findIndex(
				(p) => p.name === 'operation' && p.displayOptions.show.resource[0] === 'agent',
			) + 1,
		);
	});

	const readme = read('README.md');

	test("the README's Operations section lists what the API lacks, and explains ctx_id", () => {
		const operationsSection = readme.slice(
			readme.indexOf('## Operations'),
			readme.indexOf('## Credentials'),
		);
		expect(operationsSection).toMatch(/\*\*Not in ContactSwing's API\*\*/);
		for (const missing of [
			/no delete of anything/,
			/no get, list or update of agents/,
			/no sending of an SMS or WhatsApp message/,
			/no list or get of knowledge bases/,
		])
			expect(operationsSection).toMatch(missing);
		expect(operationsSection).toMatch(/`ctx_id`\*\*, ContactSwing's ID of the request/);
		expect(operationsSection).toMatch(
			/Every JSON create and update \(all but Knowledge Base → Update/,
		);
		expect(operationsSection).toMatch(/API reference states no prices/);
	});

	test("the README's Usage says how to try the example with Execute workflow and the Test URL", () => {
		const usage = readme.slice(readme.indexOf('## Usage'), readme.indexOf('## Errors'));
		expect(usage).toMatch(/\*\*Execute workflow\*\*.*\n?.*\*\*Test\s+URL\*\*/);
		expect(usage).toContain('/webhook-test/new-lead');
	});

	test('the README dates tool use of community nodes to n8n 1.85.0 (n8n-io/n8n#14042)', () => {
		expect(readme).not.toMatch(/before 1\.71/);
		expect(readme).toMatch(
			/before 1\.85\.0 also needed\s+`N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE=true`[^]*n8n-io\/n8n\/pull\/14042/,
		);
	});
});

describe('docs/operations.md shows an output example per operation, as the sandbox answers', () => {
	const ctx = useSandbox();
	const docs = read('docs/operations.md');
	const documented = (resource, operation) => {
		const heading = `### ${resource.name} → ${operation.name}\n`;
		const at = docs.indexOf(heading);
		if (at < 0) return undefined;
		const block = /```json\n([^]*?)\n```/.exec(docs.slice(at));
		return JSON.parse(block[1]);
	};

	test('every operation has a parameter set (a new operation needs its example too)', () => {
		expect(Object.keys(parameterSets(ctx, 3)).sort()).toEqual(
			operations.map(({ resource, operation }) => `${resource.value}:${operation.value}`).sort(),
		);
	});

	test.each(
		operations.map(({ resource, operation }) => [
			resource.name,
			operation.name,
			resource,
			operation,
		]),
	)(
		'%s → %s: its documented example has the fields the node outputs',
		async (_r, _o, resource, operation) => {
			const example = documented(resource, operation);
			expect(example).toEqual(expect.any(Object));
			const given = await parameterSets(ctx, 3)[`${resource.value}:${operation.value}`]();
			const { output, error } = await ctx.run({
				parameters: { resource: resource.value, operation: operation.value, ...given },
				typeVersion: 3,
			});
			expect(error).toBeUndefined();
			expect(Object.keys(output[0].json).sort()).toEqual(Object.keys(example).sort());
		},
	);
});

describe('the icon', () => {
	const icons = ['nodes/ContactSwing/contactSwing.svg', 'nodes/ContactSwing/contactSwing.dark.svg'];

	test('a clean glyph: the tile, the speech bubble and its three dots, nothing else', () => {
		for (const icon of icons) {
			const svg = read(icon);
			const shapes = svg.match(/<(rect|path|circle|line|polyline|ellipse)\b/g);
			expect([icon, shapes]).toEqual([icon, ['<rect', '<path', '<circle', '<circle', '<circle']]);
			expect(svg).not.toMatch(/stroke=/);
		}
	});

	test('light and dark differ (n8n lint), and the credential shows the same icon', () => {
		expect(read(icons[0])).not.toBe(read(icons[1]));
		expect(read('credentials/contactSwing.svg')).toBe(read(icons[0]));
		expect(read('credentials/contactSwing.dark.svg')).toBe(read(icons[1]));
	});
});

describe('labels, and a 404 that names the field', () => {
	const ctx = useSandbox();
	const fields = (name) => allProperties().filter(({ property }) => property.name === name);

	test('run options write their unit as n8n\'s lint allows ("(Milliseconds)", never "(Ms)"); names unchanged', () => {
		const labels = allProperties().map(({ property }) => property.displayName);
		expect(labels.filter((label) => /\(Ms\)/.test(label))).toEqual([]);
		expect(fields('timeout')[0].property.displayName).toBe('Timeout (Milliseconds)');
		expect(fields('batchInterval')[0].property.displayName).toBe('Batch Interval (Milliseconds)');
	});

	test('Return All says that the list has no search and points to a Filter node', () => {
		const hints = Object.fromEntries(
			description.properties
				.filter((p) => p.name === 'returnAll')
				.map((p) => [p.displayOptions.show.resource[0], p.hint]),
		);
		expect(hints).toEqual({
			action: expect.stringMatching(/no search: to find an action by name or type, .*Filter node/),
			call: expect.stringMatching(/no search: to find calls by status, .*Filter node/),
			customer: expect.stringMatching(
				/no search: to find a customer by phone or email, get them all and add a Filter node after this one$/,
			),
		});
	});

	/** One run with an ID ContactSwing does not know. */
	const unknownId = async (version, parameters) => {
		const { error } = await ctx.run({ parameters, typeVersion: version });
		return [error.message, error.description];
	};
	const locator = (value) => ({ __rl: true, mode: 'id', value });

	test.each([
		[
			'Get Action',
			1,
			{ resource: 'action', operation: 'get', actionId: 'gone-1' },
			'Action ID gone-1 was not found by ContactSwing (HTTP 404: Action not found) [item 0]',
			'Action ID',
		],
		[
			'Get Action',
			3,
			{ resource: 'action', operation: 'get', actionId: locator('gone-1') },
			'Action gone-1 was not found by ContactSwing (HTTP 404: Action not found) [item 0]',
			'Action',
		],
		[
			'Update Action',
			3,
			{ resource: 'action', operation: 'update', actionId: locator('gone-1') },
			'Action gone-1 was not found by ContactSwing (HTTP 404: Action not found) [item 0]',
			'Action',
		],
		[
			'Update Customer',
			3,
			{
				resource: 'customer',
				operation: 'update',
				customerId: locator('gone-2'),
				updateFields: { tags: 'vip' },
			},
			'Customer gone-2 was not found by ContactSwing (HTTP 404: Customer not found) [item 0]',
			'Customer',
		],
		[
			'Update Knowledge Base',
			3,
			{
				resource: 'knowledgeBase',
				operation: 'update',
				knowledgeBaseId: 'gone-3',
				updateFields: { name: 'Renamed' },
			},
			'Knowledge Base ID gone-3 was not found by ContactSwing (HTTP 404: Knowledge base not found) [item 0]',
			'Knowledge Base ID',
		],
		[
			'Make Call',
			3,
			{ resource: 'call', operation: 'makeCall', agentId: 'gone-4', phoneNumber: '+13465507166' },
			'Voice Agent ID gone-4 was not found by ContactSwing (HTTP 404: Agent not found) [item 0]',
			'Voice Agent ID',
		],
		[
			'Create Call',
			3,
			{ resource: 'call', operation: 'createCall', agentId: 'gone-4', phoneNumber: '+13465507166' },
			'Voice Agent ID gone-4 was not found by ContactSwing (HTTP 404: Agent not found) [item 0]',
			'Voice Agent ID',
		],
	])(
		'%s (v%s): a 404 names the field the user gave, and what to check',
		async (_name, version, parameters, message, label) => {
			const [said, what] = await unknownId(version, parameters);
			expect(said).toBe(message);
			expect(what).toMatch(
				new RegExp(
					`^Check ${label}\\. If it is right, check the Base URL of the ContactSwing API credential \\(the request was (GET|PUT|POST) /v2/`,
				),
			);
		},
	);

	test('a 404 where the request names no ID points at the Base URL', async () => {
		const { error } = await ctx.run({
			parameters: { resource: 'customer', operation: 'getMany', limit: 1 },
			credentials: ctx.credentials({ baseUrl: `${ctx.sandbox.url}/nothing-here` }),
			typeVersion: 3,
		});
		expect(error.message).toMatch(
			/^ContactSwing found nothing at GET \/v2\/_customers \(HTTP 404\)/,
		);
		expect(error.description).toBe('Check the Base URL of the ContactSwing API credential.');
	});
});

describe('run-time hints: what a run did that the user should know', () => {
	const ctx = useSandbox();
	const hintsOf = async (args) => {
		const result = await ctx.run({ typeVersion: 3, ...args });
		// Where n8n-core keeps them: the node's run in the execution's run data (ITaskData.hints).
		const [nodeRun] = result.run.data.resultData.runData.ContactSwing;
		expect(nodeRun.hints).toEqual(result.hints);
		return result.hints;
	};
	const info = (message) => ({ message, type: 'info', location: 'outputPane' });
	const warning = (message) => ({ message, type: 'warning', location: 'outputPane' });

	test('a list cut short by Limit while ContactSwing holds more (its total when it gives one); none otherwise', async () => {
		const customers = (parameters, items) =>
			hintsOf({ parameters: { resource: 'customer', operation: 'getMany', ...parameters }, items });
		await expect(customers({ limit: 10 })).resolves.toEqual([
			info(
				'ContactSwing has more customers than Limit returned (10 of 35). Turn on Return All to get them all.',
			),
		]);
		await expect(customers({ limit: 10 }, [{}, {}])).resolves.toEqual([
			info(
				'ContactSwing has more customers than Limit returned for 2 input items. Turn on Return All to get them all.',
			),
		]);
		// Exactly as many as there are, more than there are, or all of them: nothing was left out.
		await expect(customers({ limit: 35 })).resolves.toEqual([]);
		await expect(customers({ limit: 50 })).resolves.toEqual([]);
		await expect(customers({ returnAll: true })).resolves.toEqual([]);
		// Pages as the calls page documents them (current_page, per_page, total_records): the total says so.
		const calls = () =>
			hintsOf({ parameters: { resource: 'call', operation: 'getMany', limit: 2 } });
		ctx.sandbox.setFaults({ documentedOnly: true });
		await expect(calls()).resolves.toEqual([
			info(
				`ContactSwing has more calls than Limit returned (2 of ${ctx.sandbox.state.calls.length}). Turn on Return All to get them all.`,
			),
		]);
		// Pages that say nothing of what follows: a full page does not prove more exist, so no hint.
		ctx.sandbox.setFaults({ documentedOnly: false, totalRecords: 'missing' });
		await expect(calls()).resolves.toEqual([]);
	});

	test('calls refused by a guardrail, summed up by rule (with Continue On Fail; the error items say why)', async () => {
		const agentId = ctx.sandbox.seedVoiceAgent();
		const hints = await hintsOf({
			continueOnFail: true,
			items: [{ to: '+13465507166' }, { to: '+13465507167' }, { to: '+442012345678' }],
			parameters: {
				resource: 'call',
				operation: 'createCall',
				agentId,
				phoneNumber: '={{ $json.to }}',
				options: { allowedNumbers: '+1346*', maxCallsPerExecution: 1 },
			},
		});
		expect(hints).toEqual([
			warning(
				'Max Calls per Execution refused 1 call, Allowed Numbers refused 1 call: nothing was sent for them. Their error items say why.',
			),
		]);
	});

	test('requests the ledger did not send again: already done, and outcome unknown', async () => {
		const parameters = {
			...parameterSets(ctx, 3)['agent:createChatAgent'](),
			resource: 'agent',
			operation: 'createChatAgent',
			name: '={{ $json.name }}',
			options: { repeatProtection: 'acrossExecutions', repeatKey: '={{ $json.name }}' },
		};
		const items = [{ name: 'Lead 1' }, { name: 'Lead 2' }];
		// Production runs (a manual one adds a note that it records its keys too).
		const mode = 'webhook';
		await expect(hintsOf({ parameters, items, mode })).resolves.toEqual([]);
		await expect(hintsOf({ parameters, items, mode })).resolves.toEqual([
			info(
				'2 items were already done by an earlier run and not sent again (outcome: alreadyDone).',
			),
		]);
		ctx.sandbox.script({ processed: true, reset: true });
		const unknown = await hintsOf({
			mode,
			items: [{ name: 'Lead 3' }],
			parameters: {
				...parameters,
				options: { ...parameters.options, ifOutcomeUnknown: 'passThrough' },
			},
		});
		expect(unknown).toEqual([
			warning(
				'1 item may or may not have reached ContactSwing and was not sent again (outcome: unknown): check ContactSwing.',
			),
		]);
	});

	test("a dropped custom data key: Max Calls per Execution's count lives in this process only", async () => {
		const full = Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`key${k}`, 'x']));
		const hints = await hintsOf({
			typeVersion: 2,
			customData: full,
			parameters: {
				resource: 'call',
				operation: 'makeCall',
				agentId: ctx.sandbox.seedVoiceAgent(),
				phoneNumber: '+13465507166',
				options: { maxCallsPerExecution: 3 },
			},
		});
		expect(hints).toEqual([
			warning(
				"n8n dropped the node's custom data key (this execution already has 10): Max Calls per Execution counts in this process only, not across a Retry of the execution. Set fewer custom data keys (Execution Data node) to restore it.",
			),
		]);
	});

	test('an n8n without addExecutionHints (before 1.x had it) gets the hint in its log only', () => {
		const { addHint } = require('../dist/nodes/ContactSwing/shared/operations/hints');
		const logged = [];
		const log = (level) => (message) => logged.push([level, message]);
		const fns = { logger: { warn: log('warn'), debug: log('debug') } };
		expect(() => addHint(fns, 'Something to know.', 'warning')).not.toThrow();
		expect(logged).toEqual([['warn', 'ContactSwing: Something to know.']]);
	});
});

describe("node hints in the panel (n8n evaluates each condition with the node's parameters and input)", () => {
	const { Workflow, NodeHelpers } = require('n8n-workflow');
	const { NODE_TYPE } = require('./helpers/n8n');
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};

	/**
	 * The hints n8n 2.40.7's editor shows (useNodeHelpers, getNodeHints): for each hint, its displayCondition
	 * evaluated on the node as the editor holds it (every parameter, defaults included), with the node's input
	 * once the previous node has run.
	 */
	function shownHints(parameters, { typeVersion = 3, input } = {}) {
		const node = {
			id: 'f0c1a5b2-0000-4000-8000-0000000000c1',
			name: 'ContactSwing',
			type: NODE_TYPE,
			typeVersion,
			position: [0, 0],
			parameters: {},
		};
		node.parameters = NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			node,
			description,
		);
		const workflow = new Workflow({ nodes: [node], connections: {}, nodeTypes, active: false });
		return description.hints
			.filter(({ displayCondition }) => {
				try {
					const shown =
						input === undefined
							? workflow.expression.getSimpleParameterValue(node, displayCondition, 'internal', {})
							: workflow.expression.getParameterValue(
									displayCondition,
									null,
									0,
									0,
									node.name,
									input.map((json) => ({ json })),
									'manual',
									{},
								);
					return shown === true || shown === 'true';
				} catch {
					// The editor skips a hint whose condition cannot be evaluated.
					return false;
				}
			})
			.map(({ message }) => message);
	}
	const sms = { resource: 'agent', operation: 'createSmsAgent' };
	const repeatOff = expect.stringMatching(/^Repeat Protection is off: Retry On Fail and a Retry/);

	test('Repeat Protection off on a create or a call: shown; on, or on an operation it does not cover: not', () => {
		expect(shownHints({ ...sms, options: { repeatProtection: 'off' } })).toEqual([repeatOff]);
		expect(shownHints(sms)).toEqual([]);
		expect(shownHints({ ...sms, options: { repeatProtection: 'acrossExecutions' } })).toEqual([]);
		// Versions 1 and 2 protect nothing unless the option is set.
		expect(shownHints(sms, { typeVersion: 2 })).toEqual([repeatOff]);
		expect(
			shownHints({ ...sms, options: { repeatProtection: 'retries' } }, { typeVersion: 1 }),
		).toEqual([]);
		expect(shownHints({ resource: 'customer', operation: 'getMany' }, { typeVersion: 1 })).toEqual(
			[],
		);
		const kbUpdate = {
			resource: 'knowledgeBase',
			operation: 'update',
			options: { repeatProtection: 'off' },
		};
		expect(shownHints(kbUpdate)).toEqual([repeatOff]);
	});

	test('a call node with several input items and no Max Calls per Execution: each item places a paid call', () => {
		const call = {
			resource: 'call',
			operation: 'createCall',
			agentId: 'a',
			phoneNumber: '+13465507166',
		};
		const paid =
			'Each input item places a paid call. Set Options → Max Calls per Execution to cap how many one execution places.';
		expect(shownHints(call, { input: [{}, {}] })).toEqual([paid]);
		expect(shownHints({ ...call, operation: 'makeCall' }, { input: [{}, {}, {}] })).toEqual([paid]);
		expect(shownHints(call, { input: [{}] })).toEqual([]);
		expect(
			shownHints({ ...call, options: { maxCallsPerExecution: 2 } }, { input: [{}, {}] }),
		).toEqual([]);
		// Before the previous node has run there is no input to count.
		expect(shownHints(call)).toEqual([]);
	});
});

describe("property hints for n8n's AI builder where a value is easy to get wrong", () => {
	const hintOf = (name, where = '') =>
		allProperties()
			.filter(({ property, where: at }) => property.name === name && at.includes(where))
			.map(({ property }) => property.builderHint?.propertyHint);

	test('guardrails, Repeat Protection, IDs from earlier nodes, dates and JSON say what to put there', () => {
		// Versions 1 and 2, then 3, for both call operations.
		expect([...new Set(hintOf('allowedNumbers'))]).toEqual([
			expect.stringMatching(/every entry is a prefix here/),
			expect.stringMatching(/one number exactly, and only an entry ending in \* is a prefix/),
		]);
		expect(hintOf('maxCallsPerExecution')[0]).toMatch(/every call is charged/);
		expect(hintOf('timeZone')[0]).toMatch(/IANA time zone name.*not an offset/);
		expect(new Set(hintOf('repeatKey'))).toEqual(
			new Set([
				expect.stringMatching(
					/stable ID of the input item.*never a timestamp, \$now or a random value/,
				),
			]),
		);
		expect(new Set(hintOf('forgetLedger'))).toEqual(
			new Set([expect.stringMatching(/^Leave empty/)]),
		);
		expect(new Set(hintOf('additionalBody'))).toEqual(
			new Set([expect.stringMatching(/never repeat a field the node already sets/)]),
		);
		expect(hintOf('expiresAt')[0]).toMatch(/future ISO 8601 date-time/);
		expect(hintOf('actionIds')[0]).toMatch(
			/action_id output of an earlier ContactSwing action create node/,
		);
		for (const hint of [...hintOf('actionId'), ...hintOf('customerId')])
			expect(hint).toMatch(/never invent/);
	});

	test("n8n's node catalog writes them into the type definition it synthesizes for a community node", async () => {
		// n8n 2.40.7's NodeCatalogService.synthesizeNodeTypeDef: generateNodeTypeFile of the loaded description.
		const {
			generateNodeTypeFile,
		} = require('@n8n/workflow-sdk/dist/generate-types/generate-types');
		const [node] = await loadedAsN8nDoes();
		const typeDefinition = generateNodeTypeFile({
			...node,
			properties: node.properties.filter((property) => property.type !== 'hidden'),
		});
		for (const hint of [
			'An expression naming a stable ID of the input item',
			'Comma-separated E.164 numbers with + and country code (e.g. +13465507166); an entry is one number exactly',
			'An IANA time zone name of the people called',
		])
			expect(typeDefinition).toContain(`@builderHint ${hint}`);
	});
});
