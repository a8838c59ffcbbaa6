'use strict';
/**
 * Runs the built node inside n8n-core's real execution engine (WorkflowExecute), the way n8n does:
 * parameters and expressions are resolved by n8n-workflow, the credential's generic `authenticate` is
 * applied through n8n's expression engine, and HTTP goes through n8n-core's httpRequestWithAuthentication.
 * Only the credential store is a stand-in (it holds decrypted data in memory, as the CLI's would).
 */
const path = require('node:path');
const { WorkflowExecute, ExecutionLifecycleHooks } = require('n8n-core');
const { Workflow, ICredentialsHelper } = require('n8n-workflow');

const { deduplicationStore } = require('./dedupStore');

const DIST = path.join(__dirname, '..', '..', 'dist');
const { ContactSwing } = require(path.join(DIST, 'nodes/ContactSwing/ContactSwing.node.js'));
const { ContactSwingApi } = require(path.join(DIST, 'credentials/ContactSwingApi.credentials.js'));

const { ContactSwingTrigger } = require(
	path.join(DIST, 'nodes/ContactSwingTrigger/ContactSwingTrigger.node.js'),
);

const { ContactSwingActionTrigger } = require(
	path.join(DIST, 'nodes/ContactSwingActionTrigger/ContactSwingActionTrigger.node.js'),
);

const NODE_TYPE = 'n8n-nodes-contactswing.contactSwing';
const TRIGGER_TYPE = 'n8n-nodes-contactswing.contactSwingTrigger';
const ACTION_TRIGGER_TYPE = 'n8n-nodes-contactswing.contactSwingActionTrigger';
const nodeType = new ContactSwing();
const triggerType = new ContactSwingTrigger();
const actionTriggerType = new ContactSwingActionTrigger();
const credentialType = new ContactSwingApi();

const byName = (type) =>
	type === TRIGGER_TYPE ? triggerType : type === ACTION_TRIGGER_TYPE ? actionTriggerType : nodeType;
const nodeTypes = {
	getByName: byName,
	getByNameAndVersion: byName,
	getKnownTypes: () => ({}),
};

/** The node types of a workflow whose ContactSwing node is `action` (another loaded copy of the node). */
const nodeTypesWith = (action) => {
	const pick = (type) => (type === TRIGGER_TYPE ? triggerType : action);
	return { getByName: pick, getByNameAndVersion: pick, getKnownTypes: () => ({}) };
};

function credentialDefaults() {
	return Object.fromEntries(credentialType.properties.map((p) => [p.name, p.default]));
}

/** Resolves '=…{{ }}' templates exactly as n8n's CLI credentials helper does, with $credentials set. */
function resolveTemplate(value, credentials, workflow, node) {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
}

