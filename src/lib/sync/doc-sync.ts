/**
 * One doc's connection to the sync server: a y-websocket provider plus the
 * bookkeeping behind the sync indicator (connection, offline since, pending).
 * Plain TypeScript with callbacks, so it runs in Node tests as well.
 */
import * as Y from 'yjs';
import type * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import { ConfirmQueue } from './confirm.ts';
import { CloseCode, isPermanentClose } from './close-codes.ts';
import { memoryMarksStore } from './marks.ts';
import type { SyncMarksStore } from './marks.ts';
import { encodeProbe, MESSAGE_SYNC, peekStep1 } from './protocol.ts';
import { sameStatus } from './status.ts';
import type { SyncStatus } from './status.ts';

/** Local edits are gathered this long before one probe asks the server to confirm them. */
export const PROBE_DELAY_MS = 250;

export interface DocSyncOptions {
	/** The doc name; also the sync room (the Y.Doc's guid is random). */
	name: string;
	doc: Y.Doc;
	/** `ws(s)://host/sync` */
	serverUrl: string;
	token: string;
	/** Whether the device has a network now; when false the provider waits for `connect()`. */
	online: boolean;
	marks?: SyncMarksStore;
	WebSocketPolyfill?: typeof WebSocket;
	now?: () => number;
	probeDelayMs?: number;
	onStatus?: (status: SyncStatus) => void;
	/** The server refused the token (4401): the user has to log in again. */
	onUnauthorized?: () => void;
}

type SyncHandler = (
	encoder: encoding.Encoder,
	decoder: decoding.Decoder,
	provider: WebsocketProvider,
	emitSynced: boolean,
	messageType: number
) => void;

export class DocSync {
	readonly name: string;
	readonly #doc: Y.Doc;
	readonly #provider: WebsocketProvider;
	readonly #queue: ConfirmQueue;
	readonly #marks: SyncMarksStore;
	readonly #now: () => number;
	readonly #probeDelayMs: number;
	readonly #onStatus: (status: SyncStatus) => void;
	readonly #onUnauthorized: () => void;
	#status: SyncStatus;
	#probeTimer: ReturnType<typeof setTimeout> | null = null;
	#destroyed = false;

