/**
 * The documents in memory, and the one rule that makes the shop safe to run:
 * an update is durable before it is applied and relayed. Updates that arrive
 * in one tick are written in one transaction (one fsync), then applied and
 * sent as one merged frame per socket.
 */
import * as Y from 'yjs';
import type { DocStore, MetaStore } from '../storage/store.ts';
import { encodeUpdate } from './protocol.ts';
import { SharedDoc, type DocPeerSocket } from './shared-doc.ts';
import { updateEnds, type DecodedUpdate } from './update-effect.ts';

/** Close code for "the server could not load or store this doc; try again later". */
export const CloseUnavailable = 4503;
/** Close code for a frame that is not the protocol (here: an update Yjs cannot read). */
export const CloseMalformed = 4400;

/** The transaction origin of writes the server makes itself. */
export const serverOrigin = Symbol('server');

export interface RegistryOptions {
	unloadAfterMs: number;
	compactAfterRows: number;
	afterApply?: (docName: string, doc: Y.Doc) => void;
	log?: (message: string, error?: unknown) => void;
}

interface Queued {
	shared: SharedDoc;
	from: DocPeerSocket;
	update: Uint8Array;
}

const ownersKey = (doc: string) => `clients:${doc}`;

export class DocRegistry {
	readonly #store: DocStore & MetaStore;
	readonly #options: RegistryOptions;
	readonly #docs = new Map<string, SharedDoc>();
	readonly #loading = new Map<string, Promise<SharedDoc>>();
	#queue: Queued[] = [];
	#flushScheduled = false;

	constructor(store: DocStore & MetaStore, options: RegistryOptions) {
		this.#store = store;
		this.#options = options;
	}

	/** How many docs are in memory (for health and tests). */
	get size(): number {
		return this.#docs.size;
	}

	isLoaded(name: string): boolean {
		return this.#docs.has(name);
	}

	/** The doc, loaded from storage first if it is not in memory. Rejects if storage fails. */
	async acquire(name: string, socket: DocPeerSocket | null): Promise<SharedDoc> {
		const shared = this.#docs.get(name) ?? (await this.#load(name));
		if (socket) shared.sockets.add(socket);
		else shared.holds += 1;
		if (shared.unloadTimer) clearTimeout(shared.unloadTimer);
		shared.unloadTimer = null;
		return shared;
	}

	/** Runs `fn` on the doc as it is now, loading it first if needed (server reads: a profile, a name). */
	async read<T>(name: string, fn: (doc: Y.Doc) => T): Promise<T> {
		const shared = await this.acquire(name, null);
		try {
			return fn(shared.doc);
		} finally {
			this.release(shared, null);
		}
	}

