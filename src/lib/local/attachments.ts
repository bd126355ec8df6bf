/**
 * Attachments on this device (photos, voice notes), named by the SHA-256 of their bytes.
 *
 * `saveAttachment` stores the blob in Dexie FIRST and returns its hash, so a message or a
 * damage report can name it at once, offline. The outbox (attachment-outbox.ts) sends what
 * is waiting whenever the device is online; `AttachmentUrls` shows a file from this device
 * or from the server.
 */
import type { Dexie, Table } from 'dexie';
import { attachmentType } from '../domain/attachments.ts';
import type { UploadTarget } from './attachment-upload.ts';
import { toStorageError } from './errors.ts';

/** Dexie index spec of the `attachments` table (for any database that keeps attachments). */
export const ATTACHMENTS_SCHEMA = 'hash, uploaded, createdAt';

export interface AttachmentRow {
	hash: string;
	blob: Blob;
	/** Accepted type without parameters (`audio/webm`), or the blob's own type if not accepted. */
	mime: string;
	size: number;
	/**
	 * Docs this file was saved for (`thread:c1`, `inventory`…). The server lets a doc's readers
	 * see an attachment sent for that doc, so the same price-list image sent to three customers
	 * is sent once per thread. Empty for files fetched from the server to view offline.
	 */
	scopes: string[];
	/** Scopes the server has confirmed. */
	sentScopes: string[];
	/** 1 once every scope is confirmed (numbers: IndexedDB cannot index booleans). */
	uploaded: 0 | 1;
	/** 1 when the server refused it for good; `lastError` says why, and `retry` clears it. */
	failed: 0 | 1;
	createdAt: number;
	attempts: number;
	/** Error code of the last failed attempt (`too_large`, `bad_type`, `network`…). */
	lastError: string | null;
}

export type AttachmentDb = Dexie & { attachments: Table<AttachmentRow, string> };

/** SHA-256 of the blob as lowercase hex: the attachment's name on every device and the server. */
export async function hashBlob(blob: Blob): Promise<string> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	// crypto.subtle exists only in secure contexts; a tablet on http://<shop box> is not one.
	const digest = globalThis.crypto?.subtle
		? new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
		: (await import('lib0/hash/sha256')).digest(bytes);
	return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Keeps `blob` on this device under its hash and queues it for `scope`; resolves with the hash
 * once it is in IndexedDB. Rejects with a StorageError (quota!) that the caller must show.
 */
export async function saveAttachment(
	db: AttachmentDb,
	blob: Blob,
	scope: string,
	now: () => number = Date.now
): Promise<string> {
	const hash = await hashBlob(blob);
	const mime = attachmentType(blob.type) ?? blob.type;
	try {
		await db.transaction('rw', db.attachments, async () => {
			const row = await db.attachments.get(hash);
			if (!row) {
				await db.attachments.add({
					hash,
					blob,
					mime,
					size: blob.size,
					scopes: [scope],
					sentScopes: [],
					uploaded: 0,
					failed: 0,
					createdAt: now(),
					attempts: 0,
					lastError: null
				});
			} else if (!row.scopes.includes(scope)) {
				const sent = row.sentScopes.includes(scope);
				await db.attachments.update(hash, {
					scopes: [...row.scopes, scope],
					uploaded: sent ? row.uploaded : 0
				});
			}
		});
	} catch (error) {
		throw toStorageError(error, 'attachments');
	}
	return hash;
}

/**
 * Where to show an attachment from: an object URL when the bytes are on this device, else
 * the server's URL with the token (so `<img src>` works), while the same URL is fetched in
 * the background into Dexie for offline viewing. Both requests share the browser's HTTP
 * cache entry (the bytes are immutable), so the file crosses the network once.
 */
export class AttachmentUrls {
	readonly #db: AttachmentDb;
	readonly #target: UploadTarget;
	readonly #fetch: typeof fetch;
	readonly #objectUrls = new Map<string, string>();
	readonly #fetching = new Map<string, Promise<void>>();

	constructor(db: AttachmentDb, target: UploadTarget, fetchFn: typeof fetch = fetch) {
		this.#db = db;
		this.#target = target;
		this.#fetch = fetchFn;
	}

	async url(hash: string): Promise<string> {
		const known = this.#objectUrls.get(hash);
		if (known) return known;
		const row = await this.#db.attachments.get(hash).catch(() => undefined);
		if (row?.blob) {
			const url = URL.createObjectURL(row.blob);
			this.#objectUrls.set(hash, url);
			return url;
		}
		const url = this.serverUrl(hash);
		void this.keep(hash);
		return url;
	}

	serverUrl(hash: string): string {
		const token = this.#target.token();
		const query = token ? `?token=${encodeURIComponent(token)}` : '';
		return `${this.#target.base}/api/attachments/${encodeURIComponent(hash)}${query}`;
	}

	/** Fetches an attachment into Dexie (checking its hash); quietly does nothing when offline. */
	keep(hash: string): Promise<void> {
		let pending = this.#fetching.get(hash);
		if (!pending) {
			pending = this.#download(hash).finally(() => this.#fetching.delete(hash));
			this.#fetching.set(hash, pending);
		}
		return pending;
	}

	async #download(hash: string): Promise<void> {
		try {
			const response = await this.#fetch(this.serverUrl(hash));
			if (!response.ok) return;
			const blob = await response.blob();
			if ((await hashBlob(blob)) !== hash) return;
			const mime = response.headers.get('content-type') ?? blob.type;
			const row: AttachmentRow = {
				hash,
				blob: new Blob([blob], { type: mime }),
				mime,
				size: blob.size,
				scopes: [],
				sentScopes: [],
				uploaded: 1,
				failed: 0,
				createdAt: Date.now(),
				attempts: 0,
				lastError: null
			};
			await this.#db.transaction('rw', this.#db.attachments, async () => {
				if (!(await this.#db.attachments.get(hash))) await this.#db.attachments.add(row);
			});
		} catch {
			// Offline or storage full: the file stays on the server, shown from there.
		}
	}

	/** Frees every object URL handed out (the page that showed them is gone). */
	revokeAll(): void {
		for (const url of this.#objectUrls.values()) URL.revokeObjectURL(url);
		this.#objectUrls.clear();
	}
}
