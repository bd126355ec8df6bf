import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoadRetry } from '../../../../src/lib/ui/load-retry.svelte.ts';

describe('LoadRetry', () => {
	afterEach(() => vi.useRealTimers());

	it('asks again at most 8 times, one wait at a time', () => {
		vi.useFakeTimers();
		const retry = new LoadRetry();
		const resets: number[] = [];
		for (let i = 0; i < 10; i += 1) {
			retry.failed(() => resets.push(retry.tries));
			retry.failed(() => resets.push(-1)); // a second error during the wait adds nothing
			vi.advanceTimersByTime(60_000);
		}
		expect(retry.tries).toBe(8);
		expect(resets).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
	});

	it('waits 1 s first, then doubles', () => {
		vi.useFakeTimers();
		const retry = new LoadRetry();
		retry.failed(() => {});
		vi.advanceTimersByTime(999);
		expect(retry.tries).toBe(0);
		vi.advanceTimersByTime(1);
		expect(retry.tries).toBe(1);
		retry.failed(() => {});
		vi.advanceTimersByTime(1_999);
		expect(retry.tries).toBe(1);
		vi.advanceTimersByTime(1);
		expect(retry.tries).toBe(2);
	});

	it('stops a pending retry', () => {
		vi.useFakeTimers();
		const retry = new LoadRetry();
		retry.failed(() => {});
		retry.stop();
		vi.advanceTimersByTime(60_000);
		expect(retry.tries).toBe(0);
	});
});
