/**
 * The shop's documents and who may open them (DESIGN.md, "Documents").
 * One place decides access; the sync core only asks.
 */
import type { Access, Peer } from '../sync/hooks.ts';

/** A document's kind, parsed from its name. */
export type DocKind =
	| { kind: 'settings' }
	| { kind: 'inventory' }
	| { kind: 'ledger' }
	| { kind: 'ledgerArchive'; month: string }
	| { kind: 'inbox' }
	| { kind: 'notes'; threadId: string }
	| { kind: 'thread'; threadId: string };

/** Ids in doc names: letters, digits, `_` and `-`, 1–64 long. */
const idPattern = /^[A-Za-z0-9_-]{1,64}$/;
const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

export function parseDocName(name: string): DocKind | null {
	switch (name) {
		case 'settings':
		case 'inventory':
		case 'ledger':
		case 'inbox':
			return { kind: name };
	}
	const colon = name.indexOf(':');
	if (colon < 0) return null;
	const prefix = name.slice(0, colon);
	const rest = name.slice(colon + 1);
	if (prefix === 'ledger' && monthPattern.test(rest)) return { kind: 'ledgerArchive', month: rest };
	if (!idPattern.test(rest)) return null;
	if (prefix === 'notes') return { kind: 'notes', threadId: rest };
	if (prefix === 'thread') return { kind: 'thread', threadId: rest };
	return null;
}

/** Whether a customer belongs to a group thread; groups come with the chat issue. */
export type GroupMembership = (customerId: string, threadId: string) => boolean;

/** What this peer may do with this doc, or null if it may not open it. */
export function accessFor(peer: Peer, name: string, isMember: GroupMembership): Access | null {
	const doc = parseDocName(name);
	if (!doc) return null;
	if (peer.role === 'customer') {
		if (doc.kind !== 'thread') return null;
		const own = doc.threadId === peer.id || isMember(peer.id, doc.threadId);
		return own ? 'guarded' : null;
	}
	const owner = peer.role === 'owner';
	switch (doc.kind) {
		case 'settings':
			return owner ? 'write' : 'read';
		case 'inbox':
		case 'ledgerArchive':
			return 'read'; // written by the server only
		default:
			return 'write';
	}
}
