import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	markRead,
	observeThread,
	postMessage,
	readThread,
	threadKeys,
	writePortal,
	type Thread
} from '../../../../src/lib/crdt/thread.ts';
import type { Message, Portal } from '../../../../src/lib/domain/thread.ts';

const AT = 1_750_000_000_000;
const origin = { kind: 'customer' };
const hello: Message = {
	id: 'm1',
	from: { role: 'customer', id: 'c-88' },
	at: AT,
	kind: 'text',
	text: '周六有3.6米海竿吗？'
};
const portal: Portal = {
	shop: { name: '东湖渔具', phone: '138-0000-0000', address: '东湖路 8 号', hours: '6:00–19:00' },
	rentals: [],
	updatedAt: AT
};

function updatesDuring(doc: Y.Doc, change: () => void): number {
	let count = 0;
	const count1 = () => (count += 1);
	doc.on('update', count1);
	change();
	doc.off('update', count1);
	return count;
}

describe('the thread doc', () => {
	it('appends a message as one plain object in one transaction with the origin', () => {
		const doc = new Y.Doc();
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr) => origins.push(tr.origin));
		postMessage(doc, hello, origin);
		expect(origins).toEqual([origin]);
		expect(doc.getArray(threadKeys.messages).toJSON()).toEqual([hello]);
		expect(readThread(doc)).toEqual({ messages: [hello], receipts: {}, portal: null });
	});

	it('refuses a malformed message before it reaches the doc', () => {
		const doc = new Y.Doc();
		expect(() => postMessage(doc, { ...hello, text: ' ' }, origin)).toThrow(RangeError);
		expect(doc.getArray(threadKeys.messages).length).toBe(0);
	});

	it('skips rows it cannot read, and receipts that name no message id', () => {
		const doc = new Y.Doc();
		doc.getArray(threadKeys.messages).push([{ junk: true }, hello]);
		doc.getMap(threadKeys.receipts).set('staff:wang', 42);
		doc.getMap(threadKeys.receipts).set('customer:c-88', 'm1');
		expect(readThread(doc)).toEqual({
			messages: [hello],
			receipts: { 'customer:c-88': 'm1' },
			portal: null
		});
	});

	it('moves a receipt only when it changes', () => {
		const doc = new Y.Doc();
		expect(updatesDuring(doc, () => markRead(doc, 'customer:c-88', 'm1', origin))).toBe(1);
		expect(updatesDuring(doc, () => markRead(doc, 'customer:c-88', 'm1', origin))).toBe(0);
		expect(readThread(doc).receipts).toEqual({ 'customer:c-88': 'm1' });
	});

	it('writes the portal only when what it shows changed', () => {
		const doc = new Y.Doc();
		expect(writePortal(doc, portal, origin)).toBe(true);
		expect(writePortal(doc, { ...portal, updatedAt: AT + 1 }, origin)).toBe(false);
		const moved = { ...portal, shop: { ...portal.shop, hours: '5:30–19:00' }, updatedAt: AT + 2 };
		expect(writePortal(doc, moved, origin)).toBe(true);
		expect(readThread(doc).portal).toEqual(moved);
	});

	it('tells an observer once per transaction, with the whole thread', () => {
		const doc = new Y.Doc();
		const seen: Thread[] = [];
		const stop = observeThread(doc, (thread) => seen.push(thread));
		postMessage(doc, hello, origin);
		markRead(doc, 'staff:wang', 'm1', origin);
		doc.getMap('elsewhere').set('x', 1);
		stop();
		postMessage(doc, { ...hello, id: 'm2' }, origin);
		expect(seen.map((t) => [t.messages.length, Object.keys(t.receipts).length])).toEqual([
			[1, 0],
			[1, 1]
		]);
	});

	it('merges two offline replicas: both messages, each once', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		postMessage(a, hello, origin);
		postMessage(b, { ...hello, id: 'm2', from: { role: 'staff', id: 'wang' } }, origin);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(readThread(a)).toEqual(readThread(b));
		expect(
			readThread(a)
				.messages.map((m) => m.id)
				.sort()
		).toEqual(['m1', 'm2']);
	});
});
