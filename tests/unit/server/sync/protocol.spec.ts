import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
	decodeAwarenessUpdate,
	decodeClientMessage,
	encodeAwareness,
	encodeAwarenessUpdate,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	MalformedMessage,
	MessageType,
	type AwarenessEntry,
	type ClientMessage
} from '../../../../server/sync/protocol.ts';
import { docWithClient, updateOf } from './fixtures.ts';

/** A frame built the way y-websocket builds it: message type, then the y-protocols payload. */
function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

function bytes(...values: number[]): Uint8Array {
	return Uint8Array.from(values);
}

/** A shop doc with something in it: a rod model on the shelf. */
function shopDoc(): Y.Doc {
	const doc = docWithClient(101);
	doc.getMap('models').set('m1', { name: '3.6 m 海竿', dayFen: 3000 });
	return doc;
}

const awarenesses: awarenessProtocol.Awareness[] = [];
afterEach(() => {
	// Each Awareness runs an interval until destroyed.
	for (const a of awarenesses.splice(0)) a.destroy();
});

function awarenessOf(
	doc: Y.Doc,
	state: Record<string, unknown> | null
): awarenessProtocol.Awareness {
	const awareness = new awarenessProtocol.Awareness(doc);
	awarenesses.push(awareness);
	awareness.setLocalState(state);
	return awareness;
}

describe('decodeClientMessage reads what y-protocols writes', () => {
	const doc = shopDoc();
	const stateVector = Y.encodeStateVector(doc);
	const peer = docWithClient(202);
	const peerVector = Y.encodeStateVector(peer);
	const update = updateOf(docWithClient(103), (d) =>
		d.getArray('events').push([{ kind: 'checkedOut' }])
	);

	const rows: [string, Uint8Array, ClientMessage][] = [
		[
			'sync step 1',
			frame((e) => {
				encoding.writeVarUint(e, MessageType.sync);
				syncProtocol.writeSyncStep1(e, doc);
			}),
			{ kind: 'step1', stateVector }
		],
		[
			'sync step 2',
			frame((e) => {
				encoding.writeVarUint(e, MessageType.sync);
				syncProtocol.writeSyncStep2(e, doc, peerVector);
			}),
			{ kind: 'update', update: Y.encodeStateAsUpdate(doc, peerVector), step2: true }
		],
		[
			'sync update',
			frame((e) => {
				encoding.writeVarUint(e, MessageType.sync);
				syncProtocol.writeUpdate(e, update);
			}),
			{ kind: 'update', update, step2: false }
		],
		['query awareness', bytes(MessageType.queryAwareness), { kind: 'queryAwareness' }],
		[
			'auth (permission denied), ignored',
			frame((e) => {
				encoding.writeVarUint(e, MessageType.auth);
				authProtocol.writePermissionDenied(e, 'no');
			}),
			{ kind: 'auth' }
		]
	];

	it.each(rows)('%s', (_name, input, expected) => {
		expect(decodeClientMessage(input)).toEqual(expected);
	});

	it('an awareness frame, with the entry of a real Awareness', () => {
		const awareness = awarenessOf(peer, { user: { name: '老王' }, typing: true });
		awareness.setLocalStateField('typing', false); // clock 2
		const input = frame((e) => {
			encoding.writeVarUint(e, MessageType.awareness);
			encoding.writeVarUint8Array(
				e,
				awarenessProtocol.encodeAwarenessUpdate(awareness, [peer.clientID])
			);
		});
		const message = decodeClientMessage(input);
		expect(message.kind).toBe('awareness');
		if (message.kind !== 'awareness') return;
		const entries = decodeAwarenessUpdate(message.update);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ clientId: 202, clock: 2 });
		expect(JSON.parse(entries[0].state)).toEqual({ user: { name: '老王' }, typing: false });
	});

	it('an awareness removal from a real Awareness has state "null"', () => {
		const awareness = awarenessOf(peer, { user: { name: '老王' } });
		awareness.setLocalState(null);
		const entries = decodeAwarenessUpdate(
			awarenessProtocol.encodeAwarenessUpdate(awareness, [peer.clientID])
		);
		expect(entries).toEqual([{ clientId: 202, clock: 2, state: 'null' }]);
	});
});

describe('decodeClientMessage refuses what is not the protocol', () => {
	const valid = encodeSyncStep1(Y.encodeStateVector(shopDoc()));
	/** Seven 0xff bytes then 0x7f: a varuint lib0 returns, but past Number.MAX_SAFE_INTEGER. */
	const unsafeNumber = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f];

	const rows: [string, Uint8Array][] = [
		['an empty frame', bytes()],
		['an unknown message type', bytes(4)],
		['a message type far past the known ones', bytes(0x7f)],
		['a sync message with no sub-type', bytes(MessageType.sync)],
		['an unknown sync sub-type', bytes(MessageType.sync, 3, 0)],
		['a sync update with no length', bytes(MessageType.sync, 2)],
		['an update whose length runs past the end', bytes(MessageType.sync, 2, 5, 1, 2)],
		['a step 1 whose length runs past the end', bytes(MessageType.sync, 0, 9)],
		['an awareness message whose length runs past the end', bytes(MessageType.awareness, 3, 1)],
		['an awareness message with no length', bytes(MessageType.awareness)],
		['trailing bytes after a step 1', Uint8Array.from([...valid, 0])],
		['trailing bytes after query awareness', bytes(MessageType.queryAwareness, 0)],
		['a number past the safe integer range', bytes(MessageType.sync, 2, ...unsafeNumber)]
	];

	it.each(rows)('%s', (_name, input) => {
		expect(() => decodeClientMessage(input)).toThrow(MalformedMessage);
	});

	// lib0's readVarUint throws its own errors on a number that runs off the end or is too
	// long; every one must surface as MalformedMessage so the socket closes with 4400.
	const truncatedRows: [string, Uint8Array][] = [
		['a truncated varuint as the message type', bytes(0x80)],
		['a truncated varuint as the sync sub-type', bytes(MessageType.sync, 0x80)],
		['a truncated varuint as a length', bytes(MessageType.sync, 2, 0x80, 0x80)],
		[
			'a 10-byte varuint',
			bytes(MessageType.sync, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)
		]
	];
	it.each(truncatedRows)('%s', (_name, input) => {
		expect(() => decodeClientMessage(input)).toThrow(MalformedMessage);
	});
});

