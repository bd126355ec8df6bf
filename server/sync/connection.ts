/**
 * One WebSocket bound to one document. Messages that arrive before the
 * document is loaded wait; nothing is answered from an empty doc.
 */
import * as Y from 'yjs';
import type { Access, Peer, SyncHooks } from './hooks.ts';
import {
	decodeAwarenessUpdate,
	decodeClientMessage,
	encodeAwareness,
	encodeAwarenessUpdate,
	encodeSyncStep1,
	encodeSyncStep2,
	MalformedMessage,
	type AwarenessEntry,
	type ClientMessage
} from './protocol.ts';
import { CloseMalformed, CloseUnavailable, type DocRegistry } from './registry.ts';
import type { DocPeerSocket, SharedDoc } from './shared-doc.ts';
import {
	addsNothing,
	decodeUpdate,
	hasGaps,
	isEmptyUpdate,
	knownStateOf,
	writerIds,
	type DecodedUpdate
} from './update-effect.ts';

/** Close codes a client sees; 4400–4499 make y-websocket stop reconnecting. */
export const Close = {
	/** No token, a bad one, or a revoked account. */
	Unauthorized: 4401,
	/** The token is good but may not open this doc, or tried a change it may not make. */
	Forbidden: 4403,
	/** A frame that is not the y-websocket protocol. */
	Malformed: CloseMalformed,
	/** A frame over the size limit. */
	TooLarge: 4413,
	/** Storage failed (load or write); the client retries. */
	Unavailable: CloseUnavailable
} as const;

/** What a connection needs from the WebSocket it wraps. */
export interface RawSocket {
	send(data: Uint8Array): void;
	close(code: number, reason: string): void;
	readonly open: boolean;
}

export interface ConnectionContext {
	registry: DocRegistry;
	hooks: SyncHooks;
	docName: string;
	peer: Peer;
	access: Access;
	maxMessageBytes: number;
}

export class SyncConnection implements DocPeerSocket {
	readonly #raw: RawSocket;
	readonly #ctx: ConnectionContext;
	#shared: SharedDoc | null = null;
	#waiting: Uint8Array[] = [];
	#waitingBytes = 0;
	#closed = false;

	constructor(raw: RawSocket, ctx: ConnectionContext) {
		this.#raw = raw;
		this.#ctx = ctx;
	}

	/** Loads the doc, then answers what arrived meanwhile. */
	async start(): Promise<void> {
		let shared: SharedDoc;
		try {
			shared = await this.#ctx.registry.acquire(this.#ctx.docName, this);
		} catch {
			this.close(Close.Unavailable, 'could not load this document; retrying');
			return;
		}
		if (this.#closed) {
			this.#ctx.registry.release(shared, this);
			return;
		}
		this.#shared = shared;
		this.sendAwareness(shared.awareness.present());
		const waiting = this.#waiting;
		this.#waiting = [];
		for (const frame of waiting) if (!this.#closed) this.#handle(frame);
	}

	receive(frame: Uint8Array): void {
		if (this.#closed) return;
		if (frame.byteLength > this.#ctx.maxMessageBytes) {
			this.close(Close.TooLarge, `message over ${this.#ctx.maxMessageBytes} bytes`);
			return;
		}
		if (this.#shared) return this.#handle(frame);
		this.#waitingBytes += frame.byteLength;
		if (this.#waitingBytes > this.#ctx.maxMessageBytes) {
			this.close(Close.TooLarge, 'too much sent before the document loaded');
			return;
		}
		this.#waiting.push(frame);
	}

	send(frame: Uint8Array): void {
		if (!this.#closed && this.#raw.open) this.#raw.send(frame);
	}

	close(code: number, reason: string): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#raw.close(code, reason);
		this.#detach();
	}

	/** The socket closed from the other side. */
	closed(): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#detach();
	}

	#detach(): void {
		const shared = this.#shared;
		if (!shared) return;
		this.#shared = null;
		const removed = shared.awareness.release(this);
		this.#ctx.registry.release(shared, this);
		shared.broadcastAwareness(removed);
	}

	#handle(frame: Uint8Array): void {
		const shared = this.#shared!;
		try {
			const message = decodeClientMessage(frame);
			this.#dispatch(shared, message);
		} catch (error) {
			if (error instanceof MalformedMessage) this.close(Close.Malformed, error.message);
			else throw error;
		}
	}

