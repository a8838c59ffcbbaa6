'use strict';
/**
 * n8n's deduplication store as the CLI builds it (n8n 2.40.7, packages/cli/src/deduplication/
 * deduplication-helper.ts, read in the runtime cache's build), behind n8n-core's own DataDeduplicationService:
 * one row per (workflow, context) in a `processed_data` table, its value a JSON document
 * { mode, data: [md5 base64 of each key] }. Every call reads the row, changes it in memory and writes it
 * back, with the table's round trips awaited in between, so concurrent calls interleave exactly as they do
 * against n8n's database: records get lost, equal keys in one call both come back new, and two first calls
 * on a missing row collide on the primary key. Only the table is a stand-in (an in-memory map holding the
 * JSON text, as the database column does).
 */
const crypto = require('node:crypto');

/** The table: (workflowId, context) → JSON text; every statement takes a turn of the event loop. */
class ProcessedDataTable {
	constructor() {
		this.rows = new Map();
		this.statements = 0;
	}

	async turn() {
		this.statements++;
		await new Promise((resolve) => setImmediate(resolve));
	}

	key(workflowId, context) {
		return `${workflowId}\u0000${context}`;
	}

	async findOne(workflowId, context) {
		await this.turn();
		const text = this.rows.get(this.key(workflowId, context));
		return text === undefined ? null : { workflowId, context, value: JSON.parse(text) };
	}

	async insert(row) {
		await this.turn();
		const key = this.key(row.workflowId, row.context);
		// The table's primary key is (workflowId, context).
		if (this.rows.has(key))
			throw new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: processed_data.workflowId');
		this.rows.set(key, JSON.stringify(row.value));
	}

	async update(row) {
		await this.turn();
		this.rows.set(this.key(row.workflowId, row.context), JSON.stringify(row.value));
	}

	async delete(workflowId, context) {
		await this.turn();
		this.rows.delete(this.key(workflowId, context));
	}
}

/** The CLI's DeduplicationHelper, mode "entries" (the one the node uses), statement for statement. */
/**
 * The database every "process" shares: tests that load a second copy of the node and n8n-core (as a second
 * queue-mode worker) get their own deduplicator and the same table, as n8n's processes share one database.
 */
globalThis.__contactSwingProcessedData ??= new ProcessedDataTable();
const sharedTable = globalThis.__contactSwingProcessedData;

class CliDeduplicator {
	constructor(table = sharedTable) {
		this.table = table;
		/** Calls and the time they took, for the benchmarks. */
		this.calls = { checkProcessedAndRecord: 0, removeProcessed: 0, clearAllProcessedItems: 0 };
		this.timeMs = 0;
	}

	static context(scope, contextData) {
		if (scope === 'node') {
			if (!contextData.node)
				throw new Error("No node information has been provided and so cannot use scope 'node'");
			return `n:${contextData.node.id}`;
		}
		return '';
	}

	static hash(value) {
		return crypto.createHash('md5').update(value.toString()).digest('base64');
	}

	/**
	 * Simulates the process dying right after its `calls`-th store call: every later call fails and changes
	 * nothing, so the row keeps what a crash at that moment would leave (requests already on their way still
	 * reach the sandbox, as they would reach ContactSwing).
	 */
	dieAfter(calls) {
		this.deathAt = calls;
	}

	async timed(name, task) {
		const made = Object.values(this.calls).reduce((sum, count) => sum + count, 0);
		if (this.deathAt !== undefined && made >= this.deathAt) throw new Error('the process died');
		this.calls[name] = (this.calls[name] ?? 0) + 1;
		const started = process.hrtime.bigint();
		try {
			return await task();
		} finally {
			this.timeMs += Number(process.hrtime.bigint() - started) / 1e6;
		}
	}

	async checkProcessedAndRecord(items, scope, contextData, options) {
		return await this.timed('checkProcessedAndRecord', async () => {
			const context = CliDeduplicator.context(scope, contextData);
			if (!contextData.workflow.id) throw new Error('The expression evaluated to a falsy value');
			const processedData = await this.table.findOne(contextData.workflow.id, context);
			if (processedData && processedData.value.mode !== options.mode)
				throw new Error(
					'Deduplication data was originally saved with an incompatible setting of the ‘Keep Items Where’ parameter.',
				);
			if (options.mode !== 'entries') throw new Error('Only mode "entries" is modelled here');
			const hashedItems = items.map((item) => CliDeduplicator.hash(item));
			if (!processedData) {
				if (options.maxEntries) hashedItems.splice(0, hashedItems.length - options.maxEntries);
				await this.table.insert({
					workflowId: contextData.workflow.id,
					context,
					value: { mode: options.mode, data: hashedItems },
				});
				return { new: items, processed: [] };
			}
			const returnData = { new: [], processed: [] };
			if (!Array.isArray(processedData.value.data)) return returnData;
			const processedItemsSet = new Set(processedData.value.data);
			hashedItems.forEach((item, index) => {
				if (processedItemsSet.has(item)) returnData.processed.push(items[index]);
				else {
					returnData.new.push(items[index]);
					processedData.value.data.push(item);
				}
			});
			if (options.maxEntries)
				processedData.value.data.splice(0, processedData.value.data.length - options.maxEntries);
			await this.table.update(processedData);
			return returnData;
		});
	}

	async removeProcessed(items, scope, contextData, options) {
		return await this.timed('removeProcessed', async () => {
			if (options.mode !== 'entries')
				throw new Error('Removing processed data is not possible in mode "latest"');
			const context = CliDeduplicator.context(scope, contextData);
			const processedData = await this.table.findOne(contextData.workflow.id, context);
			if (!processedData || !Array.isArray(processedData.value.data)) return;
			for (const item of items.map((value) => CliDeduplicator.hash(value))) {
				const index = processedData.value.data.findIndex((value) => value === item);
				if (index !== -1) processedData.value.data.splice(index, 1);
			}
			await this.table.update(processedData);
		});
	}

	async clearAllProcessedItems(scope, contextData) {
		return await this.timed('clearAllProcessedItems', async () => {
			await this.table.delete(contextData.workflow.id, CliDeduplicator.context(scope, contextData));
		});
	}

	async getProcessedDataCount(scope, contextData, options) {
		const processedData = await this.table.findOne(
			contextData.workflow.id,
			CliDeduplicator.context(scope, contextData),
		);
		return options.mode === 'entries' && Array.isArray(processedData?.value.data)
			? processedData.value.data.length
			: 0;
	}

	/** How many keys a row holds (tests look at the row as n8n's database would show it). */
	size(workflowId, context) {
		const text = this.table.rows.get(this.table.key(workflowId, context));
		return text === undefined ? 0 : JSON.parse(text).data.length;
	}

	/** Forget every row (between tests). */
	reset() {
		this.table.rows.clear();
		this.deathAt = undefined;
		this.calls = { checkProcessedAndRecord: 0, removeProcessed: 0, clearAllProcessedItems: 0 };
		this.timeMs = 0;
	}
}

let installed;

/**
 * The store every execution in this process uses, installed once into n8n-core's DataDeduplicationService
 * (as the CLI does at start-up with its own DeduplicationHelper).
 */
function deduplicationStore() {
	if (!installed) {
		const { DataDeduplicationService } = require('n8n-core');
		installed = new CliDeduplicator();
		void DataDeduplicationService.init(installed);
	}
	return installed;
}

module.exports = { deduplicationStore, CliDeduplicator, ProcessedDataTable };
