/**
 * Helpers for the sync core's unit tests. Yjs is always real: docs are made,
 * edited and encoded with Yjs itself. Only our own socket and store seams are
 * faked, and those fakes record what happened and in which order.
 */
import * as Y from 'yjs';
import { createMemoryStore } from '../../../../server/storage/memory-store.ts';
import type { DocUpdate, Store } from '../../../../server/storage/store.ts';
import { decodeClientMessage } from '../../../../server/sync/protocol.ts';
import type { DocPeerSocket } from '../../../../server/sync/shared-doc.ts';
import { decodeUpdate, type DecodedUpdate } from '../../../../server/sync/update-effect.ts';

/** A doc with a fixed client id, so clocks and owners in a test are predictable. */
export function docWithClient(clientID: number): Y.Doc {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	return doc;
}

/** The updates `change` emits, exactly as a provider would send them (`doc.on('update')`). */
export function updatesOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array[] {
	const updates: Uint8Array[] = [];
	const collect = (update: Uint8Array) => updates.push(update);
	doc.on('update', collect);
	try {
		change(doc);
	} finally {
		doc.off('update', collect);
	}
	return updates;
}

/** The one update a single transaction of `change` emits. */
export function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const updates = updatesOf(doc, (d) => d.transact(() => change(d)));
	if (updates.length !== 1) throw new Error(`expected one update, got ${updates.length}`);
	return updates[0];
}

/** Brings `to` up to date with everything `from` has. */
export function syncInto(from: Y.Doc, to: Y.Doc): void {
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from));
}

/** What a y-websocket client answers to the server's sync step 1: its step 2. */
export function step2For(client: Y.Doc, server: Y.Doc): Uint8Array {
	return Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
}

export function decoded(update: Uint8Array): DecodedUpdate {
	return decodeUpdate(update);
}

/** A message the way the thread doc holds it: an immutable plain object. */
export function message(id: string, role: 'customer' | 'staff', from: string, text: string) {
	return { id, from: { role, id: from }, at: 1_750_000_000_000, kind: 'text', text };
}

/** A shared log of events from fake sockets and stores, to check what happened first. */
export type EventLog = string[];

export interface FakeSocket extends DocPeerSocket {
	readonly name: string;
	readonly frames: Uint8Array[];
	readonly closes: { code: number; reason: string }[];
	/** The updates in the sync frames this socket was sent. */
	updates(): Uint8Array[];
}

/** A fake of OUR socket interface (DocPeerSocket); it records frames and closes. */
export function fakeSocket(name: string, log: EventLog = []): FakeSocket {
	const frames: Uint8Array[] = [];
	const closes: { code: number; reason: string }[] = [];
	return {
		name,
		frames,
		closes,
		send(frame) {
			log.push(`send:${name}`);
			frames.push(frame);
		},
		close(code, reason) {
			log.push(`close:${name}:${code}`);
			closes.push({ code, reason });
		},
		updates() {
			return frames.map((frame) => {
				const msg = decodeClientMessage(frame);
				if (msg.kind !== 'update') throw new Error(`expected an update frame, got ${msg.kind}`);
				return msg.update;
			});
		}
	};
}

export interface RecordingStore extends Store {
	/** Every appendUpdates call, in order, with the updates it was given. */
	readonly appendCalls: DocUpdate[][];
	/** How many times loadDoc ran. */
	loads: number;
}

export interface StoreFaults {
	/** Called inside appendUpdates before the rows are written; throw to fail the write. */
	beforeAppend?: (updates: readonly DocUpdate[]) => void;
	/** Called inside loadDoc; throw to fail the load. */
	beforeLoad?: (doc: string) => void;
}

/** The memory store, wrapped so each append is logged (and can be made to fail). */
export function recordingStore(log: EventLog = [], faults: StoreFaults = {}): RecordingStore {
	const inner = createMemoryStore();
	const store: RecordingStore = {
		...inner,
		appendCalls: [],
		loads: 0,
		appendUpdates(updates) {
			faults.beforeAppend?.(updates);
			inner.appendUpdates(updates);
			store.appendCalls.push(updates.map((u) => ({ doc: u.doc, update: u.update.slice() })));
			log.push('append');
		},
		loadDoc(doc) {
			store.loads += 1;
			faults.beforeLoad?.(doc);
			return inner.loadDoc(doc);
		}
	};
	return store;
}

/** A fresh doc built from whatever the store holds for `name`. */
export function docFromStore(store: Store, name: string): Y.Doc {
	const doc = new Y.Doc();
	const { updates } = store.loadDoc(name);
	if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates));
	return doc;
}

/** A fresh doc with these updates applied. */
export function docFrom(updates: readonly Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

/** Resolves after the registry's end-of-tick flush (it is scheduled with setImmediate too). */
export function afterTick(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}
