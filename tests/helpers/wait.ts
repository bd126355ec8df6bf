/** Waits for a condition instead of sleeping: polls until it holds or the time is up. */
export async function waitFor<T>(
	condition: () => T | Promise<T>,
	{ timeoutMs = 10_000, intervalMs = 10, message = 'condition' } = {}
): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const value = await condition();
			if (value) return value as NonNullable<T>;
		} catch (error) {
			last = error;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`Timed out after ${timeoutMs} ms waiting for ${message}${last ? `: ${last}` : ''}`
			);
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}
