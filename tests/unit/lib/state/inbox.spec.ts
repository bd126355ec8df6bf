// Runes for `tsc -p server/tsconfig.json`, which checks every test but knows only Node types.
/// <reference types="svelte" />
/**
 * The Inbox and ThreadSession state classes over real local docs (Dexie on fake-indexeddb),
 * offline: the list and its counts from the inbox doc, a thread opened on demand, replies and
 * receipts in the thread doc, everything private in the notes doc, a quick reply's image saved
 * again for the thread, and search over what was loaded.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeInboxRow } from '../../../../src/lib/crdt/inbox.ts';
import { readNotes, readThreadMeta } from '../../../../src/lib/crdt/notes.ts';
import { addQuickReply } from '../../../../src/lib/crdt/settings.ts';
import { staffOrigin } from '../../../../src/lib/crdt/origin.ts';
import { postMessage, readThread } from '../../../../src/lib/crdt/thread.ts';
import type { InboxRow } from '../../../../src/lib/domain/inbox.ts';
import { createDb, type YuzuDb } from '../../../../src/lib/local/db.ts';
import { LocalDocs } from '../../../../src/lib/local/docs.ts';
import { Attachments } from '../../../../src/lib/state/attachments.svelte.ts';
import { Inbox } from '../../../../src/lib/state/inbox.svelte.ts';
import { QuickReplies } from '../../../../src/lib/state/quick-replies.svelte.ts';
import { waitFor } from '../../../helpers/wait.ts';

const owner = { id: 'acc-wang', name: '老王', role: 'owner' as const };
const customer = { role: 'customer' as const, id: 'c-zhou' };
let db: YuzuDb;
let docs: LocalDocs;
let attachments: Attachments;
let inbox: Inbox;
let counter = 0;

function row(threadId: string, patch: Partial<InboxRow> = {}): InboxRow {
	return {
		threadId,
		title: '老周',
		lastMessage: { kind: 'text', text: '你好', from: 'customer', at: 1000 },
		unread: 1,
		waiting: true,
		status: 'open',
		labels: [],
		updatedAt: 1000,
		...patch
	};
}

/** What another replica (the customer's phone) writes, merged into a local doc. */
function fromPhone(doc: Y.Doc, text: string) {
	const phone = new Y.Doc();
	Y.applyUpdate(phone, Y.encodeStateAsUpdate(doc));
	const message = postMessage(
		phone,
		{ id: crypto.randomUUID(), from: customer, at: Date.now(), kind: 'text', text },
		'phone'
	);
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(phone, Y.encodeStateVector(doc)), 'remote');
	return message;
}

beforeEach(async () => {
	db = createDb(`yuzu-inbox-state-${++counter}`);
	docs = new LocalDocs(db, () => {});
	attachments = new Attachments({
		db,
		token: () => null,
		connectivity: { isOnline: () => false, events: new EventTarget() },
		onStorageError: () => {},
		onUnauthorized: () => {}
	});
	const handle = await docs.open('inbox');
	writeInboxRow(handle.doc, row('c-zhou'), 'server');
	writeInboxRow(
		handle.doc,
		row('c-li', { title: '李大姐', unread: 0, waiting: false, assignee: owner.id }),
		'server'
	);
	inbox = new Inbox(handle, {
		open: (name) => docs.open(name),
		awarenessOf: () => null,
		attachments,
		account: () => owner,
		alerts: false
	});
});

afterEach(async () => {
	inbox.destroy();
	attachments.destroy();
	await db.delete();
});

describe('Inbox (state)', () => {
	it('lists the rows with their counts and tabs', () => {
		expect(inbox.rows.map((r) => r.threadId).sort()).toEqual(['c-li', 'c-zhou']);
		expect(inbox.counts).toEqual({ unread: 1, waiting: 1, mine: 0 });
		expect(inbox.tab('mine').map((r) => r.threadId)).toEqual(['c-li']);
		expect(inbox.tab('waiting').map((r) => r.threadId)).toEqual(['c-zhou']);
	});

	it('replies, marks read while someone looks, and keeps notes out of the thread doc', async () => {
		const session = await inbox.openThread('c-zhou');
		const thread = await docs.open('thread:c-zhou');
		const question = fromPhone(thread.doc, '3.6米海竿明天有吗');
		await waitFor(() => session.items.length === 1);

		session.setViewing(true);
		expect(readThread(thread.doc).receipts['staff:acc-wang']).toBe(question.id);
		await session.sendText('  有的，明早来取  ');
		const later = fromPhone(thread.doc, '好的');
		await waitFor(() => readThread(thread.doc).receipts['staff:acc-wang'] === later.id);
		expect(readThread(thread.doc).messages.map((m) => [m.from.role, m.kind])).toEqual([
			['customer', 'text'],
			['staff', 'text'],
			['customer', 'text']
		]);
		expect(session.items[1].text).toBe('有的，明早来取');

		// The customer read up to the reply: 已读 on it.
		expect(session.readByCustomer(session.items[1].id)).toBe(true);

		await session.setStatus('resolved');
		await session.assign(owner.id);
		await session.changeLabels({ add: ['海钓'] });
		expect(await session.addNote('押金可以少收')).toBe(true);
		const notes = await docs.open('notes:c-zhou');
		expect(readThreadMeta(notes.doc)).toMatchObject({
			status: 'resolved',
			assignee: owner.id,
			labels: ['海钓']
		});
		expect(readNotes(notes.doc).map((n) => n.text)).toEqual(['押金可以少收']);
		expect(JSON.stringify(thread.doc.toJSON())).not.toContain('押金可以少收');
		expect(JSON.stringify(thread.doc.toJSON())).not.toContain('海钓');

		// The customer writes after it was resolved: the session shows it open again.
		expect(session.status).toBe('resolved');
		fromPhone(thread.doc, '还有一个问题');
		await waitFor(() => session.status === 'open');

		thread.release();
		notes.release();
		session.release();
	});

	it('sends a quick reply as its text and then its image, saved again for the thread', async () => {
		const image = new Blob([randomBytes(2_000)], { type: 'image/jpeg' });
		const hash = await attachments.save(image, 'settings');
		const settings = await docs.open('settings');
		const replies = new QuickReplies(settings, () => owner);
		addQuickReply(settings.doc, { text: '价目表', image: hash }, staffOrigin(owner.id, owner.name));
		await waitFor(() => replies.list.length === 1);

		const session = await inbox.openThread('c-zhou');
		await session.sendQuickReply(replies.list[0]);
		const messages = session.messages;
		expect(messages.map((m) => m.kind)).toEqual(['text', 'image']);
		expect(messages[1]).toMatchObject({ kind: 'image', blob: hash, mime: 'image/jpeg' });
		const stored = await db.attachments.get(hash);
		expect(stored?.scopes).toEqual(['settings', 'thread:c-zhou']);
		replies.destroy();
		settings.release();
		session.release();
	});

	it('searches the messages of threads it has loaded, in pinyin too', async () => {
		expect(inbox.search('haigan')).toEqual([]);
		const session = await inbox.openThread('c-zhou');
		const thread = await docs.open('thread:c-zhou');
		fromPhone(thread.doc, '3.6米海竿明天有吗');
		await waitFor(() => inbox.search('haigan').length === 1);
		// Still found after the thread is closed.
		thread.release();
		session.release();
		const [hit] = inbox.search('hg');
		expect(hit.row.threadId).toBe('c-zhou');
		expect(hit.messages.map((m) => m.text)).toEqual(['3.6米海竿明天有吗']);
	});
});