describe('decodeAwarenessUpdate', () => {
	function rawAwareness(entries: [number, number, string][], extra: number[] = []): Uint8Array {
		return frame((e) => {
			encoding.writeVarUint(e, entries.length);
			for (const [clientId, clock, state] of entries) {
				encoding.writeVarUint(e, clientId);
				encoding.writeVarUint(e, clock);
				encoding.writeVarString(e, state);
			}
			for (const b of extra) encoding.writeUint8(e, b);
		});
	}

	it('reads several entries with their raw JSON text', () => {
		const update = rawAwareness([
			[1, 4, '{"user":{"name":"小李"}}'],
			[2, 9, 'null']
		]);
		expect(decodeAwarenessUpdate(update)).toEqual([
			{ clientId: 1, clock: 4, state: '{"user":{"name":"小李"}}' },
			{ clientId: 2, clock: 9, state: 'null' }
		]);
	});

	it('reads an update with no entries', () => {
		expect(decodeAwarenessUpdate(bytes(0))).toEqual([]);
	});

	const malformed: [string, Uint8Array][] = [
		['an empty update', bytes()],
		['a state that is not JSON', rawAwareness([[1, 1, '{not json']])],
		['an empty state', rawAwareness([[1, 1, '']])],
		['fewer entries than its count says', bytes(2, 1, 1, 2, 0x7b, 0x7d)],
		['a state length past the end', bytes(1, 1, 1, 9, 0x7b, 0x7d)],
		['trailing bytes', rawAwareness([[1, 1, '{}']], [0])],
		['an entry cut after its client id', bytes(1, 7)]
	];
	it.each(malformed)('refuses %s', (_name, update) => {
		expect(() => decodeAwarenessUpdate(update)).toThrow(MalformedMessage);
	});
});

describe('encoders round-trip and are read by y-protocols', () => {
	it('sync step 1: decodes to the same state vector, and y-protocols answers it', () => {
		const server = shopDoc();
		const stateVector = Y.encodeStateVector(docWithClient(303));
		const message = decodeClientMessage(encodeSyncStep1(stateVector));
		expect(message).toEqual({ kind: 'step1', stateVector });

		const decoder = decoding.createDecoder(encodeSyncStep1(stateVector));
		expect(decoding.readVarUint(decoder)).toBe(MessageType.sync);
		const reply = encoding.createEncoder();
		expect(syncProtocol.readSyncMessage(decoder, reply, server, null)).toBe(
			syncProtocol.messageYjsSyncStep1
		);
		expect(encoding.length(reply)).toBeGreaterThan(0);
	});

	it.each([
		['step 2', encodeSyncStep2, true, syncProtocol.messageYjsSyncStep2],
		['update', encodeUpdate, false, syncProtocol.messageYjsUpdate]
	] as const)('sync %s: y-protocols applies it to a doc', (_name, encode, step2, type) => {
		const source = shopDoc();
		const update = Y.encodeStateAsUpdate(source);
		expect(decodeClientMessage(encode(update))).toEqual({ kind: 'update', update, step2 });

		const target = new Y.Doc();
		const decoder = decoding.createDecoder(encode(update));
		expect(decoding.readVarUint(decoder)).toBe(MessageType.sync);
		expect(syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), target, null)).toBe(
			type
		);
		expect(target.getMap('models').toJSON()).toEqual(source.getMap('models').toJSON());
	});

	const entrySets: [string, AwarenessEntry[]][] = [
		['no entries', []],
		['one present client', [{ clientId: 7, clock: 1, state: '{"user":{"name":"王师傅"}}' }]],
		[
			'a removal next to a large client id',
			[
				{ clientId: 2 ** 32 - 1, clock: 0, state: '{"cursor":null}' },
				{ clientId: 8, clock: 12, state: 'null' }
			]
		]
	];

	it.each(entrySets)('awareness with %s survives encode → frame → decode', (_name, entries) => {
		const message = decodeClientMessage(encodeAwareness(encodeAwarenessUpdate(entries)));
		expect(message.kind).toBe('awareness');
		if (message.kind !== 'awareness') return;
		expect(decodeAwarenessUpdate(message.update)).toEqual(entries);
	});

	it('a real Awareness applies our awareness update: adds, then removes', () => {
		const awareness = awarenessOf(docWithClient(1), null);
		awarenessProtocol.applyAwarenessUpdate(
			awareness,
			encodeAwarenessUpdate([{ clientId: 42, clock: 3, state: '{"user":{"name":"小李"}}' }]),
			'server'
		);
		expect(awareness.getStates().get(42)).toEqual({ user: { name: '小李' } });
		awarenessProtocol.applyAwarenessUpdate(
			awareness,
			encodeAwarenessUpdate([{ clientId: 42, clock: 4, state: 'null' }]),
			'server'
		);
		expect(awareness.getStates().has(42)).toBe(false);
	});
});
