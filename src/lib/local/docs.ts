/**
 * Opening docs from the local database. A LocalDoc is loaded from IndexedDB
 * before anyone sees it, and is destroyed by y-dexie when the last handle is
 * released; whoever syncs it listens for `doc.on('destroy')`.
 */
import { DexieYProvider } from 'y-dexie';
import type * as Y from 'yjs';
import { toStorageError } from './errors.ts';
import type { StorageError } from './errors.ts';
import type { YuzuDb } from './db.ts';

export interface LocalDoc {
	readonly name: string;
	readonly doc: Y.Doc;
	/**
	 * Resolves once every change made so far is written to IndexedDB; rejects
	 * with a StorageError if a write since the last flush failed (quota!).
	 */
	flush(): Promise<void>;
	/** Drops this handle; the doc is destroyed when no handle is left. */
	release(): void;
}

interface Opened {
	failures: StorageError[];
	updatesTable: string;
}

export class LocalDocs {
	readonly #db: YuzuDb;
	readonly #onError: (error: StorageError) => void;
	readonly #opened = new WeakMap<Y.Doc, Opened>();

	/** `onError` hears every failure, including those of background writes nobody awaits. */
	constructor(db: YuzuDb, onError: (error: StorageError) => void) {
		this.#db = db;
		this.#onError = onError;
	}

	/** Loads `name` from IndexedDB (creating its row first); rejects with a StorageError. */
	async open(name: string): Promise<LocalDoc> {
		try {
			const db = this.#db;
			// The row must exist before the doc is loaded, or y-dexie destroys the doc as deleted.
			const row = await db.transaction('rw', db.docs, async () => {
				const existing = await db.docs.get(name);
				if (existing) return existing;
				await db.docs.add({ name });
				return db.docs.get(name);
			});
			if (!row) throw new Error(`Row for ${name} vanished`);
			const doc = row.content;
			const provider = DexieYProvider.load(doc);
			this.#watch(name, doc, provider);
			try {
				await provider.whenLoaded;
			} catch (error) {
				DexieYProvider.release(doc);
				throw error;
			}
			return this.#handle(name, doc);
		} catch (error) {
			const failure = toStorageError(error, name);
			this.#onError(failure);
			throw failure;
		}
	}

	#watch(name: string, doc: Y.Doc, provider: DexieYProvider): void {
		if (this.#opened.has(doc)) return;
		const meta = doc.meta as { updatesTable: string };
		const opened: Opened = { failures: [], updatesTable: meta.updatesTable };
		this.#opened.set(doc, opened);
		provider.on('error', (error: unknown) => {
			const failure = toStorageError(error, name);
			opened.failures.push(failure);
			this.#onError(failure);
		});
	}

	#handle(name: string, doc: Y.Doc): LocalDoc {
		let released = false;
		return {
			name,
			doc,
			flush: () => this.#flush(name, doc),
			release: () => {
				if (released) return;
				released = true;
				DexieYProvider.release(doc);
			}
		};
	}

	async #flush(name: string, doc: Y.Doc): Promise<void> {
		const opened = this.#opened.get(doc);
		if (!opened) return;
		try {
			// IndexedDB runs transactions on one store in the order they were created: this
			// read completes only after every write y-dexie queued for the doc so far.
			await this.#db.transaction('r', opened.updatesTable, () =>
				this.#db.table(opened.updatesTable).get(-1)
			);
			// Let y-dexie's own rejection handlers report a failed write first.
			await new Promise((resolve) => setTimeout(resolve, 0));
		} catch (error) {
			const failure = toStorageError(error, name);
			this.#onError(failure);
			throw failure;
		}
		const failure = opened.failures.shift();
		opened.failures.length = 0;
		if (failure) throw failure;
	}
}

/** Asks the browser not to evict the shop's data under storage pressure. */
export async function requestPersistentStorage(): Promise<boolean> {
	try {
		if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
		if (await navigator.storage.persisted()) return true;
		return await navigator.storage.persist();
	} catch {
		return false;
	}
}
