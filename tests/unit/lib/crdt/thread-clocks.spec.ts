import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { messageClocks } from '../../../../src/lib/crdt/thread-clocks.ts';
import { postMessage, readThread } from '../../../../src/lib/crdt/thread.ts';
import { pendingMessageIds } from '../../../../src/lib/domain/customer-chat.ts';
import type { Message } from '../../../../src/lib/domain/thread.ts';

const AT = 1_750_000_000_000;
const me = { role: 'customer', id: 'c-88' } as const;
const say = (id: string, from: Message['from'] = me): Message => ({
	id,
	from,
	at: AT,
	kind: 'text',
	text: `消息 ${id}`
});
const sync = (from: Y.Doc, to: Y.Doc) =>
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
const stateVector = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));

describe('messageClocks', () => {
	it('places each message, including several merged into one struct', () => {
		const phone = new Y.Doc();
		phone.clientID = 7;
		for (const id of ['m1', 'm2', 'm3']) postMessage(phone, say(id), 'test');
		expect([...messageClocks(phone)]).toEqual([
			['m1', { client: 7, clock: 0 }],
			['m2', { client: 7, clock: 1 }],
			['m3', { client: 7, clock: 2 }]
		]);
	});

	it('says which messages the server holds once its state vector covers them', () => {
		const server = new Y.Doc();
		const phone = new Y.Doc();
		const tablet = new Y.Doc();
		postMessage(phone, say('m1'), 'test');
		sync(phone, server);
		postMessage(tablet, say('s1', { role: 'staff', id: 'wang' }), 'test');
		sync(tablet, server);
		sync(server, phone);
		// Offline: two more, not on the server yet.
		postMessage(phone, say('m2'), 'test');
		postMessage(phone, say('m3'), 'test');
		const pending = () =>
			pendingMessageIds(
				'customer:c-88',
				readThread(phone).messages,
				messageClocks(phone),
				stateVector(server)
			);
		expect(pending()).toEqual(['m2', 'm3']);
		sync(phone, server);
		expect(pending()).toEqual([]);
	});

	it('skips rows that are not messages and keeps the first of a repeated id', () => {
		const doc = new Y.Doc();
		doc.getArray('messages').push([42, { id: 'm1' }, { id: 'm1' }, null]);
		expect([...messageClocks(doc).keys()]).toEqual(['m1']);
		expect(messageClocks(doc).get('m1')?.clock).toBe(1);
	});
});
