import { beforeAll, describe, expect, it } from 'vitest';
import { loadLocale, translate } from '../../../../src/lib/i18n/translate.ts';
import {
	lateMessage,
	reportDate,
	signedYuan,
	staffName
} from '../../../../src/routes/(app)/rentals/day/day-view.ts';
import {
	calendarPath,
	dayReportPath,
	newReservationPath,
	rentalPath
} from '../../../../src/routes/(app)/rentals/reservations/reservation-links.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

beforeAll(() => loadLocale('en'));
describe('the day-end page', () => {
	it.each([
		['the date asked for', '2026-11-27', '2026-11-27'],
		['today when none is asked for', null, '2026-12-01'],
		['today for a date that does not exist', '2026-02-30', '2026-12-01'],
		['today for something else', 'yesterday', '2026-12-01']
	])('shows %s', (_story, param, date) => {
		expect(reportDate(param, '2026-12-01')).toBe(date);
	});

	it.each([
		['a day that took money', 12_050, '¥120.50'],
		['a quiet day', 0, '¥0'],
		['a day that refunded more than it took', -3000, '-¥30'],
		['thousands', -123_400, '-¥1,234']
	])('writes %s as %s', (_story, fen, text) => {
		expect(signedYuan(fen)).toBe(text);
	});

	it.each([
		['a few minutes', 5 * MINUTE, '5 分钟', '5 min'],
		['under a minute still counts', 20_000, '1 分钟', '1 min'],
		['two hours late, as at the counter', 2 * HOUR + 15 * MINUTE, '2 小时 15 分', '2 h 15 min'],
		['a day and three hours', DAY + 3 * HOUR + 40 * MINUTE, '1 天 3 小时', '1 d 3 h']
	])('says how late: %s', (_story, ms, zh, en) => {
		const { key, params } = lateMessage(ms);
		expect(translate('zh-CN', key, params)).toBe(zh);
		expect(translate('en', key, params)).toBe(en);
	});

	it("names staff from the shop's list, and says when someone left it", () => {
		const staff = [
			{ id: 's-wang', name: '老王' },
			{ id: 's-li', name: '小李' }
		];
		expect(staffName('s-li', staff)).toBe('小李');
		expect(staffName('s-gone', staff)).toBeNull();
	});
});

describe('links to the reservation pages', () => {
	it.each([
		['a model’s calendar', calendarPath('m 1'), '/rentals/calendar?model=m%201'],
		['the calendar without a model', calendarPath(), '/rentals/calendar'],
		['a day-end report', dayReportPath('2026-11-27'), '/rentals/day?date=2026-11-27'],
		['today’s report', dayReportPath(), '/rentals/day'],
		['a rental', rentalPath('r/1'), '/rentals/rental?id=r%2F1'],
		[
			'the form from a calendar day',
			newReservationPath({ modelId: 'm-sea', date: '2026-11-28' }),
			'/rentals/reservations?new=1&model=m-sea&date=2026-11-28'
		],
		['an empty form', newReservationPath(), '/rentals/reservations?new=1']
	])('%s', (_story, path, expected) => {
		expect(path).toBe(expected);
	});
});
