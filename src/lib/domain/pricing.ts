/**
 * The fee rule: what the shop charges for one unit out from `startAt` to `endAt`.
 *
 * This is the rule the shop promises its customers, and the one the tablets, the settlement, the
 * customer portal and the assistant all quote, so it lives here once. Plain TypeScript, no I/O:
 * money is integer fen, time is epoch ms, and calendar questions are answered by `Intl` in the
 * shop's time zone.
 */
import { assertFen, sumFen } from './money.ts';

/** One minute, in ms. */
const MINUTE_MS = 60_000;
/** One late hour, in ms. */
const HOUR_MS = 3_600_000;
/** A rental period is a fixed 24 hours of elapsed time, whatever the wall clock does. */
const PERIOD_MS = 86_400_000;
/** More periods than ten years' worth means a wrong time (seconds for ms, a typo), not a rental. */
const MAX_PERIODS = 3_660;
/** The largest distance from the epoch a JavaScript `Date` can hold, in ms. */
const MAX_EPOCH_MS = 8.64e15;
/** A holiday is a calendar date in the shop's time zone, written `YYYY-MM-DD`. */
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A model's price card, in fen. Snapshotted into a rental at check-out. */
export interface RateCard {
	/** Price of a period that starts on an ordinary day. */
	daily: number;
	/** Price of a period that starts on a Saturday or Sunday; `daily` when unset. */
	weekend?: number;
	/** Price of a period that starts on a shop holiday; `weekend`, then `daily`, when unset. */
	holiday?: number;
	/** Price per started hour of a late last period, capped at that period's price; unset: no hourly pricing. */
	hourlyLate?: number;
	/** Deposit taken per unit at check-out (not part of the rent). */
	deposit: number;
}

/** The shop's calendar, as snapshotted into a rental. */
export interface ShopCalendar {
	/** IANA time zone the shop's days are counted in, e.g. `'Asia/Shanghai'`. */
	timeZone: string;
	/** Shop holidays as `'YYYY-MM-DD'` dates in `timeZone`. */
	holidays: string[];
	/** Minutes a customer may run into a new period before it is charged (whole minutes ≥ 0). */
	graceMinutes: number;
}

/** One charged period of a rental. */
export interface RentLine {
	/** When the period starts, epoch ms: the rental's start plus a whole number of 24 hours. */
	start: number;
	/** The date, in the shop's time zone, on which the period starts (`YYYY-MM-DD`). */
	date: string;
	/**
	 * The rate actually charged: a holiday priced at the weekend rate (no holiday rate on the card)
	 * says `'weekend'`; `'hourly'` is a late last period priced by the hour.
	 */
	rate: 'daily' | 'weekend' | 'holiday' | 'hourly';
	/** What the period costs, in fen. */
	amount: number;
}

/**
 * The rent for one unit out from `startAt` to `endAt` (epoch ms), itemised per period.
 *
 * 1. Time from `startAt` is cut into consecutive 24-hour periods (fixed length: a daylight-saving
 *    change moves the local clock time a period starts at, not its length). The first period is
 *    always charged, even for a rental of zero length. Each later period is charged only if
 *    `endAt` is strictly more than `graceMinutes` after its start: back exactly at the end of the
 *    grace is not charged, one ms later is.
 * 2. A charged period is priced by the date, in `calendar.timeZone`, on which it starts: a date
 *    in `holidays` uses `holiday ?? weekend ?? daily`; a Saturday or Sunday uses
 *    `weekend ?? daily`; any other day `daily`.
 * 3. If the last charged period is not the first, `endAt` falls strictly inside it (back exactly
 *    24 hours after its start is a full period, not a late one) and the card has `hourlyLate`,
 *    it costs `min(ceil(hours since it started) × hourlyLate, its price from rule 2)` and its
 *    rate is `'hourly'`, even when the cap makes it cost the same as the full period.
 *
 * `total` is the sum of the lines' amounts.
 *
 * @throws {RangeError} when `endAt < startAt`; when a time is not a whole number of ms a `Date`
 *   can hold; when an amount on the card is not a whole number of fen ≥ 0; when the time zone is
 *   unknown, a holiday is not `YYYY-MM-DD` or `graceMinutes` is not whole minutes ≥ 0; when the
 *   rental would run past ten years (3,660 periods).
 * @example
 * // Shanghai, grace 60 min; out Fri 2026-11-27 10:00, back Sun 2026-11-29 11:30:
 * rentFor({ daily: 3000, weekend: 4000, hourlyLate: 500, deposit: 0 }, out, back, calendar);
 * // → lines: 3000 daily (Fri), 4000 weekend (Sat), 1000 hourly (Sun, 2 h × 500); total 8000
 */
