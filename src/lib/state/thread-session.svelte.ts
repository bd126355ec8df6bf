/**
 * One conversation open on this tablet: the thread doc (what the customer sees) and its notes doc
 * (what only staff see), both synced while the session lives. It shows the bubbles, who read
 * what, who is typing or looking, and makes every write staff make in a thread: messages, the
 * staff member's receipt, status, assignee, labels and private notes.
 *
 * Notes, status and labels go to `notes:<id>` only: nothing private is ever written to the
 * thread doc, which the customer's phone holds.
 */
import type { Awareness } from 'y-protocols/awareness';
import {
	addNote,
	assignThread,
	changeLabels,
	observeNotes,
	readNotes,
	readThreadMeta,
	setThreadStatus,
	type ThreadNote
} from '../crdt/notes.ts';
import { staffOrigin, type WriteOrigin } from '../crdt/origin.ts';
import { markRead, observeThread, postMessage, readThread, type Thread } from '../crdt/thread.ts';
import { emptyThreadMeta, type ThreadMeta, type ThreadStatus } from '../domain/inbox.ts';
import { effectiveStatus } from '../domain/inbox-view.ts';
import type { QuickReply } from '../domain/quick-replies.ts';
import {
	readIndex,
	receiptKey,
	threadView,
	type Card,
	type Message,
	type Sender
} from '../domain/thread.ts';
import type { StaffAccount } from '../domain/staff.ts';
import type { LocalDoc } from '../local/docs.ts';
import { viewSubject, type PresenceUser } from '../sync/presence.ts';
import { trackTyping, type Typing } from '../sync/typing.ts';
import type { Attachments } from './attachments.svelte.ts';

export interface ThreadSessionOptions {
	threadId: string;
	thread: LocalDoc;
	notes: LocalDoc;
	/** The thread room's awareness, once it syncs (for typing and who is looking). */
	awareness: () => Awareness | null;
	attachments: Attachments;
	author: () => StaffAccount;
	/** Hears every change of the messages (the inbox indexes them for search). */
	onMessages?: (threadId: string, messages: readonly Message[]) => void;
	/** Called once when the session is released. */
	onRelease?: (session: ThreadSession) => void;
	now?: () => number;
}

/** What a photo needs to become a message. */
export interface PhotoToSend {
	blob: Blob;
	width?: number;
	height?: number;
}

export class ThreadSession {
	readonly threadId: string;
	readonly #options: ThreadSessionOptions;
	readonly #stops: (() => void)[] = [];
	#thread = $state.raw<Thread>({ messages: [], receipts: {}, portal: null });
	#meta = $state.raw<ThreadMeta>(emptyThreadMeta());
	#notes = $state.raw<ThreadNote[]>([]);
	#viewers = $state.raw<PresenceUser[]>([]);
	#typing = $state.raw<Typing>({ customer: false, shop: false, staff: [] });
	#viewing = $state(false);
	#items = $derived(threadView(this.#thread.messages));
	#status = $derived(effectiveStatus(this.#meta, this.#thread.messages));
	#customerRead = $derived.by(() => this.#readBy(`customer:${this.threadId}`));
	#typist: ReturnType<typeof trackTyping> | null = null;
	#released = false;

	constructor(options: ThreadSessionOptions) {
		this.threadId = options.threadId;
		this.#options = options;
		this.#readThread();
		this.#readNotes();
		this.#stops.push(observeThread(options.thread.doc, () => this.#readThread()));
		this.#stops.push(observeNotes(options.notes.doc, () => this.#readNotes()));
		this.#follow();
	}

