/**
 * A photo or voice note can reach a phone or tablet before its sender's upload has: until then
 * the server answers 404. `LoadRetry` asks again, less and less often (1 s doubling to 30 s, at
 * most 8 times). Read `tries` in the effect that fetches the address, so each retry fetches it
 * again; `failed(reset)` is the element's `onerror` (reset clears the address so the element
 * loads anew even when the address is the same).
 */
const MAX_TRIES = 8;
const FIRST_WAIT_MS = 1_000;
const LONGEST_WAIT_MS = 30_000;

export class LoadRetry {
	#tries = $state(0);
	#timer: ReturnType<typeof setTimeout> | undefined;

	get tries(): number {
		return this.#tries;
	}

	failed(reset: () => void): void {
		if (this.#timer !== undefined || this.#tries >= MAX_TRIES) return;
		const wait = Math.min(FIRST_WAIT_MS * 2 ** this.#tries, LONGEST_WAIT_MS);
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			reset();
			this.#tries += 1;
		}, wait);
	}

	stop(): void {
		clearTimeout(this.#timer);
	}
}
