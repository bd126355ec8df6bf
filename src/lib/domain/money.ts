/**
 * Money in Yuzu is a whole number of fen (分): 3000 is ¥30.00. Never a float, never yuan.
 *
 * These checks guard the fee rule and the settlement against a broken caller: a fractional,
 * negative or non-numeric amount is a bug upstream, so it throws instead of being rounded away.
 */

/** True when `value` is a whole, non-negative, exactly representable number of fen. */
export function isFen(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Throws a `RangeError` naming `what` unless `value` is a whole, non-negative number of fen.
 * @example assertFen(card.daily, 'RateCard.daily')
 */
export function assertFen(value: unknown, what: string): asserts value is number {
	if (!isFen(value)) {
		throw new RangeError(
			`${what} must be a whole number of fen (分) ≥ 0, got ${String(value)}: convert yuan with Math.round(yuan * 100) before it reaches the domain`
		);
	}
}

/** The sum of some amounts in fen; throws a `RangeError` if the sum leaves the safe integers. */
export function sumFen(amounts: readonly number[]): number {
	let total = 0;
	for (const amount of amounts) total += amount;
	assertFen(total, 'A sum of amounts');
	return total;
}
