/**
 * Schema of a `thread:<id>` doc and the functions between it and domain types
 * (DESIGN.md, "The thread document"):
 *
 * - `messages`: Y.Array of immutable plain `Message` objects, appended and never changed or
 *   removed (an edit or a retraction is a new message). Never nested Y types.
 * - `receipts`: Y.Map reader key (`receiptKey`: `customer:c-88`, `staff:wang`) → id of the last
 *   message that reader has read.
 * - `portal`: Y.Map written by the server only: `shop`, `rentals`, `updatedAt` (see `Portal`).
 *
 * The server accepts from a customer only appends to `messages` signed as that customer and
 * their own receipt, so these writers are exactly what the customer page may call, except
 * `writePortal`. Every write is one transaction with the caller's origin.
 */
import type * as Y from 'yjs';
import {
	isMessageId,
	readMessage,
	readPortal,
	type Message,
	type Portal
} from '../domain/thread.ts';

export const threadKeys = { messages: 'messages', receipts: 'receipts', portal: 'portal' } as const;

/** The doc of a thread: a customer's own (`thread:<customerId>`) or a group's. */
export function threadDocName(threadId: string): string {
	return `thread:${threadId}`;
}

/** Everything in a thread doc as plain data; malformed rows are skipped. */
export interface Thread {
	messages: Message[];
	receipts: Record<string, string>;
	portal: Portal | null;
}

const messagesOf = (doc: Y.Doc) => doc.getArray<unknown>(threadKeys.messages);
const receiptsOf = (doc: Y.Doc) => doc.getMap<unknown>(threadKeys.receipts);
const portalOf = (doc: Y.Doc) => doc.getMap<unknown>(threadKeys.portal);

export function readThread(doc: Y.Doc): Thread {
	const messages: Message[] = [];
	for (const value of messagesOf(doc)) {
		const message = readMessage(value);
		if (message) messages.push(message);
	}
	const receipts: Record<string, string> = {};
	receiptsOf(doc).forEach((value, key) => {
		if (isMessageId(value)) receipts[key] = value as string;
	});
	const portal = portalOf(doc);
	const fields = {
		shop: portal.get('shop'),
		rentals: portal.get('rentals'),
		updatedAt: portal.get('updatedAt')
	};
	return { messages, receipts, portal: portal.size > 0 ? readPortal(fields) : null };
}

/**
 * Appends one message (a clean copy of it) in one transaction. Throws a `RangeError` if the
 * message is malformed or over `messageLimits`: check before calling, the server would refuse it.
 */
export function postMessage(doc: Y.Doc, message: Message, origin: unknown): Message {
	const clean = readMessage(message);
	if (!clean) throw new RangeError(`not a well-formed message: ${JSON.stringify(message)}`);
	doc.transact(() => messagesOf(doc).push([clean]), origin);
	return clean;
}

/** Records that `key` has read up to `messageId`; writes nothing if the receipt already says so. */
export function markRead(doc: Y.Doc, key: string, messageId: string, origin: unknown): boolean {
	if (!isMessageId(messageId)) throw new RangeError(`not a message id: ${messageId}`);
	const receipts = receiptsOf(doc);
	if (receipts.get(key) === messageId) return false;
	doc.transact(() => receipts.set(key, messageId), origin);
	return true;
}

/**
 * Calls `fn` with the whole thread after every transaction that changed it (local or remote).
 * Returns the function that stops observing.
 */
export function observeThread(doc: Y.Doc, fn: (thread: Thread) => void): () => void {
	const types = new Set<unknown>([messagesOf(doc), receiptsOf(doc), portalOf(doc)]);
	const listener = (tr: Y.Transaction) => {
		for (const type of tr.changed.keys()) if (types.has(type)) return fn(readThread(doc));
	};
	doc.on('afterTransaction', listener);
	return () => doc.off('afterTransaction', listener);
}

/**
 * The server's write of a customer's portal: the fields that changed, in one transaction.
 * Throws a `RangeError` if `portal` is malformed. Returns whether anything was written.
 */
export function writePortal(doc: Y.Doc, portal: Portal, origin: unknown): boolean {
	const clean = readPortal(portal);
	if (!clean) throw new RangeError('not a well-formed portal');
	const map = portalOf(doc);
	const same = (key: 'shop' | 'rentals') =>
		JSON.stringify(map.get(key)) === JSON.stringify(clean[key]);
	// A new time alone is no change: the portal is rewritten only when what it shows changed.
	if (same('shop') && same('rentals') && map.has('updatedAt')) return false;
	doc.transact(() => {
		if (!same('shop')) map.set('shop', clean.shop);
		if (!same('rentals')) map.set('rentals', clean.rentals);
		map.set('updatedAt', clean.updatedAt);
	}, origin);
	return true;
}
