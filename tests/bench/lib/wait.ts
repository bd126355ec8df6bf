/** Waiting on conditions, never on fixed sleeps: every wait has a deadline and says what it waited for. */

export class BenchTimeout extends Error {
	constructor(what: string, ms: number) {
		super(`Timed out after ${ms} ms waiting for ${what}`);
		this.name = 'BenchTimeout';
	}
}

/** Rejects with a BenchTimeout if `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new BenchTimeout(what, ms)), ms);
	});
	return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Resolves once `check()` holds. It is checked now and again each time `subscribe`'s
 * callback fires (a Yjs event, a socket message), so nothing polls.
 */
export function until(
	check: () => boolean,
	subscribe: (recheck: () => void) => () => void,
	ms: number,
	what: string
): Promise<void> {
	if (check()) return Promise.resolve();
	let unsubscribe = (): void => {};
	const met = new Promise<void>((resolve) => {
		unsubscribe = subscribe(() => {
			if (check()) resolve();
		});
	});
	return withTimeout(met, ms, what).finally(() => unsubscribe());
}

/** Polls `check` every `everyMs` until it holds: only for things that emit no event (an HTTP probe). */
export async function poll(
	check: () => Promise<boolean>,
	ms: number,
	what: string,
	everyMs = 25
): Promise<void> {
	const deadline = Date.now() + ms;
	while (Date.now() < deadline) {
		if (await check()) return;
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
	throw new BenchTimeout(what, ms);
}
