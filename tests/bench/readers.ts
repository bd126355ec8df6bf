/**
 * Child process: R stock clients reading one room (fan-out readers, the catch-up receiver).
 * Each records, for every entry that arrives in the armed map, its own clock minus the
 * writer's stamp, and `collect` answers when every reader holds every expected entry.
 */
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { serveRequests } from './lib/child.ts';
import { connectClient, synced } from './lib/client.ts';
import { epochNow } from './lib/clock.ts';
import { summarize } from './lib/stats.ts';
import { until } from './lib/wait.ts';
import type { Delivery, ReadersRequest, Stamp } from './protocol.ts';

interface Reader {
	doc: Y.Doc;
	provider: WebsocketProvider;
}

let readers: Reader[] = [];
let armed: Armed | null = null;

class Armed {
	readonly latencies: Float64Array;
	readonly seen: number[];
	firstAt = 0;
	lastAt = 0;
	#filled = 0;
	#complete = 0;
	#listeners = new Set<() => void>();
	#stops: (() => void)[] = [];

	constructor(
		readonly mapName: string,
		readonly count: number
	) {
		this.latencies = new Float64Array(count * readers.length);
		this.seen = readers.map(() => 0);
		readers.forEach((reader, index) => {
			const map = reader.doc.getMap<Stamp>(mapName);
			const observer = (event: Y.YMapEvent<Stamp>): void => this.#arrived(index, map, event);
			map.observe(observer);
			this.#stops.push(() => map.unobserve(observer));
		});
	}

	get done(): boolean {
		return this.#complete === readers.length;
	}

	onProgress(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	stop(): void {
		for (const stop of this.#stops) stop();
	}

	#arrived(index: number, map: Y.Map<Stamp>, event: Y.YMapEvent<Stamp>): void {
		const now = epochNow();
		if (this.firstAt === 0) this.firstAt = now;
		const before = this.seen[index];
		for (const key of event.keysChanged) {
			const stamp = map.get(key);
			if (stamp === undefined || this.#filled >= this.latencies.length) continue;
			this.latencies[this.#filled++] = now - stamp.t;
			this.seen[index]++;
		}
		if (before < this.count && this.seen[index] >= this.count) {
			this.#complete++;
			if (this.done) this.lastAt = now;
		}
		for (const listener of this.#listeners) listener();
	}
}

async function handle(request: ReadersRequest): Promise<unknown> {
	switch (request.type) {
		case 'open': {
			closeAll();
			readers = Array.from({ length: request.readers }, () => {
				const doc = new Y.Doc();
				return { doc, provider: connectClient(request.endpoint, request.room, doc) };
			});
			await Promise.all(readers.map((reader) => synced(reader.provider, 60_000)));
			return { readers: readers.length };
		}
		case 'arm':
			armed?.stop();
			armed = new Armed(request.map, request.count);
			return { armed: true };
		case 'collect': {
			const current = armed;
			if (current === null) throw new Error('collect before arm');
			await until(
				() => current.done,
				(recheck) => current.onProgress(recheck),
				request.ms,
				`${readers.length} readers to hold ${current.count} entries of "${current.mapName}"`
			);
			current.stop();
			armed = null;
			const result: Delivery = {
				deliveries: current.seen.reduce((a, b) => a + b, 0),
				firstAt: current.firstAt,
				lastAt: current.lastAt,
				latencyMs: summarize(current.latencies)
			};
			return result;
		}
		case 'close':
			closeAll();
			return { closed: true };
	}
}

function closeAll(): void {
	armed?.stop();
	armed = null;
	for (const reader of readers) {
		reader.provider.destroy();
		reader.doc.destroy();
	}
	readers = [];
}

serveRequests((request) => handle(request as ReadersRequest));
