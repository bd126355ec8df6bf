/**
 * What the server derives, with the real server and real providers: the staff inbox from the
 * thread and notes docs, each customer's portal from the ledger, and both again after a restart
 * that finds stored changes nobody derived yet.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { INBOX_DOC, readInboxRowOf } from '../../src/lib/crdt/inbox.ts';
import {
	addCustomer,
	checkOut,
	LEDGER_DOC,
	returnUnits,
	updateCustomer
} from '../../src/lib/crdt/ledger.ts';
import {
	assignThread,
	changeLabels,
	notesDocName,
	setThreadStatus
} from '../../src/lib/crdt/notes.ts';
import { staffOrigin } from '../../src/lib/crdt/origin.ts';
import { SETTINGS_DOC, writeShopProfile } from '../../src/lib/crdt/settings.ts';
import { markRead, postMessage, readThread, threadDocName } from '../../src/lib/crdt/thread.ts';
import type { InboxRow } from '../../src/lib/domain/inbox.ts';
import type { UnitId, ModelId } from '../../src/lib/domain/inventory.ts';
import type { Message, Sender } from '../../src/lib/domain/thread.ts';
import { openSqliteStore } from '../../server/storage/sqlite-store.ts';
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
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	await shop.stop();
});

const wang = { origin: staffOrigin('acc-wang', '老王'), device: 'tablet-a' };
const shopProfile = {
	name: '东湖渔具',
	phone: '138-0000-0000',
	address: '东湖路 8 号',
	hours: '6:00–19:00'
};

async function open(docName: string, token: string): Promise<TestClient> {
	const c = connectClient(shop.wsUrl, docName, token);
	clients.push(c);
	await waitFor(() => c.provider.synced, { message: `${docName} to sync` });
	return c;
}

function say(doc: Y.Doc, from: Sender, text: string, at = Date.now()): Message {
	const message: Message = { id: crypto.randomUUID(), from, at, kind: 'text', text };
	return postMessage(doc, message, from);
}

/** A customer in the ledger, with a link; returns their id and link token. */
async function customer(ledger: TestClient, name: string) {
	const id = addCustomer(ledger.doc, wang, { name, phone: '13800000000', tags: [], note: '' });
	await roundTrip(ledger);
	const res = await fetch(`${shop.httpUrl}/api/customers/${id}/link`, {
		method: 'POST',
		headers: { authorization: `Bearer ${shop.token('staff', 'acc-wang')}` }
	});
	expect(res.status).toBe(201);
	const { token } = (await res.json()) as { token: string };
	return { id, token, me: { role: 'customer', id } as Sender };
}

function rowOf(inbox: TestClient, threadId: string): InboxRow | null {
	return readInboxRowOf(inbox.doc, threadId);
}

/** Waits until the row matches, and says what it was if it never does. */
async function rowMatches(inbox: TestClient, threadId: string, expected: Partial<InboxRow>) {
	await waitFor(
		() => {
			const row = rowOf(inbox, threadId);
			expect(row).toMatchObject(expected);
			return true;
		},
		{ message: `the inbox row of ${threadId} to match ${JSON.stringify(expected)}` }
	);
}

const rod = {
	unitId: 'u-12' as UnitId,
	modelId: 'm-sea' as ModelId,
	code: 'R-0012',
	modelName: '3.6 m 海竿',
	card: { daily: 3000, weekend: 4000, hourlyLate: 500, deposit: 30_000 },
	replacementValue: 80_000
};
const calendar = { timeZone: 'Asia/Shanghai', holidays: [], graceMinutes: 60 };

describe('the inbox', () => {
	it('follows messages, receipts and notes from staff and the customer', async () => {
		shop = await startServer();
		const staff = shop.token('staff', 'acc-wang');
		const ledger = await open(LEDGER_DOC, staff);
		const { id, token, me } = await customer(ledger, '张大爷');
		const inbox = await open(INBOX_DOC, staff);

		const phone = await open(threadDocName(id), token);
		const question = say(phone.doc, me, '明天有 3.6 米海竿吗？');
		await rowMatches(inbox, id, {
			threadId: id,
			title: '张大爷',
			lastMessage: {
				kind: 'text',
				text: '明天有 3.6 米海竿吗？',
				from: 'customer',
				at: question.at
			},
			unread: 1,
			waiting: true,
			status: 'open',
			labels: []
		});

		const tablet = await open(threadDocName(id), staff);
		await waitFor(() => readThread(tablet.doc).messages.length === 1);
		markRead(tablet.doc, 'staff:acc-wang', question.id, wang.origin);
		await rowMatches(inbox, id, { unread: 0, waiting: true });
		say(tablet.doc, { role: 'staff', id: 'acc-wang' }, '有的，给您留一根');
		await rowMatches(inbox, id, {
			unread: 0,
			waiting: false,
			lastMessage: expect.objectContaining({ from: 'staff' })
		});

		const notes = await open(notesDocName(id), staff);
		const resolvedAt = Date.now();
		notes.doc.transact(() => {
			setThreadStatus(notes.doc, 'resolved', wang.origin, resolvedAt);
			assignThread(notes.doc, 'acc-wang', wang.origin);
			changeLabels(notes.doc, { add: ['海钓', '老客户'] }, wang.origin);
		}, wang.origin);
		await rowMatches(inbox, id, {
			status: 'resolved',
			assignee: 'acc-wang',
			labels: ['海钓', '老客户'].sort()
		});

		// A question after "resolved" reopens the thread.
		say(phone.doc, me, '几点开门？', resolvedAt + 1000);
		await rowMatches(inbox, id, { status: 'open', unread: 1, waiting: true, assignee: 'acc-wang' });

		updateCustomer(ledger.doc, wang, id, { name: '张建国' });
		await rowMatches(inbox, id, { title: '张建国' });
		// Tablets only read the inbox: the server wrote every row.
		expect(inbox.doc.store.clients.size).toBe(1);
	});
});

