import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { writeSyncStep2 } from 'y-protocols/sync';
import * as Y from 'yjs';
import { encodeProbe, MESSAGE_SYNC, peekStep1 } from '../../../../src/lib/sync/protocol.ts';

function docWith(text: string): Y.Doc {
	const doc = new Y.Doc();
	doc.getMap('profile').set('name', text);
	return doc;
}

/** A decoder positioned after the message type, as y-websocket hands it to a handler. */
function afterType(frame: Uint8Array): decoding.Decoder {
	const decoder = decoding.createDecoder(frame);
	expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
	return decoder;
}

describe('encodeProbe / peekStep1', () => {
	it('round-trips the doc state vector', () => {
		const doc = docWith('渔租');
		const sv = peekStep1(afterType(encodeProbe(doc)));
		expect(sv).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));
	});

	it('leaves the decoder where it was for the real handler', () => {
		const decoder = afterType(encodeProbe(docWith('a')));
		const before = decoder.pos;
		peekStep1(decoder);
		expect(decoder.pos).toBe(before);
	});

	it('ignores a sync step 2', () => {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		writeSyncStep2(encoder, docWith('a'));
		expect(peekStep1(afterType(encoding.toUint8Array(encoder)))).toBeNull();
	});

	it('returns null for a step 1 whose length runs past the end', () => {
		const frame = encodeProbe(docWith('a'));
		expect(peekStep1(afterType(frame.slice(0, frame.length - 2)))).toBeNull();
	});
});
