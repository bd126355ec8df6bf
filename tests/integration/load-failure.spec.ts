import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createShopServer, type ShopServer } from '../../server/app.ts';
import { loadOrCreateSecret } from '../../server/auth/secret.ts';
import { TokenSigner } from '../../server/auth/tokens.ts';
import { defaults } from '../../server/config.ts';
import { createMemoryStore } from '../../server/storage/memory-store.ts';
import type { Store } from '../../server/storage/store.ts';
import { connectClient, type TestClient } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let server: ShopServer | undefined;
let dataDir: string;
const clients: TestClient[] = [];
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	await server?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

/** The memory store with a switch that makes reads or writes fail, as a full or broken disk would. */
function flakyStore(): Store & { failLoads: boolean; failWrites: boolean } {
	const store = createMemoryStore();
	const flaky = Object.assign(Object.create(store) as Store, {
		failLoads: true,
		failWrites: false
	});
	flaky.loadDoc = (name) => {
		if (flaky.failLoads) throw new Error('disk I/O error');
		return store.loadDoc(name);
	};
	flaky.appendUpdates = (updates) => {
		if (flaky.failWrites) throw new Error('database or disk is full');
		return store.appendUpdates(updates);
	};
	return flaky as Store & { failLoads: boolean; failWrites: boolean };
}

async function start(store: Store) {
	dataDir = mkdtempSync(path.join(os.tmpdir(), 'yuzu-flaky-'));
	server = await createShopServer(
		{ ...defaults, dataDir, port: 0, host: '127.0.0.1', appDir: null },
		{ store, log: () => {} }
	);
	const port = await server.listen();
	const token = new TokenSigner(loadOrCreateSecret(dataDir)).sign({
		role: 'staff',
		sub: 's',
		iat: Date.now()
	});
	return { url: `ws://127.0.0.1:${port}/sync`, token };
}

describe('when storage fails', () => {
	it('refuses the connection instead of serving an empty doc, and serves it once loading works', async () => {
		const store = flakyStore();
		const { url, token } = await start(store);
		const tablet = connectClient(url, 'inventory', token);
		clients.push(tablet);
		expect(await tablet.closed).toBe(4503);
		expect(tablet.provider.synced).toBe(false);
		store.failLoads = false;
		// 45xx means "try again later": the stock provider reconnects by itself.
		await waitFor(() => tablet.provider.synced, { message: 'sync after storage recovers' });
		expect(tablet.provider.wsconnected).toBe(true);
	});

	it('relays nothing that could not be written', async () => {
		const store = flakyStore();
		store.failLoads = false;
		const { url, token } = await start(store);
		const a = connectClient(url, 'ledger', token);
		const b = connectClient(url, 'ledger', token);
		clients.push(a, b);
		await waitFor(() => a.provider.synced && b.provider.synced);
		store.failWrites = true;
		a.doc.getMap('entries').set('e1', 3000);
		expect(await a.closed).toBe(4503);
		expect(b.doc.getMap('entries').has('e1')).toBe(false);
		store.failWrites = false;
		// When the disk recovers, the tablet's edit (still in its doc) goes up and reaches b.
		await waitFor(() => b.doc.getMap('entries').get('e1') === 3000, {
			message: 'edit after recovery'
		});
		expect(store.loadDoc('ledger').rows).toBeGreaterThan(0);
	});
});
