/**
 * The `/sync/<docName>` WebSocket endpoint. Sockets are accepted first and
 * then judged, so a refusal reaches the client as a close code it can act on
 * (an HTTP error on upgrade looks like a network failure and is retried forever).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { Close, SyncConnection } from './connection.ts';
import type { SyncHooks } from './hooks.ts';
import type { DocRegistry } from './registry.ts';

export const syncPathPrefix = '/sync/';

/** Customers only ever send small chat messages and receipts. */
export const guardedMaxMessageBytes = 256 * 1024;

export interface SyncServerOptions {
	registry: DocRegistry;
	hooks: SyncHooks;
	/** Largest frame from staff; larger closes with 4413. */
	maxMessageBytes: number;
	/** Ping period; a socket that misses two pongs is dropped. */
	pingIntervalMs: number;
	log?: (message: string, error?: unknown) => void;
}

interface Tracked {
	connection: SyncConnection;
	peerId: string;
	docName: string;
	alive: boolean;
}

export class SyncServer {
	readonly #options: SyncServerOptions;
	readonly #wss: WebSocketServer;
	readonly #sockets = new Map<WebSocket, Tracked>();
	readonly #pinger: ReturnType<typeof setInterval>;

	constructor(options: SyncServerOptions) {
		this.#options = options;
		// ws itself refuses frames past 4x the limit (close 1009) before buffering them.
		this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes * 4 });
		this.#pinger = setInterval(() => this.#ping(), options.pingIntervalMs);
		this.#pinger.unref();
	}

	/** Takes an HTTP upgrade; returns false if the path is not ours. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		if (!request.url?.startsWith(syncPathPrefix)) return false;
		this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, request));
		return true;
	}

	get connectionCount(): number {
		return this.#sockets.size;
	}

	#accept(ws: WebSocket, request: IncomingMessage): void {
		const { hooks, registry, maxMessageBytes } = this.#options;
		const url = new URL(request.url ?? '/', 'http://localhost');
		let docName: string;
		try {
			docName = decodeURIComponent(url.pathname.slice(syncPathPrefix.length));
		} catch {
			ws.close(Close.Malformed, 'bad document name');
			return;
		}
		const peer = hooks.authenticate(url.searchParams.get('token'));
		if (!peer) {
			ws.close(Close.Unauthorized, 'no valid token: log in again');
			return;
		}
		const access = hooks.access(peer, docName);
		if (!access) {
			ws.close(Close.Forbidden, 'not allowed to open this document');
			return;
		}
		const limit =
			access === 'guarded' ? Math.min(guardedMaxMessageBytes, maxMessageBytes) : maxMessageBytes;
		const raw = {
			send: (data: Uint8Array) => ws.send(data),
			close: (code: number, reason: string) => ws.close(code, reason),
			get open() {
				return ws.readyState === ws.OPEN;
			}
		};
		const connection = new SyncConnection(raw, {
			registry,
			hooks,
			docName,
			peer,
			access,
			maxMessageBytes: limit
		});
		const tracked: Tracked = { connection, peerId: peer.id, docName, alive: true };
		this.#sockets.set(ws, tracked);
		ws.binaryType = 'nodebuffer';
		ws.on('message', (data: Buffer, isBinary: boolean) => {
			tracked.alive = true;
			if (!isBinary)
				return connection.close(Close.Malformed, 'text frames are not the sync protocol');
			try {
				connection.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
			} catch (error) {
				// A bug must cost this socket only, never the shop's server.
				this.#options.log?.(`sync error on ${docName}`, error);
				connection.close(Close.Malformed, 'could not process message');
			}
		});
		ws.on('pong', () => (tracked.alive = true));
		ws.on('error', () => ws.terminate());
		ws.on('close', () => {
			this.#sockets.delete(ws);
			connection.closed();
		});
		void connection.start();
	}

	#ping(): void {
		for (const [ws, tracked] of this.#sockets) {
			if (!tracked.alive) {
				ws.terminate();
				continue;
			}
			tracked.alive = false;
			ws.ping();
		}
	}

	/** Closes every socket of one peer (a deactivated account, a revoked link). */
	disconnectPeer(peerId: string, code: number = Close.Unauthorized): void {
		for (const tracked of this.#sockets.values()) {
			if (tracked.peerId === peerId) tracked.connection.close(code, 'access revoked');
		}
	}

	/** Closes one peer's sockets on one doc (a customer removed from a group: 4403). */
	disconnectPeerFrom(peerId: string, docName: string, code: number = Close.Forbidden): void {
		for (const tracked of this.#sockets.values()) {
			if (tracked.peerId === peerId && tracked.docName === docName)
				tracked.connection.close(code, 'no longer allowed to open this document');
		}
	}

	/** Closes every socket (1001 going away) and stops pinging. */
	close(): void {
		clearInterval(this.#pinger);
		for (const ws of this.#sockets.keys()) ws.close(1001, 'server shutting down');
		this.#wss.close();
	}
}
