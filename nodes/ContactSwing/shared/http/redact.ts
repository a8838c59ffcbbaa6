/** What stands where the access token was. */
export const REDACTED = '[redacted]';

/**
 * The forms in which a token is found and replaced (README "Credentials" and docs/credentials.md list
 * them; test/shared/transport.secrets.test.js has one case each):
 * - as it is, all lower case (a host name comes back lower-cased) or all upper case (and any mix of
 *   cases in which the token's longest run of letters and digits is in one of those three);
 * - each character percent-encoded or not, the hex digits in either case (encodeURIComponent, a query, a
 *   Location, Python's quote that keeps "/"), a "+" of the token also as a space or %20 (form decoding);
 * - each character JSON-escaped ("\/", "\"", "\\", "\u00XX"), also once more inside a string that was
 *   itself stringified, or as an HTML numeric character reference (&#47; &#x2F;);
 * - base64 and base64url of the token inside any base64 text, at each of the three byte offsets a
 *   token can start at (so "Bearer <token>" and "user:<token>" encoded whole are covered too);
 * - the token's bytes as hex, in either case.
 * Not covered: other encodings (HTML named entities of characters a token does not hold, base32, hashes,
 * compression), a token split across fields, or one changed in any other way.
 */
function tokenPattern(token: string): TokenPattern {
	const cached = patternByToken.get(token);
	if (cached) return cached;
	const bytes = new TextEncoder().encode(token);
	const characters = [...token].map((character) => {
		const literal = escapeForRegex(character);
		const percent = [...new TextEncoder().encode(character)]
			.map((byte) => `%${hex(byte, 2)}`)
			.join('');
		const code = character.codePointAt(0) ?? 0;
		const unicode = code <= 0xffff ? `|\\\\+u${hex(code, 4)}` : '';
		const entity = `|&#(?:0*${code}|x0*${code.toString(16)});`;
		// Form decoding reads "+" as a space: a token's "+" sent unencoded comes back as one.
		const plus = character === '+' ? '| |%20' : '';
		// Before any character a JSON escape may stand (one backslash, or more once stringified again).
		return `(?:(?:\\\\+)?${literal}|${percent}${unicode}${entity}${plus})`;
	});
	const whole = [...base64Cores(bytes), [...bytes].map((byte) => hex(byte, 2)).join('')].filter(
		(form, index, all) => form.length >= MIN_ENCODED_LENGTH && all.indexOf(form) === index,
	);
	// Every character-wise form keeps the token's letters and digits (as they are, or all lower or upper
	// case), unless it percent-encodes, \u-escapes or &#-escapes them; the whole-token forms are literal
	// text. Text that holds none of these cannot hold the token, and skips the pattern.
	const runs = token.match(/[A-Za-z0-9]+/g) ?? [];
	const longestRun = runs.reduce(
		(longest, run) => (run.length > longest.length ? run : longest),
		'',
	);
	const needles = [longestRun, longestRun.toLowerCase(), longestRun.toUpperCase(), ...whole]
		.flatMap((form) => [form, form.toUpperCase()])
		.filter((form, index, all) => all.indexOf(form) === index);
	const pattern: TokenPattern = {
		regex: new RegExp([characters.join(''), ...whole.map(escapeForRegex)].join('|'), 'gi'),
		// Literal alternatives without the i flag: V8 scans for them about as fast as for one string.
		needles: longestRun === '' ? undefined : new RegExp(needles.map(escapeForRegex).join('|')),
	};
	// Items may name many accounts (credentials built from expressions): a few hundred patterns at most.
	if (patternByToken.size >= MAX_CACHED_TOKENS) patternByToken.clear();
	patternByToken.set(token, pattern);
	return pattern;
}

interface TokenPattern {
	regex: RegExp;
	/** Texts one of which every form holds (none: every text is searched), see `mayHold`. */
	needles?: RegExp;
}

const MAX_CACHED_TOKENS = 256;
/** Every answer from one account is checked against the same token: its pattern is built once. */
const patternByToken = new Map<string, TokenPattern>();
/** A whole-token form shorter than this would match ordinary text (tokens are at least 8 characters). */
const MIN_ENCODED_LENGTH = 8;

function escapeForRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function hex(value: number, width: number): string {
	return value.toString(16).padStart(width, '0');
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The base64 characters that depend on the token's bytes alone, for the token starting at byte offset
 * 0, 1 and 2 of a base64 text (the characters it shares with its neighbours are left out), each also
 * in base64url.
 */
function base64Cores(bytes: Uint8Array): string[] {
	const cores: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const bits = [...new Array<number>(offset).fill(0), ...bytes]
			.map((byte) => byte.toString(2).padStart(8, '0'))
			.join('');
		let encoded = '';
		for (let at = 0; at + 6 <= bits.length; at += 6)
			encoded += BASE64[parseInt(bits.slice(at, at + 6), 2)];
		const core = encoded.slice(Math.ceil((offset * 8) / 6));
		cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
	}
	return cores;
}

/** A cheap first look (on the hot path: every answer): whether `text` may hold the token at all. */
function mayHold(text: string, pattern: TokenPattern): boolean {
	if (!pattern.needles || text.includes('%') || text.includes('\\u') || text.includes('&#'))
		return true;
	return pattern.needles.test(text);
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