class InMemoryCredentialsHelper extends ICredentialsHelper {
	constructor(data) {
		super();
		this.data = data;
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const { authenticate } = credentialType;
		if (typeof authenticate === 'function') return authenticate(credentials, requestOptions);
		const options = { ...requestOptions };
		for (const [where, entries] of Object.entries(authenticate.properties)) {
			options[where] = { ...(options[where] ?? {}) };
			for (const [key, template] of Object.entries(entries)) {
				options[where][key] = resolveTemplate(template, credentials, workflow, node);
			}
		}
		return options;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials() {
		throw new Error('not used');
	}
	async getDecrypted(_additionalData, _nodeCredentials, type, mode, executeData, _raw, resolve) {
		if (type !== credentialType.name) throw new Error(`Unknown credential type ${type}`);
		const data = { ...credentialDefaults(), ...this.data };
		if (!resolve) return data;
		// As the CLI's CredentialsHelper.applyDefaultsAndOverwrites: fields that are expressions ("={{ $json.token }}")
		// are resolved against the item being executed, so one credential can name another account per item.
		return resolve.workflow.expression.getParameterValue(
			data,
			resolve.runExecutionData,
			resolve.runIndex,
			resolve.itemIndex,
			resolve.node.name,
			resolve.connectionInputData,
			mode,
			{},
			executeData,
			false,
			data,
		);
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return credentialType.properties;
	}
}

function baseAdditionalData(credentials) {
	return {
		credentialsHelper: new InMemoryCredentialsHelper(credentials),
		currentNodeParameters: undefined,
		executionId: 'test-execution',
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
		logAiEvent: () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	};
}

/**
 * The node as a workflow holds it. `continueOnFail`: true (Continue), or 'errorOutput' (Continue using
 * error output); `retryOnFail`: n8n's Retry On Fail setting, { maxTries, waitBetweenTries }.
 */
function contactSwingNode(
	parameters,
	{
		continueOnFail = false,
		name = 'ContactSwing',
		typeVersion = 1,
		id = 'f0c1a5b2-0000-4000-8000-000000000001',
		retryOnFail,
	} = {},
) {
	return {
		id,
		name,
		type: NODE_TYPE,
		typeVersion,
		position: [400, 300],
		parameters,
		credentials: { contactSwingApi: { id: '1', name: 'ContactSwing account' } },
		...(continueOnFail
			? {
					onError:
						continueOnFail === 'errorOutput' ? 'continueErrorOutput' : 'continueRegularOutput',
				}
			: {}),
		...(retryOnFail
			? {
					retryOnFail: true,
					maxTries: retryOnFail.maxTries ?? 3,
					// n8n reads 0 as its default, 1,000 ms.
					waitBetweenTries: retryOnFail.waitBetweenTries ?? 1,
				}
			: {}),
	};
}

let executions = 0;

/**
 * Executes the ContactSwing node once over `items` (each a plain JSON object or a full n8n item).
 * `whileRunning({ cancel })`, if given, is called once the run has started. `executionId` names the
 * execution (runs that share one count as one execution, e.g. for Max Calls per Execution); by default
 * every run is an execution of its own. `retryOf`: the result of an earlier runNode whose execution this
 * run retries, as n8n's executions list (POST /rest/executions/:id/retry) does: a new execution ID, mode
 * "retry", the failed execution's data (its custom data included) with the failed node's last run removed,
 * and the node run again with the same input; `parameters` given with it replace the node's, as the
 * retry's "loadWorkflow: true" loads the saved workflow. `continueFrom`: the result of an earlier runNode
 * whose execution runs the node again (a loop back to it, or a resume after a Wait: the same execution ID
 * and data, the node's next run index), with `items` as its new input. `customData`: what the workflow
 * wrote into $execution.customData before the node ran. `node`: another loaded copy of the ContactSwing node
 * type (a second n8n process, e.g. a queue-mode worker, with its own memory).
 * Returns the node's output items, the run error (if the node failed) and the whole run data.
 */
async function runNode({
	parameters,
	items = [{}],
	credentials,
	continueOnFail = false,
	whileRunning,
	typeVersion = 1,
	settings = {},
	continueFrom,
	executionId = continueFrom?.executionId ?? `test-execution-${++executions}`,
	retryOnFail,
	retryOf,
	workflowId = 'test',
	nodeId,
	mode = retryOf ? 'retry' : 'manual',
	customData,
	node: nodeTypeOverride,
}) {
	deduplicationStore();
	const node = contactSwingNode(parameters ?? retryOf?.node.parameters, {
		continueOnFail,
		typeVersion,
		retryOnFail,
		...(nodeId ? { id: nodeId } : {}),
	});
	const workflow = new Workflow({
		id: workflowId,
		name: 'test',
		nodes: [node],
		connections: {},
		nodeTypes: nodeTypeOverride ? nodeTypesWith(nodeTypeOverride) : nodeTypes,
		active: false,
		settings,
	});

	const hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: workflowId,
		nodes: [node],
		connections: {},
	});
	let resolveRun;
	const finished = new Promise((resolve) => (resolveRun = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));
	// After a cancel n8n reports the run finished at once; this tells when the node itself has returned.
	let nodeReturned;
	const nodeDone = new Promise((resolve) => (nodeReturned = resolve));
	hooks.addHandler('nodeExecuteAfter', () => nodeReturned());

	const additionalData = {
		...baseAdditionalData(credentials),
		executionId,
		hooks,
	};

	let runExecutionData;
	const inputItems = items.map((item) => (item && item.json ? item : { json: item }));
	if (continueFrom) {
		runExecutionData = structuredClone(continueFrom.run.data);
		delete runExecutionData.resultData.error;
		runExecutionData.executionData.nodeExecutionStack = [
			{ node, data: { main: [inputItems] }, source: null },
		];
	} else if (retryOf) {
		// What the CLI's ExecutionService.retry hands to the workflow runner.
		runExecutionData = structuredClone(retryOf.run.data);
		delete runExecutionData.resultData.error;
		const runs = runExecutionData.resultData.runData[node.name];
		if (runs?.length && runs[runs.length - 1].error !== undefined) runs.pop();
		for (const stack of runExecutionData.executionData.nodeExecutionStack) stack.node = node;
	} else {
		runExecutionData = {
			startData: {},
			// `customData`: what the workflow already wrote into $execution.customData before the node.
			resultData: { runData: {}, ...(customData ? { metadata: { ...customData } } : {}) },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: [{ node, data: { main: [inputItems] }, source: null }],
			},
		};
	}
	const execution = new WorkflowExecute(additionalData, mode, runExecutionData);
	const running = execution.processRunExecutionData(workflow);
	if (whileRunning) {
		// The caller may cancel the run, as the editor's Stop button does; n8n then reports it finished at once.
		running.catch(() => {});
		void whileRunning({ cancel: () => running.cancel() });
	} else {
		await running;
	}
	const run = await finished;

	const nodeRuns = run.data.resultData.runData[node.name] ?? [];
	const nodeRun = nodeRuns[nodeRuns.length - 1];
	return {
		output: nodeRun?.data?.main?.[0] ?? [],
		errorOutput: nodeRun?.data?.main?.[1] ?? [],
		error: nodeRun?.error ?? run.data.resultData.error,
		hints: nodeRun?.hints ?? [],
		customData: run.data.resultData.metadata ?? {},
		run,
		node,
		executionId,
		nodeDone,
	};
}

