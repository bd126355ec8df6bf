/**
 * Fingerprints of what a bill or a card says, so a settlement or a confirmation can name exactly
 * the version it was made from. Not a security hash: nobody gains by forging one.
 */
/** A short, stable fingerprint of text (cyrb53, 64 bits as 16 hex digits), equal on every tablet. */
export function fingerprint(text: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < text.length; i += 1) {
		const code = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ code, 2654435761);
		h2 = Math.imul(h2 ^ code, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
	return hex(h2) + hex(h1);
}
