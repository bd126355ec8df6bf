import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { connectClient, type Endpoint } from './client.ts';
import { epochNow } from './clock.ts';
import { until } from './wait.ts';

/**
 * One side of many two-client rooms: each client wrote one thread message while offline,
 * then connects; the side is converged when every room holds both sides' messages.
 */
export class RoomSide {
	#rooms: { doc: Y.Doc; provider: WebsocketProvider }[];

	constructor(endpoint: Endpoint, rooms: readonly string[], side: string) {
		this.#rooms = rooms.map((room) => {
			const doc = new Y.Doc();
			// A message shaped like the thread schema's, so a policy check has nothing to refuse.
			doc.getArray('messages').push([
				{
					id: `${room}-${side}`,
					from: { role: 'staff', id: `bench-${side}` },
					at: Date.now(),
					kind: 'text',
					text: `hello from ${side}`
				}
			]);
			return { doc, provider: connectClient(endpoint, room, doc, false) };
		});
	}

	/** Connects every room and resolves with the epoch ms at which the last one converged. */
	async connect(ms: number): Promise<number> {
		let pending = this.#rooms.length;
		let doneAt = 0;
		const listeners = new Set<() => void>();
		const unsubscribes = this.#rooms.map(({ doc }) => {
			let converged = false;
			const check = (): void => {
				if (converged || doc.getArray('messages').length < 2) return;
				converged = true;
				if (--pending === 0) doneAt = epochNow();
				for (const listener of listeners) listener();
			};
			doc.on('afterTransaction', check);
			return () => doc.off('afterTransaction', check);
		});
		try {
			for (const { provider } of this.#rooms) provider.connect();
			await until(
				() => pending === 0,
				(recheck) => {
					listeners.add(recheck);
					return () => listeners.delete(recheck);
				},
				ms,
				`${this.#rooms.length} rooms to converge`
			);
		} finally {
			for (const unsubscribe of unsubscribes) unsubscribe();
		}
		return doneAt;
	}

	close(): void {
		for (const { doc, provider } of this.#rooms) {
			provider.destroy();
			doc.destroy();
		}
		this.#rooms = [];
	}
}
