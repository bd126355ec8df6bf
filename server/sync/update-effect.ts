/**
 * What an update would do to a document, judged before it is applied:
 * does it add anything, does it delete anything the document still has,
 * does it depend on structs nobody has sent (a gap Yjs would park as pending).
 *
 * An update is judged by its effect, not its bytes: a y-websocket client's
 * sync step 2 carries the document's whole delete set, so a deletion the
 * server already has is no deletion at all.
 */
import * as Y from 'yjs';
import { MalformedMessage } from './protocol.ts';

type Struct = Y.Item | Y.GC | Y.Skip;
interface IdLike {
	client: number;
	clock: number;
}

export interface DecodedUpdate {
	structs: Struct[];
	ds: { clients: Map<number, { clock: number; len: number }[]> };
}

/** Known clock per client id: the document's state plus what is queued ahead of it. */
export type KnownState = (client: number) => number;

/**
 * Decodes a v1 update; throws `MalformedMessage` if it is not one. Bytes after
 * the delete set are ignored here exactly as Yjs ignores them when applying, so
 * what is judged is what is applied; they cost only space, within the frame limit.
 */
export function decodeUpdate(update: Uint8Array): DecodedUpdate {
	try {
		return Y.decodeUpdate(update) as unknown as DecodedUpdate;
	} catch {
		throw new MalformedMessage('not a Yjs update');
	}
}

export function isEmptyUpdate(decoded: DecodedUpdate): boolean {
	return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
}

export function knownStateOf(doc: Y.Doc, ahead?: Map<number, number>): KnownState {
	return (client) => Math.max(Y.getState(doc.store, client), ahead?.get(client) ?? 0);
}

/** The clock each client's structs reach in this update. */
export function updateEnds(decoded: DecodedUpdate): Map<number, number> {
	const ends = new Map<number, number>();
	for (const s of decoded.structs) {
		const end = s.id.clock + s.length;
		if ((ends.get(s.id.client) ?? 0) < end) ends.set(s.id.client, end);
	}
	return ends;
}

/** True if some range in the delete set removes content the document still shows. */
export function deletesLiveContent(doc: Y.Doc, decoded: DecodedUpdate): boolean {
	const inUpdate = updateEnds(decoded);
	for (const [client, ranges] of decoded.ds.clients) {
		const structs = doc.store.clients.get(client) as Struct[] | undefined;
		const serverEnd = Y.getState(doc.store, client);
		for (const { clock, len } of ranges) {
			const end = clock + len;
			if (
				structs &&
				clock < serverEnd &&
				rangeHasLiveStruct(structs, clock, Math.min(end, serverEnd))
			)
				return true;
			// A range past the server's state may only cover structs born (deleted) in this update.
			if (end > serverEnd && end > (inUpdate.get(client) ?? 0)) return true;
		}
	}
	return false;
}

function rangeHasLiveStruct(structs: Struct[], clock: number, end: number): boolean {
	for (let i = Y.findIndexSS(structs as Y.Item[], clock); i < structs.length; i++) {
		const s = structs[i];
		if (s.id.clock >= end) break;
		if (!s.deleted) return true;
	}
	return false;
}

/** True if applying the update would change nothing: every struct and deletion is already there. */
export function addsNothing(doc: Y.Doc, decoded: DecodedUpdate): boolean {
	for (const s of decoded.structs) {
		if (s instanceof Y.Skip) continue;
		if (s.id.clock + s.length > Y.getState(doc.store, s.id.client)) return false;
	}
	return !deletesLiveContent(doc, decoded);
}

/**
 * True if the update cannot be integrated on its own: it skips clocks, starts
 * past what is known for a client, or names an origin or parent nobody has.
 */
export function hasGaps(decoded: DecodedUpdate, known: KnownState): boolean {
	const reach = new Map<number, number>();
	for (const s of decoded.structs) {
		if (s instanceof Y.Skip) return true;
		const { client, clock } = s.id;
		const from = reach.get(client) ?? known(client);
		if (clock > from) return true;
		reach.set(client, Math.max(from, clock + s.length));
	}
	const isKnown = (id: IdLike | null | undefined) =>
		!id || id.clock < Math.max(known(id.client), reach.get(id.client) ?? 0);
	for (const s of decoded.structs) {
		if (!(s instanceof Y.Item)) continue;
		const parent = s.parent as unknown;
		const parentId =
			parent && typeof parent === 'object' && 'client' in parent ? (parent as IdLike) : null;
		if (!isKnown(s.origin) || !isKnown(s.rightOrigin) || !isKnown(parentId)) return true;
	}
	return false;
}

/** Client ids that this update adds structs under. */
export function writerIds(decoded: DecodedUpdate): Set<number> {
	return new Set(decoded.structs.filter((s) => !(s instanceof Y.Skip)).map((s) => s.id.client));
}
