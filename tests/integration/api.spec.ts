import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, startServer, type TestClient, type TestShop } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let shop: TestShop;
const clients: TestClient[] = [];
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	await shop.stop();
});

async function api(path: string, body?: unknown, token?: string, method = body ? 'POST' : 'GET') {
	const res = await fetch(shop.httpUrl + path, {
		method,
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function setUpOwner() {
	const res = await api('/api/setup', { code: 'TEST-CODE', name: '老王', pin: '2468' });
	expect(res.status).toBe(200);
	return res.body.token as string;
}

describe('first run and accounts', () => {
	it('answers /healthz', async () => {
		shop = await startServer();
		const res = await fetch(shop.httpUrl + '/healthz');
		expect(res.status).toBe(200);
		expect(await res.json()).toMatchObject({ ok: true });
	});

	it('creates the owner once, with the setup code only', async () => {
		shop = await startServer();
		expect((await api('/api/setup')).body).toEqual({ needed: true });
		expect((await api('/api/setup', { code: 'WRONG', name: '老王', pin: '2468' })).status).toBe(
			403
		);
		expect(
			(await api('/api/setup', { code: 'TEST-CODE', name: '老王', pin: '12' })).body.error
		).toBe('bad_input');
		const token = await setUpOwner();
		const me = (await api('/api/me', undefined, token)).body;
		expect(me.account).toMatchObject({ name: '老王', role: 'owner' });
		expect(me.timeZone).toBe('Asia/Shanghai');
		expect((await api('/api/setup')).body).toEqual({ needed: false });
		const again = await api('/api/setup', { code: 'TEST-CODE', name: '小偷', pin: '1111' });
		expect(again.status).toBe(409);
	});

	it('lets the owner add staff who then log in, and mirrors the staff list into settings', async () => {
		shop = await startServer();
		const owner = await setUpOwner();
		const added = await api('/api/staff', { name: '小李', pin: '1357', role: 'staff' }, owner);
		expect(added.status).toBe(201);
		expect((await api('/api/staff', { name: '小李', pin: '9999' }, owner)).status).toBe(409);

		const login = await api('/api/login', { name: '小李', pin: '1357', device: 'tablet-1' });
		expect(login.status).toBe(200);
		expect(login.body.account).toMatchObject({ name: '小李', role: 'staff' });
		expect((await api('/api/staff', undefined, login.body.token)).status).toBe(403);

		const settings = connectClient(shop.wsUrl, 'settings', login.body.token);
		clients.push(settings);
		await waitFor(() => settings.doc.getMap('staff').size === 2);
		expect(settings.doc.getMap('staff').get(added.body.account.id)).toEqual({
			name: '小李',
			role: 'staff',
			active: true
		});
	});

	it('locks a device out after five wrong PINs and says how long to wait', async () => {
		shop = await startServer();
		const owner = await setUpOwner();
		await api('/api/staff', { name: '小李', pin: '1357' }, owner);
		for (let i = 0; i < 5; i++) {
			expect((await api('/api/login', { name: '小李', pin: '0000', device: 'd1' })).status).toBe(
				401
			);
		}
		const locked = await api('/api/login', { name: '小李', pin: '1357', device: 'd1' });
		expect(locked.status).toBe(429);
		expect(locked.body.retryAfterMs).toBeGreaterThan(0);
		// The name is locked too, so another device cannot keep guessing.
		expect((await api('/api/login', { name: '小李', pin: '1357', device: 'd2' })).status).toBe(429);
	});

	it('refuses a deactivated account at once, on the API and on open sockets', async () => {
		shop = await startServer();
		const owner = await setUpOwner();
		const { body } = await api('/api/staff', { name: '小李', pin: '1357' }, owner);
		const staff = (await api('/api/login', { name: '小李', pin: '1357', device: 'd' })).body.token;
		const tablet = connectClient(shop.wsUrl, 'inventory', staff);
		clients.push(tablet);
		await waitFor(() => tablet.provider.synced);

		const off = await api(`/api/staff/${body.account.id}`, { active: false }, owner, 'PATCH');
		expect(off.body.account.active).toBe(false);
		expect(await tablet.closed).toBe(4401);
		expect((await api('/api/me', undefined, staff)).status).toBe(401);
		expect((await api('/api/login', { name: '小李', pin: '1357', device: 'd' })).status).toBe(401);
	});

	it('keeps at least one active owner', async () => {
		shop = await startServer();
		const owner = await setUpOwner();
		const me = (await api('/api/me', undefined, owner)).body.account;
		const res = await api(`/api/staff/${me.id}`, { active: false }, owner, 'PATCH');
		expect(res.status).toBe(409);
		expect(res.body.error).toBe('last_owner');
	});

	it('answers bad JSON with 400 and unknown routes with 404', async () => {
		shop = await startServer();
		const res = await fetch(shop.httpUrl + '/api/login', { method: 'POST', body: '{nope' });
		expect(res.status).toBe(400);
		expect((await fetch(shop.httpUrl + '/api/nothing')).status).toBe(404);
	});
});
