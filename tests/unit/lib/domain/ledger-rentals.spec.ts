import { describe, expect, it } from 'vitest';
import type { LedgerEvent, Reservation } from '../../../../src/lib/domain/ledger.ts';
import {
	deriveRentals,
	deriveReservations,
	isOverdue,
	unitFacts
} from '../../../../src/lib/domain/ledger-rentals.ts';
import { deriveAllStatuses } from '../../../../src/lib/domain/unit-status.ts';
import {
	checkedOut,
	DAY,
	FRI_10,
	HOUR,
	lureRod,
	prng,
	returned,
	SEA,
	seaRod,
	shuffled,
	stamp,
	uid
} from './ledger-fixtures.ts';

const twoRods = checkedOut('r1', { units: [seaRod(), lureRod()] });
const settled = (id: string, when: number, rentalId = 'r1'): LedgerEvent => ({
	...stamp(id, when),
	kind: 'settled',
	rentalId,
	settlementHash: 'h',
	totals: {
		subtotal: 0,
		discount: 0,
		charges: 0,
		depositHeld: 0,
		paid: 0,
		refund: 0,
		balanceDue: 0
	}
});

describe('deriveRentals', () => {
	it('follows a rental from out, through a partial return, to settled', () => {
		const sat = FRI_10 + DAY;
		const steps: [LedgerEvent[], string][] = [
			[[twoRods], 'out'],
			[[twoRods, returned('r1', 'u-12', sat)], 'out'],
			[[twoRods, returned('r1', 'u-12', sat), returned('r1', 'u-31', sat + HOUR)], 'returned'],
			[[twoRods, returned('r1', 'u-12', sat), settled('s1', sat + 2 * HOUR)], 'settled']
		];
		for (const [events, status] of steps) {
			expect(deriveRentals(events).rentals.get('r1')!.status).toBe(status);
		}
		const rental = deriveRentals(steps[1][0]).rentals.get('r1')!;
		expect(rental.units.map((u) => [u.terms.code, u.returnedAt])).toEqual([
			['R-0012', sat],
			['R-0031', undefined]
		]);
	});

	it('derives the same rentals whatever order the facts arrive in', () => {
		const events: LedgerEvent[] = [
			twoRods,
			{ ...stamp('x1', FRI_10 + DAY), kind: 'extended', rentalId: 'r1', dueAt: FRI_10 + 3 * DAY },
			{
				...stamp('d1', FRI_10 + 2 * DAY),
				kind: 'damage-found',
				rentalId: 'r1',
				unitId: uid('u-12'),
				description: '竿梢断了',
				amount: 5000,
				photos: ['h1']
			},
			{
				...stamp('k1', FRI_10 + 2 * DAY),
				kind: 'sale',
				rentalId: 'r1',
				name: '蚯蚓',
				qty: 2,
				unitPrice: 800
			},
			returned('r1', 'u-12', FRI_10 + 2 * DAY),
			returned('r1', 'u-31', FRI_10 + 2 * DAY + HOUR),
			checkedOut('r2', { customerId: 'c-li', units: [seaRod('u-15', 'R-0015')] })
		];
		const expected = JSON.stringify([...deriveRentals(events).rentals]);
		const random = prng(42);
		for (let i = 0; i < 20; i += 1) {
			expect(JSON.stringify([...deriveRentals(shuffled(events, random)).rentals])).toBe(expected);
		}
	});

	it('takes the latest extension, even when an earlier one was appended last', () => {
		const extend = (id: string, when: number, dueAt: number): LedgerEvent => ({
			...stamp(id, when),
			kind: 'extended',
			rentalId: 'r1',
			dueAt
		});
		const events = [
			twoRods,
			extend('x2', FRI_10 + 5 * HOUR, FRI_10 + 4 * DAY),
			extend('x1', FRI_10 + HOUR, FRI_10 + 3 * DAY)
		];
		expect(deriveRentals(events).rentals.get('r1')!.dueAt).toBe(FRI_10 + 4 * DAY);
	});

	it('keeps the earliest of two scans of the same unit back', () => {
		const events = [
			twoRods,
			returned('r1', 'u-12', FRI_10 + 9 * HOUR),
			returned('r1', 'u-12', FRI_10 + 8 * HOUR)
		];
		expect(deriveRentals(events).rentals.get('r1')!.units[0].returnedAt).toBe(FRI_10 + 8 * HOUR);
	});

	it('takes a swapped unit off the bill and puts its replacement on, even with a clock behind', () => {
		const swap: LedgerEvent = {
			...stamp('w1', FRI_10 + 3 * HOUR),
			kind: 'unit-swapped',
			rentalId: 'r1',
			fromUnitId: uid('u-12'),
			to: seaRod('u-15', 'R-0015')
		};
		const backEarly = returned('r1', 'u-15', FRI_10 + 2 * HOUR);
		const rental = deriveRentals([twoRods, swap, backEarly]).rentals.get('r1')!;
		expect(rental.units.map((u) => [u.terms.code, u.swappedOutAt, u.returnedAt])).toEqual([
			['R-0012', FRI_10 + 3 * HOUR, undefined],
			['R-0031', undefined, undefined],
			['R-0015', undefined, FRI_10 + 2 * HOUR]
		]);
	});

	it('lists returns of units the rental never had, and forgets a voided one', () => {
		const stray = returned('r1', 'u-99', FRI_10 + HOUR, 'b1');
		const ghost = returned('r-none', 'u-12', FRI_10 + HOUR, 'b2');
		const { strayReturns } = deriveRentals([twoRods, stray, ghost]);
		expect(strayReturns.map((s) => [s.rentalId, s.unitId])).toEqual([
			['r1', 'u-99'],
			['r-none', 'u-12']
		]);
		const voided: LedgerEvent = {
			...stamp('v', FRI_10 + 2 * HOUR),
			kind: 'return-voided',
			rentalId: 'r1',
			returnEventId: 'b1',
			reason: '扫错'
		};
		expect(deriveRentals([twoRods, stray, ghost, voided]).strayReturns).toHaveLength(1);
	});

	it('reopens a rental whose only settlement was voided', () => {
		const back = [returned('r1', 'u-12', FRI_10 + DAY), returned('r1', 'u-31', FRI_10 + DAY)];
		const voided: LedgerEvent = {
			...stamp('v', FRI_10 + 2 * DAY),
			kind: 'settlement-voided',
			rentalId: 'r1',
			settledEventId: 's1',
			reason: '重复'
		};
		const rental = deriveRentals([
			twoRods,
			...back,
			settled('s1', FRI_10 + DAY),
			voided
		]).rentals.get('r1')!;
		expect([rental.status, rental.settlements.length, rental.voidedSettlements.length]).toEqual([
			'returned',
			0,
			1
		]);
	});

	it('applies the latest discount; a discount of 0 takes it away', () => {
		const discount = (id: string, when: number, amount: number): LedgerEvent => ({
			...stamp(id, when),
			kind: 'discount',
			rentalId: 'r1',
			amount,
			reason: '老客户'
		});
		const book = (events: LedgerEvent[]) =>
			deriveRentals([twoRods, ...events]).rentals.get('r1')!.discount;
		expect(book([discount('a', 1, 500), discount('b', 2, 800)])).toEqual({
			amount: 800,
			reason: '老客户'
		});
		expect(book([discount('a', 1, 500), discount('b', 2, 0)])).toBeUndefined();
	});

	it('says a rental is overdue only while a unit is out past its due time', () => {
		const rental = deriveRentals([twoRods]).rentals.get('r1')!;
		expect([isOverdue(rental, rental.dueAt), isOverdue(rental, rental.dueAt + 1)]).toEqual([
			false,
			true
		]);
	});
});

