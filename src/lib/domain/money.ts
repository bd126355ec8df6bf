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

/** Most digits of whole yuan a typed amount may have (¥9,999,999,999.99 fits in a safe integer). */
const YUAN_DIGITS_MAX = 10;
const YUAN_TEXT = /^(\d+)(?:\.(\d{0,2}))?$/;
const YUAN_GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d{0,2})?$/;

/**
 * The fen in an amount of yuan as a person types it: `'30'`, `'30.5'`, `'30.50'`, `'¥1,200'`,
 * full-width digits. Read from the digits, never through a float, so `'0.07'` is exactly 7.
 * Returns `undefined` for anything else: empty, negative, more than two decimals, not a number.
 * @example yuanToFen('30.5') // 3050
 */
export function yuanToFen(text: string): number | undefined {
	let clean = text
		.normalize('NFKC')
		.trim()
		.replace(/^[¥￥]\s*/, '');
	if (YUAN_GROUPED.test(clean)) clean = clean.replaceAll(',', '');
	const match = YUAN_TEXT.exec(clean);
	if (!match) return undefined;
	const [, whole, decimals = ''] = match;
	const digits = whole.replace(/^0+(?=\d)/, '');
	if (digits.length > YUAN_DIGITS_MAX) return undefined;
	return Number(digits) * 100 + Number(decimals.padEnd(2, '0'));
}

/**
 * An amount in fen written as yuan with two decimals, for a form field: 3050 → `'30.50'`.
 * @throws {RangeError} unless `fen` is a whole number of fen ≥ 0.
 */
export function fenToYuan(fen: number): string {
	assertFen(fen, 'fenToYuan(fen)');
	return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/**
 * An amount in fen as a price tag: `¥30`, `¥30.50`, `¥1,200` (whole yuan without decimals).
 * @throws {RangeError} unless `fen` is a whole number of fen ≥ 0.
 */
export function formatYuan(fen: number): string {
	assertFen(fen, 'formatYuan(fen)');
	const whole = Math.floor(fen / 100).toLocaleString('en-US');
	const cents = fen % 100;
	return cents === 0 ? `¥${whole}` : `¥${whole}.${String(cents).padStart(2, '0')}`;
}
