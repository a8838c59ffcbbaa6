/** What stands where the access token was. */
export const REDACTED = '[redacted]';

/**
 * A pattern for every form in which a token can come back: as it is; percent-encoded in upper or lower
 * case, whole or in part (encodeURIComponent, a query, a Location, Python's quote that keeps "/");
 * JSON-escaped ("\/", "\"", "\\", "\u00XX"), also once more inside a string that was itself stringified.
 * Each character of the token may appear in any of its forms, so mixtures match too.
 */
function tokenPattern(token: string): TokenPattern {
	const cached = patternByToken.get(token);
	if (cached) return cached;
	// Hex digits in either case (%2f, %2F, \u002f), the token's own characters exactly.
	const hex = (value: number, width: number) =>
		[...value.toString(16).padStart(width, '0')]
			.map((digit) => (/[a-f]/.test(digit) ? `[${digit}${digit.toUpperCase()}]` : digit))
			.join('');
	const characters = [...token].map((character) => {
		const literal = character.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
		const percent = [...new TextEncoder().encode(character)]
			.map((byte) => `%${hex(byte, 2)}`)
			.join('');
		const code = character.codePointAt(0) ?? 0;
		const unicode = code <= 0xffff ? `|\\\\+u${hex(code, 4)}` : '';
		// Before any character a JSON escape may stand (one backslash, or more once stringified again).
		return `(?:(?:\\\\+)?${literal}|${percent}${unicode})`;
	});
	// Every form keeps the token's letters and digits as they are, unless it percent-encodes or
	// \u-escapes them: text with none of those three cannot hold the token, and skips the pattern.
	const runs = token.match(/[A-Za-z0-9]+/g) ?? [];
	const longestRun = runs.reduce(
		(longest, run) => (run.length > longest.length ? run : longest),
		'',
	);
	const pattern: TokenPattern = { regex: new RegExp(characters.join(''), 'g'), longestRun };
	// Items may name many accounts (credentials built from expressions): a few hundred patterns at most.
	if (patternByToken.size >= MAX_CACHED_TOKENS) patternByToken.clear();
	patternByToken.set(token, pattern);
	return pattern;
}

interface TokenPattern {
	regex: RegExp;
	/** The longest run of letters and digits in the token, for the cheap check in `contains`. */
	longestRun: string;
}

const MAX_CACHED_TOKENS = 256;
/** Every answer from one account is checked against the same token: its pattern is built once. */
const patternByToken = new Map<string, TokenPattern>();

function mayHold(text: string, pattern: TokenPattern): boolean {
	return (
		pattern.longestRun === '' ||
		text.includes(pattern.longestRun) ||
		text.includes('%') ||
		text.includes('\\u')
	);
}

function redactText(text: string, pattern: TokenPattern): string {
	if (!mayHold(text, pattern)) return text;
	pattern.regex.lastIndex = 0;
	return text.replace(pattern.regex, REDACTED);
}

function contains(text: string, pattern: TokenPattern): boolean {
	if (!mayHold(text, pattern)) return false;
	pattern.regex.lastIndex = 0;
	return pattern.regex.test(text);
}

/**
 * A copy of `value` (text, or JSON-like data at any depth, keys included) with every form of the token
 * replaced. A number whose digits hold the token (a numeric token echoed as a JSON number) becomes the
 * redaction text. Values without the token are returned as they are, without copying.
 */
export function redactSecret(value: unknown, token: string): unknown {
	if (token === '') return value;
	const pattern = tokenPattern(token);
	const walk = (entry: unknown): unknown => {
		if (typeof entry === 'string') return redactText(entry, pattern);
		if (typeof entry === 'number' || typeof entry === 'bigint') {
			return contains(String(entry), pattern) ? REDACTED : entry;
		}
		if (Array.isArray(entry)) return entry.map(walk);
		if (entry && typeof entry === 'object') {
			return Object.fromEntries(
				Object.entries(entry).map(([key, inner]) => [redactText(key, pattern), walk(inner)]),
			);
		}
		return entry;
	};
	// The common case, an answer without the token, costs one stringify, one search and no copy.
	if (typeof value === 'string') return redactText(value, pattern);
	let serialised: string | undefined;
	try {
		serialised = JSON.stringify(value);
	} catch {
		return walk(value);
	}
	if (serialised === undefined || !contains(serialised, pattern)) return value;
	return walk(value);
}