describe('deriveReservations', () => {
	const booking: Reservation = {
		id: 'v1',
		customerId: 'c-li',
		modelId: SEA,
		from: FRI_10,
		until: FRI_10 + DAY,
		createdAt: 0
	};
	const cancel: LedgerEvent = {
		...stamp('c', FRI_10 + 5),
		kind: 'reservation-cancelled',
		reservationId: 'v1'
	};
	const pickUp: LedgerEvent = {
		...stamp('p', FRI_10 + 1),
		kind: 'reservation-picked-up',
		reservationId: 'v1',
		rentalId: 'r9'
	};

	it.each([
		['taken', [], 'active'],
		['cancelled', [cancel], 'cancelled'],
		['picked up, then cancelled on a tablet that had not seen it', [cancel, pickUp], 'picked-up'],
		['about another reservation', [{ ...cancel, reservationId: 'v2' }], 'active']
	] as [string, LedgerEvent[], string][])('a reservation %s', (_story, events, status) => {
		expect(deriveReservations([booking], events)[0].status).toBe(status);
	});
});

describe('unitFacts', () => {
	it('tells unit status who has which rod, and what came back or was let go', () => {
		const swap: LedgerEvent = {
			...stamp('w1', FRI_10 + HOUR),
			kind: 'unit-swapped',
			rentalId: 'r2',
			fromUnitId: uid('u-50'),
			to: seaRod('u-51', 'R-0051')
		};
		const events: LedgerEvent[] = [
			twoRods,
			returned('r1', 'u-31', FRI_10 + 2 * HOUR),
			checkedOut('r2', { units: [seaRod('u-50', 'R-0050')] }),
			swap,
			checkedOut('r3', { units: [seaRod('u-60', 'R-0060')] }),
			settled('s3', FRI_10 + 3 * HOUR, 'r3'),
			returned('r1', 'u-70', FRI_10 + 3 * HOUR)
		];
		const reservations = deriveReservations(
			[
				{
					id: 'v1',
					customerId: 'c-li',
					modelId: SEA,
					unitIds: [uid('u-80')],
					from: FRI_10 + DAY,
					until: FRI_10 + 2 * DAY,
					createdAt: 0
				}
			],
			[]
		);
		const facts = unitFacts(deriveRentals(events), reservations);
		const units = ['u-12', 'u-31', 'u-50', 'u-51', 'u-60', 'u-70', 'u-80'].map((id) => ({
			id: uid(id),
			retired: false
		}));
		const now = FRI_10 + 3.5 * HOUR;
		const statuses = deriveAllStatuses(units, [], facts, now, 2 * HOUR);
		expect(
			[...statuses.values()].map((s) => [s.unitId, s.status, s.conflicts.map((c) => c.kind)])
		).toEqual([
			['u-12', 'out', []],
			['u-31', 'in-stock', []],
			['u-50', 'in-stock', []],
			['u-51', 'out', []],
			['u-60', 'in-stock', []],
			['u-70', 'in-stock', ['returned-never-out']],
			['u-80', 'in-stock', []]
		]);
		expect(statuses.get(uid('u-80'))!.nextReservation?.reservationId).toBe('v1');
		expect(statuses.get(uid('u-31'))).toMatchObject({ readyAt: FRI_10 + 4 * HOUR });
	});

	it('releases the units of a reservation once it is picked up or cancelled', () => {
		const record: Reservation = {
			id: 'v1',
			customerId: 'c-li',
			modelId: SEA,
			unitIds: [uid('u-80')],
			from: 0,
			until: 10,
			createdAt: 0
		};
		const cancel: LedgerEvent = {
			...stamp('c', 1),
			kind: 'reservation-cancelled',
			reservationId: 'v1'
		};
		const facts = unitFacts(deriveRentals([]), deriveReservations([record], [cancel]));
		expect(facts.map((f) => f.kind)).toEqual(['reserved', 'reservation-ended']);
	});
});
