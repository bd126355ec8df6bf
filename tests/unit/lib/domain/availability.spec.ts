import { describe, expect, it } from 'vitest';
import {
	addDays,
	availableCount,
	blockedByStatus,
	canReserve,
	modelTimeline,
	shopDayStart,
	type AvailabilityContext
} from '../../../../src/lib/domain/availability.ts';

import type { LedgerEvent, Reservation } from '../../../../src/lib/domain/ledger.ts';
import { deriveRentals, deriveReservations } from '../../../../src/lib/domain/ledger-rentals.ts';
import type { UnitStatusView } from '../../../../src/lib/domain/unit-status.ts';
import {
	at,
	checkedOut,
	DAY,
	FRI_10,
	HOUR,
	LURE,
	returned,
	SEA,
	seaRod,
	uid
} from './ledger-fixtures.ts';

/** Three sea rods (R-0001..3), one retired sea rod, one lure rod; turnaround 2 h; now Fri 10:00. */
const units = [
	{ id: uid('u-1'), modelId: SEA, retired: false },
	{ id: uid('u-2'), modelId: SEA, retired: false },
	{ id: uid('u-3'), modelId: SEA, retired: false },
	{ id: uid('u-old'), modelId: SEA, retired: true },
	{ id: uid('u-9'), modelId: LURE, retired: false }
];

function booking(id: string, from: number, until: number, unitIds?: string[]): Reservation {
	return {
		id,
		customerId: `c-${id}`,
		modelId: SEA,
		...(unitIds && { unitIds: unitIds.map(uid) }),
		from,
		until,
		createdAt: 0
	};
}

function shop(
	events: LedgerEvent[] = [],
	reservations: Reservation[] = [],
	extra: Partial<AvailabilityContext> = {}
): AvailabilityContext {
	return {
		units,
		book: deriveRentals(events),
		reservations: deriveReservations(reservations, events),
		now: FRI_10,
		turnaroundMs: 2 * HOUR,
		...extra
	};
}

/** R-0001 out since Fri 10:00, due Sat 10:00. */
const oneOut = [checkedOut('r1', { units: [seaRod('u-1', 'R-0001')], dueAt: FRI_10 + DAY })];
const window = (fromHours: number, hours: number) => ({
	from: FRI_10 + fromHours * HOUR,
	until: FRI_10 + (fromHours + hours) * HOUR
});

describe('availableCount', () => {
	it.each([
		['nothing out: every sea rod but the retired one', [], window(0, 24), 3],
		['one out until Saturday 10:00', oneOut, window(0, 24), 2],
		['after it is due and cleaned', oneOut, window(26, 24), 3],
		['inside the cleaning time after its due time', oneOut, window(25, 24), 2],
		[
			'back an hour ago and still being cleaned',
			[...oneOut, returned('r1', 'u-1', FRI_10 - HOUR)],
			window(0, 1),
			2
		],
		['back and cleaned', [...oneOut, returned('r1', 'u-1', FRI_10 - HOUR)], window(1, 5), 3]
	] as [string, LedgerEvent[], { from: number; until: number }, number][])(
		'%s',
		(_story, events, span, count) => {
			expect(availableCount(SEA, span, shop(events))).toBe(count);
		}
	);

	it('keeps an overdue rod busy until it is back (now plus cleaning)', () => {
		const late = shop(oneOut, [], { now: FRI_10 + 2 * DAY });
		expect(availableCount(SEA, { from: late.now, until: late.now + HOUR }, late)).toBe(2);
		expect(
			availableCount(SEA, { from: late.now + 3 * HOUR, until: late.now + 4 * HOUR }, late)
		).toBe(3);
	});

	it('leaves out a rod in the workshop', () => {
		const statuses = new Map([[uid('u-2'), { status: 'workshop' } as UnitStatusView]]);
		const ctx = shop([], [], { blocked: blockedByStatus(statuses) });
		expect(availableCount(SEA, window(0, 24), ctx)).toBe(2);
	});

	it('counts reservations of the model by how many overlap at once', () => {
		const morning = booking('v1', FRI_10 + DAY, FRI_10 + DAY + 3 * HOUR);
		const evening = booking('v2', FRI_10 + DAY + 6 * HOUR, FRI_10 + DAY + 9 * HOUR);
		const allDay = booking('v3', FRI_10 + DAY, FRI_10 + DAY + 9 * HOUR);
		const saturday = window(24, 12);
		expect(availableCount(SEA, saturday, shop([], [morning, evening]))).toBe(2);
		expect(availableCount(SEA, saturday, shop([], [morning, evening, allDay]))).toBe(1);
		expect(availableCount(SEA, saturday, shop([], [booking('v4', 0, 1, ['u-2'])]))).toBe(3);
		expect(availableCount(SEA, saturday, shop([], [{ ...allDay, unitIds: [uid('u-2')] }]))).toBe(2);
	});
});

