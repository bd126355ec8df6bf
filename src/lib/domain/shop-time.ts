/**
 * Date-and-time fields in the shop's time zone: a tablet set to another zone still shows and
 * takes the shop's wall clock (a due time of 18:00 means 18:00 at the shop).
 */
import { shopDayStart } from './availability.ts';

const MINUTE_MS = 60_000;
const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/** The shop's wall clock at `at` as an `<input type="datetime-local">` value, `YYYY-MM-DDTHH:mm`. */
export function toShopInput(at: number, timeZone: string): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit'
	}).formatToParts(at);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/**
 * The epoch ms of a `YYYY-MM-DDTHH:mm` wall-clock time at the shop, or undefined for anything
 * else. Counted from the shop day's midnight, so on a day a daylight-saving change happens the
 * hours after it are an hour off (China has none).
 */
export function fromShopInput(text: string, timeZone: string): number | undefined {
	const match = LOCAL.exec(text);
	if (!match) return undefined;
	const [, date, hours, minutes] = match;
	const [h, m] = [Number(hours), Number(minutes)];
	if (h > 23 || m > 59) return undefined;
	try {
		return shopDayStart(date, timeZone) + (h * 60 + m) * MINUTE_MS;
	} catch {
		return undefined;
	}
}

/** `at` moved to `hour`:00 at the shop on the same shop day. */
export function atShopHour(at: number, hour: number, timeZone: string): number {
	const date = toShopInput(at, timeZone).slice(0, 10);
	return shopDayStart(date, timeZone) + hour * 60 * MINUTE_MS;
}
