/**
 * Schema of a `notes:<threadId>` doc: what staff keep about a thread, which the customer never
 * sees (it lives apart from the thread doc, see DESIGN.md "Documents").
 *
 * - `meta`: Y.Map, one key per field, so two tablets that change different fields offline both
 *   keep their change:
 *   - `status`: `'open' | 'pending' | 'resolved'`, and `statusAt`: when it was set (epoch ms),
 *     written together; a customer message after `statusAt` reopens the thread (domain/inbox.ts);
 *   - `assignee`: the staff account id looking after the thread (absent: nobody);
 *   - `label:<text>`: `true` for each label, one key per label, so labels two tablets add
 *     offline are both kept, and removing one deletes only its key.
 * - `notes`: Y.Array of plain `ThreadNote`s (appended, never edited).
 */
import * as Y from 'yjs';
import { emptyThreadMeta, isThreadStatus } from '../domain/inbox.ts';
import type { ThreadMeta, ThreadStatus } from '../domain/inbox.ts';
import type { WriteOrigin } from './origin.ts';

export const notesKeys = { meta: 'meta', notes: 'notes' } as const;

/** The name of a thread's notes doc. */
export function notesDocName(threadId: string): string {
	return `notes:${threadId}`;
}

/** Longest label, in characters. */
export const maxLabelLength = 20;
/** Longest note, in characters. */
export const maxNoteLength = 2000;

const labelPrefix = 'label:';

/** A private note staff wrote about the thread. */
export interface ThreadNote {
	id: string;
	/** Staff account id. */
	by: string;
	at: number;
	text: string;
}

const meta = (doc: Y.Doc) => doc.getMap<unknown>(notesKeys.meta);
const notes = (doc: Y.Doc) => doc.getArray<ThreadNote>(notesKeys.notes);

/** Status, assignee and labels (sorted); a doc nobody wrote reads as an open, untriaged thread. */
export function readThreadMeta(doc: Y.Doc): ThreadMeta {
	const map = meta(doc);
	const result = emptyThreadMeta();
	const status = map.get('status');
	const statusAt = map.get('statusAt');
	if (isThreadStatus(status)) result.status = status;
	if (typeof statusAt === 'number' && Number.isFinite(statusAt)) result.statusAt = statusAt;
	const assignee = map.get('assignee');
	if (typeof assignee === 'string' && assignee !== '') result.assignee = assignee;
	for (const [key, value] of map.entries())
		if (key.startsWith(labelPrefix) && value === true)
			result.labels.push(key.slice(labelPrefix.length));
	result.labels.sort();
	return result;
}

function isNote(value: unknown): value is ThreadNote {
	const note = value as ThreadNote;
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof note.id === 'string' &&
		typeof note.by === 'string' &&
		typeof note.at === 'number' &&
		typeof note.text === 'string'
	);
}

/** The notes in the order the doc holds them; malformed ones are skipped. */
export function readNotes(doc: Y.Doc): ThreadNote[] {
	return notes(doc).toArray().filter(isNote);
}

/**
 * Sets the status and when it was set. Always written, even when the stored status is the same:
 * resolving a thread a customer reopened must move `statusAt` past their message.
 */
export function setThreadStatus(
	doc: Y.Doc,
	status: ThreadStatus,
	origin: WriteOrigin,
	at = Date.now()
): void {
	doc.transact(() => {
		meta(doc).set('status', status);
		meta(doc).set('statusAt', at);
	}, origin);
}

/** Gives the thread to a staff member, or to nobody (null). Returns whether anything changed. */
export function assignThread(doc: Y.Doc, assignee: string | null, origin: WriteOrigin): boolean {
	const current = readThreadMeta(doc).assignee ?? null;
	if (current === assignee) return false;
	doc.transact(() => {
		if (assignee === null) meta(doc).delete('assignee');
		else meta(doc).set('assignee', assignee);
	}, origin);
	return true;
}

/** A label as stored: trimmed, one line, at most `maxLabelLength` characters; '' if nothing is left. */
export function normalizeLabel(label: string): string {
	return [...label.replace(/\s+/g, ' ').trim()].slice(0, maxLabelLength).join('');
}

/** Adds and removes labels in one transaction. Returns whether anything changed. */
export function changeLabels(
	doc: Y.Doc,
	change: { add?: readonly string[]; remove?: readonly string[] },
	origin: WriteOrigin
): boolean {
	const map = meta(doc);
	const add = (change.add ?? []).map(normalizeLabel).filter((l) => l && !map.has(labelPrefix + l));
	const remove = (change.remove ?? []).map(normalizeLabel).filter((l) => map.has(labelPrefix + l));
	if (add.length === 0 && remove.length === 0) return false;
	doc.transact(() => {
		for (const label of remove) map.delete(labelPrefix + label);
		for (const label of add) map.set(labelPrefix + label, true);
	}, origin);
	return true;
}

/** Appends a private note by the origin's staff member; returns its id (or null if empty). */
export function addNote(
	doc: Y.Doc,
	text: string,
	origin: WriteOrigin,
	at = Date.now()
): string | null {
	const trimmed = [...text.trim()].slice(0, maxNoteLength).join('');
	if (trimmed === '') return null;
	const note: ThreadNote = { id: crypto.randomUUID(), by: origin.accountId, at, text: trimmed };
	doc.transact(() => notes(doc).push([note]), origin);
	return note.id;
}

/** Calls `listener` after every change to the meta or the notes; returns the unsubscribe. */
export function observeNotes(doc: Y.Doc, listener: () => void): () => void {
	const onChange = () => listener();
	meta(doc).observe(onChange);
	notes(doc).observe(onChange);
	return () => {
		meta(doc).unobserve(onChange);
		notes(doc).unobserve(onChange);
	};
}
