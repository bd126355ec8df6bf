import { performance } from 'node:perf_hooks';

/**
 * Wall-clock epoch milliseconds with sub-millisecond resolution. Processes on one machine
 * agree on it, so a writer's stamp can be compared with a reader's clock in another process.
 */
export function epochNow(): number {
	return performance.timeOrigin + performance.now();
}

/** Rounds to 0.01 (ms, µs, MB) so the JSON lines stay readable. */
export function round2(n: number): number {
	return Math.round(n * 100) / 100;
}