describe('the portal', () => {
	it('shows the customer their open rental from a check-out, and follows its return', async () => {
		shop = await startServer();
		const staff = shop.token('staff', 'acc-wang');
		const settings = await open(SETTINGS_DOC, shop.token('owner', 'acc-li'));
		writeShopProfile(settings.doc, shopProfile, wang.origin);
		const ledger = await open(LEDGER_DOC, staff);
		const { id, token } = await customer(ledger, '王师傅');
		const phone = await open(threadDocName(id), token);
		await waitFor(() => readThread(phone.doc).portal?.shop.name === '东湖渔具', {
			message: 'the new link’s thread to get the shop in its portal'
		});
		expect(readThread(phone.doc).portal?.rentals).toEqual([]);

		const outAt = Date.now();
		const rentalId = checkOut(
			ledger.doc,
			wang,
			{
				customerId: id,
				units: [rod],
				calendar,
				dueAt: outAt + 48 * 3600_000,
				deposit: 30_000,
				depositMethod: 'cash'
			},
			outAt
		);
		await waitFor(() => readThread(phone.doc).portal?.rentals.length === 1, {
			message: 'the check-out to reach the customer’s portal'
		});
		expect(readThread(phone.doc).portal).toMatchObject({
			shop: shopProfile,
			rentals: [
				{
					rentalId,
					units: [{ code: 'R-0012', modelName: '3.6 m 海竿' }],
					outAt,
					dueAt: outAt + 48 * 3600_000,
					rentSoFar: expect.any(Number),
					depositHeld: 30_000,
					paid: 0,
					status: 'out'
				}
			]
		});
		expect(readThread(phone.doc).portal!.rentals[0].rentSoFar).toBeGreaterThanOrEqual(3000);

		returnUnits(ledger.doc, wang, rentalId, [{ unitId: rod.unitId }], outAt + 1000);
		await waitFor(() => readThread(phone.doc).portal?.rentals[0]?.status === 'returned');
		writeShopProfile(settings.doc, { hours: '5:30–20:00' }, wang.origin);
		await waitFor(() => readThread(phone.doc).portal?.shop.hours === '5:30–20:00');
	});

	it('neither loads nor rewrites a thread whose portal a ledger change leaves alone', async () => {
		shop = await startServer();
		const staff = shop.token('staff', 'acc-wang');
		const ledger = await open(LEDGER_DOC, staff);
		const { id, token } = await customer(ledger, '李阿姨');
		const phone = await open(threadDocName(id), token);
		await waitFor(() => readThread(phone.doc).portal !== null);
		await shop.server.derived.idle();
		phone.destroy();
		const thread = threadDocName(id);
		await waitFor(() => !shop.server.registry.isLoaded(thread), {
			message: 'the thread to unload'
		});
		const rows = shop.server.store.loadDoc(thread).rows;

		// Ledger changes that are not this customer's: compared with what was last written.
		for (const name of ['路人甲', '路人乙']) {
			addCustomer(ledger.doc, wang, { name, phone: '', tags: [], note: '' });
			await roundTrip(ledger);
		}
		await shop.server.derived.idle();
		expect(shop.server.registry.isLoaded(thread)).toBe(false);
		expect(shop.server.store.loadDoc(thread).rows).toBe(rows);
	});
});

describe('after a restart', () => {
	it('rebuilds inbox rows and portals from changes stored but never derived', async () => {
		shop = await startServer();
		const staff = shop.token('staff', 'acc-wang');
		const ledger = await open(LEDGER_DOC, staff);
		const { id, token, me } = await customer(ledger, '赵先生');
		const phone = await open(threadDocName(id), token);
		say(phone.doc, me, '在吗？');
		const inbox = await open(INBOX_DOC, staff);
		await rowMatches(inbox, id, { unread: 1 });
		await shop.server.derived.idle();
		const dataDir = shop.dataDir;
		for (const c of clients.splice(0)) c.destroy();
		await shop.stop({ keepData: true });

		// While the server is down, updates reach the store that nothing derived (as when the
		// server dies between storing a message and writing its row).
		const store = openSqliteStore(path.join(dataDir, 'yuzu.sqlite'));
		const thread = docFrom(store.loadDoc(threadDocName(id)).updates);
		const book = docFrom(store.loadDoc(LEDGER_DOC).updates);
		const outAt = Date.now();
		store.appendUpdates([
			{ doc: threadDocName(id), update: change(thread, () => say(thread, me, '我下午到', outAt)) },
			{
				doc: LEDGER_DOC,
				update: change(book, () =>
					checkOut(
						book,
						wang,
						{
							customerId: id,
							units: [rod],
							calendar,
							dueAt: outAt + 3600_000,
							deposit: 0,
							depositMethod: 'cash'
						},
						outAt
					)
				)
			}
		]);
		store.close();

		shop = await startServer({ dataDir });
		await waitFor(
			async () => {
				await shop.server.derived.idle();
				const row = readInboxRowOf(storedDoc(shop, INBOX_DOC), id);
				const portal = readThread(storedDoc(shop, threadDocName(id))).portal;
				return (
					row?.unread === 2 && row.lastMessage?.text === '我下午到' && portal?.rentals.length === 1
				);
			},
			{ message: 'the restarted server to derive what it found stored' }
		);
	});
});

function docFrom(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates));
	return doc;
}

/** The update a change to `doc` makes. */
function change(doc: Y.Doc, fn: () => void): Uint8Array {
	const before = Y.encodeStateVector(doc);
	fn();
	return Y.encodeStateAsUpdate(doc, before);
}
