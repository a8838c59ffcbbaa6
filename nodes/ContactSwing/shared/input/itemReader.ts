import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyCollection,
} from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

import type { ItemContext } from './rules';
import { readIsoDateTime } from './dates';
import {
	readBoolean,
	readE164,
	readId,
	readInteger,
	readIntegerList,
	readList,
	readText,
	readTextList,
} from './rules';
import { readJsonArray, readJsonObject, withAdditionalBody } from './json';

type TextRules = Parameters<typeof readText>[3];

/** Names are single-line labels; the API documents no limit, this keeps one bad item from sending megabytes. */
const NAME_MAX_LENGTH = 255;
type IntegerRules = Parameters<typeof readInteger>[3];

/**
 * One item's parameters, read by path ("name", "additionalFields.goal") and checked by the rules in
 * fields.ts. A problem names the field by the label the editor shows, its property's displayName, so no
 * label is written twice. Each top-level parameter is read from n8n once per item.
 */
export class ItemReader {
	readonly ctx: ItemContext;

	private readonly values = new Map<string, unknown>();

	/**
	 * @param properties the operation's own properties, where labels are looked up
	 */
	constructor(
		private readonly functions: IExecuteFunctions,
		readonly itemIndex: number,
		private readonly properties: INodeProperties[],
	) {
		this.ctx = { node: functions.getNode(), itemIndex };
	}

	/** The editor's label of the parameter at `path`, e.g. "Goal" for "additionalFields.goal". */
	label(path: string): string {
		// Every read names its field, so labels are looked up once per operation and node version.
		let labels = labelCache.get(this.properties);
		if (!labels) labelCache.set(this.properties, (labels = new Map()));
		// The node read once by the constructor: n8n's getNode() deep-copies the node on every call.
		const version = this.ctx.node.typeVersion;
		const key = `${version}:${path}`;
		let label = labels.get(key);
		if (label === undefined) {
			label = findLabel(this.properties, path.split('.'), version);
			// A misspelled path would read nothing and silently send nothing: a programming error, caught by tests.
			if (label === undefined) {
				throw new NodeOperationError(
					this.ctx.node,
					`Internal error: the operation reads "${path}", which it does not declare for node version ${version}`,
					{ itemIndex: this.itemIndex },
				);
			}
			labels.set(key, label);
		}
		recordRead(this.properties, key);
		return label;
	}

	/**
	 * The label of `key` in row `position` (0-based) of the fixed collection whose rows are at `rowsPath`:
	 * "Body Parameters (entry 2) Kind" for ("additionalFields.bodyParameters.parameter", 1, "type").
	 */
	entryLabel(rowsPath: string, position: number, key: string): string {
		const collection = rowsPath.split('.').slice(0, -1).join('.');
		return `${this.label(collection)} (entry ${position + 1}) ${this.label(`${rowsPath}.${key}`)}`;
	}

	/** The value at `path` as n8n resolved it for this item (expressions evaluated); undefined if unset. */
	value(path: string): unknown {
		this.label(path);
		const [top, ...rest] = path.split('.');
		if (!this.values.has(top)) {
			// null as the fallback: n8n throws for an unknown parameter without one; every reader takes null as blank.
			this.values.set(top, this.functions.getNodeParameter(top, this.itemIndex, null));
		}
		let value = this.values.get(top);
		for (const key of rest) {
			value = value && typeof value === 'object' ? (value as IDataObject)[key] : undefined;
		}
		return value;
	}

	text(path: string, rules?: TextRules): string | undefined {
		return readText(this.ctx, this.label(path), this.value(path), rules);
	}

	/** A name (of an agent, action, key, customer…): one line, trimmed, at most NAME_MAX_LENGTH characters. */
	name(path: string, rules: { required?: boolean } = {}): string | undefined {
		return this.text(path, { required: rules.required, trim: true, maxLength: NAME_MAX_LENGTH });
	}

	/** An ID from a text field or a resource locator ({ __rl, mode, value }). */
	id(path: string): string {
		const value = this.value(path);
		const locator = value && typeof value === 'object' && '__rl' in value;
		return readId(this.ctx, this.label(path), locator ? (value as IDataObject).value : value);
	}

	integer(path: string, rules?: IntegerRules): number | undefined {
		return readInteger(this.ctx, this.label(path), this.value(path), rules);
	}

