'use strict';
/**
 * The contract a node description makes with saved workflows: every parameter's path, type, default and
 * option values, per the resource/operation/action type that shows it. contract.test.js uses it to prove
 * that what a released version offered is still there, with the same meaning, at that node version.
 *
 * An entry is `<scope> <path> <type> default=<json>`, plus ` values=<json>` for option lists.
 */
function versionShows(show, version) {
	const values = show?.['@version'];
	if (!values) return true;
	return values.some((v) => (typeof v === 'number' ? v === version : version >= v._cnd.gte));
}

/** The scopes a property is shown in: one per action type, so how properties are grouped does not matter. */
function scopesOf(show = {}) {
	const scope = {};
	for (const key of ['resource', 'operation', 'event'])
		if (show[key]) scope[key] = [...show[key]].sort();
	const types = show.actionType ?? [undefined];
	return types.map((type) =>
		JSON.stringify(type === undefined ? scope : { ...scope, actionType: type }),
	);
}

function parameterContract(description, version) {
	const entries = [];
	const walk = (properties, prefix, scopes) => {
		for (const property of properties) {
			if (!versionShows(property.displayOptions?.show, version)) continue;
			if (property.type === 'notice') continue;
			const here = scopes ?? scopesOf(property.displayOptions?.show);
			const path = prefix ? `${prefix}.${property.name}` : property.name;
			const values =
				['options', 'multiOptions'].includes(property.type) && Array.isArray(property.options)
					? property.options.map((o) => o.value).sort()
					: undefined;
			for (const scope of here)
				entries.push(
					`${scope} ${path} ${property.type} default=${JSON.stringify(property.default)}${values ? ` values=${JSON.stringify(values)}` : ''}`,
				);
			if (property.type === 'collection') walk(property.options, path, here);
			if (property.type === 'fixedCollection')
				for (const group of property.options) walk(group.values, `${path}.${group.name}`, here);
		}
	};
	walk(description.properties, '', undefined);
	return [...new Set(entries)].sort();
}

function parse(entry) {
	const match = /^(\{.*?\}) (\S+) (\S+) default=(.*?)(?: values=(\[.*\]))?$/.exec(entry);
	if (!match) throw new Error(`Not a contract entry: ${entry}`);
	const [, scope, path, type, defaultValue, values] = match;
	return { scope, path, type, defaultValue, values: values ? JSON.parse(values) : undefined };
}

/**
 * What a saved workflow of `released` would lose or see change at the current description:
 * - `missing`: a released parameter whose path, type or default changed or went away, or an option value
 *   that went away (an option list may gain values: a saved workflow holds one of the old ones);
 * - `added`: a new parameter that a saved workflow would now send with its default. Allowed are optional
 *   fields inside collections (absent from saved workflows) and anything in a scope (resource and
 *   operation, action type, event) that the release did not have: no saved workflow is there.
 */
function compareContract(released, current) {
	const now = current.map(parse);
	const before = released.map(parse);
	const key = (e) => `${e.scope} ${e.path} ${e.type} default=${e.defaultValue}`;
	const nowByKey = new Map(now.map((e) => [key(e), e]));
	const missing = [];
	for (const entry of before) {
		const found = nowByKey.get(key(entry));
		if (!found) missing.push(key(entry));
		else if (entry.values) {
			const gone = entry.values.filter((value) => !(found.values ?? []).includes(value));
			if (gone.length > 0) missing.push(`${key(entry)} lost values ${JSON.stringify(gone)}`);
		}
	}
	const releasedKeys = new Set(before.map(key));
	const releasedScopes = new Set(before.map((e) => e.scope));
	const added = now
		.filter((e) => !releasedKeys.has(key(e)))
		.filter((e) => releasedScopes.has(e.scope))
		.filter((e) => !/^(additionalFields|updateFields|options)\./.test(e.path))
		.map(key);
	return { missing, added };
}

module.exports = { parameterContract, compareContract };
