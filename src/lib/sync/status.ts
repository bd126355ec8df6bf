/** What the sync indicator shows for one doc and for all of them together. */

export type Connection = 'online' | 'connecting' | 'offline';

export interface SyncStatus {
	connection: Connection;
	/** When this doc lost its connection (epoch ms); null unless offline. */
	offlineSince: number | null;
	/** Local changes not yet confirmed durable by the server. */
	pending: boolean;
	/** Close code when the server refused the doc for good (e.g. 4403); null otherwise. */
	error: number | null;
}

export const initialSyncStatus: SyncStatus = {
	connection: 'connecting',
	offlineSince: null,
	pending: false,
	error: null
};

const rank: Record<Connection, number> = { online: 0, connecting: 1, offline: 2 };

/** The worst connection of all docs, the earliest offline time, pending if any doc is. */
export function overallStatus(statuses: readonly SyncStatus[]): SyncStatus {
	let overall: SyncStatus = { ...initialSyncStatus, connection: 'online' };
	if (statuses.length === 0) return { ...initialSyncStatus };
	for (const status of statuses) {
		const worse = rank[status.connection] > rank[overall.connection];
		const since =
			status.offlineSince === null
				? overall.offlineSince
				: Math.min(status.offlineSince, overall.offlineSince ?? Infinity);
		overall = {
			connection: worse ? status.connection : overall.connection,
			offlineSince: since,
			pending: overall.pending || status.pending,
			error: overall.error ?? status.error
		};
	}
	if (overall.connection !== 'offline') overall.offlineSince = null;
	return overall;
}

export function sameStatus(a: SyncStatus, b: SyncStatus): boolean {
	return (
		a.connection === b.connection &&
		a.offlineSince === b.offlineSince &&
		a.pending === b.pending &&
		a.error === b.error
	);
}
