/**
 * The attachment outbox: sends every attachment saved on this device that the server does
 * not have yet, oldest first, whenever the device is online, and again on each `online`.
 *
 * - Sending is idempotent: the server stores bytes by hash, so sending a file twice (a tab
 *   closed mid-upload, a lost response) is a cheap 200, never a duplicate.
 * - No answer, a 5xx, 408 or 429: wait (exponential backoff with jitter, so the shop's
 *   tablets do not all retry at once when the uplink returns) and try again.
 * - Any other 4xx (too large, wrong type, forbidden): the file is marked failed with the
 *   server's error code, for the UI to show; `retry` queues it again.
 * - 401: the session is over; the outbox stops and says so. Nothing is marked failed, so
 *   the files go up after the next login.
 *
 * Several tabs: each tab runs an outbox over the same table. Before sending a file an
 * outbox takes a Web Lock named after its hash and re-reads the row, so two tabs never send
 * one file at once and a file another tab finished is skipped. Where Web Locks are missing
 * two tabs may both send a file: bandwidth, never a duplicate.
 */
import type { Upload } from './attachment-upload.ts';
import { UploadError } from './attachment-upload.ts';
import type { AttachmentDb, AttachmentRow } from './attachments.ts';
import { toStorageError } from './errors.ts';
import type { StorageError } from './errors.ts';

export interface Connectivity {
	isOnline(): boolean;
	/** Fires `online` (the window, in a browser). */
	events: EventTarget;
}

export type OutboxEvent =
	| { type: 'progress'; hash: string; loaded: number; total: number }
	| { type: 'uploaded'; hash: string }
	/** Refused for good; `error` is the server's code. */
	| { type: 'failed'; hash: string; error: string }
	/** Will be tried again in `retryInMs`. */
	| { type: 'waiting'; hash: string; error: string; retryInMs: number }
	| { type: 'unauthorized' }
	/** This device's database failed (quota!); the outbox tries again later. */
	| { type: 'storage'; error: StorageError };

export interface OutboxOptions {
	db: AttachmentDb;
	/** Sends one file; `xhrUpload(...)` in a browser. */
	upload: Upload;
	connectivity: Connectivity;
	onEvent?: (event: OutboxEvent) => void;
	/** Web Locks; `navigator.locks` by default where there is one. */
	locks?: Pick<LockManager, 'request'> | null;
	/** First and longest wait after a failed attempt. */
	backoff?: { firstMs: number; maxMs: number };
	random?: () => number;
}

/** Outcome of one attempt: go on with the next file, or end this pass. */
type Step = 'next' | 'wait' | 'stop';

/** A file another tab is sending is looked at again after this long. */
const BUSY_RECHECK_MS = 5_000;

export class AttachmentOutbox {
	readonly #o: Required<Omit<OutboxOptions, 'locks'>> & { locks: OutboxOptions['locks'] };
	#running: Promise<void> | null = null;
	#again = false;
	#started = false;
	#stopped = false;
	#failures = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;

