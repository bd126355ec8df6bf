import { describe, expect, it } from 'vitest';
import {
	canReserve,
	type AvailabilityContext,
	type ReserveRefusal
} from '../../../../src/lib/domain/availability.ts';
import type { UnitId } from '../../../../src/lib/domain/inventory.ts';
import type { LedgerEvent, Reservation } from '../../../../src/lib/domain/ledger.ts';
import { deriveRentals, deriveReservations } from '../../../../src/lib/domain/ledger-rentals.ts';
import { translate } from '../../../../src/lib/i18n/translate.ts';
import {
	refusalMessage,
	windowAvailability
} from '../../../../src/routes/(app)/rentals/reservations/reserve-check.ts';
import {
	checkedOut,
	DAY,
	FRI_10,
	HOUR,
	SEA,
	seaRod,
	uid
} from '../../lib/domain/ledger-fixtures.ts';

/** Three sea rods; R-0003 in the workshop; turnaround 2 h; now Fri 10:00. */
const units = [
	{ id: uid('u-1'), modelId: SEA, retired: false },
	{ id: uid('u-2'), modelId: SEA, retired: false },
	{ id: uid('u-3'), modelId: SEA, retired: false }
];
const ids = units.map((u) => u.id);
const saturday = { modelId: SEA, from: FRI_10 + DAY - 4 * HOUR, until: FRI_10 + DAY + 8 * HOUR };

function booking(id: string, unitIds?: string[]): Reservation {
	return {
		id,
		customerId: `c-${id}`,
		modelId: SEA,
		...(unitIds && { unitIds: unitIds.map(uid) }),
		from: saturday.from,
		until: saturday.until,
		createdAt: 0
	};
}

function shop(events: LedgerEvent[] = [], reservations: Reservation[] = []) {
	const ctx: AvailabilityContext = {
		units,
		book: deriveRentals(events),
		reservations: deriveReservations(reservations, events),
		now: FRI_10,
		turnaroundMs: 2 * HOUR,
		blocked: (unitId: UnitId) => unitId === 'u-3'
	};
	return (request: Parameters<typeof canReserve>[0]) => canReserve(request, ctx);
}

/** R-0001 out from Fri 10:00 until Sat 10:00 (over the Saturday window). */
const oneOut = [checkedOut('r1', { units: [seaRod('u-1', 'R-0001')], dueAt: FRI_10 + DAY })];

describe('how many units the form says are free', () => {
	it.each([
		['nothing booked: both usable rods', [], [], 2, { 'u-1': 'free', 'u-2': 'free' }],
		['one rod out', oneOut, [], 1, { 'u-1': 'out', 'u-2': 'free' }],
		['one rod pinned by a booking', [], [booking('b1', ['u-2'])], 1, { 'u-2': 'reserved' }],
		['one booking of "any rod"', [], [booking('b1')], 1, { 'u-1': 'free', 'u-2': 'free' }],
		['two bookings of "any rod"', [], [booking('b1'), booking('b2')], 0, { 'u-1': 'free' }],
		['one out and one "any rod"', oneOut, [booking('b1')], 0, { 'u-1': 'out', 'u-2': 'free' }]
	] as const)('%s', (_story, events, reservations, available, states) => {
		const result = windowAvailability(shop([...events], [...reservations]), saturday, ids);
		expect(result).toMatchObject({ available });
		if (!('units' in result)) throw new Error('expected units');
		expect(result.units.get(uid('u-3'))).toBe('unavailable');
		for (const [id, state] of Object.entries(states)) expect(result.units.get(uid(id))).toBe(state);
	});

	it('matches what canReserve then accepts: the last free rod fits, one more does not', () => {
		const check = shop([], [booking('b1')]);
		expect(check(saturday)).toEqual({ ok: true });
		const second = shop([], [booking('b1'), booking('b2')]);
		expect(second(saturday)).toEqual({
			ok: false,
			reason: { code: 'none-free', available: 0, wanted: 1 }
		});
	});

	it.each([
		['a window in the past', { from: FRI_10 - 5 * HOUR, until: FRI_10 - HOUR }, 'in-the-past'],
		['a window that ends before it starts', { from: FRI_10 + HOUR, until: FRI_10 }, 'bad-window']
	])('gives the refusal itself for %s', (_story, window, code) => {
		const result = windowAvailability(shop(), { modelId: SEA, ...window }, ids);
		expect(result).toEqual({ refusal: { code } });
	});
});

describe('the sentence for each refusal', () => {
	const codeOf = (id: UnitId) => ({ 'u-1': 'R-0001', 'u-2': 'R-0002' })[id as string] ?? id;
	const zh = (reason: ReserveRefusal) => {
		const { key, params } = refusalMessage(reason, codeOf);
		return translate('zh-CN', key, params);
	};

	it.each<[string, ReserveRefusal, string]>([
		['an inside-out window', { code: 'bad-window' }, '结束时间要晚于开始时间'],
		['a window already over', { code: 'in-the-past' }, '已经过去了'],
		['a unit of another model', { code: 'unit-not-of-model', unitId: uid('u-1') }, 'R-0001 不是'],
		['a unit in the workshop', { code: 'unit-unavailable', unitId: uid('u-2') }, 'R-0002 在维修'],
		[
			'a unit out on a rental',
			{ code: 'unit-busy', unitId: uid('u-1'), rentalId: 'r1' },
			'R-0001 这段时间已租出'
		],
		[
			'a unit someone reserved',
			{ code: 'unit-busy', unitId: uid('u-2'), reservationId: 'b1' },
			'R-0002 这段时间已被别人预约'
		],
		[
			'nothing free',
			{ code: 'none-free', available: 0, wanted: 1 },
			'已经没有空闲的了（可租 0 件）'
		],
		[
			'fewer free than asked for',
			{ code: 'none-free', available: 1, wanted: 2 },
			'只剩 1 件可租，不够预约 2 件'
		]
	])('%s', (_story, reason, words) => {
		expect(zh(reason)).toContain(words);
		expect(zh(reason)).not.toMatch(/\{\w+\}/);
	});
});
