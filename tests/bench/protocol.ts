import type { Endpoint } from './lib/client.ts';
import type { LatencySummary } from './lib/stats.ts';

/** Requests the parent sends to tests/bench/readers.ts. */
export type ReadersRequest =
	| { type: 'open'; endpoint: Endpoint; room: string; readers: number }
	| { type: 'arm'; map: string; count: number }
	| { type: 'collect'; ms: number }
	| { type: 'close' };

/** What `collect` answers once every reader holds every expected entry. */
export interface Delivery {
	/** Entries seen, summed over readers. */
	deliveries: number;
	/** Epoch ms when the first reader saw the first entry, and when the last reader had all. */
	firstAt: number;
	lastAt: number;
	/** Reader clock minus the writer's stamp `t` in each entry, over every delivery. */
	latencyMs: LatencySummary;
}

/** Requests the parent sends to tests/bench/room-peers.ts. */
export type PeersRequest =
	| { type: 'prepare'; endpoint: Endpoint; rooms: string[] }
	| { type: 'connect'; ms: number }
	| { type: 'close' };

/** Each entry a writer puts in a map: its index and the writer's clock when it wrote it. */
export interface Stamp {
	i: number;
	t: number;
}