	#dispatch(shared: SharedDoc, message: ClientMessage): void {
		switch (message.kind) {
			case 'step1':
				return this.#answerStep1(shared, message.stateVector);
			case 'update':
				return this.#receiveUpdate(shared, message.update);
			case 'awareness':
				return this.#receiveAwareness(shared, decodeAwarenessUpdate(message.update));
			case 'queryAwareness':
				this.sendAwareness(shared.awareness.present());
				return;
			case 'auth':
				return;
		}
	}

	/**
	 * Step 2 with what the client lacks, then the server's own step 1: the
	 * client sends back what the server lacks, and learns which of its
	 * changes the server holds (everything it sent before this step 1).
	 */
	#answerStep1(shared: SharedDoc, stateVector: Uint8Array): void {
		try {
			Y.decodeStateVector(stateVector);
		} catch {
			throw new MalformedMessage('bad state vector');
		}
		this.#ctx.registry.whenFlushed(shared, () => {
			this.send(encodeSyncStep2(Y.encodeStateAsUpdate(shared.doc, stateVector)));
			this.send(encodeSyncStep1(Y.encodeStateVector(shared.doc)));
		});
	}

	#receiveUpdate(shared: SharedDoc, update: Uint8Array): void {
		if (this.#ctx.access === 'read') return; // read-only: dropped, never applied
		if (this.#ctx.access === 'write') {
			// Trusted writers' updates are judged by applying them (see DocRegistry.flush).
			this.#ctx.registry.enqueue(shared, this, update);
			return;
		}
		const decoded = decodeUpdate(update);
		// Every fresh client sends an empty step 2, and a reconnecting one resends what the server has.
		if (isEmptyUpdate(decoded) || addsNothing(shared.doc, decoded)) return;
		if (!this.#guard(shared, decoded)) return;
		this.#ctx.registry.enqueue(shared, this, update, decoded);
	}

	#guard(shared: SharedDoc, decoded: DecodedUpdate): boolean {
		const { peer, docName, hooks, registry } = this.#ctx;
		const known = knownStateOf(shared.doc, shared.queued);
		const ownClients = shared.ownClientsOf(peer.id);
		const refuse = (reason: string) => {
			this.close(Close.Forbidden, reason);
			return false;
		};
		// Client ids are identities: a guarded peer writes only under ids new to the doc or its own.
		const writers = writerIds(decoded);
		for (const client of writers) {
			if (!ownClients.has(client) && (known(client) > 0 || shared.clientOwners.has(client)))
				return refuse('writes under another client id');
		}
		if (hasGaps(decoded, known)) return refuse('update depends on changes the server lacks');
		const verdict = hooks.checkGuardedUpdate({
			peer,
			docName,
			doc: shared.doc,
			update: decoded,
			known,
			ownClients
		});
		if (!verdict.ok) return refuse(verdict.reason);
		registry.claimClients(shared, peer.id, writers);
		return true;
	}

	#receiveAwareness(shared: SharedDoc, entries: AwarenessEntry[]): void {
		const { access, hooks, peer } = this.#ctx;
		let filtered = entries;
		const filter = hooks.filterAwareness;
		if (access === 'guarded' && filter) {
			filtered = entries.flatMap((entry) => {
				if (entry.state === 'null') return [entry];
				const state = filter(peer, JSON.parse(entry.state));
				return state == null ? [] : [{ ...entry, state: JSON.stringify(state) }];
			});
		}
		const accepted = shared.awareness.accept(this, filtered);
		shared.broadcastAwareness(accepted);
	}

	/** Presence as this peer may see it: a customer learns that the shop is typing, not who. */
	sendAwareness(entries: readonly AwarenessEntry[]): void {
		if (this.#closed || entries.length === 0) return;
		const { access, hooks, peer } = this.#ctx;
		const view = hooks.awarenessForGuarded;
		let visible = [...entries];
		if (access === 'guarded' && view) {
			visible = visible.flatMap((entry) => {
				if (entry.state === 'null') return [entry];
				const state = view(peer, JSON.parse(entry.state));
				return state == null ? [] : [{ ...entry, state: JSON.stringify(state) }];
			});
		}
		if (visible.length > 0) this.send(encodeAwareness(encodeAwarenessUpdate(visible)));
	}
}
