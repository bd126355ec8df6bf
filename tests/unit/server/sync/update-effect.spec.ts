import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MalformedMessage } from '../../../../server/sync/protocol.ts';
import {
	addsNothing,
	decodeUpdate,
	deletesLiveContent,
	hasGaps,
	isEmptyUpdate,
	knownStateOf,
	updateEnds,
	writerIds
} from '../../../../server/sync/update-effect.ts';
import {
	decoded,
	docWithClient,
	message,
	step2For,
	syncInto,
	updateOf,
	updatesOf
} from './fixtures.ts';

const TABLET = 1;
const CUSTOMER = 500;
const OTHER_TABLET = 2;

/**
 * The server's copy of a customer's thread: two staff messages, a receipt
 * that staff overwrote (a Y.Map key set twice deletes the old value) and a
 * retracted draft, so the doc carries deletions made long ago.
 */
function threadOnServer(): Y.Doc {
	const server = docWithClient(TABLET);
	const messages = server.getArray<unknown>('messages');
	const receipts = server.getMap<string>('receipts');
	server.transact(() => {
		messages.push([message('s1', 'staff', 'wang', '您好，渔竿今天到店了')]);
		messages.push([message('s2', 'staff', 'wang', '明早八点开门')]);
	});
	receipts.set('wang', 's1');
	receipts.set('wang', 's2');
	server.getText('draft').insert(0, '草稿');
	server.getText('draft').delete(0, 2);
	return server;
}

/** A customer's phone that has synced the thread. */
function customerOf(server: Y.Doc, clientID = CUSTOMER): Y.Doc {
	const phone = docWithClient(clientID);
	syncInto(server, phone);
	return phone;
}

function appendMessage(doc: Y.Doc, id: string, text: string) {
	return updateOf(doc, (d) => d.getArray('messages').push([message(id, 'customer', 'c-88', text)]));
}

describe('decodeUpdate', () => {
	const update = Y.encodeStateAsUpdate(threadOnServer());

	it('decodes a real update into structs and a delete set', () => {
		const result = decodeUpdate(update);
		expect(result.structs.length).toBeGreaterThan(0);
		expect(result.ds.clients.get(TABLET)?.length).toBeGreaterThan(0);
	});

	it.each([
		['no bytes', new Uint8Array()],
		['three 0xff bytes', Uint8Array.from([0xff, 0xff, 0xff])],
		['text', new TextEncoder().encode('你好')],
		['a frame instead of an update', Uint8Array.from([0, 2, 2, 0, 0])],
		['the first half of a real update', update.slice(0, Math.floor(update.length / 2))],
		['a real update missing its last byte', update.slice(0, update.length - 1)]
	])('throws MalformedMessage on %s', (_name, bytes) => {
		expect(() => decodeUpdate(bytes)).toThrow(MalformedMessage);
	});

	// Decided: trailing bytes are ignored, as Yjs ignores them when applying (see decodeUpdate).
	it('judges a real update followed by garbage as the update Yjs would apply', () => {
		const withTail = decodeUpdate(Uint8Array.from([...update, 7, 7, 7]));
		expect(withTail.structs.length).toBe(decodeUpdate(update).structs.length);
	});
});

describe('isEmptyUpdate', () => {
	const plain = docWithClient(9);
	plain.getArray('messages').push([message('s1', 'staff', 'wang', 'hi')]);
	const fresh = new Y.Doc();

	it.each([
		['a fresh client’s step 2', fresh, Y.encodeStateAsUpdate(fresh), true],
		[
			'the empty step 2 of a doc with no deletions',
			plain,
			Y.encodeStateAsUpdate(plain, Y.encodeStateVector(plain)),
			true
		],
		['an update with content', plain, Y.encodeStateAsUpdate(plain), false]
	])('%s → %s', (_name, _doc, update, empty) => {
		expect(isEmptyUpdate(decoded(update))).toBe(empty);
	});

	it('a step 2 that carries only a delete set is not empty', () => {
		const server = threadOnServer();
		const update = Y.encodeStateAsUpdate(server, Y.encodeStateVector(server));
		expect(decoded(update).structs).toHaveLength(0);
		expect(isEmptyUpdate(decoded(update))).toBe(false);
	});
});

