/**
 * What the derivations need from the server: reading and writing docs through the registry
 * (so a write is durable before it is relayed, like any other), and the shop's stored doc names.
 * One small serial work queue keeps them from loading many docs at once.
 */
import type * as Y from 'yjs';

export interface DerivedDocs {
	/** Runs `fn` on the doc as it is now, loading it first if needed. */
	read<T>(name: string, fn: (doc: Y.Doc) => T): Promise<T>;
	/** A server write: applied, stored, then relayed; nothing is stored if `fn` changes nothing. */
	write(name: string, fn: (doc: Y.Doc) => void): Promise<void>;
	/** Names of every stored doc. */
	listDocs(): string[];
}

export type Log = (message: string, error?: unknown) => void;

/**
 * Runs keyed jobs one at a time: a key queued again while it waits runs once. `close()` waits
 * for the job in hand and drops the rest (derived docs are rebuilt at the next start).
 */
export class SerialQueue {
	readonly #run: (key: string) => Promise<void>;
	readonly #log: Log;
	readonly #waiting = new Set<string>();
	#running: Promise<void> | null = null;
	#closed = false;

	constructor(run: (key: string) => Promise<void>, log: Log) {
		this.#run = run;
		this.#log = log;
	}

	add(key: string): void {
		if (this.#closed) return;
		this.#waiting.add(key);
		this.#running ??= this.#drain().finally(() => (this.#running = null));
	}

	get busy(): boolean {
		return this.#running !== null;
	}

	/** Resolves once nothing is queued or running (for tests and shutdown). */
	async idle(): Promise<void> {
		while (this.#running) await this.#running;
	}

	async close(): Promise<void> {
		this.#closed = true;
		this.#waiting.clear();
		await this.idle();
	}

	async #drain(): Promise<void> {
		// Let the rest of this tick's applies join the queue first.
		await new Promise((resolve) => setImmediate(resolve));
		for (const key of this.#waiting) {
			this.#waiting.delete(key);
			try {
				await this.#run(key);
			} catch (error) {
				this.#log(`could not derive from ${key}`, error);
			}
			if (this.#closed) return;
		}
	}
}

/**
 * Gathers pokes for `ms`, then fires once: a burst of changes (a check-out is several writes,
 * staff type into the profile) costs one run, at most `ms` after the first of them.
 */
export class Gatherer {
	readonly #ms: number;
	readonly #fire: () => Promise<void> | void;
	readonly #log: Log;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#firing: Promise<void> | null = null;
	#closed = false;

	constructor(ms: number, fire: () => Promise<void> | void, log: Log) {
		this.#ms = ms;
		this.#fire = fire;
		this.#log = log;
	}

	poke(): void {
		if (this.#timer || this.#closed) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#firing = Promise.resolve()
				.then(this.#fire)
				.catch((error: unknown) => this.#log('a derivation failed', error))
				.finally(() => (this.#firing = null));
		}, this.#ms);
		this.#timer.unref();
	}

	get busy(): boolean {
		return this.#timer !== null || this.#firing !== null;
	}

	/** Resolves once no run is waiting or running. */
	async idle(): Promise<void> {
		while (this.busy) {
			await (this.#firing ?? new Promise((resolve) => setTimeout(resolve, this.#ms / 4)));
		}
	}

	close(): void {
		this.#closed = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}
}
