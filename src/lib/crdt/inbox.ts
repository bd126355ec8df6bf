/**
 * Schema of the `inbox` doc: one summary row per thread, written by the server only (tablets open
 * it read-only) and derived from the thread and notes docs (domain/inbox.ts says how).
 *
 * - `threads`: Y.Map threadId → plain `InboxRow` (replaced whole when it changes, never edited).
 */
import type * as Y from 'yjs';
import { readInboxRow, sameRow, type InboxRow } from '../domain/inbox.ts';

export const INBOX_DOC = 'inbox';

export const inboxKeys = { threads: 'threads' } as const;

const threads = (doc: Y.Doc) => doc.getMap<unknown>(inboxKeys.threads);

/** Every row, the latest activity first; malformed rows are skipped. */
export function readInbox(doc: Y.Doc): InboxRow[] {
	const rows: InboxRow[] = [];
	threads(doc).forEach((value) => {
		const row = readInboxRow(value);
		if (row) rows.push(row);
	});
	return rows.sort((a, b) => b.updatedAt - a.updatedAt || (a.threadId < b.threadId ? -1 : 1));
}

/** One thread's row, or null. */
export function readInboxRowOf(doc: Y.Doc, threadId: string): InboxRow | null {
	return readInboxRow(threads(doc).get(threadId));
}

/** The server's write of a row; writes nothing if the stored row says the same. */
export function writeInboxRow(doc: Y.Doc, row: InboxRow, origin: unknown): boolean {
	if (sameRow(readInboxRowOf(doc, row.threadId), row)) return false;
	doc.transact(() => threads(doc).set(row.threadId, row), origin);
	return true;
}

/** Calls `listener` after every change to the rows; returns the unsubscribe. */
export function observeInbox(doc: Y.Doc, listener: () => void): () => void {
	const onChange = () => listener();
	threads(doc).observe(onChange);
	return () => threads(doc).unobserve(onChange);
}
