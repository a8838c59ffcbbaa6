/**
 * Whether ContactSwing's cloud can call n8n at a webhook URL. n8n builds the URL from its configured base
 * URL; without WEBHOOK_URL that is http://localhost:5678/…, which nothing outside this machine can reach,
 * and an agent calling it would fail silently mid-conversation. So the trigger refuses to publish unless
 * the URL is https on a public host, with one exception: a ContactSwing on this machine (the credential's
 * Base URL is a loopback address, as with the local sandbox) may call a loopback n8n, over http too.
 */

/** Host names that no other machine resolves to this one, or that name no public host. */
const LOCAL_NAMES =
	/(^localhost$|\.localhost$|\.local$|\.internal$|\.lan$|\.home\.arpa$|\.localdomain$)/i;

function ipv4(host: string): number[] | undefined {
	const parts = host.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
	const numbers = parts.map(Number);
	return numbers.every((n) => n <= 255) ? numbers : undefined;
}

/** The host without the brackets an IPv6 literal has in a URL. */
function bare(hostname: string): string {
	return hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

export function isLoopback(hostname: string): boolean {
	const host = bare(hostname);
	if (/^localhost$|\.localhost$/.test(host)) return true;
	if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
	const v4 = ipv4(host.replace(/^::ffff:/, ''));
	return v4 !== undefined && v4[0] === 127;
}

/** Private, link-local, shared, unspecified addresses and local-only names (loopback included). */
function isPrivate(hostname: string): boolean {
	const host = bare(hostname);
	if (isLoopback(host)) return true;
	const v4 = ipv4(host.replace(/^::ffff:/, ''));
	if (v4) {
		const [a, b] = v4;
		return (
			a === 0 ||
			a === 10 ||
			(a === 100 && b >= 64 && b <= 127) ||
			(a === 169 && b === 254) ||
			(a === 172 && b >= 16 && b <= 31) ||
			(a === 192 && b === 168)
		);
	}
	if (host.includes(':')) {
		// IPv6: unspecified, unique local (fc00::/7), link-local (fe80::/10), IPv4-mapped in hex form.
		return host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || /^::ffff:/.test(host);
	}
	// A name without a dot (a Docker service, a machine on the LAN) resolves only where it was given.
	return !host.includes('.') || LOCAL_NAMES.test(host);
}

/**
 * Why ContactSwing could not call `webhookUrl`, or undefined if it can. `contactSwingUrl` is the
 * credential's Base URL.
 */
export function unreachableBecause(
	webhookUrl: string,
	contactSwingUrl: string,
): string | undefined {
	let url: URL;
	try {
		url = new URL(webhookUrl);
	} catch {
		return 'is not a URL';
	}
	if (isLoopback(new URL(contactSwingUrl).hostname) && isLoopback(url.hostname)) return undefined;
	if (url.protocol !== 'https:') return 'does not start with https://';
	if (isPrivate(url.hostname))
		return `names ${bare(url.hostname)}, a host that only this machine or its network can reach`;
	return undefined;
}
