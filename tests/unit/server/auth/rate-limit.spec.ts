import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from '../../../../server/auth/rate-limit.ts';
import type { AttemptLimiterOptions } from '../../../../server/auth/rate-limit.ts';

const MINUTE = 60_000;

/** A limiter on a clock the test moves by hand. */
function limiter(options: Partial<AttemptLimiterOptions> = {}) {
	const clock = { now: 1_750_000_000_000 };
	const limits = new AttemptLimiter({
		maxAttempts: 5,
		windowMs: 15 * MINUTE,
		lockMs: 15 * MINUTE,
		now: () => clock.now,
		...options
	});
	const failTimes = (key: string, times: number) => {
		for (let i = 0; i < times; i++) limits.fail(key);
	};
	return { limits, clock, failTimes };
}

describe('AttemptLimiter', () => {
	it('allows a key it has never seen', () => {
		expect(limiter().limits.check('tablet-1')).toEqual({ allowed: true });
	});

	it('locks a key on the fifth failure, for the lock time', () => {
		const { limits, clock, failTimes } = limiter();
		failTimes('wang', 4);
		expect(limits.check('wang')).toEqual({ allowed: true });
		limits.fail('wang');
		expect(limits.check('wang')).toEqual({ allowed: false, retryAfterMs: 15 * MINUTE });
		clock.now += 10 * MINUTE;
		expect(limits.check('wang')).toEqual({ allowed: false, retryAfterMs: 5 * MINUTE });
		expect(limits.check('li')).toEqual({ allowed: true });
	});

	it('unlocks when the lock expires, with a fresh count', () => {
		const { limits, clock, failTimes } = limiter();
		failTimes('wang', 5);
		clock.now += 15 * MINUTE - 1;
		expect(limits.check('wang').allowed).toBe(false);
		clock.now += 1;
		expect(limits.check('wang')).toEqual({ allowed: true });
		failTimes('wang', 4);
		expect(limits.check('wang')).toEqual({ allowed: true });
	});

	it('forgets failures older than the window (sliding)', () => {
		const { limits, clock, failTimes } = limiter();
		failTimes('wang', 3);
		clock.now += 10 * MINUTE;
		failTimes('wang', 1);
		clock.now += 5 * MINUTE;
		failTimes('wang', 3);
		expect(limits.check('wang')).toEqual({ allowed: true });
		failTimes('wang', 1);
		expect(limits.check('wang').allowed).toBe(false);
	});

	it('clears a key on success', () => {
		const { limits, failTimes } = limiter();
		failTimes('wang', 4);
		limits.succeed('wang');
		failTimes('wang', 4);
		expect(limits.check('wang')).toEqual({ allowed: true });
	});

	it('does not extend a lock for failures reported while locked', () => {
		const { limits, clock, failTimes } = limiter();
		failTimes('wang', 5);
		clock.now += MINUTE;
		failTimes('wang', 10);
		expect(limits.check('wang')).toEqual({ allowed: false, retryAfterMs: 14 * MINUTE });
	});

	it('keeps memory bounded, keeping locks through a flood of new keys', () => {
		const { limits, clock, failTimes } = limiter({ maxKeys: 100 });
		failTimes('locked', 5);
		for (let i = 0; i < 99; i++) limits.fail(`old-${i}`);
		clock.now += 15 * MINUTE - 1;
		for (let i = 0; i < 1000; i++) limits.fail(`new-${i}`);
		expect(limits.size).toBeLessThanOrEqual(100);
		expect(limits.check('locked').allowed).toBe(false);
		clock.now += 1;
		failTimes('wang', 5);
		expect(limits.check('wang').allowed).toBe(false);
		expect(limits.size).toBeLessThanOrEqual(100);
	});

	it('drops a stale key when it is checked', () => {
		const { limits, clock } = limiter();
		limits.fail('wang');
		clock.now += 15 * MINUTE;
		expect(limits.check('wang')).toEqual({ allowed: true });
		expect(limits.size).toBe(0);
	});

	it.each(['maxAttempts', 'windowMs', 'lockMs', 'maxKeys'] as const)(
		'refuses a zero %s',
		(name) => {
			expect(() => limiter({ [name]: 0 })).toThrow(RangeError);
		}
	);
});
