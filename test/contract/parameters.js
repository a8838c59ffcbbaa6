'use strict';
/**
 * The contract a node description makes with saved workflows: every parameter's path, type, default and
 * option values, per the resource/operation/action type that shows it. Used by contract.test.js to prove
 * that what a released version offered is still there, unchanged, at that node version.
 */
function versionShows(show, version) {
	const values = show?.['@version'];
	if (!values) return true;
	return values.some((v) => (typeof v === 'number' ? v === version : version >= v._cnd.gte));
}

/** The scopes a property is shown in: one per action type, so how properties are grouped does not matter. */
function scopesOf(show = {}) {
	const scope = {};
	for (const key of ['resource', 'operation']) if (show[key]) scope[key] = [...show[key]].sort();
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

module.exports = { parameterContract };
