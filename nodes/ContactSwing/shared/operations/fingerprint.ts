import type { IDataObject } from 'n8n-workflow';

/**
 * A 128-bit fingerprint (32 hex digits) of text and bytes: four 32-bit lanes mixed per unit and avalanched
 * at the end (the cyrb128 construction). Not a cryptographic hash: it tells requests apart in the ledger,
 * where a collision would take a new request for one already done; at 2^-128 per pair that is never. Node
 * code may import only n8n-workflow, which offers no hash.
 */
export function fingerprint(...parts: Array<string | Uint8Array>): string {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	const mix = (unit: number) => {
		h1 = h2 ^ Math.imul(h1 ^ unit, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ unit, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ unit, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ unit, 2716044179);
	};
	for (const part of parts) {
		if (typeof part === 'string') for (let i = 0; i < part.length; i++) mix(part.charCodeAt(i));
		else for (let i = 0; i < part.length; i++) mix(part[i] | 0x10000);
		// A separator no character or byte produces, so ("ab", "c") and ("a", "bc") differ.
		mix(0x20000 + part.length);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

/** JSON with object keys sorted, so a body means the same fingerprint whatever order it was built in. */
export function stableJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
	if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
	const entries = Object.keys(value as IDataObject)
		.sort()
		.filter((key) => (value as IDataObject)[key] !== undefined)
		.map((key) => `${JSON.stringify(key)}:${stableJson((value as IDataObject)[key])}`);
	return `{${entries.join(',')}}`;
}
