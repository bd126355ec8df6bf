import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { until, withTimeout } from './wait.ts';

/** Where and how a client connects: the same shape for both servers. */
export interface Endpoint {
	wsUrl: string;
	params: Record<string, string>;
}

/** A stock y-websocket client, as a tablet would run it (no BroadcastChannel in Node). */
export function connectClient(
	endpoint: Endpoint,
	docName: string,
	doc: Y.Doc,
	connect = true
): WebsocketProvider {
	// Each provider adds a process 'exit' listener; hundreds of clients in one process are intended.
	if (process.getMaxListeners() < 1_000) process.setMaxListeners(1_000);
	return new WebsocketProvider(endpoint.wsUrl, docName, doc, {
		params: endpoint.params,
		// ws's WebSocket is what y-websocket expects in Node; its DOM typing differs slightly.
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		connect
	});
}

/** Resolves on the provider's first `sync`; rejects at once if the server refuses the socket. */
export function synced(provider: WebsocketProvider, ms: number): Promise<void> {
	if (provider.synced) return Promise.resolve();
	let onSync = (_state: boolean): void => {};
	let onClosed = (_event: { code: number; reason: string }): void => {};
	const done = new Promise<void>((resolve, reject) => {
		onSync = (state) => {
			if (state) resolve();
		};
		onClosed = (event) =>
			reject(new Error(`server closed ${provider.roomname}: ${event.code} ${event.reason}`));
		provider.on('sync', onSync);
		provider.on('closed', onClosed);
	});
	return withTimeout(done, ms, `sync of ${provider.roomname}`).finally(() => {
		provider.off('sync', onSync);
		provider.off('closed', onClosed);
	});
}

/** Resolves once `check(doc)` holds, re-checked after every transaction on the doc. */
export function docUntil(
	doc: Y.Doc,
	check: () => boolean,
	ms: number,
	what: string
): Promise<void> {
	return until(
		check,
		(recheck) => {
			doc.on('afterTransaction', recheck);
			return () => doc.off('afterTransaction', recheck);
		},
		ms,
		what
	);
}

/** Counts keys added to a map as they arrive, so waiting for N entries costs O(1) per check. */
export function countAddedKeys(map: Y.Map<unknown>): { readonly count: number; stop(): void } {
	let count = map.size;
	const observer = (event: Y.YMapEvent<unknown>): void => {
		for (const change of event.changes.keys.values()) if (change.action === 'add') count++;
	};
	map.observe(observer);
	return {
		get count() {
			return count;
		},
		stop: () => map.unobserve(observer)
	};
}
