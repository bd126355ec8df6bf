import { describe, it, expect } from 'vitest';
import { rentFor, type RateCard, type ShopCalendar } from '../../../../src/lib/domain/pricing.ts';

const DAY = 86_400_000;

/** An instant written as a local time with its UTC offset, e.g. `'2026-11-27T10:00+08:00'`. */
const at = (iso: string): number => {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) throw new Error(`bad test time ${iso}`);
	return ms;
};

const shanghai: ShopCalendar = { timeZone: 'Asia/Shanghai', holidays: [], graceMinutes: 60 };
/** National Day holidays as this shop keeps them in 2026: Thu 10-01 to Mon 10-05, over a weekend. */
const nationalDay: ShopCalendar = {
	...shanghai,
	holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05']
};
const noGrace: ShopCalendar = { ...shanghai, graceMinutes: 0 };
const losAngeles: ShopCalendar = {
	timeZone: 'America/Los_Angeles',
	holidays: [],
	graceMinutes: 60
};

/** The 海竿 card from the example. */
const seaRod: RateCard = { daily: 3000, weekend: 4000, hourlyLate: 500, deposit: 50_000 };
const seaRodNoLate: RateCard = { daily: 3000, weekend: 4000, deposit: 50_000 };
const festive: RateCard = { daily: 3000, weekend: 4000, holiday: 5000, deposit: 50_000 };
const dailyOnly: RateCard = { daily: 3000, deposit: 50_000 };

type Line = [date: string, rate: string, amount: number];

interface Story {
	story: string;
	card: RateCard;
	calendar: ShopCalendar;
	out: string;
	back: string;
	lines: Line[];
	total: number;
}

