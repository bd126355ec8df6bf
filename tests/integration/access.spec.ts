import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	connectClient,
	roundTrip,
	startServer,
	storedDoc,
	type TestClient,
	type TestShop
} from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let shop: TestShop;
const clients: TestClient[] = [];
const sockets: WebSocket[] = [];
function client(docName: string, token: string | null) {
	const c = connectClient(shop.wsUrl, docName, token);
	clients.push(c);
	return c;
}

/** A raw socket, to send what no well-behaved provider would. Resolves once open. */
async function rawSocket(
	docName: string,
	token: string
): Promise<{ ws: WebSocket; closed: Promise<number> }> {
	const ws = new WebSocket(`${shop.wsUrl}/${encodeURIComponent(docName)}?token=${token}`);
	sockets.push(ws);
	const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
	await new Promise((resolve, reject) => {
		ws.once('open', resolve);
		ws.once('error', reject);
	});
	return { ws, closed };
}

beforeEach(async () => {
	shop = await startServer({ maxMessageBytes: 64 * 1024 });
});
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const s of sockets.splice(0)) s.terminate();
	await shop.stop();
});

describe('close codes', () => {
	it.each([
		['no token', 'inventory', () => null, 4401],
		['a forged token', 'inventory', () => shop.token('staff') + 'x', 4401],
		['a customer opening inventory', 'inventory', () => shop.token('customer', 'c1'), 4403],
		['a customer opening the ledger', 'ledger', () => shop.token('customer', 'c1'), 4403],
		[
			"a customer opening another customer's thread",
			'thread:c2',
			() => shop.token('customer', 'c1'),
			4403
		],
		[
			'a customer opening staff notes on their own thread',
			'notes:c1',
			() => shop.token('customer', 'c1'),
			4403
		],
		['staff opening a doc that does not exist', 'passwords', () => shop.token('staff'), 4403]
	])('%s closes with %s', async (_story, docName, token, code) => {
		const c = client(docName, token());
		expect(await c.closed).toBe(code);
		// 44xx codes are permanent: the stock provider stops reconnecting.
		await waitFor(() => !c.provider.shouldConnect || c.provider.wsconnecting === false);
		expect(c.provider.synced).toBe(false);
	});

	it('lets a customer open their own thread', async () => {
		const c = client('thread:c1', shop.token('customer', 'c1'));
		await waitFor(() => c.provider.synced);
		expect(c.provider.wsconnected).toBe(true);
	});

	it.each([
		['an unknown message type', [9, 1, 2]],
		['a truncated length', [0, 2, 200, 1]],
		['a length past the end', [0, 2, 10, 1, 2, 3]],
		['bytes that are no Yjs update', [0, 2, 3, 255, 255, 255]],
		['trailing bytes after a message', [3, 0]]
	])('%s closes with 4400 and only that socket', async (_story, bytes) => {
		const bystander = client('inventory', shop.token('staff'));
		const peer = client('inventory', shop.token('staff'));
		await waitFor(() => bystander.provider.synced && peer.provider.synced);
		const { ws, closed } = await rawSocket('inventory', shop.token('staff'));
		ws.send(new Uint8Array(bytes));
		expect(await closed).toBe(4400);
		bystander.doc.getMap('units').set('R-0001', 'still syncing');
		await waitFor(() => peer.doc.getMap('units').get('R-0001') === 'still syncing');
		expect(peer.provider.wsconnected).toBe(true);
	});

	it('closes an oversized frame with 4413 and keeps the others syncing', async () => {
		const bystander = client('inventory', shop.token('staff'));
		const peer = client('inventory', shop.token('staff'));
		await waitFor(() => bystander.provider.synced && peer.provider.synced);
		const { ws, closed } = await rawSocket('inventory', shop.token('staff'));
		ws.send(new Uint8Array(64 * 1024 + 1));
		expect(await closed).toBe(4413);
		bystander.doc.getMap('units').set('R-0002', 'ok');
		await waitFor(() => peer.doc.getMap('units').get('R-0002') === 'ok');
		expect(shop.server.sync.connectionCount).toBe(2);
	});

	it('closes a customer whose update deletes a message with 4403, applying nothing', async () => {
		const staff = client('thread:c1', shop.token('staff'));
		await waitFor(() => staff.provider.synced);
		staff.doc.getArray('messages').push([{ id: 'm1', text: '周六有3.6米海竿吗？' }]);
		await waitFor(() => storedDoc(shop, 'thread:c1').getArray('messages').length === 1);

		const customer = client('thread:c1', shop.token('customer', 'c1'));
		await waitFor(() => customer.doc.getArray('messages').length === 1);
		customer.doc.getArray('messages').delete(0, 1);
		expect(await customer.closed).toBe(4403);
		expect(storedDoc(shop, 'thread:c1').getArray('messages').length).toBe(1);
		expect(staff.doc.getArray('messages').length).toBe(1);
	});

	it("refuses a customer's update written under a staff tablet's client id", async () => {
		const staff = client('thread:c1', shop.token('staff'));
		await waitFor(() => staff.provider.synced);
		staff.doc.getArray('messages').push([{ id: 'm1', text: 'hi' }]);
		await waitFor(() => storedDoc(shop, 'thread:c1').getArray('messages').length === 1);

		// The forger builds its message under the staff tablet's client id, at its next clock.
		const forger = new Y.Doc();
		Y.applyUpdate(forger, Y.encodeStateAsUpdate(staff.doc));
		forger.clientID = staff.doc.clientID;
		forger.getArray('messages').push([{ id: 'm2', text: 'refund me 300' }]);
		const forged = Y.encodeStateAsUpdate(forger, Y.encodeStateVector(staff.doc));
		const { ws, closed } = await rawSocket('thread:c1', shop.token('customer', 'c1'));
		const frame = new Uint8Array([0, 2, ...varUint(forged.length), ...forged]);
		ws.send(frame);
		expect(await closed).toBe(4403);
		// The tablet's real next edit at that clock is still accepted and relayed.
		staff.doc.getArray('messages').push([{ id: 'm2', text: '周六有货' }]);
		await waitFor(() => storedDoc(shop, 'thread:c1').getArray('messages').length === 2);
		expect(storedDoc(shop, 'thread:c1').getArray('messages').toJSON()[1]).toEqual({
			id: 'm2',
			text: '周六有货'
		});
	});
});

