/** IndexedDB failures, sorted by what the user can do about them. */

export type StorageFailure =
	/** The device (or the browser's share of it) is full: free space. */
	| 'quota'
	/** IndexedDB cannot be opened at all (private mode, blocked by settings, closed). */
	| 'unavailable'
	| 'unknown';

export class StorageError extends Error {
	readonly failure: StorageFailure;
	readonly doc: string | null;

	constructor(failure: StorageFailure, doc: string | null, cause: unknown) {
		super(`Local storage failed (${failure})${doc ? ` for ${doc}` : ''}`, { cause });
		this.name = 'StorageError';
		this.failure = failure;
		this.doc = doc;
	}
}

const QUOTA = new Set(['QuotaExceededError', 'QuotaExceeded']);
const UNAVAILABLE = new Set([
	'MissingAPIError',
	'OpenFailedError',
	'DatabaseClosedError',
	'InvalidStateError',
	'SecurityError',
	'UnknownError',
	'VersionError'
]);

function names(error: unknown): string[] {
	const found: string[] = [];
	let current: unknown = error;
	// Dexie wraps the DOMException as `inner`; Error wraps as `cause`.
	for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
		const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
		if (typeof name === 'string') found.push(name);
		current = inner ?? cause;
	}
	return found;
}

export function classifyStorageError(error: unknown): StorageFailure {
	if (error instanceof StorageError) return error.failure;
	const all = names(error);
	if (all.some((name) => QUOTA.has(name))) return 'quota';
	if (all.some((name) => UNAVAILABLE.has(name))) return 'unavailable';
	return 'unknown';
}

export function toStorageError(error: unknown, doc: string | null): StorageError {
	return error instanceof StorageError
		? error
		: new StorageError(classifyStorageError(error), doc, error);
}