	integerList(path: string, rules?: IntegerRules): number[] {
		return readIntegerList(this.ctx, this.label(path), this.value(path), rules);
	}

	list(path: string): unknown[] {
		return readList(this.ctx, this.label(path), this.value(path));
	}

	textList(path: string): string[] {
		return readTextList(this.ctx, this.label(path), this.value(path));
	}

	/** A list of text, or undefined when it is empty (so it is not sent). */
	optionalTextList(path: string): string[] | undefined {
		const values = this.textList(path);
		return values.length > 0 ? values : undefined;
	}

	/** Every entry of a list of phone numbers, in E.164, named by position. */
	e164List(path: string): string[] {
		const label = this.label(path);
		// The raw entries, so a JSON number is refused as a number (see readE164), not read as digits.
		return readList(this.ctx, label, this.value(path)).map(
			(number, position) =>
				readE164(this.ctx, `${label} (entry ${position + 1})`, number, {
					required: true,
				}) as string,
		);
	}

	e164(path: string, rules?: { required?: boolean }): string | undefined {
		return readE164(this.ctx, this.label(path), this.value(path), rules);
	}

	boolean(path: string): boolean | undefined {
		return readBoolean(this.ctx, this.label(path), this.value(path));
	}

	jsonObject(path: string): IDataObject | undefined {
		return readJsonObject(this.ctx, this.label(path), this.value(path));
	}

	jsonArray(path: string): unknown[] | undefined {
		return readJsonArray(this.ctx, this.label(path), this.value(path));
	}

	isoDateTime(path: string): string | undefined {
		return readIsoDateTime(
			this.ctx,
			this.label(path),
			this.value(path),
			this.functions.getTimezone(),
		);
	}

	/** `body` with Options → Additional Body (JSON) added, under the rules of withAdditionalBody. */
	withAdditionalBody(body: IDataObject): IDataObject {
		return withAdditionalBody(this.ctx, (this.value('options') ?? {}) as IDataObject, body);
	}

	/** The rows of a multiple-value fixed collection (e.g. "updateFields.faqs.faq"), [] when none. */
	rows(path: string): IDataObject[] {
		const value = this.value(path);
		return Array.isArray(value) ? (value as IDataObject[]) : [];
	}
}

const labelCache = new WeakMap<INodeProperties[], Map<string, string>>();

/**
 * Which paths have been read from each operation's properties ("version:path"), so a test can prove that
 * every declared field is read by its request builder. A set per operation, bounded by its properties.
 */
const readPaths = new Map<INodeProperties[], Set<string>>();

function recordRead(properties: INodeProperties[], key: string) {
	let paths = readPaths.get(properties);
	if (!paths) readPaths.set(properties, (paths = new Set()));
	paths.add(key);
}

/** For tests: each operation's properties with the "version:path" keys read from them so far. */
export function pathsRead(): Map<INodeProperties[], Set<string>> {
	return readPaths;
}

/** Properties of the same name may exist for different action types: the first whose path fits wins. */
function findLabel(
	candidates: Array<INodeProperties | INodePropertyCollection>,
	names: string[],
	version: number,
): string | undefined {
	const [name, ...rest] = names;
	for (const candidate of candidates.filter(
		(entry) => entry.name === name && shownAtVersion(entry, version),
	)) {
		if (rest.length === 0) return candidate.displayName;
		const inner = findLabel(childrenOf(candidate), rest, version);
		if (inner !== undefined) return inner;
	}
	return undefined;
}

/** Whether a property's @version condition (if any) holds for this node version. */
function shownAtVersion(
	property: INodeProperties | INodePropertyCollection,
	version: number,
): boolean {
	const versions =
		'displayOptions' in property ? property.displayOptions?.show?.['@version'] : undefined;
	if (!versions) return true;
	return versions.some((entry) =>
		typeof entry === 'number'
			? entry === version
			: version >= Number((entry as { _cnd?: { gte?: number } })._cnd?.gte ?? Infinity),
	);
}

function childrenOf(
	property: INodeProperties | INodePropertyCollection,
): Array<INodeProperties | INodePropertyCollection> {
	if ('values' in property) return property.values;
	if ('type' in property && ['collection', 'fixedCollection'].includes(property.type)) {
		return (property.options ?? []) as Array<INodeProperties | INodePropertyCollection>;
	}
	return [];
}
