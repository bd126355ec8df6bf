/**
 * The sync connections of one signed-in device: one DocSync per loaded doc,
 * ended when the doc is destroyed (y-dexie destroys it on its last release;
 * a WebsocketProvider does not follow `doc.destroy()` by itself), and all of
 * them dropped or resumed at once when the device goes offline or online.
 */
import type * as Y from 'yjs';
import { DocSync } from './doc-sync.ts';
import type { SyncMarksStore } from './marks.ts';
import type { SyncStatus } from './status.ts';

export interface Connectivity {
	isOnline(): boolean;
	/** Fires `online` and `offline` (the window, in a browser). */
	events: EventTarget;
}

export interface SyncPoolOptions {
	/** `ws(s)://host/sync` */
	serverUrl: string;
	token: string;
	connectivity: Connectivity;
	marks?: SyncMarksStore;
	WebSocketPolyfill?: typeof WebSocket;
	probeDelayMs?: number;
	/** A doc's status changed; null when its sync ended. */
	onStatus: (name: string, status: SyncStatus | null) => void;
	/** The server refused the token (4401) on any doc. */
	onUnauthorized: () => void;
}

export class SyncPool {
	readonly #options: SyncPoolOptions;
	readonly #syncs = new Map<string, DocSync>();
	#destroyed = false;

	constructor(options: SyncPoolOptions) {
		this.#options = options;
		options.connectivity.events.addEventListener('online', this.#onOnline);
		options.connectivity.events.addEventListener('offline', this.#onOffline);
	}

	has(name: string): boolean {
		return this.#syncs.has(name);
	}

	get(name: string): DocSync | undefined {
		return this.#syncs.get(name);
	}

	/** Syncs a doc that is loaded locally, under its doc name (the room), until it is destroyed. */
	add(name: string, doc: Y.Doc): DocSync {
		const existing = this.#syncs.get(name);
		if (existing) return existing;
		if (this.#destroyed) throw new Error('SyncPool destroyed');
		const options = this.#options;
		const sync = new DocSync({
			name,
			doc,
			serverUrl: options.serverUrl,
			token: options.token,
			online: options.connectivity.isOnline(),
			marks: options.marks,
			WebSocketPolyfill: options.WebSocketPolyfill,
			probeDelayMs: options.probeDelayMs,
			onStatus: (status) => options.onStatus(name, status),
			onUnauthorized: options.onUnauthorized
		});
		this.#syncs.set(name, sync);
		options.onStatus(name, sync.status);
		doc.on('destroy', () => this.#end(name, sync));
		return sync;
	}

	/** Ends every connection (logout, expired session); the docs are left to their owners. */
	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		const { events } = this.#options.connectivity;
		events.removeEventListener('online', this.#onOnline);
		events.removeEventListener('offline', this.#onOffline);
		for (const sync of this.#syncs.values()) sync.destroy();
		this.#syncs.clear();
	}

	#end(name: string, sync: DocSync): void {
		sync.destroy();
		if (this.#syncs.get(name) !== sync) return;
		this.#syncs.delete(name);
		if (!this.#destroyed) this.#options.onStatus(name, null);
	}

	#onOnline = (): void => {
		for (const sync of this.#syncs.values()) sync.connect();
	};

	#onOffline = (): void => {
		for (const sync of this.#syncs.values()) sync.disconnect();
	};
}
