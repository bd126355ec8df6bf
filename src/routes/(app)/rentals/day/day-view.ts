/**
 * The day-end page's small readings: which date the address asks for, money that may be
 * negative (a day that paid out more than it took), and how late a rental is, in words.
 */
import { isCalendarDate } from '$lib/domain/inventory.ts';
import { formatYuan } from '$lib/domain/money.ts';
import type { MessageKey } from '$lib/i18n/zh-CN.ts';

const MINUTE_MS = 60_000;
const HOUR_MINUTES = 60;
const DAY_MINUTES = 24 * HOUR_MINUTES;

/** The date in `?date=`, or today when it is missing or not a real `'YYYY-MM-DD'` date. */
export function reportDate(param: string | null, today: string): string {
	return param && isCalendarDate(param) ? param : today;
}

/** Fen as a price, with a minus sign when the shop paid out more than it took: `-¥30`. */
export function signedYuan(fen: number): string {
	return fen < 0 ? `-${formatYuan(-fen)}` : formatYuan(fen);
}

/** How late, in the largest units that say it: days and hours, hours and minutes, or minutes. */
export function lateMessage(lateMs: number): {
	key: MessageKey;
	params: Record<string, number>;
} {
	const minutes = Math.max(1, Math.floor(lateMs / MINUTE_MS));
	const days = Math.floor(minutes / DAY_MINUTES);
	const hours = Math.floor((minutes % DAY_MINUTES) / HOUR_MINUTES);
	if (days > 0) return { key: 'dayReport.lateDays', params: { days, hours } };
	if (hours > 0) {
		return { key: 'dayReport.lateHours', params: { hours, minutes: minutes % HOUR_MINUTES } };
	}
	return { key: 'dayReport.lateMinutes', params: { minutes } };
}

/** A staff member's name from the shop's list, or null when they are no longer on it. */
export function staffName(
	id: string,
	staff: readonly { id: string; name: string }[]
): string | null {
	return staff.find((person) => person.id === id)?.name ?? null;
}
