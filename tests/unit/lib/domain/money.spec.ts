import { describe, expect, it } from 'vitest';
import { fenToYuan, formatYuan, yuanToFen } from '../../../../src/lib/domain/money.ts';

describe('yuanToFen', () => {
	it.each([
		['a day on a sea rod, typed as whole yuan', '30', 3000],
		['a deposit with a trailing point', '300.', 30_000],
		['half a yuan more', '30.5', 3050],
		['two decimals', '30.50', 3050],
		['seven fen that a float would make 7.000000000000001', '0.07', 7],
		['0.29 that a float multiply would make 28.999999999999996', '0.29', 29],
		['a free item', '0', 0],
		['leading zeros', '007.10', 710],
		['the yuan sign from a price list', '¥450', 45_000],
		['the full-width yuan sign and digits of a Chinese keyboard', '￥１２０．５', 12_050],
		['spaces around', '  40 ', 4000],
		['a replacement value with thousands commas', '1,200.00', 120_000],
		['the largest amount a form takes', '9999999999.99', 999_999_999_999]
	])('%s: %j is %d fen', (_story, text, fen) => {
		expect(yuanToFen(text)).toBe(fen);
	});

	it.each([
		['nothing typed', ''],
		['only the sign', '¥'],
		['a negative price', '-30'],
		['three decimals (no silent rounding)', '30.505'],
		['letters', '三十'],
		['a stray comma', '30,5'],
		['two points', '3.0.5'],
		['an exponent', '1e3'],
		['more yuan than any till holds', '99999999999']
	])('%s: %j is refused', (_story, text) => {
		expect(yuanToFen(text)).toBeUndefined();
	});
});

describe('fenToYuan', () => {
	it.each([
		[3000, '30.00'],
		[3050, '30.50'],
		[7, '0.07'],
		[0, '0.00'],
		[120_000, '1200.00']
	])('%d fen is %j', (fen, text) => {
		expect(fenToYuan(fen)).toBe(text);
		expect(yuanToFen(text)).toBe(fen);
	});

	it('refuses what is not fen', () => {
		expect(() => fenToYuan(30.5)).toThrow(RangeError);
		expect(() => fenToYuan(-1)).toThrow(RangeError);
	});
});

describe('formatYuan', () => {
	it.each([
		[3000, '¥30'],
		[3050, '¥30.50'],
		[5, '¥0.05'],
		[120_000, '¥1,200']
	])('%d fen is shown as %s', (fen, text) => {
		expect(formatYuan(fen)).toBe(text);
	});
});