/**
 * The ContactSwing node as an AI agent's tool, run the way n8n-core runs a tool for the AI Agent and the MCP
 * Server Trigger: makeHandleToolInvocation gives a function that, for every tool call, makes a new
 * SupplyDataContext, adds the model's arguments as the tool's input and calls the node's execute() again.
 * `executionId` is the execution's (undefined: as under the MCP Server Trigger, none yet).
 * Returns `invoke(args)`, which resolves to the text the model gets (or rejects with the node's error).
 */
function toolInvoker({
	parameters,
	credentials,
	executionId,
	name = 'Call the lead',
	typeVersion = 1,
	workflowId = 'tool',
	runExecutionData: shared,
}) {
	deduplicationStore();
	const { SupplyDataContext } = require('n8n-core');
	const {
		makeHandleToolInvocation,
	} = require('n8n-core/dist/execution-engine/node-execution-context/utils/get-input-connection-data');
	const node = { ...contactSwingNode(parameters, { name, typeVersion }), type: `${NODE_TYPE}Tool` };
	const agent = {
		id: 'f0c1a5b2-0000-4000-8000-0000000000a1',
		name: 'AI Agent',
		type: '@n8n/n8n-nodes-langchain.agent',
		typeVersion: 3,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		id: workflowId,
		name: 'tool',
		nodes: [agent, node],
		connections: { [name]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] } },
		nodeTypes,
		active: false,
		settings: {},
	});
	const additionalData = {
		...baseAdditionalData(credentials),
		executionId,
		hooks: new ExecutionLifecycleHooks('manual', executionId ?? 'none', {
			id: workflowId,
			nodes: [node],
			connections: {},
		}),
	};
	// `runExecutionData`: the execution's data to run in (a retried execution's, with its custom data).
	const runExecutionData = shared ?? {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [],
		},
	};
	const executeData = { node: agent, data: { main: [[{ json: {} }]] }, source: null };
	const context = (runIndex) =>
		new SupplyDataContext(
			workflow,
			node,
			additionalData,
			'manual',
			runExecutionData,
			runIndex,
			[{ json: {} }],
			{},
			'ai_tool',
			executeData,
			[],
			undefined,
			agent,
		);
	return {
		invoke: makeHandleToolInvocation(context, node, nodeType, runExecutionData),
		runExecutionData,
	};
}