describe('addsNothing and deletesLiveContent judge an update by its effect', () => {
	interface Story {
		story: string;
		/** Builds the update against a fresh server doc. */
		build: (server: Y.Doc) => Uint8Array;
		addsNothing: boolean;
		deletesLive: boolean;
	}

	const stories: Story[] = [
		{
			story: 'a tablet resends everything the server already has',
			build: (server) => Y.encodeStateAsUpdate(server),
			addsNothing: true,
			deletesLive: false
		},
		{
			story:
				'a reconnecting phone’s step 2 carries only deletions the server has (map key set twice)',
			build: (server) => step2For(customerOf(server), server),
			addsNothing: true,
			deletesLive: false
		},
		{
			story: 'a customer appends a message; the step 2 also carries the old deletions',
			build: (server) => {
				const phone = customerOf(server);
				appendMessage(phone, 'c1', '我想租一根海竿');
				return step2For(phone, server);
			},
			addsNothing: false,
			deletesLive: false
		},
		{
			story: 'a customer deletes a staff message',
			build: (server) => {
				const phone = customerOf(server);
				return updateOf(phone, (d) => d.getArray('messages').delete(0, 1));
			},
			addsNothing: false,
			deletesLive: true
		},
		{
			story: 'a customer overwrites staff’s receipt (deletes the live value)',
			build: (server) => {
				const phone = customerOf(server);
				return updateOf(phone, (d) => d.getMap('receipts').set('wang', 'forged'));
			},
			addsNothing: false,
			deletesLive: true
		},
		{
			story: 'a new deletion, sent as a step 2 with the old ones',
			build: (server) => {
				const phone = customerOf(server);
				phone.getArray('messages').delete(1, 1);
				return step2For(phone, server);
			},
			addsNothing: false,
			deletesLive: true
		},
		{
			story: 'a customer types and erases in one update (content born deleted)',
			build: (server) => {
				const phone = customerOf(server);
				return updateOf(phone, (d) => {
					d.getArray('messages').push([message('c1', 'customer', 'c-88', 'oops')]);
					d.getArray('messages').delete(2, 1);
				});
			},
			addsNothing: false,
			deletesLive: false
		},
		{
			story: 'a customer sets its own receipt twice before it reaches the server (born deleted)',
			build: (server) => {
				const phone = customerOf(server);
				const updates = updatesOf(phone, (d) => {
					d.getMap('receipts').set('c-88', 's1');
					d.getMap('receipts').set('c-88', 's2');
				});
				return Y.mergeUpdates(updates);
			},
			addsNothing: false,
			deletesLive: false
		},
		{
			story: 'a deletion of content the server has never seen (it would wait as a pending delete)',
			build: () => {
				const stranger = docWithClient(900);
				stranger.getText('draft').insert(0, 'abc');
				return updateOf(stranger, (d) => d.getText('draft').delete(0, 3));
			},
			addsNothing: false,
			deletesLive: true
		}
	];

	it.each(stories)('$story', ({ build, addsNothing: nothing, deletesLive }) => {
		const server = threadOnServer();
		const update = decoded(build(server));
		expect(addsNothing(server, update)).toBe(nothing);
		expect(deletesLiveContent(server, update)).toBe(deletesLive);
	});

	it('an update the server has is nothing; the same update is something to a server without it', () => {
		const server = threadOnServer();
		const phone = customerOf(server);
		const update = appendMessage(phone, 'c1', '几点开门？');
		expect(addsNothing(server, decoded(update))).toBe(false);
		Y.applyUpdate(server, update);
		expect(addsNothing(server, decoded(update))).toBe(true);
	});

	it('a deletion the server has already applied is no deletion', () => {
		const server = threadOnServer();
		const phone = customerOf(server);
		const deletion = updateOf(phone, (d) => d.getArray('messages').delete(0, 1));
		expect(deletesLiveContent(server, decoded(deletion))).toBe(true);
		Y.applyUpdate(server, deletion); // staff deleted it too, from another tablet
		expect(deletesLiveContent(server, decoded(deletion))).toBe(false);
		expect(addsNothing(server, decoded(deletion))).toBe(true);
	});
});

