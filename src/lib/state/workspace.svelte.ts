/**
 * Everything a signed-in tablet holds: the local database, the docs it keeps
 * open, one sync connection per open doc, and their status for the indicator.
 */
import { SETTINGS_DOC } from '../crdt/settings.ts';
import type { StaffAccount } from '../domain/staff.ts';
import { createDb } from '../local/db.ts';
import type { YuzuDb } from '../local/db.ts';
import { LocalDocs } from '../local/docs.ts';
import type { LocalDoc } from '../local/docs.ts';
import type { StorageError } from '../local/errors.ts';
import { clearMarks, storageMarksStore } from '../sync/marks.ts';
import { SyncPool } from '../sync/sync-pool.ts';
import { overallStatus } from '../sync/status.ts';
import type { SyncStatus } from '../sync/status.ts';
import { Attachments } from './attachments.svelte.ts';
import { INVENTORY_DOC } from '../crdt/inventory.ts';
import { Inventory } from './inventory.svelte.ts';
import { LEDGER_DOC } from '../crdt/ledger.ts';
import { defaultRentalRules } from '../domain/rental-rules.ts';
import { DEFAULT_TIME_ZONE } from '../domain/shop.ts';
import { Ledger } from './ledger.svelte.ts';
import { INBOX_DOC } from '../crdt/inbox.ts';
import { Inbox } from './inbox.svelte.ts';
import { ShopSettings } from './shop-settings.svelte.ts';

/** Docs the staff app keeps open (and synced) for as long as someone is signed in. */
export const SHELL_DOCS = [SETTINGS_DOC, INVENTORY_DOC, LEDGER_DOC, INBOX_DOC] as const;

export interface DocStatus extends SyncStatus {
	name: string;
}

export interface WorkspaceOptions {
	token: string;
	/** The signed-in account as it is now (its role can change while the app runs). */
	account: () => StaffAccount;
	/** `ws(s)://host` */
	wsOrigin: string;
	/** This tablet's id, stamped on every ledger fact. */
	device: string;
	/** The shop's time zone (the server's `SHOP_TIME_ZONE`). */
	timeZone?: () => string;
	onStorageError: (error: StorageError) => void;
	onUnauthorized: () => void;
	dbName?: string;
}

export class Workspace {
	readonly #options: WorkspaceOptions;
	readonly #db: YuzuDb;
	readonly #local: LocalDocs;
	readonly #syncs: SyncPool;
	readonly #attachments: Attachments;
	readonly #held: LocalDoc[] = [];
	#statuses = $state<Record<string, SyncStatus>>({});
	#shop = $state<ShopSettings | null>(null);
	#inventory = $state<Inventory | null>(null);
	#ledger = $state<Ledger | null>(null);
	#inbox = $state<Inbox | null>(null);
	#loadFailed = $state(false);
	#destroyed = false;
	#overall = $derived(overallStatus(Object.values(this.#statuses)));

