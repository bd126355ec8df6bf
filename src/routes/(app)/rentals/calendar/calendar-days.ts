/**
 * A model's timeline as the calendar draws it: each day's counts, whether it is a weekend or one
 * of the shop's holidays (both cost more to rent), and the share of each count for its bar.
 */
import type { DayAvailability } from '$lib/domain/availability.ts';
import type { MessageKey } from '$lib/i18n/zh-CN.ts';

/** Days the calendar shows, from today: three weeks of bookings ahead. */
export const CALENDAR_DAYS = 21;

export interface CalendarDay extends DayAvailability {
	/** 0 Sunday … 6 Saturday, of the shop date. */
	weekday: number;
	weekend: boolean;
	holiday: boolean;
	/** Percent of the bar each part takes, of the model's units; they add up to 100 or less. */
	bar: { free: number; out: number; reserved: number; workshop: number };
}

/** The short names of the weekdays, Sunday first (as `Date.getUTCDay` counts). */
export const weekdayKeys: readonly MessageKey[] = [
	'reservations.weekday.0',
	'reservations.weekday.1',
	'reservations.weekday.2',
	'reservations.weekday.3',
	'reservations.weekday.4',
	'reservations.weekday.5',
	'reservations.weekday.6'
];

/** The weekday of a `'YYYY-MM-DD'` date: the calendar's, whatever the time zone. */
export function weekdayOf(date: string): number {
	const [year, month, day] = date.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function percent(part: number, total: number): number {
	return total > 0 ? Math.round((Math.max(0, part) / total) * 1000) / 10 : 0;
}

/**
 * Each day with its marks and bar. The bar's parts are the units free all day, out, reserved and
 * in the workshop; a unit both out and reserved on one day counts once, as out, so the parts
 * never run past the bar.
 */
export function calendarDays(
	timeline: readonly DayAvailability[],
	holidays: readonly string[]
): CalendarDay[] {
	const holidaySet = new Set(holidays);
	return timeline.map((day) => {
		const weekday = weekdayOf(day.date);
		const workshop = Math.min(day.workshop, day.total);
		const out = Math.min(day.out, day.total - workshop);
		const reserved = Math.min(day.reserved, day.total - workshop - out);
		const free = Math.min(day.free, day.total - workshop - out - reserved);
		return {
			...day,
			weekday,
			weekend: weekday === 0 || weekday === 6,
			holiday: holidaySet.has(day.date),
			bar: {
				free: percent(free, day.total),
				out: percent(out, day.total),
				reserved: percent(reserved, day.total),
				workshop: percent(workshop, day.total)
			}
		};
	});
}
