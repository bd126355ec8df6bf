/**
 * The baseline: @y/websocket-server 0.1.1's setupWSConnection behind an http server and a
 * `ws` WebSocketServer, documents in memory only (no YPERSISTENCE). Started by the bench as
 * a child process exactly like the Yuzu server: PORT and HOST from the environment, and
 * GET /healthz answers 200 once it listens.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const port = Number(process.env.PORT ?? 1234);
const host = process.env.HOST ?? '127.0.0.1';

const server = http.createServer((_request, response) => {
	response.writeHead(200, { 'Content-Type': 'application/json' });
	response.end('{"ok":true,"server":"@y/websocket-server@0.1.1"}');
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
	process.stderr.write(`reference server on ${host}:${port}\n`);
});

process.on('SIGTERM', () => {
	for (const conn of wss.clients) conn.terminate();
	server.close(() => process.exit(0));
});
