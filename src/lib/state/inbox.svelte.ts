/**
 * The staff inbox as the pages see it: the thread list the server derives into the `inbox` doc
 * (read-only here), the counts on the badges, search over titles, labels and the messages of the
 * threads this tablet has loaded, and threads opened on demand
 * (`openThread`: the thread and notes docs synced while a page holds the session).
 *
 * When a customer writes while the app is open, it beeps; when the tab is in the background and
 * the browser allows it, a system notification says who wrote.
 */
// Maps here are replaced whole on each change, never mutated in place.
/* eslint-disable svelte/prefer-svelte-reactivity */
import type { Awareness } from 'y-protocols/awareness';
import { observeInbox, readInbox } from '../crdt/inbox.ts';
import { notesDocName } from '../crdt/notes.ts';
import { threadDocName } from '../crdt/thread.ts';
import type { InboxRow } from '../domain/inbox.ts';
import {
	alertRows,
	indexInbox,
	inboxCounts,
	newlyUnread,
	prepareText,
	rowsOfTab,
	searchableMessages,
	searchInbox,
	type InboxCounts,
	type InboxHit,
	type InboxTab,
	type PreparedText,
	type SearchableMessage
} from '../domain/inbox-view.ts';
import type { StaffAccount } from '../domain/staff.ts';
import { threadView, type Message } from '../domain/thread.ts';
import { t } from '../i18n/i18n.svelte.ts';
import type { LocalDoc } from '../local/docs.ts';
import type { Attachments } from './attachments.svelte.ts';
import {
	askNotificationPermission,
	Beeper,
	notificationPermission,
	notify,
	type NotificationPermissionState
} from './inbox-alerts.ts';
import { ThreadSession } from './thread-session.svelte.ts';

export interface InboxOptions {
	/** Opens a doc on this device and syncs it while the handle is held (Workspace.open). */
	open(name: string): Promise<LocalDoc>;
	awarenessOf(name: string): Awareness | null;
	attachments: Attachments;
	account: () => StaffAccount;
	/** Whether to beep and notify; off in tests. */
	alerts?: boolean;
	now?: () => number;
}

/** Most system notifications for one batch of changes (a tablet back from hours offline). */
const MAX_NOTIFICATIONS = 3;

export class Inbox {
	readonly #handle: LocalDoc;
	readonly #options: InboxOptions;
	readonly #stop: () => void;
	readonly #beeper = new Beeper();
	readonly #prepared = new Map<string, PreparedText>();
	readonly #sessions = new Set<ThreadSession>();
	#rows = $state.raw<InboxRow[]>([]);
	#loaded = $state.raw<Map<string, SearchableMessage[]>>(new Map());
	#permission = $state<NotificationPermissionState>(notificationPermission());
	#counts = $derived.by(() => inboxCounts(this.#rows, this.#options.account().id));
	#index = $derived(
		indexInbox(this.#rows, [...this.#loaded.values()].flat(), (text) => this.#prepare(text))
	);
	/** The thread a person is looking at now (its new messages need no alert). */
	#viewing: string | null = null;
	#opener: ((threadId: string) => void) | null = null;
	#destroyed = false;

	constructor(handle: LocalDoc, options: InboxOptions) {
		this.#handle = handle;
		this.#options = options;
		this.#rows = readInbox(handle.doc);
		this.#stop = observeInbox(handle.doc, () => this.#read());
	}

	/** Every thread, the latest activity first. */
	get rows(): readonly InboxRow[] {
		return this.#rows;
	}
	row(threadId: string): InboxRow | undefined {
		return this.#rows.find((row) => row.threadId === threadId);
	}
	/** Unread messages, threads waiting on the shop, and those of them given to me. */
	get counts(): InboxCounts {
		return this.#counts;
	}
	tab(tab: InboxTab): InboxRow[] {
		return rowsOfTab(this.#rows, tab, this.#options.account().id);
	}
	/** Threads matching by name, label or a message this tablet has loaded (Chinese or pinyin). */
	search(query: string): InboxHit[] {
		return searchInbox(this.#index, query);
	}

	get notificationPermission(): NotificationPermissionState {
		return this.#permission;
	}
	/** Asks the browser for notifications (call from a tap). */
	async askNotifications(): Promise<void> {
		this.#permission = await askNotificationPermission();
	}

	/** What a tap on a notification does (the inbox page sets this while it is shown). */
	set opener(open: ((threadId: string) => void) | null) {
		this.#opener = open;
	}

	/** Says which thread a person is looking at now (null: none), so it does not beep. */
	setViewing(threadId: string | null): void {
		this.#viewing = threadId;
	}

	/** Opens a thread and its notes on this device and syncs them; release the session when done. */
	async openThread(threadId: string): Promise<ThreadSession> {
		const { open, awarenessOf, attachments, account } = this.#options;
		const [thread, notes] = await Promise.allSettled([
			open(threadDocName(threadId)),
			open(notesDocName(threadId))
		]);
		if (thread.status === 'rejected' || notes.status === 'rejected' || this.#destroyed) {
			if (thread.status === 'fulfilled') thread.value.release();
			if (notes.status === 'fulfilled') notes.value.release();
			throw thread.status === 'rejected'
				? thread.reason
				: notes.status === 'rejected'
					? notes.reason
					: new Error('Inbox closed');
		}
		const session = new ThreadSession({
			threadId,
			thread: thread.value,
			notes: notes.value,
			awareness: () => awarenessOf(threadDocName(threadId)),
			attachments,
			author: account,
			now: this.#options.now,
			onMessages: (id, messages) => this.#keep(id, messages),
			onRelease: (released) => this.#sessions.delete(released)
		});
		this.#sessions.add(session);
		return session;
	}

	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#stop();
		for (const session of [...this.#sessions]) session.release();
		this.#beeper.close();
		this.#handle.release();
	}

	#read(): void {
		const before = this.#rows;
		this.#rows = readInbox(this.#handle.doc);
		if (this.#options.alerts !== false) this.#alert(newlyUnread(before, this.#rows));
	}

	#alert(rows: InboxRow[]): void {
		const now = (this.#options.now ?? Date.now)();
		const visible = typeof document === 'undefined' || document.visibilityState === 'visible';
		const fresh = alertRows(rows, { now, viewing: this.#viewing, visible });
		if (fresh.length === 0) return;
		this.#beeper.beep();
		const focused = visible && (typeof document === 'undefined' || document.hasFocus());
		if (focused) return;
		for (const row of fresh.slice(0, MAX_NOTIFICATIONS)) {
			const body = row.lastMessage?.text || t(`inbox.kind.${row.lastMessage?.kind ?? 'text'}`);
			notify(t('inbox.notifyTitle', { name: row.title }), body, row.threadId, () =>
				this.#open(row.threadId)
			);
		}
	}

	#open(threadId: string): void {
		if (this.#opener) this.#opener(threadId);
		else location.assign(`/inbox?thread=${encodeURIComponent(threadId)}`);
	}

	/** Keeps a loaded thread's texts for search (they stay after the thread is closed). */
	#keep(threadId: string, messages: readonly Message[]): void {
		const next = new Map(this.#loaded);
		next.set(threadId, searchableMessages(threadId, threadView(messages)));
		this.#loaded = next;
	}

	#prepare(text: string): PreparedText {
		let prepared = this.#prepared.get(text);
		if (!prepared) {
			prepared = prepareText(text);
			this.#prepared.set(text, prepared);
		}
		return prepared;
	}
}
