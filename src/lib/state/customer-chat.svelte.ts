/**
 * The customer's chat page (`/c/<token>`): one thread doc kept in this phone's own small
 * database, synced with the customer's link token, and what the page shows of it.
 *
 * - The thread opens from IndexedDB first, so the page works with no network; the customer id
 *   comes from the token itself for that reason (the server checks the token on every request).
 * - A message is written to the doc at once (stored on the phone, sent when online): the offline
 *   queue is simply the Yjs edits y-dexie keeps, which the provider sends on reconnect, in order,
 *   and exactly once (Yjs ids make a resent edit a no-op).
 * - "发送中" is per message: the customer's message is pending until the server's state vector
 *   (as its last sync step 1 told us, kept in the sync marks) covers the struct holding it.
 *   The server answers a step 1 only after everything before it is durable, so a message that
 *   stops being pending is on the server's disk.
 * - A revoked link stops syncing and deletes this phone's copy of the conversation.
 */
import { markRead, observeThread, postMessage, readThread, threadDocName } from '../crdt/thread.ts';
import type { Thread } from '../crdt/thread.ts';
import { messageClocks } from '../crdt/thread-clocks.ts';
import { attachmentType } from '../domain/attachments.ts';
import {
	customerIdFromToken,
	lastMessageId,
	pendingMessageIds,
	readByShop
} from '../domain/customer-chat.ts';
import { messageLimits, receiptKey, threadView, unreadFor } from '../domain/thread.ts';
import type { Card, Message, Portal, Sender, ThreadItem } from '../domain/thread.ts';
import { createDb } from '../local/db.ts';
import type { YuzuDb } from '../local/db.ts';
import { LocalDocs } from '../local/docs.ts';
import type { LocalDoc } from '../local/docs.ts';
import type { StorageError } from '../local/errors.ts';
import { storageMarksStore } from '../sync/marks.ts';
import type { SyncMarks, SyncMarksStore } from '../sync/marks.ts';
import { SyncPool } from '../sync/sync-pool.ts';
import { trackTyping } from '../sync/typing.ts';
import { initialSyncStatus } from '../sync/status.ts';
import type { SyncStatus } from '../sync/status.ts';
import { Attachments } from './attachments.svelte.ts';

export type ChatPhase = 'opening' | 'ready' | 'revoked' | 'invalid' | 'failed';

export interface ShopInfo {
	name: string;
	phone: string;
	address: string;
	hours: string;
}

export interface CustomerChatOptions {
	token: string;
	/** `ws(s)://host` of the shop server. */
	wsOrigin: string;
	/** HTTP origin of the shop server; '' for the page's own. */
	base?: string;
	now?: () => number;
}

/** Who wrote a change on this page, for observers. */
const customerOrigin = (id: string) => ({ kind: 'customer', id }) as const;

