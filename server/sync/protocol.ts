/**
 * The y-websocket wire format (y-protocols sync + awareness), decoded strictly.
 * Anything that does not parse exactly is a `MalformedMessage`: the connection
 * closes with 4400 and nothing of it is applied.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Top-level message types of the y-websocket protocol. */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
/** Sub-types of a sync message (y-protocols/sync). */
export const SyncType = { step1: 0, step2: 1, update: 2 } as const;

export type ClientMessage =
	| { kind: 'step1'; stateVector: Uint8Array }
	| { kind: 'update'; update: Uint8Array; step2: boolean }
	| { kind: 'awareness'; update: Uint8Array }
	| { kind: 'queryAwareness' }
	| { kind: 'auth' };

export class MalformedMessage extends Error {
	constructor(reason: string) {
		super(`Malformed message: ${reason}`);
		this.name = 'MalformedMessage';
	}
}

function readUint(decoder: decoding.Decoder): number {
	let n: number;
	try {
		n = decoding.readVarUint(decoder);
	} catch {
		throw new MalformedMessage('truncated or oversized number');
	}
	if (!Number.isSafeInteger(n)) throw new MalformedMessage('number out of range');
	return n;
}

/** lib0's readVarUint8Array silently truncates a length past the end; this does not. */
function readBytes(decoder: decoding.Decoder): Uint8Array {
	const length = readUint(decoder);
	if (decoder.pos + length > decoder.arr.length) throw new MalformedMessage('length past end');
	return decoding.readUint8Array(decoder, length);
}

function expectEnd(decoder: decoding.Decoder): void {
	if (decoding.hasContent(decoder)) throw new MalformedMessage('trailing bytes');
}

/** Decodes one frame from a client. Throws `MalformedMessage` on anything else. */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
	const decoder = decoding.createDecoder(frame);
	let message: ClientMessage;
	switch (readUint(decoder)) {
		case MessageType.sync:
			message = decodeSync(decoder);
			break;
		case MessageType.awareness:
			message = { kind: 'awareness', update: readBytes(decoder) };
			break;
		case MessageType.queryAwareness:
			message = { kind: 'queryAwareness' };
			break;
		case MessageType.auth:
			// Clients never need to send auth messages; accept and ignore the type.
			return { kind: 'auth' };
		default:
			throw new MalformedMessage('unknown message type');
	}
	expectEnd(decoder);
	return message;
}

function decodeSync(decoder: decoding.Decoder): ClientMessage {
	const type = readUint(decoder);
	switch (type) {
		case SyncType.step1:
			return { kind: 'step1', stateVector: readBytes(decoder) };
		case SyncType.step2:
		case SyncType.update:
			return { kind: 'update', update: readBytes(decoder), step2: type === SyncType.step2 };
		default:
			throw new MalformedMessage('unknown sync message type');
	}
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.sync);
		encoding.writeVarUint(e, SyncType.step1);
		encoding.writeVarUint8Array(e, stateVector);
	});
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.sync);
		encoding.writeVarUint(e, SyncType.step2);
		encoding.writeVarUint8Array(e, update);
	});
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.sync);
		encoding.writeVarUint(e, SyncType.update);
		encoding.writeVarUint8Array(e, update);
	});
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.awareness);
		encoding.writeVarUint8Array(e, update);
	});
}

/** One client's entry in an awareness update. `state` is the raw JSON text. */
export interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: string;
}

/** Decodes an awareness update's entries; throws `MalformedMessage`. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = readUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = readUint(decoder);
		const clock = readUint(decoder);
		const bytes = readBytes(decoder);
		const state = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
		try {
			JSON.parse(state);
		} catch {
			throw new MalformedMessage('awareness state is not JSON');
		}
		entries.push({ clientId, clock, state });
	}
	expectEnd(decoder);
	return entries;
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
	return frame((e) => {
		encoding.writeVarUint(e, entries.length);
		for (const entry of entries) {
			encoding.writeVarUint(e, entry.clientId);
			encoding.writeVarUint(e, entry.clock);
			encoding.writeVarString(e, entry.state);
		}
	});
}
