import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, startServer, type TestClient, type TestShop } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let shop: TestShop;
const clients: TestClient[] = [];
const client = (doc: string, token: string | null) => {
	const c = connectClient(shop.wsUrl, doc, token);
	clients.push(c);
	return c;
};

afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	await shop?.stop();
});

describe('sync between two tablets', () => {
	it('relays an edit from one staff tablet to another', async () => {
		shop = await startServer();
		const a = client('inventory', shop.token('staff'));
		const b = client('inventory', shop.token('staff'));
		await waitFor(() => a.provider.synced && b.provider.synced);
		a.doc.getMap('units').set('R-0012', { model: 'sea rod 3.6 m' });
		await waitFor(() => b.doc.getMap('units').get('R-0012'));
		expect(b.doc.getMap('units').toJSON()).toEqual({ 'R-0012': { model: 'sea rod 3.6 m' } });
	});
});
