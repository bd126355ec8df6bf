/**
 * A real Yuzu server in this test process on a free port, and real
 * y-websocket providers talking to it over real sockets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createShopServer, type ShopServer } from '../../server/app.ts';
import { loadOrCreateSecret } from '../../server/auth/secret.ts';
import { TokenSigner } from '../../server/auth/tokens.ts';
import { defaults, type Config } from '../../server/config.ts';
import type { Role } from '../../server/storage/store.ts';

export interface TestShop {
	server: ShopServer;
	port: number;
	dataDir: string;
	wsUrl: string;
	httpUrl: string;
	token(role: Role, id?: string): string;
	/** Closes the server (and, unless `keepData`, deletes its data dir). */
	stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function startServer(overrides: Partial<Config> = {}): Promise<TestShop> {
	const dataDir = overrides.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'yuzu-test-'));
	const config: Config = {
		...defaults,
		host: '127.0.0.1',
		port: 0,
		appDir: null,
		unloadAfterMs: 200,
		...overrides,
		dataDir
	};
	const server = await createShopServer(config, { log: () => {}, setupCode: 'TEST-CODE' });
	const port = await server.listen();
	const signer = new TokenSigner(loadOrCreateSecret(dataDir));
	return {
		server,
		port,
		dataDir,
		wsUrl: `ws://127.0.0.1:${port}/sync`,
		httpUrl: `http://127.0.0.1:${port}`,
		token: (role, id) => signer.sign({ role, sub: id ?? `test-${role}`, iat: Date.now() }),
		async stop({ keepData = false } = {}) {
			await server.close();
			if (!keepData) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Resolves with the close event code once the server closes the socket. */
	closed: Promise<number>;
	destroy(): void;
}

/** A stock WebsocketProvider in Node, as the design says: `ws` polyfill, no BroadcastChannel. */
export function connectClient(
	wsUrl: string,
	docName: string,
	token: string | null,
	{ doc = new Y.Doc(), connect = true } = {}
): TestClient {
	const provider = new WebsocketProvider(wsUrl, docName, doc, {
		params: token ? { token } : {},
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		connect,
		maxBackoffTime: 200
	});
	const closed = new Promise<number>((resolve) => {
		provider.on('connection-close', (event) => {
			if (event) resolve(event.code);
		});
	});
	return {
		doc,
		provider,
		closed,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** True once the provider has finished its first sync with the server. */
export function synced(client: TestClient): boolean {
	return client.provider.synced;
}

/** What the server's store holds for a doc, as a fresh Y.Doc (read from storage, not memory). */
export function storedDoc(shop: TestShop, name: string): Y.Doc {
	const doc = new Y.Doc();
	const { updates } = shop.server.store.loadDoc(name);
	if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates));
	return doc;
}

/**
 * Resolves once the server has processed everything this client sent so far:
 * it sends a sync step 1 and waits for the server's own step 1, which the
 * server sends only after the updates before it are durable (or dropped).
 */
export function roundTrip(client: TestClient): Promise<void> {
	const provider = client.provider;
	const original = provider.messageHandlers[0];
	return new Promise((resolve) => {
		provider.messageHandlers[0] = (encoder, decoder, p, emitSynced, type) => {
			const isStep1 = decoder.arr[decoder.pos] === 0;
			original(encoder, decoder, p, emitSynced, type);
			if (isStep1) {
				provider.messageHandlers[0] = original;
				resolve();
			}
		};
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		syncProtocol.writeSyncStep1(encoder, client.doc);
		provider.ws!.send(encoding.toUint8Array(encoder));
	});
}
