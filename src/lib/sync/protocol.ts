/**
 * The few bytes of the y-websocket protocol the client looks at itself:
 * encoding a probe (a sync step 1) and peeking at an incoming sync message
 * without consuming it.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep1, writeSyncStep1 } from 'y-protocols/sync';
import type { StateVector } from './confirm.ts';

/** y-websocket's top-level message type for sync messages. */
export const MESSAGE_SYNC = 0;

/** A frame holding our sync step 1 (our state vector): the server answers with step 2 + its step 1. */
export function encodeProbe(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

/**
 * Reads the sync sub-type (and for a step 1, the state vector) from a decoder
 * positioned after the message type, leaving the decoder where it was.
 * Returns null for anything other than a well-formed step 1.
 */
export function peekStep1(decoder: decoding.Decoder): StateVector | null {
	const peek = decoding.clone(decoder);
	try {
		if (decoding.readVarUint(peek) !== messageYjsSyncStep1) return null;
		const end = peek.arr.length;
		const length = decoding.readVarUint(peek);
		if (peek.pos + length > end) return null;
		return Y.decodeStateVector(decoding.readUint8Array(peek, length));
	} catch {
		return null;
	}
}
