import { afterEach, describe, expect, it } from 'vitest';
import {
	connectClient,
	startServer,
	storedDoc,
	type TestClient,
	type TestShop
} from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let shop: TestShop | undefined;
const clients: TestClient[] = [];
function client(docName: string, token: string, options?: Parameters<typeof connectClient>[3]) {
	const c = connectClient(shop!.wsUrl, docName, token, options);
	clients.push(c);
	return c;
}

afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	await shop?.stop();
	shop = undefined;
});

describe('tablets that go offline', () => {
	it('converge after both edit while one is offline', async () => {
		shop = await startServer();
		const a = client('ledger', shop.token('staff', 'a'));
		const b = client('ledger', shop.token('staff', 'b'));
		await waitFor(() => a.provider.synced && b.provider.synced);

		a.provider.disconnect();
		a.doc.getArray('events').push([{ by: 'a', what: 'check-out R-0012' }]);
		a.doc.getMap('customers').set('c1', { name: '王师傅' });
		b.doc.getArray('events').push([{ by: 'b', what: 'check-out R-0031' }]);
		b.doc.getMap('customers').set('c2', { name: '李姐' });
		// While a is offline, b's edit reaches the server but not a.
		await waitFor(() => shop!.server.registry.isLoaded('ledger'));
		expect(a.doc.getMap('customers').has('c2')).toBe(false);

		a.provider.connect();
		await waitFor(
			() => a.doc.getArray('events').length === 2 && b.doc.getArray('events').length === 2
		);
		expect(a.doc.getMap('customers').toJSON()).toEqual(b.doc.getMap('customers').toJSON());
		expect(a.doc.getArray('events').toJSON()).toEqual(b.doc.getArray('events').toJSON());
		expect(Object.keys(a.doc.getMap('customers').toJSON()).sort()).toEqual(['c1', 'c2']);
	});

	it('keeps every edit across a server restart', async () => {
		shop = await startServer();
		const dataDir = shop.dataDir;
		const token = shop.token('staff');
		const writer = client('inventory', token);
		await waitFor(() => writer.provider.synced);
		for (let i = 0; i < 50; i++) writer.doc.getMap('units').set(`R-${i}`, { i });
		await waitFor(() => storedDoc(shop!, 'inventory').getMap('units').size === 50);
		writer.destroy();
		await shop.stop({ keepData: true });

		shop = await startServer({ dataDir });
		const reader = client('inventory', shop.token('staff'));
		await waitFor(() => reader.doc.getMap('units').size === 50, {
			message: '50 units after restart'
		});
		expect(reader.doc.getMap('units').get('R-49')).toEqual({ i: 49 });
	});
});