	constructor(options: WorkspaceOptions) {
		this.#options = options;
		this.#db = createDb(options.dbName);
		// Once closed (logout), failures of in-flight background reads are expected, not news.
		this.#local = new LocalDocs(this.#db, (error) => {
			if (!this.#destroyed) options.onStorageError(error);
		});
		this.#syncs = new SyncPool({
			serverUrl: `${options.wsOrigin}/sync`,
			token: options.token,
			connectivity: { isOnline: () => navigator.onLine, events: window },
			marks: storageMarksStore(localStorage),
			onStatus: (name, status) => this.#setStatus(name, status),
			onUnauthorized: () => options.onUnauthorized()
		});
		this.#attachments = new Attachments({
			db: this.#db,
			token: () => options.token,
			connectivity: { isOnline: () => navigator.onLine, events: window },
			onStorageError: (error) => {
				if (!this.#destroyed) options.onStorageError(error);
			},
			onUnauthorized: () => options.onUnauthorized()
		});
	}

	/** Opens the shell docs; resolves when all are loaded from this device (no network needed). */
	async start(): Promise<void> {
		this.#attachments.start();
		const results = await Promise.allSettled(SHELL_DOCS.map((name) => this.open(name)));
		const handles = results.flatMap((result) =>
			result.status === 'fulfilled' ? [result.value] : []
		);
		if (this.#destroyed) {
			for (const handle of handles) handle.release();
			return;
		}
		const account = this.#options.account;
		const timeZone = this.#options.timeZone ?? (() => DEFAULT_TIME_ZONE);
		const rules = () => this.#shop?.rules ?? defaultRentalRules;
		for (const handle of handles) {
			// Settings, inventory and ledger handles go to their state classes, which release them.
			if (handle.name === SETTINGS_DOC) {
				this.#shop = new ShopSettings(handle, account);
			} else if (handle.name === INVENTORY_DOC) {
				this.#inventory = new Inventory(handle, account, {
					timeZone,
					turnaroundMs: () => rules().turnaroundMinutes * 60_000,
					rentalFacts: () => this.#ledger?.unitFacts ?? []
				});
			} else if (handle.name === LEDGER_DOC) {
				this.#ledger = new Ledger(handle, account, {
					device: this.#options.device,
					rules,
					timeZone,
					inventory: () => this.#inventory
				});
			} else if (handle.name === INBOX_DOC) {
				this.#inbox = new Inbox(handle, {
					open: (name) => this.open(name),
					awarenessOf: (name) => this.awarenessOf(name),
					attachments: this.#attachments,
					account
				});
			} else {
				this.#held.push(handle);
			}
		}
		if (handles.length < SHELL_DOCS.length) this.#loadFailed = true;
	}

	/** Photos and voice notes: saved here first, sent by the outbox when online. */
	get attachments(): Attachments {
		return this.#attachments;
	}

	/** The shop profile and staff list; null until the settings doc is loaded. */
	get shop(): ShopSettings | null {
		return this.#shop;
	}

	/** Models, units, their status and maintenance; null until the inventory doc is loaded. */
	get inventory(): Inventory | null {
		return this.#inventory;
	}

	/** Customers, reservations, rentals and money; null until the ledger doc is loaded. */
	get ledger(): Ledger | null {
		return this.#ledger;
	}

	/** Threads with customers, quick replies, unread counts; null until the inbox doc is loaded. */
	get inbox(): Inbox | null {
		return this.#inbox;
	}

	/** Who else is on a doc's room right now (awareness), for "also looking at this rental". */
	awarenessOf(name: string) {
		return this.#syncs.get(name)?.awareness ?? null;
	}

	/** True when a doc could not be loaded from this device (the error was shown). */
	get loadFailed(): boolean {
		return this.#loadFailed;
	}

	get overall(): SyncStatus {
		return this.#overall;
	}

	get docs(): DocStatus[] {
		return Object.entries(this.#statuses).map(([name, status]) => ({ name, ...status }));
	}

	/** A handle on a local doc, synced while any handle is held; release it when done. */
	async open(name: string): Promise<LocalDoc> {
		const handle = await this.#local.open(name);
		if (this.#destroyed) {
			handle.release();
			throw new Error('Workspace closed');
		}
		this.#syncs.add(name, handle.doc);
		return handle;
	}

	/** Stops syncing and releases every doc; the data stays on the device. */
	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		this.#syncs.destroy();
		this.#attachments.destroy();
		this.#shop?.destroy();
		this.#shop = null;
		this.#inventory?.destroy();
		this.#inventory = null;
		this.#ledger?.destroy();
		this.#ledger = null;
		this.#inbox?.destroy();
		this.#inbox = null;
		this.#releaseHeld();
	}

	/** Destroys the workspace and deletes the shop's data from this device (logout). */
	async wipe(): Promise<void> {
		this.destroy();
		this.#db.close();
		await this.#db.delete();
		clearMarks(localStorage);
	}

	#setStatus(name: string, status: SyncStatus | null): void {
		if (this.#destroyed) return;
		const next = { ...this.#statuses };
		if (status) next[name] = status;
		else delete next[name];
		this.#statuses = next;
	}

	#releaseHeld(): void {
		for (const handle of this.#held.splice(0)) handle.release();
	}
}
