/**
 * Topic groups and broadcasts with the real server: staff make a group and add customers, a
 * member opens the group's thread with their own link and writes to it, everyone else is refused,
 * a removed member is shut out at once; broadcasts land in each customer's personal thread and
 * the anti-spam limit holds, also across a restart.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INBOX_DOC, readInboxRowOf } from '../../src/lib/crdt/inbox.ts';
import { addCustomer, LEDGER_DOC } from '../../src/lib/crdt/ledger.ts';
import { staffOrigin } from '../../src/lib/crdt/origin.ts';
import { postMessage, readThread, threadDocName } from '../../src/lib/crdt/thread.ts';
import type { Group } from '../../src/lib/domain/groups.ts';
import type { Message, Sender } from '../../src/lib/domain/thread.ts';
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
let staff: string;
const clients: TestClient[] = [];
const writer = { origin: staffOrigin('acc-wang', '小王'), device: 'tablet-1' };

beforeEach(async () => {
	shop = await startServer();
	staff = shop.token('staff', 'acc-wang');
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

async function open(docName: string, token: string): Promise<TestClient> {
	const c = client(docName, token);
	await waitFor(() => c.provider.synced, { message: `${docName} to sync` });
	return c;
}

async function api(path: string, token: string | undefined, method = 'GET', body?: unknown) {
	const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
	if (body !== undefined) headers['content-type'] = 'application/json';
	const res = await fetch(shop.httpUrl + path, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return { status: res.status, body: (await res.json()) as Record<string, any> };
}

/** Customers in the ledger, each with a link; returns their ids and link tokens. */
async function customers(...names: string[]) {
	const ledger = await open(LEDGER_DOC, staff);
	const made: { id: string; token: string; me: Sender }[] = [];
	for (const name of names) {
		const id = addCustomer(ledger.doc, writer, { name, phone: '', tags: [], note: '' });
		made.push({ id, token: '', me: { role: 'customer', id } });
	}
	await roundTrip(ledger);
	for (const c of made) {
		const res = await api(`/api/customers/${c.id}/link`, staff, 'POST');
		expect(res.status).toBe(201);
		c.token = res.body.token as string;
	}
	return made;
}

async function newGroup(name: string): Promise<Group> {
	const res = await api('/api/groups', staff, 'POST', { name });
	expect(res.status).toBe(201);
	return res.body.group as Group;
}

function say(doc: Y.Doc, from: Sender, text: string): Message {
	const message: Message = { id: crypto.randomUUID(), from, at: Date.now(), kind: 'text', text };
	return postMessage(doc, message, from);
}

const texts = (doc: Y.Doc) =>
	readThread(doc).messages.map((m) => (m.kind === 'text' ? m.text : m.kind));