	/** Lets go of a doc; with nobody left it leaves memory after a short delay. */
	release(shared: SharedDoc, socket: DocPeerSocket | null): void {
		if (socket) shared.sockets.delete(socket);
		else shared.holds -= 1;
		if (shared.sockets.size > 0 || shared.holds > 0 || shared.unloadTimer) return;
		if (this.#docs.get(shared.name) !== shared) return; // dropped after a storage failure
		shared.unloadTimer = setTimeout(() => this.#unloadIfIdle(shared), this.#options.unloadAfterMs);
		shared.unloadTimer.unref();
	}

	#load(name: string): Promise<SharedDoc> {
		let loading = this.#loading.get(name);
		if (!loading) {
			loading = Promise.resolve()
				.then(() => this.#read(name))
				.finally(() => this.#loading.delete(name));
			this.#loading.set(name, loading);
		}
		return loading;
	}

	#read(name: string): SharedDoc {
		const stored = this.#store.loadDoc(name);
		const shared = new SharedDoc(name);
		if (stored.updates.length > 0) {
			Y.applyUpdate(shared.doc, Y.mergeUpdates(stored.updates), serverOrigin);
		}
		shared.rows = stored.rows;
		shared.snapshotBytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0);
		const owners = this.#store.getMeta(ownersKey(name));
		if (owners)
			for (const [client, peer] of JSON.parse(owners)) shared.clientOwners.set(client, peer);
		this.#docs.set(name, shared);
		return shared;
	}

	/** Remembers that a guarded peer writes under these client ids (before its update is stored). */
	claimClients(shared: SharedDoc, peerId: string, clients: Iterable<number>): void {
		let changed = false;
		for (const client of clients) {
			if (shared.clientOwners.has(client)) continue;
			shared.clientOwners.set(client, peerId);
			changed = true;
		}
		if (changed)
			this.#store.setMeta(ownersKey(shared.name), JSON.stringify([...shared.clientOwners]));
	}

	/**
	 * Queues an update; it is applied, stored and relayed at the end of this
	 * tick. `decoded` (a guarded peer's, already checked) extends the clocks
	 * later checks in the same tick count as known.
	 */
	enqueue(
		shared: SharedDoc,
		from: DocPeerSocket,
		update: Uint8Array,
		decoded?: DecodedUpdate
	): void {
		if (decoded) {
			for (const [client, end] of updateEnds(decoded)) {
				if ((shared.queued.get(client) ?? 0) < end) shared.queued.set(client, end);
			}
		}
		shared.pending += 1;
		this.#queue.push({ shared, from, update });
		if (!this.#flushScheduled) {
			this.#flushScheduled = true;
			setImmediate(() => this.flush());
		}
	}

	/** Runs `fn` once every update queued for this doc so far is durable and applied. */
	whenFlushed(shared: SharedDoc, fn: () => void): void {
		if (shared.hasQueued) shared.afterFlush.push(fn);
		else fn();
	}

	/**
	 * Applies, stores and relays everything queued, in one synchronous step:
	 * nobody can read a doc between its change and the write, so whatever a
	 * client is ever sent is on disk first. What is stored and relayed is the
	 * change the doc itself reports, so a resent update that adds nothing
	 * costs no row, no fsync and no frame. If storing fails the docs leave
	 * memory, so memory never runs ahead of the disk.
	 */
	flush(): void {
		this.#flushScheduled = false;
		const queue = this.#queue;
		this.#queue = [];
		if (queue.length === 0) return;
		const batches: Batch[] = [];
		for (const [shared, items] of groupByDoc(queue)) {
			const batch = this.#apply(shared, items);
			if (batch.update) batches.push(batch);
		}
		try {
			// One row per doc per tick, all in one transaction: a burst costs one fsync.
			this.#store.appendUpdates(batches.map((b) => ({ doc: b.shared.name, update: b.update! })));
		} catch (error) {
			this.#options.log?.('could not store updates; closing their docs', error);
			for (const { shared } of batches) this.#drop(shared);
			return;
		}
		for (const batch of batches) this.#relay(batch);
		for (const [shared] of groupByDoc(queue)) this.#settle(shared);
	}

	/**
	 * Applies a doc's queued updates in one transaction and returns the change
	 * to store and relay. A lone update that changed the doc is kept as it came
	 * (no re-encoding: the common case of one tablet's edit, or a catch-up);
	 * several, or one that completes structs parked earlier, are replaced by
	 * the change the doc itself reports.
	 */
	#apply(shared: SharedDoc, items: Queued[]): Batch {
		const { doc } = shared;
		const only = new Set(items.map((q) => q.from)).size === 1 ? items[0].from : undefined;
		const hadPending = hasPending(doc);
		const lone = items.length === 1 && !hadPending;
		let reported: Uint8Array | null = null;
		let changed = false;
		let failed = false;
		const collect = (u: Uint8Array) => (reported = u);
		const inspect = (tr: Y.Transaction) => (changed = transactionChanged(tr));
		if (!lone) doc.on('update', collect);
		doc.on('afterTransaction', inspect);
		try {
			doc.transact(() => {
				for (const q of items) {
					try {
						Y.applyUpdate(doc, q.update, q.from);
					} catch {
						failed = true;
						q.from.close(CloseMalformed, 'not a Yjs update');
					}
				}
			}, only ?? serverOrigin);
		} finally {
			doc.off('update', collect);
			doc.off('afterTransaction', inspect);
		}
		shared.queued.clear();
		shared.pending = 0;
		if (lone && failed) {
			// Bytes Yjs could not read are never stored; if they changed memory, reload from disk.
			if (changed || hasPending(doc)) this.#drop(shared);
			return { shared, update: null, except: undefined };
		}
		// A gap parked in memory must be on disk too, as it came.
		const keep = lone && (changed || hasPending(doc));
		const update = lone ? (keep ? items[0].update : null) : reported;
		// A reported change can carry structs parked earlier from someone else: send it to all.
		return { shared, update, except: hadPending ? undefined : only };
	}