/** A message id where `crypto.randomUUID` is missing (plain http is not a secure context). */
function newMessageId(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class CustomerChat {
	readonly token: string;
	readonly customerId: string | null;
	readonly #options: CustomerChatOptions;
	readonly #now: () => number;
	#db: YuzuDb | null = null;
	#handle: LocalDoc | null = null;
	#pool: SyncPool | null = null;
	#marks: SyncMarksStore | null = null;
	#attachments: Attachments | null = null;
	#stops: (() => void)[] = [];
	#typist: ReturnType<typeof trackTyping> | null = null;
	#destroyed = false;

	#phase = $state<ChatPhase>('opening');
	#thread = $state.raw<Thread>({ messages: [], receipts: {}, portal: null });
	#status = $state.raw<SyncStatus>(initialSyncStatus);
	#pending = $state.raw<readonly string[]>([]);
	#shopTyping = $state(false);
	#linkShop = $state.raw<ShopInfo | null>(null);
	#storageError = $state.raw<StorageError | null>(null);
	#items = $derived(threadView(this.#thread.messages));

	constructor(options: CustomerChatOptions) {
		this.#options = options;
		this.#now = options.now ?? Date.now;
		this.token = options.token;
		this.customerId = customerIdFromToken(options.token);
		if (!this.customerId) this.#phase = 'invalid';
	}

	/** The customer as a sender and reader (`customer:<id>`). */
	get me(): Sender {
		return { role: 'customer', id: this.customerId ?? '' };
	}

	get meKey(): string {
		return receiptKey(this.me);
	}

	get phase(): ChatPhase {
		return this.#phase;
	}

	get items(): ThreadItem[] {
		return this.#items;
	}

	get messages(): Message[] {
		return this.#thread.messages;
	}

	get portal(): Portal | null {
		return this.#thread.portal;
	}

	/** The shop as the server last wrote it into the thread, else as the link check said. */
	get shop(): ShopInfo | null {
		return this.#thread.portal?.shop ?? this.#linkShop;
	}

	get status(): SyncStatus {
		return this.#status;
	}

	/** Ids of the customer's messages the server does not hold yet, in thread order. */
	get pending(): readonly string[] {
		return this.#pending;
	}

	isPending(id: string): boolean {
		return this.#pending.includes(id);
	}

	/** The id of the customer's last message once the shop has read it, else null. */
	get readMark(): string | null {
		return readByShop(this.meKey, this.#thread.messages, this.#thread.receipts);
	}

	/** Messages from the shop the customer has not read yet. */
	get unread(): number {
		return unreadFor(this.meKey, this.#thread.messages, this.#thread.receipts);
	}

	get shopTyping(): boolean {
		return this.#shopTyping;
	}

	get storageError(): StorageError | null {
		return this.#storageError;
	}

	get attachments(): Attachments | null {
		return this.#attachments;
	}

	get scope(): string {
		return threadDocName(this.customerId ?? '');
	}

	/** Opens the thread from this phone (no network needed), then syncs and checks the link. */
	async start(): Promise<void> {
		const customerId = this.customerId;
		if (!customerId || this.#db) return;
		const db = createDb(`yuzu-customer-${customerId}`);
		this.#db = db;
		const onStorageError = (error: StorageError) => {
			if (!this.#destroyed) this.#storageError = error;
		};
		const local = new LocalDocs(db, onStorageError);
		const online = { isOnline: () => navigator.onLine, events: window };
		this.#attachments = new Attachments({
			db,
			token: () => this.token,
			connectivity: online,
			base: this.#options.base,
			onStorageError,
			onUnauthorized: () => void this.checkLink()
		});
		this.#attachments.start();
		void this.checkLink();
		let handle: LocalDoc;
		try {
			handle = await local.open(this.scope);
		} catch {
			// The storage error is shown; a link found revoked meanwhile keeps its own page.
			if (this.#phase === 'opening') this.#phase = 'failed';
			return;
		}
		if (this.#destroyed || this.#phase !== 'opening') return handle.release();
		this.#handle = handle;
		this.#stops.push(observeThread(handle.doc, (thread) => this.#show(thread)));
		this.#show(readThread(handle.doc));
		this.#sync(handle);
		this.#phase = 'ready';
	}

	#sync(handle: LocalDoc): void {
		// Own key space: a staff tablet in the same browser keeps marks for the same doc name.
		const stored = storageMarksStore(localStorage);
		const key = (doc: string) => `customer/${this.customerId}/${doc}`;
		this.#marks = {
			load: (doc) => stored.load(key(doc)),
			save: (doc, marks: SyncMarks) => {
				stored.save(key(doc), marks);
				this.#refreshPending();
			}
		};
		this.#pool = new SyncPool({
			serverUrl: `${this.#options.wsOrigin}/sync`,
			token: this.token,
			connectivity: { isOnline: () => navigator.onLine, events: window },
			marks: this.#marks,
			onStatus: (_name, status) => {
				this.#status = status ?? initialSyncStatus;
				this.#refreshPending();
			},
			onUnauthorized: () => void this.checkLink()
		});
		const awareness = this.#pool.add(handle.name, handle.doc).awareness;
		const typist = trackTyping(awareness, this.customerId ?? '', (typing) => {
			this.#shopTyping = typing.shop;
		});
		this.#typist = typist;
		this.#stops.push(() => typist.stop());
	}

	/**
	 * Asks the server who this link is for (and the shop's details). A revoked link ends the
	 * chat on this phone; no answer (offline) changes nothing.
	 */
	async checkLink(): Promise<void> {
		if (this.#destroyed || this.#phase === 'revoked' || this.#phase === 'invalid') return;
		let response: Response;
		try {
			response = await fetch(`${this.#options.base ?? ''}/api/link`, {
				headers: { authorization: `Bearer ${this.token}` }
			});
		} catch {
			return;
		}
		const body = (await response.json().catch(() => null)) as {
			shop?: ShopInfo;
			error?: string;
		} | null;
		if (response.ok && body?.shop) this.#linkShop = body.shop;
		else if (response.status === 401)
			await this.#end(body?.error === 'link_revoked' ? 'revoked' : 'invalid');
	}

	/** Sends a text message; returns false (and sends nothing) when it is blank or too long. */
	sendText(text: string): boolean {
		const clean = text.trim();
		if (!clean || [...clean].length > messageLimits.textChars) return false;
		this.#post({ kind: 'text', text: clean });
		this.typingStopped();
		return true;
	}

	/** Keeps a resized photo on this phone, queues its upload and sends the message at once. */
	async sendPhoto(photo: { blob: Blob; width: number; height: number }): Promise<void> {
		const attachments = this.#requireAttachments();
		const hash = await attachments.save(photo.blob, this.scope);
		const { width, height } = photo;
		const mime = attachmentType(photo.blob.type) ?? 'image/jpeg';
		this.#post({ kind: 'image', blob: hash, mime, size: photo.blob.size, width, height });
	}

	/** Keeps a voice note on this phone, queues its upload and sends the message at once. */
	async sendVoice(blob: Blob, durationMs: number): Promise<void> {
		const attachments = this.#requireAttachments();
		const hash = await attachments.save(blob, this.scope);
		const mime = attachmentType(blob.type) ?? 'audio/webm';
		const duration = Math.min(messageLimits.voiceMs, Math.max(1, Math.round(durationMs)));
		this.#post({ kind: 'voice', blob: hash, mime, size: blob.size, durationMs: duration });
	}

	/** Confirms the rental terms or bill of message `of`. */
	confirm(of: string, card: Exclude<Card, { type: 'confirmation' }>): void {
		this.#post({
			kind: 'card',
			card: { type: 'confirmation', rentalId: card.rentalId, hash: card.hash, of }
		});
	}

	/** The customer has seen the latest message (page visible, scrolled to the end). */
	markRead(): void {
		const doc = this.#handle?.doc;
		const last = lastMessageId(this.#thread.messages);
		if (!doc || !last || this.unread === 0 || !this.customerId) return;
		markRead(doc, this.meKey, last, customerOrigin(this.customerId));
	}

	/** A keystroke in the composer: the shop sees "typing" until a pause or a send. */
	typing(): void {
		this.#typist?.typing();
	}

	typingStopped(): void {
		this.#typist?.idle();
	}

	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#stopSync();
		this.#db?.close();
	}

	#post(body: DistributiveOmit<Message, 'id' | 'from' | 'at'>): void {
		const doc = this.#handle?.doc;
		if (!doc || !this.customerId) throw new Error('The conversation is not open yet');
		const message = { id: newMessageId(), from: this.me, at: this.#now(), ...body } as Message;
		postMessage(doc, message, customerOrigin(this.customerId));
		// A write the device could not keep (quota) must reach the customer, not the console.
		this.#handle
			?.flush()
			.then(() => (this.#storageError = null))
			.catch((error: StorageError) => (this.#storageError = error));
	}

	#requireAttachments(): Attachments {
		if (!this.#attachments) throw new Error('The conversation is not open yet');
		return this.#attachments;
	}

	#show(thread: Thread): void {
		this.#thread = thread;
		this.#refreshPending();
	}

	#refreshPending(): void {
		const handle = this.#handle;
		if (!handle || !this.#marks) return;
		if (!this.#status.pending) {
			if (this.#pending.length > 0) this.#pending = [];
			return;
		}
		const { serverStateVector } = this.#marks.load(handle.name);
		const next = pendingMessageIds(
			this.meKey,
			this.#thread.messages,
			messageClocks(handle.doc),
			serverStateVector
		);
		if (next.join() !== this.#pending.join()) this.#pending = next;
	}

	#stopSync(): void {
		this.typingStopped();
		for (const stop of this.#stops.splice(0)) stop();
		this.#pool?.destroy();
		this.#pool = null;
		this.#attachments?.destroy();
		this.#attachments = null;
		this.#handle?.release();
		this.#handle = null;
	}

	/** The link no longer works: stop, and take the conversation off this phone. */
	async #end(phase: 'revoked' | 'invalid'): Promise<void> {
		if (this.#phase === 'revoked' || this.#phase === 'invalid') return;
		// Keep the shop's details for the page that says what to do next.
		this.#linkShop = this.shop;
		this.#phase = phase;
		this.#stopSync();
		if (phase === 'revoked' && this.#db) {
			this.#db.close();
			await this.#db.delete().catch(() => {});
		}
	}
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
