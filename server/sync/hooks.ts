/**
 * The sync core knows documents, sockets and bytes; it learns who may do
 * what, and what the shop derives from a change, only through these hooks.
 */
import type * as Y from 'yjs';
import type { Role } from '../storage/store.ts';
import type { DecodedUpdate, KnownState } from './update-effect.ts';

/** Who is on the other end of a socket, from their token. */
export interface Peer {
	role: Role;
	/** Account id for owner/staff, customer id for a customer. */
	id: string;
}

/**
 * What a peer may do with one document:
 * - `read`: receives everything; its updates are dropped, never applied.
 * - `write`: its updates are applied as they are.
 * - `guarded`: its updates pass `checkGuardedUpdate` first (customers).
 */
export type Access = 'read' | 'write' | 'guarded';

export interface GuardContext {
	peer: Peer;
	docName: string;
	doc: Y.Doc;
	update: DecodedUpdate;
	/** Clock per client including updates queued ahead of this one. */
	known: KnownState;
	/** Client ids this peer has written under before in this doc. */
	ownClients: ReadonlySet<number>;
}

export type Verdict = { ok: true } | { ok: false; reason: string };

export interface SyncHooks {
	/** The peer a token belongs to, or null (close 4401). */
	authenticate(token: string | null): Peer | null;
	/** What the peer may do with the doc, or null (close 4403). */
	access(peer: Peer, docName: string): Access | null;
	/** Judges a guarded peer's update by its effect; a refusal closes with 4403. */
	checkGuardedUpdate(ctx: GuardContext): Verdict;
	/** Rewrites a guarded peer's awareness state (e.g. strips claims to be staff); null drops it. */
	filterAwareness?(peer: Peer, state: unknown): unknown;
	/** What a guarded peer may see of anyone's presence (e.g. "typing", not who); null hides it. */
	awarenessForGuarded?(peer: Peer, state: unknown): unknown;
	/** Called after a tick's updates are durable and applied to a doc. */
	afterApply?(docName: string, doc: Y.Doc): void;
}
