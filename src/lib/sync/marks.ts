/**
 * What a doc's sync remembers across reloads: the server's last state vector
 * (so "changes waiting" survives a reload while offline) and when it went offline.
 */
import type { StateVector } from './confirm.ts';

export interface SyncMarks {
	serverStateVector: StateVector | null;
	offlineSince: number | null;
}

export interface SyncMarksStore {
	load(doc: string): SyncMarks;
	save(doc: string, marks: SyncMarks): void;
}

/** For tests and for docs whose marks need not survive a reload. */
export function memoryMarksStore(): SyncMarksStore {
	const marks = new Map<string, SyncMarks>();
	return {
		load: (doc) => marks.get(doc) ?? { serverStateVector: null, offlineSince: null },
		save: (doc, value) => void marks.set(doc, value)
	};
}

export function encodeMarks(marks: SyncMarks): string {
	return JSON.stringify({
		sv: marks.serverStateVector ? [...marks.serverStateVector] : null,
		offlineSince: marks.offlineSince
	});
}

export function decodeMarks(text: string | null): SyncMarks {
	const empty: SyncMarks = { serverStateVector: null, offlineSince: null };
	if (!text) return empty;
	try {
		const data = JSON.parse(text) as { sv?: unknown; offlineSince?: unknown };
		const sv = Array.isArray(data.sv)
			? new Map(
					data.sv.filter(
						(entry): entry is [number, number] =>
							Array.isArray(entry) && Number.isInteger(entry[0]) && Number.isInteger(entry[1])
					)
				)
			: null;
		const offlineSince = typeof data.offlineSince === 'number' ? data.offlineSince : null;
		return { serverStateVector: sv, offlineSince };
	} catch {
		return empty;
	}
}

const MARKS_PREFIX = 'yuzu.sync.';

/** Marks kept in localStorage (tiny, synchronous, cleared at logout with `clearMarks`). */
export function storageMarksStore(storage: Storage): SyncMarksStore {
	return {
		load: (doc) => decodeMarks(storage.getItem(MARKS_PREFIX + doc)),
		save: (doc, marks) => {
			try {
				storage.setItem(MARKS_PREFIX + doc, encodeMarks(marks));
			} catch {
				// A full localStorage only costs the "waiting" hint after a reload; never block sync.
			}
		}
	};
}

export function clearMarks(storage: Storage): void {
	const keys: string[] = [];
	for (let i = 0; i < storage.length; i++) {
		const key = storage.key(i);
		if (key?.startsWith(MARKS_PREFIX)) keys.push(key);
	}
	for (const key of keys) storage.removeItem(key);
}
