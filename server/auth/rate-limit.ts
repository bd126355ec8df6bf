/** Keys an `AttemptLimiter` remembers at most, unless told otherwise. */
const DEFAULT_MAX_KEYS = 10_000;

export interface AttemptLimiterOptions {
	/** Failures within `windowMs` that lock a key. */
	maxAttempts: number;
	/** How far back failures count (a sliding window). */
	windowMs: number;
	/** How long a key stays locked once it hits `maxAttempts`. */
	lockMs: number;
	/** Most keys kept; past it the least recently failed keys are forgotten. */
	maxKeys?: number;
	/** The clock, epoch ms; injectable for tests. */
	now?: () => number;
}

export type AttemptCheck = { allowed: true } | { allowed: false; retryAfterMs: number };

interface KeyState {
	/** Times of the failures still inside the window, oldest first. */
	failures: number[];
	lockedUntil: number;
}

/**
 * Counts failed attempts per key (a device, a lowercased name) and locks a key for
 * `lockMs` after `maxAttempts` failures within `windowMs`. Memory stays bounded: a flood
 * of new keys pushes out stale keys first, then unlocked ones, and locked keys last.
 */
export class AttemptLimiter {
	readonly #maxAttempts: number;
	readonly #windowMs: number;
	readonly #lockMs: number;
	readonly #maxKeys: number;
	readonly #now: () => number;
	readonly #keys = new Map<string, KeyState>();

	constructor(options: AttemptLimiterOptions) {
		const { maxAttempts, windowMs, lockMs, maxKeys = DEFAULT_MAX_KEYS } = options;
		for (const [name, value] of Object.entries({ maxAttempts, windowMs, lockMs, maxKeys })) {
			if (!Number.isSafeInteger(value) || value < 1) {
				throw new RangeError(`AttemptLimiter: ${name} must be a positive whole number`);
			}
		}
		this.#maxAttempts = maxAttempts;
		this.#windowMs = windowMs;
		this.#lockMs = lockMs;
		this.#maxKeys = maxKeys;
		this.#now = options.now ?? Date.now;
	}

	/** Whether `key` may try now, and if not, how long until it may. */
	check(key: string): AttemptCheck {
		const now = this.#now();
		const state = this.#keys.get(key);
		if (!state) return { allowed: true };
		if (state.lockedUntil > now) return { allowed: false, retryAfterMs: state.lockedUntil - now };
		if (this.#isStale(state, now)) this.#keys.delete(key);
		return { allowed: true };
	}

	/** Records a failed attempt; the one that reaches `maxAttempts` locks the key. */
	fail(key: string): void {
		const now = this.#now();
		const state = this.#keys.get(key) ?? { failures: [], lockedUntil: 0 };
		if (state.lockedUntil > now) return;
		state.failures = state.failures.filter((at) => at > now - this.#windowMs);
		state.failures.push(now);
		if (state.failures.length >= this.#maxAttempts) {
			state.lockedUntil = now + this.#lockMs;
			state.failures = [];
		}
		this.#remember(key, state, now);
	}

	/** Forgets the key's failures after a successful attempt. */
	succeed(key: string): void {
		this.#keys.delete(key);
	}

	/** How many keys are remembered (for tests and metrics). */
	get size(): number {
		return this.#keys.size;
	}

	/** Stores `state` as the most recent key, making room first if the map is full. */
	#remember(key: string, state: KeyState, now: number): void {
		this.#keys.delete(key);
		if (this.#keys.size >= this.#maxKeys) this.#prune(now);
		const victim = this.#keys.size >= this.#maxKeys ? this.#evictable(now) : undefined;
		if (victim !== undefined) this.#keys.delete(victim);
		this.#keys.set(key, state);
	}

	/** The least recently failed key that is not locked (else the least recently failed). */
	#evictable(now: number): string | undefined {
		let oldest: string | undefined;
		for (const [key, state] of this.#keys) {
			if (state.lockedUntil <= now) return key;
			oldest ??= key;
		}
		return oldest;
	}

	#prune(now: number): void {
		for (const [key, state] of this.#keys) {
			if (this.#isStale(state, now)) this.#keys.delete(key);
		}
	}

	/** Neither locked nor holding a failure that still counts. */
	#isStale(state: KeyState, now: number): boolean {
		const newest = state.failures.at(-1);
		return state.lockedUntil <= now && (newest === undefined || newest <= now - this.#windowMs);
	}
}
