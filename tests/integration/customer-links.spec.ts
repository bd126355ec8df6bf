/**
 * Customer links with the real server: staff make a link for a customer in the ledger, the
 * customer uses it on the API and the sync socket, and a replaced or revoked link stops working
 * everywhere at once, with an answer the customer page can explain.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCustomer, LEDGER_DOC } from '../../src/lib/crdt/ledger.ts';
import { staffOrigin } from '../../src/lib/crdt/origin.ts';
import { SETTINGS_DOC, writeShopProfile } from '../../src/lib/crdt/settings.ts';
import {
	connectClient,
	roundTrip,
	startServer,
	type TestClient,
	type TestShop
} from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let shop: TestShop;
let staff: string;
const clients: TestClient[] = [];
const writer = { origin: staffOrigin('test-staff', '小李'), device: 'tablet-1' };

beforeEach(async () => {
	shop = await startServer();
	staff = shop.token('staff');
});
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	await shop.stop();
});

function client(docName: string, token: string) {
	const c = connectClient(shop.wsUrl, docName, token);
	clients.push(c);
	return c;
}

async function api(path: string, token?: string, method = 'GET') {
	const res = await fetch(shop.httpUrl + path, {
		method,
		headers: token ? { authorization: `Bearer ${token}` } : {}
	});
	return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** A tablet adds a customer to the ledger and the shop's profile to settings; returns the id. */
async function addAngler(name = '张大爷'): Promise<string> {
	const ledger = client(LEDGER_DOC, staff);
	await waitFor(() => ledger.provider.synced);
	const id = addCustomer(ledger.doc, writer, { name, phone: '13800000000', tags: [], note: '' });
	await roundTrip(ledger);
	return id;
}

async function newLink(customerId: string) {
	const res = await api(`/api/customers/${customerId}/link`, staff, 'POST');
	expect(res.status).toBe(201);
	return res.body as { token: string; path: string; createdAt: number };
}

describe('customer links', () => {
	it('makes a link that opens the customer page and their own thread', async () => {
		const owner = client(SETTINGS_DOC, shop.token('owner'));
		await waitFor(() => owner.provider.synced);
		const profile = { name: '渔乐渔具租赁', phone: '0571-88888888', address: '湖边路 1 号' };
		writeShopProfile(owner.doc, { ...profile, hours: '每天 6:00–19:00' }, writer.origin);
		await roundTrip(owner);
		const id = await addAngler();

		const link = await newLink(id);
		expect(link.path).toBe(`/c/${link.token}`);
		expect(link.createdAt).toBeGreaterThan(0);
		expect((await api(`/api/customers/${id}/link`, staff)).body).toEqual(link);

		const page = await api('/api/link', link.token);
		expect(page).toEqual({
			status: 200,
			body: {
				customerId: id,
				threadId: id,
				shop: { ...profile, hours: '每天 6:00–19:00' },
				groups: []
			}
		});
		expect((await api('/api/me', link.token)).body).toEqual({ customer: { id } });
		const phone = client(`thread:${id}`, link.token);
		await waitFor(() => phone.provider.synced);
		expect(phone.provider.wsconnected).toBe(true);
	});

	it('revokes the old link when a new one is made, closing its open sockets', async () => {
		const id = await addAngler();
		const first = await newLink(id);
		const phone = client(`thread:${id}`, first.token);
		await waitFor(() => phone.provider.synced);

		const second = await newLink(id);
		expect(second.token).not.toBe(first.token);
		expect(await phone.closed).toBe(4401);
		const old = await api('/api/link', first.token);
		expect(old.status).toBe(401);
		expect(old.body.error).toBe('link_revoked');
		expect(await client(`thread:${id}`, first.token).closed).toBe(4401);

		expect((await api('/api/link', second.token)).status).toBe(200);
		const again = client(`thread:${id}`, second.token);
		await waitFor(() => again.provider.synced);
		expect((await api(`/api/customers/${id}/link`, staff)).body.token).toBe(second.token);
	});

	it('revokes a link: open sockets close with 4401 and the API says link_revoked', async () => {
		const id = await addAngler();
		const link = await newLink(id);
		const phone = client(`thread:${id}`, link.token);
		await waitFor(() => phone.provider.synced);

		expect((await api(`/api/customers/${id}/link`, staff, 'DELETE')).body).toEqual({
			revoked: true
		});
		expect(await phone.closed).toBe(4401);
		for (const path of ['/api/link', '/api/me', `/api/attachments/${'ab'.repeat(32)}`]) {
			const res = await api(path, link.token);
			expect([path, res.status, res.body.error]).toEqual([path, 401, 'link_revoked']);
		}
		expect(await client(`thread:${id}`, link.token).closed).toBe(4401);
		expect((await api(`/api/customers/${id}/link`, staff)).status).toBe(404);
		// A second tap on "revoke" is harmless.
		expect((await api(`/api/customers/${id}/link`, staff, 'DELETE')).body).toEqual({
			revoked: false
		});
	});

	it('lets only staff manage links', async () => {
		const id = await addAngler();
		const link = await newLink(id);
		for (const method of ['POST', 'GET', 'DELETE']) {
			const asCustomer = await api(`/api/customers/${id}/link`, link.token, method);
			expect([method, asCustomer.status, asCustomer.body.error]).toEqual([
				method,
				403,
				'staff_only'
			]);
			const anonymous = await api(`/api/customers/${id}/link`, undefined, method);
			expect([method, anonymous.status]).toEqual([method, 401]);
		}
		expect((await api(`/api/customers/${id}/link`, shop.token('owner'), 'POST')).status).toBe(201);
		expect((await api('/api/link', staff)).status).toBe(403);
		expect((await api('/api/link')).status).toBe(401);
	});

	it('refuses a link for a customer the ledger does not hold', async () => {
		await addAngler();
		const res = await api('/api/customers/nobody/link', staff, 'POST');
		expect(res).toMatchObject({ status: 404, body: { error: 'no_customer' } });
		expect((await api('/api/customers/nobody/link', staff)).status).toBe(404);
	});

	it('keeps links across a restart', async () => {
		const id = await addAngler();
		const link = await newLink(id);
		const dataDir = shop.dataDir;
		for (const c of clients.splice(0)) c.destroy();
		await shop.stop({ keepData: true });
		shop = await startServer({ dataDir });
		expect((await api('/api/link', link.token)).status).toBe(200);
		expect((await api(`/api/customers/${id}/link`, shop.token('staff'))).body.token).toBe(
			link.token
		);
	});
});
