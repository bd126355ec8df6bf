import { describe, expect, it } from 'vitest';
import type { DayAvailability } from '../../../../src/lib/domain/availability.ts';
import {
	calendarDays,
	weekdayOf
} from '../../../../src/routes/(app)/rentals/calendar/calendar-days.ts';

function day(date: string, counts: Partial<DayAvailability> = {}): DayAvailability {
	return { date, total: 4, out: 0, reserved: 0, workshop: 0, free: 4, ...counts };
}

describe('the model calendar', () => {
	it.each([
		['2026-11-27', 5, 'a Friday'],
		['2026-11-28', 6, 'a Saturday'],
		['2026-11-29', 0, 'a Sunday'],
		['2026-03-01', 0, 'a Sunday after a short February']
	])('%s is %s (%s)', (date, weekday) => {
		expect(weekdayOf(date)).toBe(weekday);
	});

	it('marks weekends and the shop’s holidays (a holiday may fall on a weekend)', () => {
		const days = calendarDays(
			[day('2026-10-01'), day('2026-10-02'), day('2026-10-03'), day('2026-10-05')],
			['2026-10-01', '2026-10-03']
		);
		expect(days.map(({ date, weekend, holiday }) => [date, weekend, holiday])).toEqual([
			['2026-10-01', false, true],
			['2026-10-02', false, false],
			['2026-10-03', true, true],
			['2026-10-05', false, false]
		]);
	});

	it.each([
		['all free', day('d', { free: 4 }), { free: 100, out: 0, reserved: 0, workshop: 0 }],
		[
			'one out, one reserved, one in the workshop',
			day('d', { out: 1, reserved: 1, workshop: 1, free: 1 }),
			{ free: 25, out: 25, reserved: 25, workshop: 25 }
		],
		[
			'three of three out: no free part',
			day('d', { total: 3, out: 3, free: 0 }),
			{ free: 0, out: 100, reserved: 0, workshop: 0 }
		],
		[
			'out and reserved the same day never run past the bar',
			day('d', { total: 2, out: 2, reserved: 2, free: 0 }),
			{ free: 0, out: 100, reserved: 0, workshop: 0 }
		],
		[
			'a model without units',
			day('d', { total: 0, free: 0 }),
			{ free: 0, out: 0, reserved: 0, workshop: 0 }
		],
		[
			'thirds rounded to a tenth',
			day('d', { total: 3, out: 1, free: 2 }),
			{ free: 66.7, out: 33.3, reserved: 0, workshop: 0 }
		]
	])('draws the bar for %s', (_story, input, bar) => {
		const [shown] = calendarDays([{ ...input, date: '2026-11-27' }], []);
		expect(shown.bar).toEqual(bar);
		const sum = Object.values(shown.bar).reduce((a, b) => a + b, 0);
		expect(sum).toBeLessThanOrEqual(100.05);
	});
});