const stories: Story[] = [
	// The example.
	{
		story: 'Fri 10:00 → Sun 10:50, inside grace: 2 days (weekday + Saturday)',
		card: seaRod,
		calendar: shanghai,
		out: '2026-11-27T10:00+08:00',
		back: '2026-11-29T10:50+08:00',
		lines: [
			['2026-11-27', 'daily', 3000],
			['2026-11-28', 'weekend', 4000]
		],
		total: 7000
	},
	{
		story: 'Fri 10:00 → Sun 11:30, 90 min into Sunday: 2 days + 2 late hours',
		card: seaRod,
		calendar: shanghai,
		out: '2026-11-27T10:00+08:00',
		back: '2026-11-29T11:30+08:00',
		lines: [
			['2026-11-27', 'daily', 3000],
			['2026-11-28', 'weekend', 4000],
			['2026-11-29', 'hourly', 1000]
		],
		total: 8000
	},
	// Weekends.
	{
		story: 'Sat 09:00 → Mon 09:00, the whole weekend: 2 weekend days',
		card: seaRod,
		calendar: shanghai,
		out: '2026-11-28T09:00+08:00',
		back: '2026-11-30T09:00+08:00',
		lines: [
			['2026-11-28', 'weekend', 4000],
			['2026-11-29', 'weekend', 4000]
		],
		total: 8000
	},
	{
		story: 'Thu 08:00 → Mon 08:30, daily-only card: 4 days at the daily price, inside grace',
		card: dailyOnly,
		calendar: shanghai,
		out: '2026-11-26T08:00+08:00',
		back: '2026-11-30T08:30+08:00',
		lines: [
			['2026-11-26', 'daily', 3000],
			['2026-11-27', 'daily', 3000],
			['2026-11-28', 'daily', 3000],
			['2026-11-29', 'daily', 3000]
		],
		total: 12_000
	},
	// Holidays.
	{
		story: 'National Day Sat 10-03 10:00 → Sun 10:00: holiday price beats the weekend price',
		card: festive,
		calendar: nationalDay,
		out: '2026-10-03T10:00+08:00',
		back: '2026-10-04T10:00+08:00',
		lines: [['2026-10-03', 'holiday', 5000]],
		total: 5000
	},
	{
		story: 'National Day Thu 10-01, card has no holiday price: weekend price',
		card: seaRodNoLate,
		calendar: nationalDay,
		out: '2026-10-01T10:00+08:00',
		back: '2026-10-02T10:00+08:00',
		lines: [['2026-10-01', 'weekend', 4000]],
		total: 4000
	},
	{
		story: 'National Day Thu 10-01, daily-only card: daily price',
		card: dailyOnly,
		calendar: nationalDay,
		out: '2026-10-01T10:00+08:00',
		back: '2026-10-02T10:00+08:00',
		lines: [['2026-10-01', 'daily', 3000]],
		total: 3000
	},
	{
		story: 'Holiday week ends Mon 10-05: Tue 10-06 back at the daily price',
		card: festive,
		calendar: nationalDay,
		out: '2026-10-05T10:00+08:00',
		back: '2026-10-07T10:00+08:00',
		lines: [
			['2026-10-05', 'holiday', 5000],
			['2026-10-06', 'daily', 3000]
		],
		total: 8000
	},
	// The grace edge.
	{
		story: 'Fri 10:00 → Sat 11:00, exactly at the end of the grace: 1 day',
		card: seaRod,
		calendar: shanghai,
		out: '2026-11-27T10:00+08:00',
		back: '2026-11-28T11:00+08:00',
		lines: [['2026-11-27', 'daily', 3000]],
		total: 3000
	},
	{
		story: 'Fri 10:00 → Sat 11:00 and 1 ms: the grace is gone, 2 started late hours',
		card: seaRod,
		calendar: shanghai,
		out: '2026-11-27T10:00+08:00',
		back: '2026-11-28T11:00:00.001+08:00',
		lines: [
			['2026-11-27', 'daily', 3000],
			['2026-11-28', 'hourly', 1000]
		],
		total: 4000
	},
	{
		story: 'Fri 10:00 → Sat 11:00 and 1 ms, card without late hours: a full Saturday',
		card: seaRodNoLate,
		calendar: shanghai,
		out: '2026-11-27T10:00+08:00',
		back: '2026-11-28T11:00:00.001+08:00',
		lines: [
			['2026-11-27', 'daily', 3000],
			['2026-11-28', 'weekend', 4000]
		],
		total: 7000
	},
	{
		story: 'No grace: Fri 10:00 → Sat 10:00 and 1 ms is 1 late hour',
		card: seaRod,
		calendar: noGrace,
		out: '2026-11-27T10:00+08:00',
		back: '2026-11-28T10:00:00.001+08:00',
		lines: [
			['2026-11-27', 'daily', 3000],
			['2026-11-28', 'hourly', 500]
		],
		total: 3500
	},
	{
		story: 'No grace: Fri 10:00 → Sun 10:00 on the dot: Saturday is full, not late hours',
		card: seaRod,
		calendar: noGrace,
		out: '2026-11-27T10:00+08:00',
		back: '2026-11-29T10:00+08:00',
		lines: [
			['2026-11-27', 'daily', 3000],
			['2026-11-28', 'weekend', 4000]
		],
		total: 7000
	},
	// Late hours.
	{
		story: 'Fri 10:00 → Sun 20:00, 10 h into Sunday: late hours capped at the weekend price',
		card: seaRod,
		calendar: shanghai,
		out: '2026-11-27T10:00+08:00',
		back: '2026-11-29T20:00+08:00',
		lines: [
			['2026-11-27', 'daily', 3000],
			['2026-11-28', 'weekend', 4000],
			['2026-11-29', 'hourly', 4000]
		],
		total: 11_000
	},
	{
		story: 'Mon 10:00 → Tue 15:00, 5 h into Tuesday: 5 late hours under the daily cap',
		card: seaRod,
		calendar: shanghai,
		out: '2026-11-23T10:00+08:00',
		back: '2026-11-24T15:00+08:00',
		lines: [
			['2026-11-23', 'daily', 3000],
			['2026-11-24', 'hourly', 2500]
		],
		total: 5500
	},
	{
		story: 'Mon 10:00 → Tue 17:00, 7 h into Tuesday: 3500 of late hours capped at the daily 3000',
		card: seaRod,
		calendar: shanghai,
		out: '2026-11-23T10:00+08:00',
		back: '2026-11-24T17:00+08:00',
		lines: [
			['2026-11-23', 'daily', 3000],
			['2026-11-24', 'hourly', 3000]
		],
		total: 6000
	},
	{
		story: 'Fri 10:00 → Fri 12:00, two hours out: the first day is always a full day',
		card: seaRod,
		calendar: shanghai,
		out: '2026-11-27T10:00+08:00',
		back: '2026-11-27T12:00+08:00',
		lines: [['2026-11-27', 'daily', 3000]],
		total: 3000
	},
	{
		story: 'Fri 10:00 → Fri 11:00, out just as long as the grace: one day',
		card: seaRod,
		calendar: shanghai,
		out: '2026-11-27T10:00+08:00',
		back: '2026-11-27T11:00+08:00',
		lines: [['2026-11-27', 'daily', 3000]],
		total: 3000
	},
	{
		story: 'Out and straight back at Fri 10:00: one day',
		card: seaRod,
		calendar: shanghai,
		out: '2026-11-27T10:00+08:00',
		back: '2026-11-27T10:00+08:00',
		lines: [['2026-11-27', 'daily', 3000]],
		total: 3000
	},
	// Days are the shop's days, in its time zone.
	{
		story: 'Out Fri 23:30 Shanghai (Fri 15:30 UTC): a Friday, daily price',
		card: seaRod,
		calendar: shanghai,
		out: '2026-11-27T23:30+08:00',
		back: '2026-11-28T23:00+08:00',
		lines: [['2026-11-27', 'daily', 3000]],
		total: 3000
	},
	{
		story: 'Out Sat 00:30 Shanghai (still Fri 16:30 UTC): a Saturday, weekend price',
		card: seaRod,
		calendar: shanghai,
		out: '2026-11-28T00:30+08:00',
		back: '2026-11-29T00:00+08:00',
		lines: [['2026-11-28', 'weekend', 4000]],
		total: 4000
	},
	{
		story:
			'Los Angeles, clocks fall back Sun 11-01: out Sat 10:00, back Mon 10:30 is 90 min into a period that began 09:00',
		card: seaRodNoLate,
		calendar: losAngeles,
		out: '2026-10-31T10:00-07:00',
		back: '2026-11-02T10:30-08:00',
		lines: [
			['2026-10-31', 'weekend', 4000],
			['2026-11-01', 'weekend', 4000],
			['2026-11-02', 'daily', 3000]
		],
		total: 11_000
	},
	{
		story:
			'Los Angeles, clocks spring forward Sun 03-08: out Sat 10:00, back Mon 11:45 is 45 min into a period that began 11:00',
		card: seaRodNoLate,
		calendar: losAngeles,
		out: '2026-03-07T10:00-08:00',
		back: '2026-03-09T11:45-07:00',
		lines: [
			['2026-03-07', 'weekend', 4000],
			['2026-03-08', 'weekend', 4000]
		],
		total: 8000
	}
];

