/**
 * Keeps the `inbox` doc right: one row per thread (domain/inbox.ts), recomputed after any change
 * to `thread:<id>` or `notes:<id>`, and for every stored thread at start, so the rows are right
 * however the thread docs changed (tablets and phones that were offline, a crash between a
 * message and its row). A row is written only when it changed, so a recomputation that finds
 * nothing new costs no row and no relay. Work goes through one serial queue: a burst of
 * messages in one thread is one recomputation, and a start with many threads loads one at a time.
 */
import { INBOX_DOC, readInbox, writeInboxRow } from '../../src/lib/crdt/inbox.ts';
import { notesDocName, readThreadMeta } from '../../src/lib/crdt/notes.ts';
import { readThread, threadDocName } from '../../src/lib/crdt/thread.ts';
import { inboxRow } from '../../src/lib/domain/inbox.ts';
import { parseDocName } from '../policy/docs.ts';
import { serverOrigin } from '../sync/registry.ts';
import { SerialQueue, type DerivedDocs, type Log } from './docs.ts';

export interface InboxDeriverOptions {
	docs: DerivedDocs;
	/** A thread's title: the customer's name, or the group's; null if unknown (the id is shown). */
	titleOf(threadId: string): Promise<string | null>;
	log: Log;
}

export class InboxDeriver {
	readonly #options: InboxDeriverOptions;
	readonly #queue: SerialQueue;

	constructor(options: InboxDeriverOptions) {
		this.#options = options;
		this.#queue = new SerialQueue((threadId) => this.#recompute(threadId), options.log);
	}

	/** The afterApply hook: a thread or its notes changed. */
	afterApply(docName: string): void {
		const kind = parseDocName(docName);
		if (kind?.kind === 'thread' || kind?.kind === 'notes') this.#queue.add(kind.threadId);
	}

	/** Recomputes every stored thread's row (at start). */
	rebuild(): void {
		for (const name of this.#options.docs.listDocs()) {
			const kind = parseDocName(name);
			if (kind?.kind === 'thread') this.#queue.add(kind.threadId);
		}
	}

	/** Recomputes one thread's row, e.g. when its customer was renamed. */
	refresh(threadId: string): void {
		this.#queue.add(threadId);
	}

	/** Each thread that has a row, with its title. */
	async titles(): Promise<Map<string, string>> {
		const rows = await this.#options.docs.read(INBOX_DOC, readInbox);
		return new Map(rows.map((row) => [row.threadId, row.title]));
	}

	get busy(): boolean {
		return this.#queue.busy;
	}

	idle(): Promise<void> {
		return this.#queue.idle();
	}

	close(): Promise<void> {
		return this.#queue.close();
	}

	async #recompute(threadId: string): Promise<void> {
		const { docs, titleOf } = this.#options;
		const { messages, receipts } = await docs.read(threadDocName(threadId), readThread);
		// A thread nobody wrote in (a portal alone) is no conversation: it gets a row at its first message.
		if (messages.length === 0) return;
		const meta = await docs.read(notesDocName(threadId), readThreadMeta);
		const title = (await titleOf(threadId)) ?? threadId;
		const row = inboxRow({ threadId, title, messages, receipts, meta });
		await docs.write(INBOX_DOC, (doc) => writeInboxRow(doc, row, serverOrigin));
	}
}