describe('topic groups', () => {
	it('creates, lists and renames groups; only staff may', async () => {
		const [zhang] = await customers('张大爷');
		const sea = await newGroup('海钓爱好者');
		expect(sea).toMatchObject({ name: '海钓爱好者', members: [] });
		expect(sea.id).toMatch(/^g-[a-z2-7]{12}$/);
		const renamed = await api(`/api/groups/${sea.id}`, staff, 'PATCH', { name: '海钓群' });
		expect(renamed.body.group).toMatchObject({ id: sea.id, name: '海钓群' });
		expect((await api('/api/groups', shop.token('owner'))).body.groups).toEqual([
			{ ...sea, name: '海钓群' }
		]);

		for (const [method, path] of [
			['GET', '/api/groups'],
			['POST', '/api/groups'],
			['PATCH', `/api/groups/${sea.id}`],
			['POST', `/api/groups/${sea.id}/members`],
			['DELETE', `/api/groups/${sea.id}/members/${zhang.id}`],
			['POST', '/api/broadcasts']
		]) {
			const body = method === 'GET' || method === 'DELETE' ? undefined : { name: 'x' };
			const asCustomer = await api(path, zhang.token, method, body);
			expect([path, asCustomer.status]).toEqual([path, 403]);
			expect((await api(path, undefined, method)).status).toBe(401);
		}
		expect((await api('/api/groups', staff, 'POST', { name: ' ' })).status).toBe(400);
		expect((await api('/api/groups/g-nope', staff, 'PATCH', { name: 'x' })).status).toBe(404);
	});

	it('lets a member open the group thread and write; staff see it; others get 4403', async () => {
		const [zhang, li] = await customers('张大爷', '李师傅');
		const sea = await newGroup('海钓爱好者');
		const added = await api(`/api/groups/${sea.id}/members`, staff, 'POST', {
			customerIds: [zhang.id, 'nobody', zhang.id]
		});
		expect(added.body).toMatchObject({ added: [zhang.id], unknown: ['nobody'] });
		expect(added.body.group.members).toEqual([zhang.id]);

		const link = await api('/api/link', zhang.token);
		expect(link.body.groups).toEqual([{ id: sea.id, name: '海钓爱好者' }]);
		expect((await api('/api/link', li.token)).body.groups).toEqual([]);

		const desk = await open(threadDocName(sea.id), staff);
		say(desk.doc, { role: 'staff', id: 'acc-wang' }, '周六出海，报名请回复');
		await roundTrip(desk);
		const phone = await open(threadDocName(sea.id), zhang.token);
		expect(texts(phone.doc)).toEqual(['周六出海，报名请回复']);
		say(phone.doc, zhang.me, '我报名');
		await roundTrip(phone);
		await waitFor(() => texts(desk.doc).length === 2, { message: 'the reply to reach staff' });
		expect(texts(desk.doc)).toEqual(['周六出海，报名请回复', '我报名']);

		expect(await client(threadDocName(sea.id), li.token).closed).toBe(4403);
		// A member may not write as someone else in the group either.
		say(phone.doc, li.me, '冒充');
		expect(await phone.closed).toBe(4403);

		// The inbox shows the group's conversation under the group's name, and no portal is written.
		const inbox = await open(INBOX_DOC, staff);
		await shop.server.derived.idle();
		await waitFor(() => readInboxRowOf(inbox.doc, sea.id)?.title === '海钓爱好者');
		await api(`/api/groups/${sea.id}`, staff, 'PATCH', { name: '海钓群' });
		await waitFor(() => readInboxRowOf(inbox.doc, sea.id)?.title === '海钓群', {
			message: 'the row to follow the rename'
		});
		expect(readThread(storedDoc(shop, threadDocName(sea.id))).portal).toBeNull();
	});

	it('closes a removed member’s socket and refuses them after', async () => {
		const [zhang] = await customers('张大爷');
		const sea = await newGroup('海钓爱好者');
		await api(`/api/groups/${sea.id}/members`, staff, 'POST', { customerIds: [zhang.id] });
		const phone = await open(threadDocName(sea.id), zhang.token);
		const own = await open(threadDocName(zhang.id), zhang.token);

		const removed = await api(`/api/groups/${sea.id}/members/${zhang.id}`, staff, 'DELETE');
		expect(removed.body).toMatchObject({ removed: true, group: { members: [] } });
		expect(await phone.closed).toBe(4403);
		expect(await client(threadDocName(sea.id), zhang.token).closed).toBe(4403);
		expect(own.provider.wsconnected).toBe(true);
		expect((await api('/api/link', zhang.token)).body.groups).toEqual([]);
	});
});

describe('broadcasts', () => {
	it('posts into each customer’s own thread and skips the unknown and those over the limit', async () => {
		const [zhang, li] = await customers('张大爷', '李师傅');
		const first = await api('/api/broadcasts', staff, 'POST', {
			text: '海竿到新货了',
			customerIds: [zhang.id, 'nobody']
		});
		expect(first.body).toEqual({
			sent: [zhang.id],
			skipped: [{ customerId: 'nobody', reason: 'no_customer' }]
		});
		const phone = await open(threadDocName(zhang.id), zhang.token);
		const [message] = readThread(phone.doc).messages;
		expect(message).toMatchObject({
			kind: 'text',
			text: '海竿到新货了',
			from: { role: 'staff', id: 'acc-wang' }
		});

		const second = await api('/api/broadcasts', staff, 'POST', {
			text: '周末八折',
			customerIds: [zhang.id, li.id]
		});
		expect(second.body).toEqual({
			sent: [li.id],
			skipped: [{ customerId: zhang.id, reason: 'limit' }]
		});
		expect(texts(phone.doc)).toEqual(['海竿到新货了']);

		const dataDir = shop.dataDir;
		for (const c of clients.splice(0)) c.destroy();
		await shop.stop({ keepData: true });
		shop = await startServer({ dataDir });
		const afterRestart = await api('/api/broadcasts', shop.token('owner'), 'POST', {
			text: '还是周末八折',
			customerIds: [zhang.id, li.id]
		});
		expect(afterRestart.body.sent).toEqual([]);
		expect(afterRestart.body.skipped.map((s: { reason: string }) => s.reason)).toEqual([
			'limit',
			'limit'
		]);
		expect(texts(storedDoc(shop, threadDocName(li.id)))).toEqual(['周末八折']);
	});

	it('refuses an empty text or list', async () => {
		const [zhang] = await customers('张大爷');
		for (const body of [
			{ text: '', customerIds: [zhang.id] },
			{ text: '你好', customerIds: [] },
			{ text: '你好', customerIds: ['bad id'] }
		]) {
			expect((await api('/api/broadcasts', staff, 'POST', body)).status).toBe(400);
		}
	});
});
