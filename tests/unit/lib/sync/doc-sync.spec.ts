/**
 * DocSync against a real Yuzu server in this process: the pending flag must
 * clear only once the server has the edit on disk, and close codes must land.
 */
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocSync } from '../../../../src/lib/sync/doc-sync.ts';
import type { DocSyncOptions } from '../../../../src/lib/sync/doc-sync.ts';
import { memoryMarksStore } from '../../../../src/lib/sync/marks.ts';
import { connectClient, startServer, storedDoc } from '../../../helpers/server.ts';
import type { TestShop } from '../../../helpers/server.ts';

let shop: TestShop;
const open: DocSync[] = [];

beforeAll(async () => {
	shop = await startServer();
});

afterAll(async () => {
	await shop.stop();
});

afterEach(() => {
	for (const sync of open.splice(0)) sync.destroy();
});

function docSync(options: Partial<DocSyncOptions> & { name: string }): DocSync {
	const sync = new DocSync({
		doc: new Y.Doc(),
		serverUrl: shop.wsUrl,
		token: shop.token('owner'),
		online: true,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		probeDelayMs: 20,
		...options
	});
	open.push(sync);
	return sync;
}

describe('DocSync', () => {
	it('clears pending only once the server has stored the edit', async () => {
		const doc = new Y.Doc();
		const sync = docSync({ name: 'inventory', doc });
		await expect.poll(() => sync.status.connection).toBe('online');
		expect(sync.status.pending).toBe(false);
		doc.getMap('models').set('m1', { name: '3.6 米海竿' });
		expect(sync.status.pending).toBe(true);
		await expect.poll(() => sync.status.pending).toBe(false);
		expect(storedDoc(shop, 'inventory').getMap('models').get('m1')).toEqual({ name: '3.6 米海竿' });
	});

	it('goes offline at once, keeps edits pending, and confirms them after reconnecting', async () => {
		const doc = new Y.Doc();
		let now = 1_000;
		const sync = docSync({ name: 'ledger', doc, now: () => now });
		await expect.poll(() => sync.status.connection).toBe('online');
		now = 5_000;
		sync.disconnect();
		expect(sync.status).toMatchObject({ connection: 'offline', offlineSince: 5_000 });
		doc.getMap('customers').set('c1', { name: '张三' });
		expect(sync.status.pending).toBe(true);
		sync.connect();
		await expect.poll(() => sync.status.connection).toBe('online');
		await expect.poll(() => sync.status.pending).toBe(false);
		expect(sync.status.offlineSince).toBeNull();
		expect(storedDoc(shop, 'ledger').getMap('customers').get('c1')).toEqual({ name: '张三' });
	});

	it('does not count edits relayed from another tablet as its own', async () => {
		const doc = new Y.Doc();
		const sync = docSync({ name: 'notes:t1', doc });
		await expect.poll(() => sync.status.connection).toBe('online');
		const other = connectClient(shop.wsUrl, 'notes:t1', shop.token('staff', 's2'));
		other.doc.getMap('labels').set('vip', true);
		await expect.poll(() => doc.getMap('labels').get('vip')).toBe(true);
		expect(sync.status.pending).toBe(false);
		other.destroy();
	});

	it('starts offline from a remembered state and shows edits made before the reload', async () => {
		const marks = memoryMarksStore();
		const doc = new Y.Doc();
		doc.getMap('profile').set('name', 'old');
		marks.save('settings', {
			serverStateVector: Y.decodeStateVector(Y.encodeStateVector(doc)),
			offlineSince: 42
		});
		doc.getMap('profile').set('phone', '13800000000');
		const sync = docSync({ name: 'settings', doc, online: false, marks });
		expect(sync.status).toMatchObject({ connection: 'offline', offlineSince: 42, pending: true });
		sync.connect();
		await expect.poll(() => sync.status.pending).toBe(false);
		expect(storedDoc(shop, 'settings').getMap('profile').get('phone')).toBe('13800000000');
	});

	it('reports a refused token once and stops', async () => {
		let unauthorized = 0;
		const sync = docSync({
			name: 'inventory',
			token: 'not-a-token',
			onUnauthorized: () => unauthorized++
		});
		await expect.poll(() => unauthorized).toBe(1);
		expect(sync.status).toMatchObject({ connection: 'offline', error: 4401 });
	});

	it('keeps a doc the account may not open as a permanent error', async () => {
		const sync = docSync({ name: 'settings', token: shop.token('customer', 'c1') });
		await expect.poll(() => sync.status.error).toBe(4403);
		expect(sync.status.connection).toBe('offline');
	});
});
