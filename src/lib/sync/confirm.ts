/**
 * Pure bookkeeping for "are my local changes on the server yet?".
 *
 * The server answers every sync step 1 it receives with step 2 and then its own
 * step 1 (its state vector), sent only after it has durably written everything
 * that arrived before. So each step 1 we receive answers, in order, one step 1
 * we sent: the provider's own on-open step 1, or one of our probes. A probe
 * remembers how many local updates existed when it was sent; its answer
 * confirms them.
 */

/** client id → number of structs seen from that client (Yjs state vector). */
export type StateVector = Map<number, number>;

/** True when `local` holds structs from some client that `server` has not seen. */
export function isAhead(local: StateVector, server: StateVector): boolean {
	for (const [client, clock] of local) {
		if (clock > (server.get(client) ?? 0)) return true;
	}
	return false;
}

/** A step 1 we sent and whose answer we wait for. */
type Asked = { kind: 'open' } | { kind: 'probe'; seq: number };

export class ConfirmQueue {
	#localSeq = 0;
	#confirmedSeq = 0;
	#asked: Asked[] = [];
	#serverStateVector: StateVector | null;

	/** `known`: the server's state vector remembered from an earlier session, if any. */
	constructor(known: StateVector | null = null) {
		this.#serverStateVector = known;
	}

	get localSeq(): number {
		return this.#localSeq;
	}

	get confirmedSeq(): number {
		return this.#confirmedSeq;
	}

	/** The last state vector the server told us, or null if it never did. */
	get serverStateVector(): StateVector | null {
		return this.#serverStateVector;
	}

	/** How many step 1 answers are still due. */
	get waiting(): number {
		return this.#asked.length;
	}

	/** A change made here (not one that came from the server). */
	recordLocalUpdate(): void {
		this.#localSeq += 1;
	}

	/** A new connection: answers to old sockets will never come; the provider sends its step 1. */
	connected(): void {
		this.#asked = [{ kind: 'open' }];
	}

	disconnected(): void {
		this.#asked = [];
	}

	probeSent(): void {
		this.#asked.push({ kind: 'probe', seq: this.#localSeq });
	}

	/** True when a probe already in flight covers every local update so far. */
	get probeInFlight(): boolean {
		return this.#asked.some((asked) => asked.kind === 'probe' && asked.seq >= this.#localSeq);
	}

	/**
	 * The server sent its step 1. Returns what it answered: the on-open step 1,
	 * a probe, or nothing we asked (kept as the latest server state anyway).
	 */
	serverStep1(stateVector: StateVector): 'open' | 'probe' | 'unasked' {
		this.#serverStateVector = stateVector;
		const asked = this.#asked.shift();
		if (!asked) return 'unasked';
		if (asked.kind === 'probe') this.#confirmedSeq = Math.max(this.#confirmedSeq, asked.seq);
		return asked.kind;
	}

	/**
	 * The server sent us structs (relayed from other devices): it holds them,
	 * so they must not count as ours to upload. `to`: end clock per client.
	 */
	serverSent(to: StateVector): void {
		const known = new Map(this.#serverStateVector ?? []);
		for (const [client, clock] of to) {
			if (clock > (known.get(client) ?? 0)) known.set(client, clock);
		}
		this.#serverStateVector = known;
	}

	/** Local changes not yet known to be durable on the server. */
	pending(local: StateVector): boolean {
		if (this.#localSeq > this.#confirmedSeq) return true;
		if (this.#serverStateVector === null) return local.size > 0;
		return isAhead(local, this.#serverStateVector);
	}
}
