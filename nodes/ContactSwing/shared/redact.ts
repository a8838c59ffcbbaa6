/** What stands where the access token was. */
export const REDACTED = '[redacted]';

/**
 * The forms in which a token can come back: as it is, URL-encoded (in a query or a Location), and
 * JSON-escaped (inside a string that was itself stringified, where `"` and `\` gain a backslash).
 */
function secretForms(token: string): SecretForms {
	const cached = formsByToken.get(token);
	if (cached) return cached;
	const unique = new Set([token, encodeURIComponent(token), JSON.stringify(token).slice(1, -1)]);
	// Longest first, so a longer form is not left half-replaced by a shorter one inside it.
	const forms = [...unique].sort((a, b) => b.length - a.length);
	// How each form looks once the answer is serialised, for the cheap check below.
	const serialised = forms.map((form) => JSON.stringify(form).slice(1, -1));
	const result = { forms, serialised };
	// Items may name many accounts (credentials built from expressions): forms are kept per token, a few hundred at most.
	if (formsByToken.size >= MAX_CACHED_TOKENS) formsByToken.clear();
	formsByToken.set(token, result);
	return result;
}

interface SecretForms {
	forms: string[];
	serialised: string[];
}

const MAX_CACHED_TOKENS = 256;
/** Every answer from one account is checked against the same token: its forms are worked out once. */
const formsByToken = new Map<string, SecretForms>();

function redactText(text: string, forms: string[]): string {
	let result = text;
	for (const form of forms) if (result.includes(form)) result = result.split(form).join(REDACTED);
	return result;
}

/**
 * A copy of `value` (text, or JSON-like data at any depth, keys included) with every form of the token
 * replaced. Values without the token are returned as they are, without copying.
 */
export function redactSecret(value: unknown, token: string): unknown {
	if (token === '') return value;
	const { forms, serialised: escaped } = secretForms(token);
	const walk = (entry: unknown): unknown => {
		if (typeof entry === 'string') return redactText(entry, forms);
		if (Array.isArray(entry)) return entry.map(walk);
		if (entry && typeof entry === 'object') {
			return Object.fromEntries(
				Object.entries(entry).map(([key, inner]) => [redactText(key, forms), walk(inner)]),
			);
		}
		return entry;
	};
	// The common case, an answer without the token, costs one stringify and no copy.
	if (typeof value === 'string') return redactText(value, forms);
	let serialised: string | undefined;
	try {
		serialised = JSON.stringify(value);
	} catch {
		return walk(value);
	}
	if (serialised === undefined) return value;
	if (!forms.some((form, k) => serialised.includes(form) || serialised.includes(escaped[k]))) {
		return value;
	}
	return walk(value);
}