describe('hasGaps', () => {
	/** A tablet the server has never heard from, with three separate edits. */
	function tabletEdits() {
		const tablet = docWithClient(OTHER_TABLET);
		const text = tablet.getText('draft');
		const u1 = updateOf(tablet, () => text.insert(0, '鱼'));
		const u2 = updateOf(tablet, () => text.insert(1, '竿'));
		const u3 = updateOf(tablet, () => text.insert(2, '架'));
		return { tablet, u1, u2, u3 };
	}

	interface GapStory {
		story: string;
		build: () => { server: Y.Doc; update: Uint8Array; ahead?: Map<number, number> };
		gaps: boolean;
	}

	const stories: GapStory[] = [
		{
			story: 'the first update from a new client',
			build: () => ({ server: threadOnServer(), update: tabletEdits().u1 }),
			gaps: false
		},
		{
			story: 'the next update, contiguous with what the server has',
			build: () => {
				const server = threadOnServer();
				const { u1, u2 } = tabletEdits();
				Y.applyUpdate(server, u1);
				return { server, update: u2 };
			},
			gaps: false
		},
		{
			story: 'an update the server already has (overlap)',
			build: () => {
				const server = threadOnServer();
				const { u1, u2 } = tabletEdits();
				Y.applyUpdate(server, Y.mergeUpdates([u1, u2]));
				return { server, update: u2 };
			},
			gaps: false
		},
		{
			story: 'an update that starts past the known clock',
			build: () => ({ server: threadOnServer(), update: tabletEdits().u2 }),
			gaps: true
		},
		{
			story: 'a merge of non-contiguous updates (holds a Skip)',
			build: () => {
				const { u1, u3 } = tabletEdits();
				return { server: threadOnServer(), update: Y.mergeUpdates([u1, u3]) };
			},
			gaps: true
		},
		{
			story: 'an insert whose origin is an item the server lacks',
			build: () => {
				const server = threadOnServer();
				const { tablet } = tabletEdits(); // never sent to the server
				const phone = customerOf(server);
				syncInto(tablet, phone);
				return { server, update: updateOf(phone, (d) => d.getText('draft').insert(3, '!')) };
			},
			gaps: true
		},
		{
			story: 'an insert whose right origin is an item the server lacks',
			build: () => {
				const server = threadOnServer();
				const { tablet } = tabletEdits();
				const phone = customerOf(server);
				syncInto(tablet, phone);
				return { server, update: updateOf(phone, (d) => d.getText('draft').insert(0, '>')) };
			},
			gaps: true
		},
		{
			story: 'a push into a nested type the server lacks (unknown parent)',
			build: () => {
				const server = threadOnServer();
				const tablet = docWithClient(OTHER_TABLET);
				tablet.getMap('portal').set('rentals', new Y.Array());
				const phone = customerOf(server);
				syncInto(tablet, phone);
				const nested = phone.getMap('portal').get('rentals') as Y.Array<string>;
				return { server, update: updateOf(phone, () => nested.push(['R-0012'])) };
			},
			gaps: true
		},
		{
			story: 'an insert after a server item, within the same update as its own origin',
			build: () => {
				const server = threadOnServer();
				const phone = customerOf(server);
				return {
					server,
					update: updateOf(phone, (d) => {
						d.getArray('messages').push([message('c1', 'customer', 'c-88', '一')]);
						d.getArray('messages').push([message('c2', 'customer', 'c-88', '二')]);
					})
				};
			},
			gaps: false
		},
		{
			story: 'the next update while the one before it is queued, not yet applied',
			build: () => {
				const { u1, u2 } = tabletEdits();
				const ahead = new Map(updateEnds(decoded(u1)));
				return { server: threadOnServer(), update: u2, ahead };
			},
			gaps: false
		}
	];

	it.each(stories)('$story → $gaps', ({ build, gaps }) => {
		const { server, update, ahead } = build();
		expect(hasGaps(decoded(update), knownStateOf(server, ahead))).toBe(gaps);
	});

	it('knownStateOf takes the larger of the doc’s clock and the queued one', () => {
		const server = threadOnServer();
		const serverClock = Y.getState(server.store, TABLET);
		const known = knownStateOf(
			server,
			new Map([
				[OTHER_TABLET, 7],
				[TABLET, 1]
			])
		);
		expect(known(TABLET)).toBe(serverClock);
		expect(known(OTHER_TABLET)).toBe(7);
		expect(known(12345)).toBe(0);
		expect(knownStateOf(server)(OTHER_TABLET)).toBe(0);
	});
});

describe('writerIds', () => {
	it.each([
		[
			'one client’s update',
			() => appendMessage(customerOf(threadOnServer()), 'c1', 'hi'),
			[CUSTOMER]
		],
		[
			'two clients merged',
			() => {
				const server = threadOnServer();
				const a = appendMessage(customerOf(server), 'c1', 'a');
				const b = appendMessage(customerOf(server, 501), 'c2', 'b');
				return Y.mergeUpdates([a, b]);
			},
			[CUSTOMER, 501]
		],
		[
			'a deletion only',
			() => updateOf(customerOf(threadOnServer()), (d) => d.getArray('messages').delete(0, 1)),
			[]
		],
		[
			'a merge with a gap (the Skip names no writer of its own)',
			() => {
				const tablet = docWithClient(OTHER_TABLET);
				const text = tablet.getText('draft');
				const u1 = updateOf(tablet, () => text.insert(0, 'a'));
				updateOf(tablet, () => text.insert(1, 'b'));
				const u3 = updateOf(tablet, () => text.insert(2, 'c'));
				return Y.mergeUpdates([u1, u3]);
			},
			[OTHER_TABLET]
		]
	])('%s → %j', (_name, build, ids) => {
		expect([...writerIds(decoded(build()))].sort((x, y) => x - y)).toEqual(ids);
	});

	it('a merged update with a gap holds a Skip struct (what the row above relies on)', () => {
		const tablet = docWithClient(OTHER_TABLET);
		const text = tablet.getText('draft');
		const u1 = updateOf(tablet, () => text.insert(0, 'a'));
		updateOf(tablet, () => text.insert(1, 'b'));
		const u3 = updateOf(tablet, () => text.insert(2, 'c'));
		expect(decoded(Y.mergeUpdates([u1, u3])).structs.some((s) => s instanceof Y.Skip)).toBe(true);
	});
});