describe('read-only documents', () => {
	it("drops a staff member's change to settings and keeps the owner's", async () => {
		const owner = client('settings', shop.token('owner'));
		const staff = client('settings', shop.token('staff'));
		await waitFor(() => owner.provider.synced && staff.provider.synced);
		staff.doc.getMap('profile').set('name', 'hijacked');
		owner.doc.getMap('profile').set('phone', '138-0000-0000');
		await roundTrip(staff);
		await waitFor(() => staff.doc.getMap('profile').get('phone') === '138-0000-0000');
		expect(owner.doc.getMap('profile').get('name')).toBeUndefined();
		expect(storedDoc(shop, 'settings').getMap('profile').toJSON()).toEqual({
			phone: '138-0000-0000'
		});
	});

	it('drops staff changes to the inbox', async () => {
		const staff = client('inbox', shop.token('staff'));
		const other = client('inbox', shop.token('owner'));
		await waitFor(() => staff.provider.synced && other.provider.synced);
		staff.doc.getMap('threads').set('c1', { unread: 0 });
		other.doc.getMap('threads').set('c2', { unread: 1 });
		await Promise.all([roundTrip(staff), roundTrip(other)]);
		expect(storedDoc(shop, 'inbox').getMap('threads').size).toBe(0);
	});
});

function varUint(n: number): number[] {
	const out: number[] = [];
	while (n > 127) {
		out.push((n & 127) | 128);
		n = Math.floor(n / 128);
	}
	out.push(n);
	return out;
}
