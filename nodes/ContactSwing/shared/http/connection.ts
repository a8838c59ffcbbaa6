import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BASE_URL_RULE } from '../../../../credentials/ContactSwingApi.credentials';
import type { Context } from './types';

/** A credential checked before anything is sent: where requests go, and the token that goes only there. */
export interface CheckedCredential {
	baseUrl: string;
	/** The only origin (scheme, host, port) the token is ever sent to. */
	origin: string;
	token: string;
	credentials: ICredentialDataDecryptedObject;
}

/** Shorter tokens could not be redacted reliably (they occur in ordinary text); no real token is this short. */
const MIN_TOKEN_LENGTH = 8;

/** Checks the credential before anything is sent, so a broken value gives a clear message, not a broken header. */
export function checkCredential(
	this: Context,
	credentials: ICredentialDataDecryptedObject,
	itemIndex?: number,
): CheckedCredential {
	const fix = 'Open the ContactSwing API credential and correct it.';
	const token = String(credentials.accessToken ?? '')
		.trim()
		.replace(/^bearer\s+/i, '');
	if (token === '') {
		throw new NodeOperationError(
			this.getNode(),
			'The ContactSwing API credential has no access token',
			{
				itemIndex,
				description: fix,
			},
		);
	}
	if (token.length < MIN_TOKEN_LENGTH) {
		throw new NodeOperationError(
			this.getNode(),
			'The access token in the ContactSwing API credential is too short to be a ContactSwing token',
			{ itemIndex, description: `${fix} Paste the whole token from the ContactSwing dashboard.` },
		);
	}
	if (/\s/.test(token)) {
		throw new NodeOperationError(
			this.getNode(),
			'The access token in the ContactSwing API credential contains spaces or line breaks',
			{
				itemIndex,
				description: `${fix} Paste the token again as one line, with nothing around it.`,
			},
		);
	}
	// Tokens are printable ASCII. n8n's HTTP client silently drops other characters from a header (U+200B,
	// U+2060, control characters), so the token sent would differ from the one redaction looks for.
	const odd = [...token].findIndex((character) => !/^[\x21-\x7e]$/.test(character));
	if (odd >= 0) {
		const code = token.codePointAt([...token].slice(0, odd).join('').length) ?? 0;
		throw new NodeOperationError(
			this.getNode(),
			`The access token in the ContactSwing API credential contains a character an HTTP header cannot carry (U+${code.toString(16).toUpperCase().padStart(4, '0')} at position ${odd + 1})`,
			{
				itemIndex,
				description: `${fix} Paste the token again from the ContactSwing dashboard; invisible characters often come along when copying from a document or chat.`,
			},
		);
	}
	const baseUrl = normaliseBaseUrl.call(this, String(credentials.baseUrl ?? ''), itemIndex);
	return { baseUrl, origin: new URL(baseUrl).origin, token, credentials };
}

function normaliseBaseUrl(this: Context, raw: string, itemIndex?: number): string {
	const fail = (problem: string) =>
		new NodeOperationError(
			this.getNode(),
			`The Base URL of the ContactSwing API credential ${problem}`,
			{
				itemIndex,
				description:
					'Use the production URL (the default) or https://your-host; plain http is accepted only for localhost, 127.0.0.1 and [::1].',
			},
		);
	const text = raw.trim();
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw fail(`is not a URL: "${text.slice(0, 80)}"`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw fail(`must start with https:// (got ${url.protocol})`);
	}
	if (url.username || url.password || url.search || url.hash || /[?#@]/.test(text)) {
		throw fail('must not contain a user name, password, query or fragment');
	}
	// The same rule the credential's Test button applies (see the credential), so both refuse alike.
	if (!BASE_URL_RULE.test(text)) {
		throw fail(
			url.protocol === 'http:'
				? 'uses plain http to a host other than localhost, 127.0.0.1 or [::1], which would send the token unencrypted; use https'
				: 'is not a plain https:// address',
		);
	}
	// Accept ".../", ".../v2" and ".../v2/": every path below adds /v2 itself.
	const path = url.pathname.replace(/\/+$/, '').replace(/\/v2$/i, '');
	return `${url.origin}${path}`;
}
