/**
 * The reservation form's window as staff type it — a date and a time on the shop's wall clock —
 * and back, whatever time zone the tablet itself is set to; plus the list's grouping by day.
 */
import { addDays, shopDayStart } from '$lib/domain/availability.ts';
import { isCalendarDate, shopDate } from '$lib/domain/inventory.ts';
import type { ReservationView } from '$lib/domain/ledger-rentals.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MINUTES = 24 * 60;
/** A new reservation's window unless staff change it: the shop's fishing day. */
export const DEFAULT_FROM = '06:00';
export const DEFAULT_UNTIL = '18:00';
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The window as the form's four inputs hold it. */
export interface WindowFields {
	fromDate: string;
	fromTime: string;
	untilDate: string;
	untilTime: string;
}

/** Minutes after midnight of `'HH:MM'`, or undefined when it is not a time. */
function minutesOf(time: string): number | undefined {
	const match = TIME.exec(time);
	return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** The shop's wall clock at `at`: its date and `'HH:MM'`. */
export function wallClock(at: number, timeZone: string): { date: string; time: string } {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		hour: '2-digit',
		minute: '2-digit'
	}).formatToParts(at);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
	return { date: shopDate(at, timeZone), time: `${part('hour')}:${part('minute')}` };
}

/**
 * The instant the shop's clock shows `time` on `date`, epoch ms; undefined for a bad date or time.
 * On a daylight-saving change it lands on the clock reading nearest after the one asked for.
 */
export function shopInstant(date: string, time: string, timeZone: string): number | undefined {
	const minutes = minutesOf(time);
	if (minutes === undefined || !isCalendarDate(date)) return undefined;
	const guess = shopDayStart(date, timeZone) + minutes * MINUTE_MS;
	const shown = wallClock(guess, timeZone);
	const dayShift = shown.date === date ? 0 : shown.date < date ? DAY_MINUTES : -DAY_MINUTES;
	const drift = dayShift + minutes - (minutesOf(shown.time) ?? minutes);
	return guess + drift * MINUTE_MS;
}

/** The window the fields describe, or undefined while a field is incomplete. */
export function windowOf(
	fields: WindowFields,
	timeZone: string
): { from: number; until: number } | undefined {
	const from = shopInstant(fields.fromDate, fields.fromTime, timeZone);
	const until = shopInstant(fields.untilDate, fields.untilTime, timeZone);
	return from === undefined || until === undefined ? undefined : { from, until };
}

/**
 * The window a new reservation starts with: `date` (default tomorrow) from 06:00 to 18:00. Today
 * starts at the next full hour instead, and ends at 18:00 or, that late, two hours on.
 */
export function defaultWindow(date: string | null, now: number, timeZone: string): WindowFields {
	const today = shopDate(now, timeZone);
	const day = date && isCalendarDate(date) && date >= today ? date : addDays(today, 1);
	const fields = {
		fromDate: day,
		fromTime: DEFAULT_FROM,
		untilDate: day,
		untilTime: DEFAULT_UNTIL
	};
	const start = shopInstant(day, DEFAULT_FROM, timeZone)!;
	if (start > now) return fields;
	const from = wallClock(Math.ceil((now + 1) / HOUR_MS) * HOUR_MS, timeZone);
	const closing = shopInstant(day, DEFAULT_UNTIL, timeZone)!;
	const fromAt = shopInstant(from.date, from.time, timeZone)!;
	const until = wallClock(fromAt < closing ? closing : fromAt + 2 * HOUR_MS, timeZone);
	return { fromDate: from.date, fromTime: from.time, untilDate: until.date, untilTime: until.time };
}

/** Reservations still to come, by the shop date each starts on, and the rest. */
export interface ReservationGroups {
	upcoming: { date: string; reservations: ReservationView[] }[];
	/** Picked up, cancelled, or whose window has ended without a pick-up: newest first. */
	past: ReservationView[];
}

/** Splits reservations into upcoming days (soonest first) and the past (latest first). */
export function groupReservations(
	list: readonly ReservationView[],
	now: number,
	timeZone: string
): ReservationGroups {
	const days = new Map<string, ReservationView[]>();
	const past: ReservationView[] = [];
	const sorted = [...list].sort((a, b) => a.from - b.from || (a.id < b.id ? -1 : 1));
	for (const reservation of sorted) {
		if (reservation.status !== 'active' || reservation.until <= now) {
			past.push(reservation);
			continue;
		}
		// Already running: listed under today rather than the day it started.
		const date = shopDate(Math.max(reservation.from, now), timeZone);
		days.set(date, [...(days.get(date) ?? []), reservation]);
	}
	return {
		upcoming: [...days].map(([date, reservations]) => ({ date, reservations })),
		past: past.reverse()
	};
}
