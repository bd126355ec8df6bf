/**
 * The server's view of one document's awareness (who is here, who is typing).
 * It relays every change to every socket, the sender included: a y-websocket
 * client drops a socket that receives nothing for 30 s and counts on the echo
 * of its own 15 s renewal.
 */
import type { AwarenessEntry } from './protocol.ts';

interface Presence {
	clock: number;
	/** JSON text; 'null' once the client left. */
	state: string;
	owner: object | null;
}

export class AwarenessTable {
	#clients = new Map<number, Presence>();

	/**
	 * Takes a connection's entries and returns the ones to relay. An entry
	 * for a client id another live connection owns is dropped. A client that
	 * comes back after the server announced its removal re-announces itself
	 * with an old clock; the server bumps the clock past the removal so peers
	 * accept it now, and the echo tells the client its new clock.
	 */
	accept(owner: object, entries: readonly AwarenessEntry[]): AwarenessEntry[] {
		const accepted: AwarenessEntry[] = [];
		for (const entry of entries) {
			const known = this.#clients.get(entry.clientId);
			if (known && known.owner && known.owner !== owner) continue;
			let clock = entry.clock;
			if (known && clock <= known.clock) {
				const comesBack = known.state === 'null' && entry.state !== 'null';
				const leavesNow = clock === known.clock && entry.state === 'null' && known.state !== 'null';
				if (comesBack) clock = known.clock + 1;
				else if (!leavesNow) continue;
			}
			const gone = entry.state === 'null';
			this.#clients.set(entry.clientId, { clock, state: entry.state, owner: gone ? null : owner });
			accepted.push({ clientId: entry.clientId, clock, state: entry.state });
		}
		return accepted;
	}

	/** Marks every client a closed connection owned as gone; returns the removals to relay. */
	release(owner: object): AwarenessEntry[] {
		const removed: AwarenessEntry[] = [];
		for (const [clientId, presence] of this.#clients) {
			if (presence.owner !== owner) continue;
			presence.clock += 1;
			presence.state = 'null';
			presence.owner = null;
			removed.push({ clientId, clock: presence.clock, state: 'null' });
		}
		return removed;
	}

	/** Every client currently present, for a connection that just arrived or asked. */
	present(): AwarenessEntry[] {
		const entries: AwarenessEntry[] = [];
		for (const [clientId, p] of this.#clients) {
			if (p.state !== 'null') entries.push({ clientId, clock: p.clock, state: p.state });
		}
		return entries;
	}
}