describe('rentFor: what a rental costs', () => {
	it.each(stories)('$story', ({ card, calendar, out, back, lines, total }) => {
		const rent = rentFor(card, at(out), at(back), calendar);
		expect(rent.lines.map((l): Line => [l.date, l.rate, l.amount])).toEqual(lines);
		expect(rent.total).toBe(total);
		// Periods are fixed 24 h of elapsed time from check-out, whatever the local clock says.
		expect(rent.lines.map((l) => l.start)).toEqual(lines.map((_, i) => at(out) + i * DAY));
	});

	it('totals the lines exactly, in whole fen', () => {
		const rent = rentFor(
			festive,
			at('2026-09-28T10:00+08:00'),
			at('2026-10-09T10:00+08:00'),
			nationalDay
		);
		expect(rent.lines).toHaveLength(11);
		expect(rent.total).toBe(rent.lines.reduce((sum, l) => sum + l.amount, 0));
		expect(rent.lines.every((l) => Number.isSafeInteger(l.amount))).toBe(true);
	});

	it('leaves its inputs untouched', () => {
		const card = { ...seaRod };
		const calendar = { ...nationalDay, holidays: [...nationalDay.holidays] };
		rentFor(card, at('2026-10-01T10:00+08:00'), at('2026-10-04T12:00+08:00'), calendar);
		expect(card).toEqual(seaRod);
		expect(calendar).toEqual(nationalDay);
	});
});

interface Refusal {
	story: string;
	card?: RateCard;
	calendar?: ShopCalendar;
	out?: number;
	back?: number;
	message: RegExp;
}

const friday = at('2026-11-27T10:00+08:00');
const sunday = at('2026-11-29T10:00+08:00');

const refusals: Refusal[] = [
	{ story: 'back before it went out', back: friday - 1, message: /before it went out/ },
	{ story: 'a check-out time that is NaN', out: Number.NaN, message: /startAt/ },
	{ story: 'a return time that is NaN', back: Number.NaN, message: /endAt/ },
	{ story: 'a return time of Infinity', back: Infinity, message: /endAt/ },
	{ story: 'a fraction of a ms', back: sunday + 0.5, message: /endAt/ },
	{ story: 'a daily price in yuan (30.5)', card: { ...seaRod, daily: 30.5 }, message: /daily/ },
	{ story: 'a negative weekend price', card: { ...seaRod, weekend: -1 }, message: /weekend/ },
	{ story: 'a NaN holiday price', card: { ...seaRod, holiday: Number.NaN }, message: /holiday/ },
	{ story: 'a fractional late hour', card: { ...seaRod, hourlyLate: 2.5 }, message: /hourlyLate/ },
	{ story: 'a fractional deposit', card: { ...seaRod, deposit: 0.1 }, message: /deposit/ },
	{
		story: 'an unknown time zone',
		calendar: { ...shanghai, timeZone: 'Mars/Olympus' },
		message: /Unknown time zone/
	},
	{
		story: 'no time zone at all',
		calendar: { ...shanghai, timeZone: '' },
		message: /timeZone is missing/
	},
	{
		story: 'a negative grace',
		calendar: { ...shanghai, graceMinutes: -1 },
		message: /graceMinutes/
	},
	{
		story: 'a holiday written 2026-10-1',
		calendar: { ...shanghai, holidays: ['2026-10-1'] },
		message: /YYYY-MM-DD/
	},
	{
		story: 'a return time in seconds, not ms (decades of periods)',
		out: 1_700_000_000,
		back: 1_800_000_000_000,
		message: /ten years/
	}
];

describe('rentFor: refuses broken input with a RangeError', () => {
	it.each(refusals)('$story', ({ card = seaRod, calendar = shanghai, out, back, message }) => {
		const call = () => rentFor(card, out ?? friday, back ?? sunday, calendar);
		expect(call).toThrow(RangeError);
		expect(call).toThrow(message);
	});
});