export function rentFor(
	card: RateCard,
	startAt: number,
	endAt: number,
	calendar: ShopCalendar
): { lines: RentLine[]; total: number } {
	assertCard(card);
	assertInstant(startAt, 'startAt');
	assertInstant(endAt, 'endAt');
	if (endAt < startAt) {
		throw new RangeError(
			`endAt (${endAt}) is before startAt (${startAt}): a unit cannot come back before it went out`
		);
	}
	const dayOf = shopDayReader(calendar);
	const holidays = new Set(calendar.holidays);
	const count = chargedPeriods(endAt - startAt, calendar.graceMinutes * MINUTE_MS);

	const lines: RentLine[] = [];
	for (let index = 0; index < count; index += 1) {
		const start = startAt + index * PERIOD_MS;
		const day = dayOf(start);
		const price = dayRate(card, holidays.has(day.date), day.weekend);
		const isLateLast = index > 0 && index === count - 1;
		lines.push({
			start,
			date: day.date,
			...(isLateLast ? lateRate(card, price, start, endAt) : price)
		});
	}
	return { lines, total: sumFen(lines.map((line) => line.amount)) };
}

/** How many periods are charged for `elapsed` ms out with `graceMs` of grace (rule 1). */
function chargedPeriods(elapsed: number, graceMs: number): number {
	// Period k ≥ 1 starts at k × 24 h and is charged iff elapsed − k × 24 h > grace,
	// i.e. k < (elapsed − grace) / 24 h; the first period is always charged.
	const beyondGrace = elapsed - graceMs;
	const count = beyondGrace <= 0 ? 1 : Math.ceil(beyondGrace / PERIOD_MS);
	if (count > MAX_PERIODS) {
		throw new RangeError(
			`A rental of ${count} periods runs past ten years: check that the times are epoch ms`
		);
	}
	return count;
}

/** The price of a period starting on a day of this kind (rule 2), with the rate it used. */
function dayRate(
	card: RateCard,
	holiday: boolean,
	weekend: boolean
): Pick<RentLine, 'rate' | 'amount'> {
	if (holiday && card.holiday != null) return { rate: 'holiday', amount: card.holiday };
	if ((holiday || weekend) && card.weekend != null)
		return { rate: 'weekend', amount: card.weekend };
	return { rate: 'daily', amount: card.daily };
}

/**
 * Rule 3, for a last period that is not the first: by the started hour, capped at `price`, when
 * the card has `hourlyLate` and `endAt` falls strictly inside the period; otherwise `price`.
 */
function lateRate(
	card: RateCard,
	price: Pick<RentLine, 'rate' | 'amount'>,
	periodStart: number,
	endAt: number
): Pick<RentLine, 'rate' | 'amount'> {
	if (card.hourlyLate == null || endAt >= periodStart + PERIOD_MS) return price;
	const hours = Math.ceil((endAt - periodStart) / HOUR_MS);
	return { rate: 'hourly', amount: Math.min(hours * card.hourlyLate, price.amount) };
}

/** A reader of the shop's date and weekend-ness at an instant; validates the calendar. */
function shopDayReader(calendar: ShopCalendar): (at: number) => { date: string; weekend: boolean } {
	const { timeZone, holidays, graceMinutes } = calendar;
	if (!Number.isSafeInteger(graceMinutes) || graceMinutes < 0) {
		throw new RangeError(
			`ShopCalendar.graceMinutes must be whole minutes ≥ 0, got ${String(graceMinutes)}`
		);
	}
	const badHoliday = holidays.find((date) => typeof date !== 'string' || !DATE_PATTERN.test(date));
	if (badHoliday !== undefined) {
		throw new RangeError(
			`ShopCalendar.holidays must be 'YYYY-MM-DD' dates, got ${JSON.stringify(badHoliday)}`
		);
	}
	if (typeof timeZone !== 'string' || timeZone === '') {
		throw new RangeError(
			'ShopCalendar.timeZone is missing: set an IANA name such as Asia/Shanghai'
		);
	}
	let format: Intl.DateTimeFormat;
	try {
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			weekday: 'short'
		});
	} catch {
		throw new RangeError(
			`Unknown time zone ${JSON.stringify(timeZone)}: use an IANA name such as Asia/Shanghai`
		);
	}
	return (at) => {
		const parts = format.formatToParts(at);
		const part = (type: Intl.DateTimeFormatPartTypes) =>
			parts.find((p) => p.type === type)?.value ?? '';
		const weekday = part('weekday');
		return {
			date: `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`,
			weekend: weekday === 'Sat' || weekday === 'Sun'
		};
	};
}

/** Throws a `RangeError` unless every amount on the card is whole fen ≥ 0 (unset optionals pass). */
function assertCard(card: RateCard): void {
	assertFen(card.daily, 'RateCard.daily');
	assertFen(card.deposit, 'RateCard.deposit');
	if (card.weekend != null) assertFen(card.weekend, 'RateCard.weekend');
	if (card.holiday != null) assertFen(card.holiday, 'RateCard.holiday');
	if (card.hourlyLate != null) assertFen(card.hourlyLate, 'RateCard.hourlyLate');
}

/** Throws a `RangeError` unless `value` is a whole number of epoch ms that a `Date` can hold. */
function assertInstant(value: number, what: string): void {
	if (!Number.isInteger(value) || Math.abs(value) > MAX_EPOCH_MS) {
		throw new RangeError(`${what} must be a whole number of epoch ms, got ${String(value)}`);
	}
}