describe('canReserve', () => {
	const saturday = { modelId: SEA, ...window(24, 8) };

	it.each([
		[
			'a window that ends before it starts',
			{ ...saturday, until: saturday.from },
			{ code: 'bad-window' }
		],
		['a window already over', { ...saturday, from: 0, until: FRI_10 }, { code: 'in-the-past' }],
		[
			'a lure rod as a sea rod',
			{ ...saturday, unitIds: [uid('u-9')] },
			{ code: 'unit-not-of-model', unitId: 'u-9' }
		],
		[
			'the retired rod',
			{ ...saturday, unitIds: [uid('u-old')] },
			{ code: 'unit-unavailable', unitId: 'u-old' }
		],
		[
			'the rod out until Saturday 10:00',
			{ ...saturday, from: FRI_10 + 20 * HOUR, unitIds: [uid('u-1')] },
			{ code: 'unit-busy', unitId: 'u-1', rentalId: 'r1' }
		]
	] as [string, Parameters<typeof canReserve>[0], object][])(
		'refuses %s',
		(_story, request, reason) => {
			expect(canReserve(request, shop(oneOut))).toEqual({ ok: false, reason });
		}
	);

	it('refuses a fourth sea rod on a Saturday three are booked, and says how many are left', () => {
		const booked = ['v1', 'v2', 'v3'].map((id) => booking(id, saturday.from, saturday.until));
		expect(canReserve(saturday, shop([], booked))).toEqual({
			ok: false,
			reason: { code: 'none-free', available: 0, wanted: 1 }
		});
		expect(canReserve(saturday, shop([], booked.slice(1)))).toEqual({ ok: true });
	});

	it('refuses a named rod when the others are all promised already', () => {
		const booked = ['v1', 'v2', 'v3'].map((id) => booking(id, saturday.from, saturday.until));
		const named = { ...saturday, unitIds: [uid('u-3')] };
		expect(canReserve(named, shop([], booked))).toMatchObject({
			ok: false,
			reason: { code: 'none-free' }
		});
	});

	it('lets a reservation being edited not compete with itself', () => {
		const own = booking('v1', saturday.from, saturday.until, ['u-2']);
		const moved = { ...saturday, from: saturday.from + HOUR, unitIds: [uid('u-2')] };
		expect(canReserve(moved, shop([], [own]))).toMatchObject({
			ok: false,
			reason: { code: 'unit-busy' }
		});
		expect(canReserve({ ...moved, reservationId: 'v1' }, shop([], [own]))).toEqual({ ok: true });
	});
});

describe('modelTimeline', () => {
	it('lays out the coming days in the shop’s time zone', () => {
		const sunday = booking('v1', at('2026-11-29T08:00+08:00'), at('2026-11-29T18:00+08:00'));
		const statuses = new Map([[uid('u-3'), { status: 'workshop' } as UnitStatusView]]);
		const ctx = shop(oneOut, [sunday], { blocked: blockedByStatus(statuses) });
		const days = modelTimeline(SEA, ctx, {
			startDate: '2026-11-27',
			days: 3,
			timeZone: 'Asia/Shanghai'
		});
		expect(days).toEqual([
			{ date: '2026-11-27', total: 3, out: 1, reserved: 0, workshop: 1, free: 1 },
			{ date: '2026-11-28', total: 3, out: 1, reserved: 0, workshop: 1, free: 1 },
			{ date: '2026-11-29', total: 3, out: 0, reserved: 1, workshop: 1, free: 1 }
		]);
	});
});

describe('shop days', () => {
	it.each([
		['2026-11-27', 'Asia/Shanghai', '2026-11-27T00:00+08:00'],
		['2026-03-08', 'America/New_York', '2026-03-08T00:00-05:00'],
		['2026-03-09', 'America/New_York', '2026-03-09T00:00-04:00'],
		['2026-11-01', 'America/New_York', '2026-11-01T00:00-04:00'],
		['2026-01-01', 'UTC', '2026-01-01T00:00Z']
	])('%s in %s starts at %s', (date, zone, iso) => {
		expect(shopDayStart(date, zone)).toBe(at(iso));
	});

	it('counts days across months and years, and refuses a date that is not one', () => {
		expect([addDays('2026-12-31', 1), addDays('2026-03-01', -1)]).toEqual([
			'2027-01-01',
			'2026-02-28'
		]);
		expect(() => shopDayStart('2026-02-30', 'Asia/Shanghai')).toThrow(RangeError);
	});
});
