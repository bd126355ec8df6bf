/**
 * A customer's thread over the real server with stock y-websocket providers: what the policy
 * refuses goes nowhere, and messages written offline on either side arrive once, in order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { markRead, postMessage, readThread } from '../../src/lib/crdt/thread.ts';
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

const THREAD = 'thread:c1';
const laoLi: Sender = { role: 'customer', id: 'c1' };
const wang: Sender = { role: 'staff', id: 'wang' };

let shop: TestShop;
const clients: TestClient[] = [];

beforeEach(async () => {
	shop = await startServer();
});
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	await shop.stop();
});

function client(token: string): TestClient {
	const c = connectClient(shop.wsUrl, THREAD, token);
	clients.push(c);
	return c;
}
const staffTablet = () => client(shop.token('staff', 'wang'));
const customerPhone = () => client(shop.token('customer', 'c1'));

let written = 0;
function say(doc: Y.Doc, from: Sender, text: string, at = Date.now()): Message {
	const message: Message = { id: `m${++written}`, from, at, kind: 'text', text };
	return postMessage(doc, message, from.role);
}
const idsIn = (doc: Y.Doc) => readThread(doc).messages.map((m) => m.id);
const stored = () => idsIn(storedDoc(shop, THREAD));

/** Staff and the customer, both synced, with one message from staff. */
async function conversation() {
	const staff = staffTablet();
	const customer = customerPhone();
	await waitFor(() => staff.provider.synced && customer.provider.synced, {
		message: 'both to sync'
	});
	const hello = say(staff.doc, wang, '您好，鱼竿已备好');
	await waitFor(() => idsIn(customer.doc).includes(hello.id), { message: 'the greeting' });
	return { staff, customer, hello };
}

describe('a refused customer update', () => {
	const refusals: [string, (doc: Y.Doc) => void][] = [
		['a message signed as staff', (doc) => say(doc, wang, '押金已退 300 元')],
		[
			'a message signed as another customer',
			(doc) => say(doc, { role: 'customer', id: 'c2' }, '我是老王')
		],
		['deleting the staff message', (doc) => doc.getArray('messages').delete(0, 1)],
		['a write to the portal', (doc) => doc.getMap('portal').set('rentals', [])],
		[
			'text over the limit',
			(doc) =>
				doc
					.getArray('messages')
					.push([
						{ id: 'long', from: laoLi, at: Date.now(), kind: 'text', text: '鱼'.repeat(2001) }
					])
		]
	];

	it.each(refusals)(
		'(%s) closes with 4403 and is neither applied nor relayed',
		async (_story, change) => {
			const { staff, customer, hello } = await conversation();
			change(customer.doc);
			expect(await customer.closed).toBe(4403);
			// Anything relayed before the refusal would reach staff ahead of the server's step 1.
			await roundTrip(staff);
			expect(idsIn(staff.doc)).toEqual([hello.id]);
			expect(staff.doc.getMap('portal').size).toBe(0);
			expect(stored()).toEqual([hello.id]);
			// A tablet that connects now gets the thread as it was.
			const later = staffTablet();
			await waitFor(() => later.provider.synced);
			expect(idsIn(later.doc)).toEqual([hello.id]);
		}
	);
});

describe('messages written offline', () => {
	it('reach staff once and in order when the customer reconnects', async () => {
		const { staff, customer, hello } = await conversation();
		customer.provider.disconnect();
		const start = Date.now() - 25 * 60_000;
		// Half an hour without signal on the boat: more messages than a minute's burst allows.
		const backlog = Array.from({ length: 25 }, (_, i) =>
			say(customer.doc, laoLi, `第 ${i + 1} 条：鱼咬钩了`, start + i * 60_000)
		);
		markRead(customer.doc, 'customer:c1', hello.id, 'customer');
		const meanwhile = say(staff.doc, wang, '有事随时联系');
		customer.provider.connect();
		const expected = [hello.id, meanwhile.id, ...backlog.map((m) => m.id)];
		await waitFor(() => idsIn(staff.doc).length === expected.length, { message: 'the backlog' });
		await roundTrip(customer);
		await roundTrip(staff);
		const staffSees = idsIn(staff.doc);
		expect(new Set(staffSees).size).toBe(staffSees.length); // once each
		expect([...staffSees].sort()).toEqual([...expected].sort());
		const backlogIds = new Set(backlog.map((m) => m.id));
		expect(staffSees.filter((id) => backlogIds.has(id))).toEqual([...backlogIds]); // in the order written
		expect(idsIn(customer.doc)).toEqual(idsIn(staff.doc));
		expect(stored()).toEqual(idsIn(staff.doc));
		expect(readThread(staff.doc).receipts).toEqual({ 'customer:c1': hello.id });
		expect(customer.provider.wsconnected).toBe(true);
	});

	it('reach the customer when a staff tablet that wrote offline reconnects', async () => {
		const { staff, customer, hello } = await conversation();
		staff.provider.disconnect();
		customer.provider.disconnect();
		const reply = say(staff.doc, wang, '周六早上 6 点来取');
		const photoNote = say(staff.doc, wang, '押金 200 元，现金或扫码');
		staff.provider.connect();
		await waitFor(() => stored().length === 3, { message: 'the tablet to upload its replies' });
		customer.provider.connect();
		await waitFor(() => idsIn(customer.doc).length === 3, { message: 'the replies' });
		await roundTrip(customer);
		expect(idsIn(customer.doc)).toEqual([hello.id, reply.id, photoNote.id]);
	});

	it('are accepted when the customer sends several in one tick', async () => {
		const { staff, customer } = await conversation();
		// Separate transactions: separate frames, judged before the first is applied.
		const burst = [say(customer.doc, laoLi, '在吗'), say(customer.doc, laoLi, '明天能租吗')];
		markRead(customer.doc, 'customer:c1', burst[0].id, 'customer');
		markRead(customer.doc, 'customer:c1', burst[1].id, 'customer');
		await waitFor(() => idsIn(staff.doc).length === 3, { message: 'the burst' });
		await roundTrip(customer);
		expect(customer.provider.wsconnected).toBe(true);
		expect(readThread(staff.doc).receipts['customer:c1']).toBe(burst[1].id);
	});
});

describe('presence on a customer thread', () => {
	it('tells the customer that the shop is typing, not who is or what they are viewing', async () => {
		const { staff, customer } = await conversation();
		staff.provider.awareness.setLocalState({
			user: { id: 'wang', name: '老王' },
			viewing: 'rental:r1',
			typing: true
		});
		const staffId = staff.doc.clientID;
		await waitFor(() => customer.provider.awareness.getStates().get(staffId)?.typing === true, {
			message: 'typing to reach the customer'
		});
		expect(customer.provider.awareness.getStates().get(staffId)).toEqual({
			typing: true,
			user: { role: 'staff' }
		});
		// Staff still see each other in full.
		const other = staffTablet();
		await waitFor(
			() => other.provider.awareness.getStates().get(staffId)?.viewing === 'rental:r1',
			{
				message: 'full presence to another tablet'
			}
		);
		expect(other.provider.awareness.getStates().get(staffId)?.user).toEqual({
			id: 'wang',
			name: '老王'
		});
	});
});
