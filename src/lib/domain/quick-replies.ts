/**
 * Quick replies: answers the owner writes once (opening hours, the price list, how to pay) and
 * staff send with one tap. A reply may carry an image (an attachment hash), e.g. the price list
 * or the shop's payment QR code; sending it posts the text, then the image.
 */
import { isAttachmentHash } from './attachments.ts';

export interface QuickReply {
	id: string;
	/** What is sent; may be empty when the reply is an image alone. */
	text: string;
	/** An image sent after the text (attachment content hash). */
	image?: string;
	/** Position in the menu, smallest first. */
	order: number;
}

export interface QuickReplyDraft {
	text: string;
	image?: string;
}

export const quickReplyLimits = {
	/** Longest text of a reply, in characters (a message holds more; a menu should not). */
	textChars: 500,
	/** Most replies in the menu. */
	count: 50
} as const;

export type QuickReplyError = 'empty' | 'too_long' | 'bad_image' | 'too_many';

export type QuickReplyResult =
	{ ok: true; value: QuickReplyDraft } | { ok: false; error: QuickReplyError };

/** A draft as stored (trimmed text, image kept only if it is a hash), or why it cannot be. */
export function validateQuickReply(draft: QuickReplyDraft): QuickReplyResult {
	const text = draft.text.trim();
	if (draft.image !== undefined && !isAttachmentHash(draft.image))
		return { ok: false, error: 'bad_image' };
	if (text === '' && draft.image === undefined) return { ok: false, error: 'empty' };
	if ([...text].length > quickReplyLimits.textChars) return { ok: false, error: 'too_long' };
	return { ok: true, value: draft.image === undefined ? { text } : { text, image: draft.image } };
}

/** A stored reply read back, or null if it is not one. */
export function readQuickReply(id: string, value: unknown): QuickReply | null {
	if (typeof value !== 'object' || value === null) return null;
	const row = value as Record<string, unknown>;
	if (typeof row.text !== 'string' || typeof row.order !== 'number') return null;
	if (!Number.isFinite(row.order)) return null;
	const image = isAttachmentHash(row.image) ? row.image : undefined;
	if (row.text.trim() === '' && !image) return null;
	const reply: QuickReply = { id, text: row.text, order: row.order };
	if (image) reply.image = image;
	return reply;
}

/** Menu order: by `order`, then by id so every tablet lists ties alike. */
export function sortQuickReplies(replies: readonly QuickReply[]): QuickReply[] {
	return [...replies].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The order that puts a new reply last. */
export function nextOrder(replies: readonly QuickReply[]): number {
	return replies.reduce((max, reply) => Math.max(max, reply.order), 0) + 1;
}