	constructor(options: DocSyncOptions) {
		this.name = options.name;
		this.#doc = options.doc;
		this.#marks = options.marks ?? memoryMarksStore();
		this.#now = options.now ?? Date.now;
		this.#probeDelayMs = options.probeDelayMs ?? PROBE_DELAY_MS;
		this.#onStatus = options.onStatus ?? (() => {});
		this.#onUnauthorized = options.onUnauthorized ?? (() => {});
		const marks = this.#marks.load(this.name);
		this.#queue = new ConfirmQueue(marks.serverStateVector);
		this.#status = {
			connection: options.online ? 'connecting' : 'offline',
			offlineSince: options.online ? null : (marks.offlineSince ?? this.#now()),
			pending: false,
			error: null
		};
		this.#status.pending = this.#queue.pending(this.#localStateVector());
		this.#provider = new WebsocketProvider(options.serverUrl, this.name, this.#doc, {
			connect: false,
			params: { token: options.token },
			// Tabs of one browser share the doc through IndexedDB (y-dexie) already.
			disableBc: true,
			...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {})
		});
		this.#watchProvider();
		this.#doc.on('afterTransaction', this.#onTransaction);
		if (options.online) this.#provider.connect();
	}

	get status(): SyncStatus {
		return this.#status;
	}

	/** Presence on this doc's room: who else has it open, and what they are doing. */
	get awareness() {
		return this.#provider.awareness;
	}

	/** The device came online: connect now instead of waiting for the backoff. */
	connect(): void {
		if (this.#destroyed || this.#status.error !== null) return;
		if (this.#status.connection === 'offline' && !this.#provider.wsconnected) {
			this.#provider.connect();
		}
	}

	/** The device went offline: drop the socket at once (a dead link can look open for long). */
	disconnect(): void {
		if (this.#destroyed) return;
		this.#provider.disconnect();
		this.#goOffline();
	}

	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		if (this.#probeTimer) clearTimeout(this.#probeTimer);
		this.#doc.off('afterTransaction', this.#onTransaction);
		this.#provider.destroy();
	}

	#watchProvider(): void {
		const provider = this.#provider;
		const original = provider.messageHandlers[MESSAGE_SYNC] as SyncHandler;
		const wrapped: SyncHandler = (encoder, decoder, p, emitSynced, type) => {
			const serverStateVector = peekStep1(decoder);
			original(encoder, decoder, p, emitSynced, type);
			if (serverStateVector) this.#onServerStep1(serverStateVector);
		};
		provider.messageHandlers[MESSAGE_SYNC] = wrapped;
		provider.on('status', ({ status }) => {
			if (status === 'connected') {
				this.#queue.connected();
				this.#update({ connection: 'connecting', offlineSince: null });
			} else if (status === 'disconnected') {
				this.#queue.disconnected();
				this.#goOffline();
			}
		});
		provider.on('sync', (synced) => {
			if (synced) this.#update({ connection: 'online', offlineSince: null });
		});
		provider.on('connection-close', (event) => {
			this.#queue.disconnected();
			if (event?.code === CloseCode.Unauthorized) this.#unauthorized();
			else this.#goOffline();
		});
		provider.on('connection-error', () => this.#goOffline());
		provider.on('closed', ({ code }) => {
			if (code === CloseCode.Unauthorized) return this.#unauthorized();
			if (isPermanentClose(code)) this.#update({ error: code });
		});
	}

	#onTransaction = (transaction: Y.Transaction): void => {
		const advanced = new Map<number, number>();
		for (const [client, clock] of transaction.afterState) {
			if (clock > (transaction.beforeState.get(client) ?? 0)) advanced.set(client, clock);
		}
		if (advanced.size === 0 && transaction.deleteSet.clients.size === 0) return;
		if (transaction.origin === this.#provider) {
			// Structs the server sent: it holds them (Yjs integrates only gap-free runs).
			this.#queue.serverSent(advanced);
		} else {
			// Anything else is ours to upload: edits here, or another tab's via IndexedDB.
			this.#queue.recordLocalUpdate();
			this.#scheduleProbe(this.#probeDelayMs);
		}
		this.#update({});
	};

	#onServerStep1(serverStateVector: Map<number, number>): void {
		const answered = this.#queue.serverStep1(serverStateVector);
		this.#saveMarks();
		this.#update({});
		// After the on-open exchange our step 2 reply carries what the server lacks: confirm it.
		if (answered === 'open' && this.#status.pending) this.#scheduleProbe(0);
	}

	#scheduleProbe(delayMs: number): void {
		if (this.#probeTimer) clearTimeout(this.#probeTimer);
		// Always after the current message handler: the provider sends its own reply first.
		this.#probeTimer = setTimeout(() => {
			this.#probeTimer = null;
			this.#sendProbe();
		}, delayMs);
	}

	#sendProbe(): void {
		const ws = this.#provider.ws;
		if (this.#destroyed || !this.#provider.wsconnected || !ws || ws.readyState !== ws.OPEN) return;
		if (this.#queue.probeInFlight) return;
		ws.send(encodeProbe(this.#doc));
		this.#queue.probeSent();
	}

	#unauthorized(): void {
		// The close event and the provider's 'closed' both report it: act once.
		if (this.#status.error === CloseCode.Unauthorized) return;
		this.#provider.disconnect();
		this.#update({ error: CloseCode.Unauthorized });
		this.#goOffline();
		this.#onUnauthorized();
	}

	#goOffline(): void {
		if (this.#status.connection === 'offline') return;
		this.#update({ connection: 'offline', offlineSince: this.#now() });
		this.#saveMarks();
	}

	#saveMarks(): void {
		this.#marks.save(this.name, {
			serverStateVector: this.#queue.serverStateVector,
			offlineSince: this.#status.offlineSince
		});
	}

	#localStateVector(): Map<number, number> {
		return Y.decodeStateVector(Y.encodeStateVector(this.#doc));
	}

	#update(change: Partial<SyncStatus>): void {
		if (this.#destroyed) return;
		const next: SyncStatus = {
			...this.#status,
			...change,
			pending: this.#queue.pending(this.#localStateVector())
		};
		if (sameStatus(next, this.#status)) return;
		this.#status = next;
		this.#onStatus(next);
	}
}
