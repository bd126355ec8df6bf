import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SyncStatus } from '../../../../src/lib/sync/status.ts';
import { SyncPool } from '../../../../src/lib/sync/sync-pool.ts';
import { startServer } from '../../../helpers/server.ts';
import type { TestShop } from '../../../helpers/server.ts';

let shop: TestShop;

beforeAll(async () => {
	shop = await startServer();
});

afterAll(async () => {
	await shop.stop();
});

async function serverSockets(): Promise<number> {
	const health = await fetch(`${shop.httpUrl}/healthz`).then((r) => r.json());
	return health.sockets as number;
}

function pool() {
	const events = new EventTarget();
	let online = true;
	const statuses = new Map<string, SyncStatus | null>();
	const syncs = new SyncPool({
		serverUrl: shop.wsUrl,
		token: shop.token('owner'),
		connectivity: { isOnline: () => online, events },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		onStatus: (name, status) => statuses.set(name, status),
		onUnauthorized: () => {}
	});
	const setOnline = (value: boolean) => {
		online = value;
		events.dispatchEvent(new Event(value ? 'online' : 'offline'));
	};
	return { syncs, statuses, setOnline };
}

describe('SyncPool', () => {
	it('syncs each doc once and ends its connection when the doc is destroyed', async () => {
		const { syncs, statuses } = pool();
		const doc = new Y.Doc();
		const sync = syncs.add('inventory', doc);
		expect(syncs.add('inventory', doc)).toBe(sync);
		await expect.poll(() => statuses.get('inventory')?.connection).toBe('online');
		expect(await serverSockets()).toBe(1);
		doc.destroy();
		expect(statuses.get('inventory')).toBeNull();
		expect(syncs.has('inventory')).toBe(false);
		await expect.poll(serverSockets).toBe(0);
		syncs.destroy();
	});

	it('drops every connection on offline and resumes them on online', async () => {
		const { syncs, statuses, setOnline } = pool();
		syncs.add('ledger', new Y.Doc());
		syncs.add('settings', new Y.Doc());
		await expect.poll(() => statuses.get('settings')?.connection).toBe('online');
		await expect.poll(() => statuses.get('ledger')?.connection).toBe('online');
		setOnline(false);
		expect(statuses.get('ledger')?.connection).toBe('offline');
		expect(statuses.get('settings')?.connection).toBe('offline');
		await expect.poll(serverSockets).toBe(0);
		setOnline(true);
		await expect.poll(() => statuses.get('ledger')?.connection).toBe('online');
		await expect.poll(() => statuses.get('settings')?.connection).toBe('online');
		syncs.destroy();
		await expect.poll(serverSockets).toBe(0);
	});

	it('starts a doc offline when the device is offline', () => {
		const { syncs, statuses, setOnline } = pool();
		setOnline(false);
		syncs.add('inbox', new Y.Doc());
		expect(statuses.get('inbox')?.connection).toBe('offline');
		syncs.destroy();
	});
});
