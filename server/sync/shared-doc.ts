import * as Y from 'yjs';
import { AwarenessTable } from './awareness-table.ts';
import { encodeAwareness, encodeAwarenessUpdate, type AwarenessEntry } from './protocol.ts';

/** One end of a socket, as the registry sees it. */
export interface DocPeerSocket {
	send(frame: Uint8Array): void;
	close(code: number, reason: string): void;
	/** Sends presence as this peer may see it; without it, the entries go as they are. */
	sendAwareness?(entries: readonly AwarenessEntry[]): void;
}

/** A document held in memory while anyone has it open. Owned by a `DocRegistry`. */
export class SharedDoc {
	readonly doc = new Y.Doc();
	readonly awareness = new AwarenessTable();
	readonly sockets = new Set<DocPeerSocket>();
	/** Rows in storage for this doc; past the threshold they are merged into one. */
	rows = 0;
	/** Bytes of the last snapshot (or of everything loaded), and appended since. */
	snapshotBytes = 0;
	bytesSinceSnapshot = 0;
	/** Updates accepted but not yet durable and applied. */
	pending = 0;
	/** Clock per client of those pending updates (for gap checks). */
	readonly queued = new Map<number, number>();
	/** Guarded peers' client ids: client id → peer id. Persisted in store meta. */
	readonly clientOwners = new Map<number, string>();
	/** Work that must wait until this doc's queued updates are applied. */
	afterFlush: (() => void)[] = [];
	unloadTimer: ReturnType<typeof setTimeout> | null = null;
	/** Holds that are not sockets (a server-side write in progress). */
	holds = 0;

	constructor(readonly name: string) {}

	get hasQueued(): boolean {
		return this.pending > 0;
	}

	/** Sends a frame to every socket, or every socket but one. */
	broadcast(frame: Uint8Array, except?: DocPeerSocket): void {
		for (const socket of this.sockets) if (socket !== except) socket.send(frame);
	}

	/** Sends presence entries to every socket, each seeing what it may (see `sendAwareness`). */
	broadcastAwareness(entries: readonly AwarenessEntry[]): void {
		if (entries.length === 0) return;
		let frame: Uint8Array | null = null;
		for (const socket of this.sockets) {
			if (socket.sendAwareness) socket.sendAwareness(entries);
			else socket.send((frame ??= encodeAwareness(encodeAwarenessUpdate([...entries]))));
		}
	}

	ownClientsOf(peerId: string): Set<number> {
		const own = new Set<number>();
		for (const [client, owner] of this.clientOwners) if (owner === peerId) own.add(client);
		return own;
	}
}
