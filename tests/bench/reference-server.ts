/**
 * The baseline: @y/websocket-server 0.1.1's setupWSConnection behind an http server and a
 * `ws` WebSocketServer. Started by the bench as a child process exactly like the Yuzu server:
 * PORT and HOST from the environment, and GET /healthz answers 200 once it listens.
 *
 * Persistence is the reference's own: with YPERSISTENCE=<dir> in the environment the process
 * starts with, @y/websocket-server/utils reads it once at module load and binds y-leveldb
 * (LeveldbPersistence(dir)) to every doc in getYDoc: `bindState` loads the stored updates
 * (asynchronously: the first client is answered before they arrive, and gets them as a
 * broadcast when they do), then stores every further update as its own leveldb entry.
 * Without YPERSISTENCE it keeps docs in memory only (the bench's `reference-memory`).
 * The bench passes YPERSISTENCE in the child's environment, so it is set before any import.
 *
 * /healthz says which of the two it is, so the bench can refuse a misconfigured baseline.
 * SIGTERM closes the sockets, waits for y-leveldb's queue of writes to drain (bounded) and
 * closes the database before exiting: a clean stop, as Yuzu's own SIGTERM is.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { getPersistence, setupWSConnection } from '@y/websocket-server/utils';

const port = Number(process.env.PORT ?? 1234);
const host = process.env.HOST ?? '127.0.0.1';
/** How long SIGTERM waits for pending leveldb writes before exiting anyway. */
const drainTimeoutMs = 4_000;

/** y-leveldb's LeveldbPersistence: `tr` is its queue of transactions, each awaiting the last. */
interface Leveldb {
	tr: Promise<unknown>;
	destroy(): Promise<unknown>;
}

// utils.d.ts leaves `provider` out of getPersistence()'s type; utils.js returns it.
const persistence = getPersistence() as { provider: Leveldb } | null;
const persistenceDir = persistence === null ? null : (process.env.YPERSISTENCE ?? null);

const server = http.createServer((_request, response) => {
	response.writeHead(200, { 'Content-Type': 'application/json' });
	response.end(JSON.stringify({ ok: true, server: '@y/websocket-server@0.1.1', persistenceDir }));
});
const wss = new WebSocketServer({ noServer: true });

server.on('upgrade', (request, socket, head) => {
	wss.handleUpgrade(request, socket, head, (conn) => {
		// The doc name is the URL path, as the reference's own server.js takes it.
		const docName = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname.slice(1));
		setupWSConnection(conn, request, { docName });
	});
});

server.listen(port, host, () => {
	process.stderr.write(
		`reference server on ${host}:${port}, ${persistenceDir === null ? 'in memory' : `y-leveldb in ${persistenceDir}`}\n`
	);
});

/** Resolves once no leveldb transaction is queued (new ones may be queued while one runs). */
async function drain(db: Leveldb): Promise<void> {
	let last: Promise<unknown> | undefined;
	while (last !== db.tr) {
		last = db.tr;
		await last;
	}
}

async function shutdown(): Promise<void> {
	for (const conn of wss.clients) conn.terminate();
	await new Promise<void>((resolve) => server.close(() => resolve()));
	if (persistence !== null) {
		const db = persistence.provider;
		const timer = new Promise<void>((resolve) => setTimeout(resolve, drainTimeoutMs).unref());
		await Promise.race([drain(db).then(() => db.destroy()), timer]);
	}
}

process.once('SIGTERM', () => {
	shutdown().then(
		() => process.exit(0),
		(error: unknown) => {
			process.stderr.write(`reference shutdown failed: ${String(error)}\n`);
			process.exit(1);
		}
	);
});