/**
 * Runs the credential's `test` request the way n8n's Test button does: the request's templates are
 * resolved against the credential data, `authenticate` is applied, and n8n's outbound HTTP client sends it.
 * Returns n8n's verdict shape: { status: 'OK' } or { status: 'Error', message }.
 */
async function testCredential(data) {
	const { Container } = require('@n8n/di');
	const { OutboundHttp } = require('@n8n/backend-network');
	const node = contactSwingNode({});
	const workflow = new Workflow({
		id: 'credential-test',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
	});
	const credentials = { ...credentialDefaults(), ...data };
	const helper = new InMemoryCredentialsHelper(data);
	const { request } = credentialType.test;
	let options = {
		// Every option the request declares (e.g. disableFollowRedirect) reaches the client, as in n8n.
		...request,
		method: request.method ?? 'GET',
		baseURL: resolveTemplate(request.baseURL, credentials, workflow, node),
		url: resolveTemplate(request.url, credentials, workflow, node),
		qs: request.qs,
		json: true,
	};
	options = await helper.authenticate(credentials, credentialType.name, options, workflow, node);
	try {
		await Container.get(OutboundHttp).requests().request(options);
		return { status: 'OK', message: 'Connection successful!' };
	} catch (error) {
		return { status: 'Error', message: error.message, httpCode: error.response?.status };
	}
}

/** Runs the Action IDs picker (methods.loadOptions.getActions) in n8n-core's LoadOptionsContext. */
async function loadActions(credentials) {
	const node = contactSwingNode({ resource: 'agent', operation: 'createSmsAgent' });
	const context = loadOptionsContext(node, credentials, 'parameters.additionalFields.actionIds');
	return await nodeType.methods.loadOptions.getActions.call(context);
}

/** n8n-core's LoadOptionsContext for one parameter of `node`, as the editor opens a picker. */
function loadOptionsContext(node, credentials, parameterPath) {
	const { LoadOptionsContext } = require('n8n-core');
	const workflow = new Workflow({
		id: 'load-options',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
	});
	return new LoadOptionsContext(workflow, node, baseAdditionalData(credentials), parameterPath);
}

/**
 * A ContactSwing Action Trigger in a saved workflow, driven as n8n drives a webhook trigger, with n8n-core's
 * HookContext and WebhookContext (n8n 2.40's cli, read in its build: active-workflow-manager.js,
 * webhook.service.js, test-webhooks.js):
 * - publish({ activation }): checkExists, then create if it said false; when either throws, delete runs
 *   on the static data as stored (n8n rebuilds the workflow from its database), and the error is thrown;
 *   otherwise the static data is stored. activation 'init' is n8n starting with the workflow published.
 * - unpublish(): delete on the stored static data, then stores it.
 * - listen() / stopListening(): the editor's "Listen for test event": checkExists and create in manual mode
 *   on empty static data, the test URL; delete afterwards (also when create threw) on that static data.
 * - An HTTP server on 127.0.0.1 stands in for n8n's webhook endpoints (`url`): POST /webhook/… runs the
 *   node's webhook() on the stored static data (as a webhook process reads it from the database),
 *   /webhook-test/… on the listener's. A call the node answers itself (noWebhookResponse) is left as the
 *   node answered it; one that starts the workflow is recorded in `runs` and answered 200 with its items.
 * `stored` is what n8n's database would hold: the static data, as JSON.
 */