	#relay({ shared, update, except }: Batch): void {
		// One sender: it has this already. Several: an echo to each is harmless.
		shared.broadcast(encodeUpdate(update!), except);
		this.#stored(shared, update!);
	}

	#settle(shared: SharedDoc): void {
		const waiting = shared.afterFlush;
		shared.afterFlush = [];
		for (const fn of waiting) fn();
	}

	/** Counts a stored row, tells the hooks, and compacts when the rows outweigh the snapshot. */
	#stored(shared: SharedDoc, update: Uint8Array): void {
		shared.rows += 1;
		shared.bytesSinceSnapshot += update.byteLength;
		this.#options.afterApply?.(shared.name, shared.doc);
		// Compacting re-encodes the whole doc: waiting until the new rows weigh as much as
		// the snapshot keeps its cost proportional to what was written.
		const due = shared.rows > this.#options.compactAfterRows;
		if (due && shared.bytesSinceSnapshot >= shared.snapshotBytes) this.#compact(shared);
	}

	/**
	 * A write the server makes itself (staff list, inbox, portal): applied,
	 * stored, then relayed. If storing fails the doc leaves memory, so what
	 * clients see never runs ahead of the disk.
	 */
	async write(name: string, change: (doc: Y.Doc) => void): Promise<void> {
		const shared = await this.acquire(name, null);
		try {
			const updates: Uint8Array[] = [];
			const collect = (update: Uint8Array) => updates.push(update);
			shared.doc.on('update', collect);
			try {
				shared.doc.transact(() => change(shared.doc), serverOrigin);
			} finally {
				shared.doc.off('update', collect);
			}
			if (updates.length === 0) return;
			const update = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
			try {
				this.#store.appendUpdates([{ doc: name, update }]);
			} catch (error) {
				this.#drop(shared);
				throw error;
			}
			shared.broadcast(encodeUpdate(update));
			this.#stored(shared, update);
		} finally {
			this.release(shared, null);
		}
	}

	#compact(shared: SharedDoc): void {
		try {
			const snapshot = Y.encodeStateAsUpdate(shared.doc);
			this.#store.compactDoc(shared.name, snapshot, shared.rows);
			shared.rows = 1;
			shared.snapshotBytes = snapshot.byteLength;
			shared.bytesSinceSnapshot = 0;
		} catch (error) {
			// The rows are all still there; compaction is retried at the next threshold.
			this.#options.log?.(`could not compact ${shared.name}`, error);
		}
	}

	#unloadIfIdle(shared: SharedDoc): void {
		shared.unloadTimer = null;
		if (shared.sockets.size > 0 || shared.holds > 0 || shared.hasQueued) return;
		if (this.#docs.get(shared.name) !== shared) return;
		if (shared.rows > 1) this.#compact(shared);
		this.#docs.delete(shared.name);
		shared.doc.destroy();
	}

	/** Takes a doc out of memory after a storage failure; its sockets reconnect and reload it. */
	#drop(shared: SharedDoc): void {
		this.#docs.delete(shared.name);
		shared.queued.clear();
		shared.pending = 0;
		shared.afterFlush = [];
		for (const socket of shared.sockets) socket.close(CloseUnavailable, 'storage failed; retrying');
		shared.sockets.clear();
		shared.doc.destroy();
	}

	/** Flushes, compacts and unloads everything (shutdown). */
	closeAll(): void {
		this.flush();
		for (const shared of this.#docs.values()) {
			if (shared.unloadTimer) clearTimeout(shared.unloadTimer);
			if (shared.rows > 1) this.#compact(shared);
			shared.doc.destroy();
		}
		this.#docs.clear();
	}
}

interface Batch {
	shared: SharedDoc;
	/** What the doc reports changed; null if the updates added nothing. */
	update: Uint8Array | null;
	/** The one sender, who already has the change. */
	except: DocPeerSocket | undefined;
}

function hasPending(doc: Y.Doc): boolean {
	const store = doc.store as { pendingStructs: unknown; pendingDs: unknown };
	return store.pendingStructs !== null || store.pendingDs !== null;
}

/** Whether a transaction changed the doc (Yjs's own test for emitting an update). */
function transactionChanged(tr: Y.Transaction): boolean {
	if (tr.deleteSet.clients.size > 0) return true;
	for (const [client, clock] of tr.afterState)
		if (tr.beforeState.get(client) !== clock) return true;
	return false;
}

function groupByDoc(queue: Queued[]): Map<SharedDoc, Queued[]> {
	const groups = new Map<SharedDoc, Queued[]>();
	for (const q of queue) {
		const group = groups.get(q.shared);
		if (group) group.push(q);
		else groups.set(q.shared, [q]);
	}
	return groups;
}
