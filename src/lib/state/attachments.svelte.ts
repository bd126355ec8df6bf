/**
 * Attachments as the pages see them: save a photo or voice note (kept on this device at
 * once, sent when online), show one by hash, and what is still waiting, being sent or was
 * refused. The Workspace starts one per signed-in device.
 */
import { liveQuery } from 'dexie';
import type { Subscription } from 'dexie';
import { AttachmentOutbox } from '../local/attachment-outbox.ts';
import type { Connectivity, OutboxEvent } from '../local/attachment-outbox.ts';
import { xhrUpload } from '../local/attachment-upload.ts';
import type { Upload } from '../local/attachment-upload.ts';
import { AttachmentUrls, saveAttachment } from '../local/attachments.ts';
import type { AttachmentDb, AttachmentRow } from '../local/attachments.ts';
import { toStorageError } from '../local/errors.ts';
import type { StorageError } from '../local/errors.ts';

/**
 * - `waiting`: on this device only, to be sent (offline, or retrying after an error);
 * - `sending`: being sent by this tab;
 * - `failed`: refused by the server (`error` says why);
 * - `sent`: the server has it (or it came from there).
 */
export type AttachmentStatus = 'waiting' | 'sending' | 'failed' | 'sent';

export interface FailedAttachment {
	hash: string;
	error: string;
}

export interface AttachmentsOptions {
	db: AttachmentDb;
	token: () => string | null;
	connectivity: Connectivity;
	/** Origin of the shop server; '' for the page's own. */
	base?: string;
	/** Sends one file; XMLHttpRequest (with progress) by default. */
	upload?: Upload;
	fetch?: typeof fetch;
	onStorageError: (error: StorageError) => void;
	onUnauthorized: () => void;
}

export class Attachments {
	readonly #options: AttachmentsOptions;
	readonly #outbox: AttachmentOutbox;
	readonly #urls: AttachmentUrls;
	#subscription: Subscription | null = null;
	#destroyed = false;
	/** Hash → last transient error, for every file not yet sent and not refused. */
	#waiting = $state<Record<string, string | null>>({});
	#failed = $state<Record<string, string>>({});
	/** Hash → fraction sent, for uploads under way in this tab. */
	#progress = $state<Record<string, number>>({});
	#pendingCount = $derived(Object.keys(this.#waiting).length);
	#failedList = $derived(
		Object.entries(this.#failed).map(([hash, error]): FailedAttachment => ({ hash, error }))
	);

	constructor(options: AttachmentsOptions) {
		this.#options = options;
		const target = { base: options.base ?? '', token: options.token };
		this.#urls = new AttachmentUrls(options.db, target, options.fetch);
		this.#outbox = new AttachmentOutbox({
			db: options.db,
			upload: options.upload ?? xhrUpload(target),
			connectivity: options.connectivity,
			onEvent: (event) => this.#onEvent(event)
		});
	}

	/** Watches the table (every tab's saves) and starts sending. */
	start(): void {
		if (this.#subscription || this.#destroyed) return;
		const db = this.#options.db;
		this.#subscription = liveQuery(() =>
			db.attachments.where('uploaded').equals(0).toArray()
		).subscribe({
			next: (rows) => this.#show(rows),
			error: (error: unknown) => this.#options.onStorageError(toStorageError(error, 'attachments'))
		});
		this.#outbox.start();
	}

	/** Files on this device the server does not have yet (refused ones not counted). */
	get pendingCount(): number {
		return this.#pendingCount;
	}

	/** Files the server refused, with its reason (`too_large`, `bad_type`, `forbidden`…). */
	get failed(): readonly FailedAttachment[] {
		return this.#failedList;
	}

	status(hash: string): AttachmentStatus {
		if (hash in this.#failed) return 'failed';
		if (hash in this.#progress) return 'sending';
		return hash in this.#waiting ? 'waiting' : 'sent';
	}

	/** 0–1 while this tab sends the file, else null. */
	progress(hash: string): number | null {
		return this.#progress[hash] ?? null;
	}

	/** Why the file was refused, or why the last try failed while it waits (`network`). */
	error(hash: string): string | null {
		return this.#failed[hash] ?? this.#waiting[hash] ?? null;
	}

	/**
	 * Keeps the file on this device for the doc `scope` and queues it; resolves with its hash,
	 * which a message or record may name at once. Rejects with a StorageError (device full).
	 */
	async save(blob: Blob, scope: string): Promise<string> {
		const hash = await saveAttachment(this.#options.db, blob, scope);
		void this.#outbox.flush();
		return hash;
	}

	/** A URL for `<img src>` / `<audio src>`: the copy on this device, else the server's. */
	url(hash: string): Promise<string> {
		return this.#urls.url(hash);
	}

	/** Sends a refused file again. */
	retry(hash: string): Promise<void> {
		return this.#outbox.retry(hash);
	}

	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#outbox.stop();
		this.#subscription?.unsubscribe();
		this.#subscription = null;
		this.#urls.revokeAll();
	}

	#show(rows: AttachmentRow[]): void {
		const waiting: Record<string, string | null> = {};
		const failed: Record<string, string> = {};
		for (const row of rows) {
			if (row.failed) failed[row.hash] = row.lastError ?? 'unknown';
			else waiting[row.hash] = row.lastError;
		}
		this.#waiting = waiting;
		this.#failed = failed;
	}

	#onEvent(event: OutboxEvent): void {
		if (this.#destroyed) return;
		switch (event.type) {
			case 'progress':
				this.#progress = {
					...this.#progress,
					[event.hash]: event.total > 0 ? event.loaded / event.total : 0
				};
				return;
			case 'uploaded':
			case 'failed':
			case 'waiting':
				this.#endProgress(event.hash);
				return;
			case 'unauthorized':
				this.#progress = {};
				this.#options.onUnauthorized();
				return;
			case 'storage':
				this.#options.onStorageError(event.error);
		}
	}

	#endProgress(hash: string): void {
		if (!(hash in this.#progress)) return;
		const { [hash]: _done, ...rest } = this.#progress;
		this.#progress = rest;
	}
}