	constructor(options: OutboxOptions) {
		this.#o = {
			onEvent: () => {},
			backoff: { firstMs: 1_000, maxMs: 60_000 },
			random: Math.random,
			...options,
			locks:
				options.locks === undefined
					? (globalThis.navigator as Navigator | undefined)?.locks
					: options.locks
		};
	}

	/** Starts sending now (if online) and on every `online` event. */
	start(): void {
		if (this.#started || this.#stopped) return;
		this.#started = true;
		this.#o.connectivity.events.addEventListener('online', this.#onOnline);
		void this.flush();
	}

	/** Stops for good (logout, expired session); an upload under way still finishes. */
	stop(): void {
		this.#stopped = true;
		this.#o.connectivity.events.removeEventListener('online', this.#onOnline);
		this.#clearTimer();
	}

	/** Sends what is waiting now; resolves when this pass ends (all sent, offline, or waiting). */
	flush(): Promise<void> {
		if (this.#stopped || !this.#started) return Promise.resolve();
		if (this.#running) {
			this.#again = true;
			return this.#running;
		}
		this.#running = this.#pass()
			.catch((error: unknown) => {
				this.#o.onEvent({ type: 'storage', error: toStorageError(error, 'attachments') });
				this.#schedule(this.#backoffMs());
			})
			.finally(() => (this.#running = null));
		return this.#running;
	}

	/** Queues a file the server refused, after the cause was fixed (or to try once more). */
	async retry(hash: string): Promise<void> {
		try {
			await this.#o.db.attachments.update(hash, { failed: 0, lastError: null, attempts: 0 });
		} catch (error) {
			throw toStorageError(error, 'attachments');
		}
		await this.flush();
	}

	readonly #onOnline = () => {
		this.#failures = 0;
		void this.flush();
	};

	async #pass(): Promise<void> {
		this.#clearTimer();
		const busy = new Set<string>();
		do {
			this.#again = false;
			while (!this.#stopped && this.#o.connectivity.isOnline()) {
				const row = await this.#next(busy);
				if (!row) break;
				const step = await this.#send(row, busy);
				if (step !== 'next') return;
			}
		} while (this.#again && !this.#stopped);
		if (busy.size > 0) this.#schedule(BUSY_RECHECK_MS);
	}

	async #next(busy: Set<string>): Promise<AttachmentRow | undefined> {
		const waiting = await this.#o.db.attachments
			.where('uploaded')
			.equals(0)
			.filter((row) => row.failed === 0 && !busy.has(row.hash))
			.sortBy('createdAt');
		return waiting[0];
	}

	/** Sends one file for its first unconfirmed scope, under the file's lock when there are locks. */
	async #send(row: AttachmentRow, busy: Set<string>): Promise<Step> {
		const locks = this.#o.locks;
		if (!locks) return this.#sendUnlocked(row.hash);
		const step = await locks.request(
			`yuzu:attachment:${row.hash}`,
			{ ifAvailable: true },
			(lock) => (lock ? this.#sendUnlocked(row.hash) : null)
		);
		if (step === null) busy.add(row.hash);
		return step ?? 'next';
	}

	async #sendUnlocked(hash: string): Promise<Step> {
		const { db, upload, onEvent } = this.#o;
		// Read again: another tab may have sent it, or a new scope may have been added.
		const row = await db.attachments.get(hash);
		if (!row || row.uploaded || row.failed) return 'next';
		const scope = row.scopes.find((s) => !row.sentScopes.includes(s));
		if (scope === undefined) {
			await db.attachments.update(hash, { uploaded: 1 });
			return 'next';
		}
		try {
			const blob = row.blob.type === row.mime ? row.blob : new Blob([row.blob], { type: row.mime });
			await upload(hash, blob, scope, (loaded, total) =>
				onEvent({ type: 'progress', hash, loaded, total })
			);
		} catch (error) {
			return this.#failed(row, error);
		}
		this.#failures = 0;
		const uploaded = await this.#confirm(hash, scope);
		if (uploaded) onEvent({ type: 'uploaded', hash });
		return 'next';
	}

	/** Records that the server has `hash` for `scope`; true once every scope is confirmed. */
	async #confirm(hash: string, scope: string): Promise<boolean> {
		const { db } = this.#o;
		return db.transaction('rw', db.attachments, async () => {
			const row = await db.attachments.get(hash);
			if (!row) return false;
			const sentScopes = row.sentScopes.includes(scope)
				? row.sentScopes
				: [...row.sentScopes, scope];
			const uploaded = row.scopes.every((s) => sentScopes.includes(s)) ? 1 : 0;
			await db.attachments.update(hash, { sentScopes, uploaded, lastError: null, attempts: 0 });
			return uploaded === 1;
		});
	}

	async #failed(row: AttachmentRow, error: unknown): Promise<Step> {
		const { db, onEvent } = this.#o;
		const failure = error instanceof UploadError ? error : new UploadError(0, 'network');
		const { status, code } = failure;
		if (status === 401) {
			this.stop();
			onEvent({ type: 'unauthorized' });
			return 'stop';
		}
		const final = status >= 400 && status < 500 && status !== 408 && status !== 429;
		await db.attachments.update(row.hash, {
			attempts: row.attempts + 1,
			lastError: code,
			failed: final ? 1 : 0
		});
		if (final) {
			onEvent({ type: 'failed', hash: row.hash, error: code });
			return 'next';
		}
		// No answer or an overloaded server: everything else would fail too, so wait.
		const retryInMs = Math.max(this.#backoffMs(), failure.retryAfterMs ?? 0);
		this.#schedule(retryInMs);
		onEvent({ type: 'waiting', hash: row.hash, error: code, retryInMs });
		return 'wait';
	}

	#backoffMs(): number {
		const { firstMs, maxMs } = this.#o.backoff;
		this.#failures++;
		const ceiling = Math.min(maxMs, firstMs * 2 ** (this.#failures - 1));
		return Math.round(ceiling * (0.5 + this.#o.random() * 0.5));
	}

	#schedule(ms: number): void {
		this.#clearTimer();
		if (this.#stopped) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			void this.flush();
		}, ms);
	}

	#clearTimer(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}
}
