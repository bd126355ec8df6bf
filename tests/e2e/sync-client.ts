/**
 * A second device in Node for the browser specs: a stock y-websocket client on one doc's room,
 * writing with the app's own writers, as a tablet (or a customer's phone) would.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

/** Polls `check` until it holds; rejects naming `what` after `timeoutMs`. */
export function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const poll = () => {
			if (check()) resolve();
			else if (Date.now() - started > timeoutMs) reject(new Error(`timed out: ${what}`));
			else setTimeout(poll, 50);
		};
		poll();
	});
}

/** A client on one doc's room; `synced` resolves after its first sync with the server. */
export function openDoc(baseURL: string, token: string, name: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${baseURL.replace(/^http/, 'ws')}/sync`, name, doc, {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	const synced = waitFor(() => provider.synced, `${name} synced`);
	return {
		doc,
		provider,
		synced,
		close: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** `openDoc`, resolved once synced. */
export async function openSynced(baseURL: string, token: string, name: string) {
	const handle = openDoc(baseURL, token, name);
	await handle.synced;
	return handle;
}

/** Resolves once a fresh client of `name` sees `check` hold: the server has stored it. */
export async function stored(
	baseURL: string,
	token: string,
	name: string,
	check: (doc: Y.Doc) => boolean
): Promise<void> {
	const reader = openDoc(baseURL, token, name);
	try {
		await waitFor(() => reader.provider.synced && check(reader.doc), `${name} stored`);
	} finally {
		reader.close();
	}
}
