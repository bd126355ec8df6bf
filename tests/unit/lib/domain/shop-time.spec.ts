import { describe, expect, it } from 'vitest';
import { atShopHour, fromShopInput, toShopInput } from '../../../../src/lib/domain/shop-time.ts';

const FRI_10 = Date.parse('2026-11-27T10:00+08:00');

describe('shop wall-clock fields', () => {
	it.each([
		['Shanghai', 'Asia/Shanghai', '2026-11-27T10:00'],
		['UTC', 'UTC', '2026-11-27T02:00'],
		['New York, across midnight', 'America/New_York', '2026-11-26T21:00']
	])('shows the shop clock in %s', (_story, zone, text) => {
		expect(toShopInput(FRI_10, zone)).toBe(text);
		expect(fromShopInput(text, zone)).toBe(FRI_10);
	});

	it.each(['', '2026-11-27', '2026-11-27T24:00', '2026-02-30T10:00', '2026-11-27 10:00'])(
		'refuses %j',
		(text) => {
			expect(fromShopInput(text, 'Asia/Shanghai')).toBeUndefined();
		}
	);

	it('moves a time to an hour of the same shop day', () => {
		expect(atShopHour(FRI_10, 18, 'Asia/Shanghai')).toBe(Date.parse('2026-11-27T18:00+08:00'));
		const lateNight = Date.parse('2026-11-27T23:30+08:00');
		expect(atShopHour(lateNight, 6, 'Asia/Shanghai')).toBe(Date.parse('2026-11-27T06:00+08:00'));
	});
});