	/** The bubbles, edits and retractions folded in. */
	get items() {
		return this.#items;
	}
	get messages(): readonly Message[] {
		return this.#thread.messages;
	}
	get receipts(): Readonly<Record<string, string>> {
		return this.#thread.receipts;
	}
	get portal() {
		return this.#thread.portal;
	}
	get meta(): ThreadMeta {
		return this.#meta;
	}
	/** The status now: what staff set, unless the customer wrote since (then open again). */
	get status(): ThreadStatus {
		return this.#status;
	}
	get notes(): readonly ThreadNote[] {
		return this.#notes;
	}
	/** Other staff with this thread open now. */
	get viewers(): readonly PresenceUser[] {
		return this.#viewers;
	}
	get typing(): Typing {
		return this.#typing;
	}
	/** Me, as a sender and reader in this thread. */
	get me(): Sender {
		return { role: 'staff', id: this.#options.author().id };
	}

	/** Whether the customer has read this message (their receipt, or they wrote after it). */
	readByCustomer(messageId: string): boolean {
		return this.#customerRead.has(messageId);
	}

	/**
	 * Says whether a person is looking at the thread now (page shown, tab visible): while they
	 * are, every new message is marked read with their receipt.
	 */
	setViewing(viewing: boolean): void {
		this.#viewing = viewing;
		if (viewing) this.markRead();
	}

	/** Marks everything in the thread read by me; writes nothing if my receipt says so already. */
	markRead(): void {
		const last = this.#thread.messages.at(-1);
		if (!last || this.#released) return;
		markRead(this.#options.thread.doc, receiptKey(this.me), last.id, this.#origin());
	}

	/** A keystroke in the composer: the others see "typing" until a pause or a send. */
	typed(): void {
		this.#typist?.typing();
	}

	async sendText(text: string): Promise<void> {
		const clean = text.trim();
		if (clean === '') return;
		this.#post({ kind: 'text', text: clean });
		await this.#options.thread.flush();
	}

	/** Keeps the photo on this device for the thread (the customer may fetch it) and sends it. */
	async sendPhoto(photo: PhotoToSend): Promise<void> {
		const hash = await this.#options.attachments.save(photo.blob, this.#scope());
		const message: Record<string, unknown> = {
			kind: 'image',
			blob: hash,
			mime: photo.blob.type,
			size: photo.blob.size
		};
		if (photo.width) message.width = photo.width;
		if (photo.height) message.height = photo.height;
		this.#post(message);
		await this.#options.thread.flush();
	}

	/**
	 * Sends a quick reply: its text, then its image. The image was saved for the settings doc; it
	 * is saved again for this thread (same bytes, same hash) so the customer may fetch it.
	 */
	async sendQuickReply(reply: QuickReply): Promise<void> {
		const blob = reply.image ? await this.#imageBlob(reply.image) : null;
		if (reply.text.trim() !== '') this.#post({ kind: 'text', text: reply.text.trim() });
		if (blob) await this.sendPhoto({ blob });
		await this.#options.thread.flush();
	}

	/** Posts a rental card (terms or settlement). */
	async sendCard(card: Card): Promise<void> {
		this.#post({ kind: 'card', card });
		await this.#options.thread.flush();
	}

	async setStatus(status: ThreadStatus): Promise<void> {
		setThreadStatus(this.#options.notes.doc, status, this.#origin(), this.#now());
		await this.#options.notes.flush();
	}

	async assign(accountId: string | null): Promise<void> {
		if (assignThread(this.#options.notes.doc, accountId, this.#origin()))
			await this.#options.notes.flush();
	}

	async changeLabels(change: { add?: string[]; remove?: string[] }): Promise<void> {
		if (changeLabels(this.#options.notes.doc, change, this.#origin()))
			await this.#options.notes.flush();
	}

	/** A private note; returns false if it was empty. */
	async addNote(text: string): Promise<boolean> {
		const id = addNote(this.#options.notes.doc, text, this.#origin(), this.#now());
		if (id) await this.#options.notes.flush();
		return id !== null;
	}

	/** Stops syncing both docs (unless another page holds them) and clears my presence. */
	release(): void {
		if (this.#released) return;
		this.#released = true;
		for (const stop of this.#stops.splice(0)) stop();
		this.#options.thread.release();
		this.#options.notes.release();
		this.#options.onRelease?.(this);
	}

	#post(body: Record<string, unknown>): void {
		const message = { id: crypto.randomUUID(), from: this.me, at: this.#now(), ...body };
		postMessage(this.#options.thread.doc, message as unknown as Message, this.#origin());
		this.#typist?.idle();
	}

	async #imageBlob(hash: string): Promise<Blob> {
		const url = await this.#options.attachments.url(hash);
		const response = await fetch(url);
		if (!response.ok) throw new Error(`image ${hash}: ${response.status}`);
		return response.blob();
	}

	/** Presence and typing, once the thread's room is connected (it may come after opening). */
	#follow(): void {
		let tries = 0;
		const attach = () => {
			if (this.#released) return;
			const awareness = this.#options.awareness();
			if (!awareness) {
				if (tries++ < 50) timer = setTimeout(attach, 200);
				return;
			}
			const { id, name } = this.#options.author();
			this.#stops.push(
				viewSubject(awareness, `thread:${this.threadId}`, { id, name }, (list) => {
					this.#viewers = list;
				})
			);
			this.#typist = trackTyping(awareness, id, (typing) => (this.#typing = typing));
			this.#stops.push(() => this.#typist?.stop());
		};
		let timer: ReturnType<typeof setTimeout> | undefined;
		this.#stops.push(() => clearTimeout(timer));
		attach();
	}

	#readBy(key: string): Set<string> {
		const messages = this.#thread.messages;
		const upTo = readIndex(key, messages, this.#thread.receipts);
		// A snapshot rebuilt on each change and never mutated: no reactive Set needed.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		return new Set(messages.slice(0, upTo + 1).map((m) => m.id));
	}

	#readThread(): void {
		this.#thread = readThread(this.#options.thread.doc);
		this.#options.onMessages?.(this.threadId, this.#thread.messages);
		// Not inside the observer's transaction cleanup: the receipt is a transaction of its own.
		if (this.#viewing) queueMicrotask(() => this.markRead());
	}

	#readNotes(): void {
		this.#meta = readThreadMeta(this.#options.notes.doc);
		this.#notes = readNotes(this.#options.notes.doc);
	}

	#scope(): string {
		return `thread:${this.threadId}`;
	}

	#origin(): WriteOrigin {
		const { id, name } = this.#options.author();
		return staffOrigin(id, name);
	}

	#now(): number {
		return (this.#options.now ?? Date.now)();
	}
}
