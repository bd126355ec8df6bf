/**
 * What the chat link section shows: the link's full address and its QR code, and how to copy it
 * where the Clipboard API is missing (a shop server reached over plain http on the LAN).
 */
import type { CustomerLink } from '$lib/api/client.ts';
import { qrDataUrl } from '../../inventory/labels/label-sheet.ts';

/** The address the customer opens: this app's origin and the link's `/c/<token>`. */
export function linkUrl(link: CustomerLink, origin: string): string {
	return new URL(link.path, origin).href;
}

/** The link's QR code as an SVG data URL (the same maker as the unit labels). */
export function linkQr(url: string): string {
	return qrDataUrl(url);
}

/**
 * Copies `text`: the Clipboard API where the page may use it, else the text of `shown` selected
 * and the old copy command. Resolves to whether it worked.
 */
export async function copyText(text: string, shown: HTMLElement | undefined): Promise<boolean> {
	try {
		if (navigator.clipboard && window.isSecureContext) {
			await navigator.clipboard.writeText(text);
			return true;
		}
	} catch {
		// Refused (no permission, page not focused): try the selection below.
	}
	const selection = window.getSelection();
	if (!shown || !selection) return false;
	const range = document.createRange();
	range.selectNodeContents(shown);
	selection.removeAllRanges();
	selection.addRange(range);
	try {
		return document.execCommand('copy');
	} catch {
		return false;
	}
}
