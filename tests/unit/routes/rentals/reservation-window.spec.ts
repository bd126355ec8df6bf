import { describe, expect, it } from 'vitest';
import type { ModelId } from '../../../../src/lib/domain/inventory.ts';
import type { ReservationView } from '../../../../src/lib/domain/ledger-rentals.ts';
import {
	defaultWindow,
	groupReservations,
	shopInstant,
	wallClock,
	windowOf
} from '../../../../src/routes/(app)/rentals/reservations/reservation-window.ts';
import { at, HOUR } from '../../lib/domain/ledger-fixtures.ts';

const SHANGHAI = 'Asia/Shanghai';
const BERLIN = 'Europe/Berlin';

describe("the shop's wall clock", () => {
	it.each([
		['06:00 in Shanghai', '2026-11-28', '06:00', SHANGHAI, '2026-11-28T06:00+08:00'],
		['just before midnight', '2026-11-28', '23:59', SHANGHAI, '2026-11-28T23:59+08:00'],
		['midnight', '2026-11-28', '00:00', SHANGHAI, '2026-11-28T00:00+08:00'],
		['Berlin in winter', '2026-01-10', '06:00', BERLIN, '2026-01-10T06:00+01:00'],
		['Berlin in summer', '2026-07-10', '06:00', BERLIN, '2026-07-10T06:00+02:00'],
		[
			'Berlin after the clocks went forward',
			'2026-03-29',
			'10:00',
			BERLIN,
			'2026-03-29T10:00+02:00'
		],
		['Berlin after the clocks went back', '2026-10-25', '18:00', BERLIN, '2026-10-25T18:00+01:00']
	])('%s', (_story, date, time, zone, iso) => {
		const instant = shopInstant(date, time, zone);
		expect(instant).toBe(at(iso));
		expect(wallClock(instant!, zone)).toEqual({ date, time });
	});

	it.each([
		['a time without minutes', '2026-11-28', '6'],
		['25 o’clock', '2026-11-28', '25:00'],
		['the 30th of February', '2026-02-30', '06:00'],
		['an empty date', '', '06:00']
	])('reads %s as nothing', (_story, date, time) => {
		expect(shopInstant(date, time, SHANGHAI)).toBeUndefined();
	});

	it('gives a window only when all four fields are filled in', () => {
		const fields = {
			fromDate: '2026-11-28',
			fromTime: '06:00',
			untilDate: '2026-11-29',
			untilTime: '18:00'
		};
		expect(windowOf(fields, SHANGHAI)).toEqual({
			from: at('2026-11-28T06:00+08:00'),
			until: at('2026-11-29T18:00+08:00')
		});
		expect(windowOf({ ...fields, untilTime: '' }, SHANGHAI)).toBeUndefined();
	});
});

describe('the window a new reservation starts with', () => {
	const window = (fromDate: string, fromTime: string, untilDate: string, untilTime: string) => ({
		fromDate,
		fromTime,
		untilDate,
		untilTime
	});

	it.each([
		[
			'tomorrow 06:00 to 18:00 by default',
			null,
			'2026-11-27T10:00+08:00',
			window('2026-11-28', '06:00', '2026-11-28', '18:00')
		],
		[
			'the day tapped on the calendar',
			'2026-12-05',
			'2026-11-27T10:00+08:00',
			window('2026-12-05', '06:00', '2026-12-05', '18:00')
		],
		[
			'today before opening: the whole fishing day',
			'2026-11-27',
			'2026-11-27T05:10+08:00',
			window('2026-11-27', '06:00', '2026-11-27', '18:00')
		],
		[
			'today after 06:00: from the next full hour',
			'2026-11-27',
			'2026-11-27T10:20+08:00',
			window('2026-11-27', '11:00', '2026-11-27', '18:00')
		],
		[
			'today on the hour: the hour after',
			'2026-11-27',
			'2026-11-27T10:00+08:00',
			window('2026-11-27', '11:00', '2026-11-27', '18:00')
		],
		[
			'today in the evening: two hours from the next full hour',
			'2026-11-27',
			'2026-11-27T19:30+08:00',
			window('2026-11-27', '20:00', '2026-11-27', '22:00')
		],
		[
			'today just before midnight: the window runs into tomorrow',
			'2026-11-27',
			'2026-11-27T23:10+08:00',
			window('2026-11-28', '00:00', '2026-11-28', '02:00')
		],
		[
			'a day in the past: tomorrow instead',
			'2026-11-01',
			'2026-11-27T10:00+08:00',
			window('2026-11-28', '06:00', '2026-11-28', '18:00')
		],
		[
			'not a date: tomorrow instead',
			'soon',
			'2026-11-27T10:00+08:00',
			window('2026-11-28', '06:00', '2026-11-28', '18:00')
		]
	])('%s', (_story, date, now, expected) => {
		expect(defaultWindow(date, at(now), SHANGHAI)).toEqual(expected);
	});
});

describe('the list of reservations by day', () => {
	const NOW = at('2026-11-27T10:00+08:00');
	function booking(
		id: string,
		from: string,
		hours: number,
		status: ReservationView['status'] = 'active'
	): ReservationView {
		const start = at(from);
		return {
			id,
			customerId: `c-${id}`,
			modelId: 'm-sea' as ModelId,
			from: start,
			until: start + hours * HOUR,
			createdAt: 0,
			status
		};
	}

	it('lists what is to come by the day it starts, soonest first, and the rest as past', () => {
		const groups = groupReservations(
			[
				booking('sat-late', '2026-11-28T14:00+08:00', 4),
				booking('sat-early', '2026-11-28T06:00+08:00', 12),
				booking('running', '2026-11-27T06:00+08:00', 12),
				booking('sun', '2026-11-29T06:00+08:00', 12),
				booking('cancelled', '2026-11-29T06:00+08:00', 12, 'cancelled'),
				booking('picked', '2026-11-26T06:00+08:00', 12, 'picked-up'),
				booking('no-show', '2026-11-26T06:00+08:00', 12)
			],
			NOW,
			SHANGHAI
		);
		expect(groups.upcoming.map((day) => [day.date, day.reservations.map((r) => r.id)])).toEqual([
			['2026-11-27', ['running']],
			['2026-11-28', ['sat-early', 'sat-late']],
			['2026-11-29', ['sun']]
		]);
		expect(groups.past.map((r) => r.id)).toEqual(['cancelled', 'picked', 'no-show']);
	});

	it('groups by the shop date, not the UTC date', () => {
		// 01:00 in Shanghai is still the day before in UTC.
		const groups = groupReservations([booking('dawn', '2026-11-28T01:00+08:00', 4)], NOW, SHANGHAI);
		expect(groups.upcoming[0].date).toBe('2026-11-28');
	});
});