async function createActionTrigger({
	parameters,
	credentials,
	workflowId = 'wfActionTrig0001',
	nodeId = 'f0c1a5b2-0000-4000-8000-0000000000a7',
	name = 'ContactSwing Action Trigger',
	webhookId = '7c1e5a10-0000-4000-8000-000000000001',
	stored = {},
}) {
	const http = require('node:http');
	const { HookContext, WebhookContext } = require('n8n-core');
	const node = {
		id: nodeId,
		name,
		type: ACTION_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters,
		credentials: { contactSwingApi: { id: '1', name: 'ContactSwing account' } },
	};
	const trigger = {
		node,
		stored: JSON.parse(JSON.stringify(stored)),
		runs: [],
		test: undefined,
		url: undefined,
	};
	const server = http.createServer((req, res) => {
		serve(req, res).catch((error) => {
			res.writeHead(500, { 'content-type': 'text/plain' });
			res.end(`harness: ${error.message}`);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	trigger.url = `http://127.0.0.1:${server.address().port}`;
	const additionalData = () => ({
		...baseAdditionalData(credentials),
		webhookBaseUrl: `${trigger.url}/webhook`,
		webhookTestBaseUrl: `${trigger.url}/webhook-test`,
	});
	const workflowWith = (staticData) =>
		new Workflow({
			id: workflowId,
			name: 'Action trigger',
			nodes: [node],
			connections: {},
			nodeTypes,
			active: true,
			settings: {},
			staticData,
		});
	const webhookData = (data, isTest) => ({
		httpMethod: 'POST',
		node: node.name,
		path: `${webhookId}/action`,
		webhookDescription: actionTriggerType.description.webhooks[0],
		workflowId,
		workflowExecuteAdditionalData: data,
		webhookId,
		isTest,
	});
	const plain = (staticData) => {
		const copy = JSON.parse(JSON.stringify(staticData));
		delete copy.__dataChanged;
		return copy;
	};
	const method = async (name, workflow, mode, activation, isTest) => {
		const data = additionalData();
		const context = new HookContext(
			workflow,
			node,
			data,
			mode,
			activation,
			webhookData(data, isTest),
		);
		return await actionTriggerType.webhookMethods.default[name].call(context);
	};
	/** checkExists then create, as webhook.service.js's createWebhookIfNotExists. */
	const register = async (workflow, mode, activation, isTest) => {
		if (!(await method('checkExists', workflow, mode, activation, isTest)))
			await method('create', workflow, mode, activation, isTest);
	};

	trigger.publish = async ({ activation = 'activate' } = {}) => {
		const workflow = workflowWith(JSON.parse(JSON.stringify(trigger.stored)));
		try {
			await register(workflow, 'trigger', activation, false);
		} catch (error) {
			// n8n's clearWebhooks: the workflow again from the database, then delete.
			const again = workflowWith(JSON.parse(JSON.stringify(trigger.stored)));
			await method('delete', again, 'internal', 'update', false);
			trigger.stored = plain(again.staticData);
			throw error;
		}
		trigger.stored = plain(workflow.staticData);
	};
	trigger.unpublish = async () => {
		const workflow = workflowWith(JSON.parse(JSON.stringify(trigger.stored)));
		const result = await method('delete', workflow, 'internal', 'update', false);
		trigger.stored = plain(workflow.staticData);
		return result;
	};
	trigger.listen = async () => {
		const workflow = workflowWith({});
		trigger.test = workflow;
		try {
			await register(workflow, 'manual', 'manual', true);
		} catch (error) {
			await trigger.stopListening();
			throw error;
		}
	};
	trigger.stopListening = async () => {
		const workflow = trigger.test;
		trigger.test = undefined;
		if (workflow) await method('delete', workflow, 'internal', 'update', true);
	};
	trigger.testStaticData = () => (trigger.test ? plain(trigger.test.staticData) : undefined);

	async function serve(req, res) {
		const url = new URL(req.url, trigger.url);
		const isTest = url.pathname.startsWith('/webhook-test/');
		const workflow = isTest
			? trigger.test
			: workflowWith(JSON.parse(JSON.stringify(trigger.stored)));
		if (!workflow || !url.pathname.endsWith(`/${webhookId}/action`) || req.method !== 'POST') {
			res.writeHead(404, { 'content-type': 'application/json' });
			return void res.end(JSON.stringify({ message: 'The requested webhook is not registered.' }));
		}
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		// As n8n's body parser: the raw body kept, JSON / text parsed by content type.
		req.rawBody = Buffer.concat(chunks);
		const type = String(req.headers['content-type'] ?? '')
			.split(';')[0]
			.trim();
		if (req.rawBody.length && type === 'application/json')
			req.body = JSON.parse(req.rawBody.toString('utf8'));
		else if (req.rawBody.length && type === 'text/plain') req.body = req.rawBody.toString('utf8');
		req.query = Object.fromEntries(url.searchParams);
		req.params = {};
		const data = { ...additionalData(), httpRequest: req, httpResponse: res };
		const context = new WebhookContext(
			workflow,
			node,
			data,
			isTest ? 'manual' : 'webhook',
			webhookData(data, isTest),
			[],
			null,
		);
		const result = await actionTriggerType.webhook.call(context);
		if (result.noWebhookResponse) return;
		const items = result.workflowData[0].map((item) => item.json);
		trigger.runs.push({ test: isTest, items });
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify(items));
	}

	trigger.close = () => {
		server.closeAllConnections?.();
		return new Promise((resolve) => server.close(() => resolve()));
	};
	return trigger;
}

/** Runs a From List search (methods.listSearch[method]) in n8n-core's LoadOptionsContext, as the editor does. */
async function searchList(method, credentials, filter, paginationToken) {
	const node = contactSwingNode({ resource: 'action', operation: 'get' }, { typeVersion: 2 });
	const context = loadOptionsContext(node, credentials, 'parameters.actionId');
	return await nodeType.methods.listSearch[method].call(context, filter, paginationToken);
}

/** The Action Trigger's From List search for its Action picker, as the editor runs it. */
async function searchWebhookActions(credentials, filter, paginationToken) {
	const node = { ...contactSwingNode({}), type: ACTION_TRIGGER_TYPE, name: 'Action Trigger' };
	const context = loadOptionsContext(node, credentials, 'parameters.actionId');
	return await actionTriggerType.methods.listSearch.searchWebhookActions.call(
		context,
		filter,
		paginationToken,
	);
}

/** The package as n8n loads a community package (n8n-core's PackageDirectoryLoader): each node's description with the codex (aliases) the loader adds, named as n8n names it. */
async function loadedAsN8nDoes() {
	const { PackageDirectoryLoader } = require('n8n-core');
	const loader = new PackageDirectoryLoader(path.join(__dirname, '..', '..'));
	await loader.loadAll();
	return loader.types.nodes.map((node) => ({
		...node,
		name: `${loader.packageName}.${node.name}`,
	}));
}

module.exports = {
	loadedAsN8nDoes,
	ACTION_TRIGGER_TYPE,
	actionTriggerType,
	createActionTrigger,
	searchWebhookActions,
	deduplicationStore,
	baseAdditionalData,
	toolInvoker,
	searchList,
	TRIGGER_TYPE,
	triggerType,
	runNode,
	testCredential,
	loadActions,
	resolveTemplate,
	credentialType,
	nodeType,
	NODE_TYPE,
	InMemoryCredentialsHelper,
};
