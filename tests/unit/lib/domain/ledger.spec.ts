import { describe, expect, it } from 'vitest';
import {
	isLedgerEvent,
	isMoneyEntry,
	readCustomer,
	readReservation
} from '../../../../src/lib/domain/ledger-guards.ts';
import {
	balances,
	byAtThenId,
	cashEffect,
	creditEffect,
	entriesByRental,
	uniqueFacts,
	type MoneyEntry
} from '../../../../src/lib/domain/ledger.ts';
import {
	checkedOut,
	FRI_10,
	money,
	prng,
	returned,
	seaRod,
	shuffled,
	stamp
} from './ledger-fixtures.ts';

describe('the direction of money', () => {
	const rows: [string, MoneyEntry, number, number][] = [
		['a deposit taken in cash', money('e', 'deposit-in', 30_000), 30_000, 30_000],
		['a payment by WeChat', money('e', 'payment', 5000, { method: 'wechat' }), 5000, 5000],
		['the bill at settlement', money('e', 'charge', 7000), -7000, 0],
		['a refund handed back', money('e', 'refund', 23_000), -23_000, -23_000],
		['a deposit handed back', money('e', 'deposit-out', 30_000), -30_000, -30_000],
		['a correction in the customer’s favour', money('e', 'adjustment', 800), 800, 800],
		[
			'a book-only correction against them',
			money('e', 'adjustment', -800, { method: 'none' }),
			-800,
			0
		]
	];
	it.each(rows)('%s', (_story, entry, credit, cash) => {
		expect([creditEffect(entry), cashEffect(entry)]).toEqual([credit, cash]);
	});
});

describe('balances', () => {
	it('adds up a rental that was settled with a refund to nothing owed either way', () => {
		const entries = [
			money('d', 'deposit-in', 30_000),
			money('p', 'payment', 5000, { method: 'wechat' }),
			money('c', 'charge', 7000),
			money('r', 'refund', 28_000)
		];
		const rental = balances(entries).byRental.get('r1')!;
		expect(rental).toEqual({
			depositIn: 30_000,
			depositOut: 0,
			payments: 5000,
			refunds: 28_000,
			charges: 7000,
			adjustments: 0,
			credit: 0,
			cashIn: 7000
		});
	});

	it('sums a customer over rentals and entries that name no rental', () => {
		const entries = [
			money('a', 'deposit-in', 30_000),
			money('b', 'deposit-in', 20_000, { rentalId: 'r2' }),
			money('c', 'charge', 1500, { rentalId: undefined }),
			money('x', 'payment', 999, { customerId: 'c-li', rentalId: 'r3' })
		];
		const { byCustomer, byRental } = balances(entries);
		expect(byCustomer.get('c-wang')!.credit).toBe(48_500);
		expect(byCustomer.get('c-li')!.cashIn).toBe(999);
		expect([...byRental.keys()].sort()).toEqual(['r1', 'r2', 'r3']);
	});

	it('counts an entry written twice (a retry, a merge) once, in any order', () => {
		const deposit = money('d', 'deposit-in', 30_000);
		const entries = [deposit, money('p', 'payment', 100), { ...deposit }];
		const random = prng(7);
		for (let i = 0; i < 10; i += 1) {
			const credit = balances(shuffled(entries, random)).byRental.get('r1')!.credit;
			expect(credit).toBe(30_100);
		}
		expect(
			entriesByRental(entries)
				.get('r1')!
				.map((e) => e.id)
		).toEqual(['d', 'p']);
	});
});

describe('the order of facts', () => {
	it('sorts by time, then id, then content, so two copies of an id resolve the same way', () => {
		const a = { ...stamp('x', 5), note: 'a' };
		const b = { ...stamp('x', 5), note: 'b' };
		const early = stamp('z', 1);
		expect(uniqueFacts([b, early, a])).toEqual([early, a]);
		expect(uniqueFacts([a, b, early])).toEqual([early, a]);
		expect(byAtThenId(stamp('a', 2), stamp('b', 1))).toBeGreaterThan(0);
	});
});

describe('well-formed rows', () => {
	const valid: unknown[] = [
		checkedOut('r1'),
		returned('r1', 'u-12', FRI_10),
		{ ...stamp('e', 1), kind: 'extended', rentalId: 'r1', dueAt: 5 },
		{
			...stamp('e', 1),
			kind: 'damage-found',
			rentalId: 'r1',
			unitId: 'u',
			description: '竿梢断了',
			amount: 5000,
			photos: []
		},
		{ ...stamp('e', 1), kind: 'sale', rentalId: 'r1', name: '蚯蚓', qty: 2, unitPrice: 500 },
		{ ...stamp('e', 1), kind: 'discount', rentalId: 'r1', amount: 500, reason: '老客户' },
		{
			...stamp('e', 1),
			kind: 'unit-swapped',
			rentalId: 'r1',
			fromUnitId: 'u-12',
			to: seaRod('u-15', 'R-0015')
		},
		{ ...stamp('e', 1), kind: 'settled', rentalId: 'r1', settlementHash: 'h', totals: {} },
		{
			...stamp('e', 1),
			kind: 'settlement-voided',
			rentalId: 'r1',
			settledEventId: 's',
			reason: '重复'
		},
		{ ...stamp('e', 1), kind: 'return-voided', rentalId: 'r1', returnEventId: 's', reason: '扫错' },
		{ ...stamp('e', 1), kind: 'reserved', reservationId: 'v1' },
		{ ...stamp('e', 1), kind: 'reservation-cancelled', reservationId: 'v1' },
		{ ...stamp('e', 1), kind: 'reservation-picked-up', reservationId: 'v1', rentalId: 'r1' }
	];
	it.each(valid.map((row) => [(row as { kind: string }).kind, row]))('accepts %s', (_k, row) => {
		expect(isLedgerEvent(row)).toBe(true);
	});

	const invalid: [string, unknown][] = [
		['not an object', 'checked-out'],
		['an unknown kind', { ...stamp('e', 1), kind: 'borrowed', rentalId: 'r1' }],
		['no rental', { ...stamp('e', 1), kind: 'extended', dueAt: 5 }],
		['a check-out of no units', checkedOut('r1', { units: [] })],
		['a check-out listing a unit twice', checkedOut('r1', { units: [seaRod(), seaRod()] })],
		[
			'a card in yuan',
			checkedOut('r1', { units: [{ ...seaRod(), card: { daily: 30.5, deposit: 0 } }] })
		],
		[
			'a sale of no items',
			{ ...stamp('e', 1), kind: 'sale', rentalId: 'r1', name: '钩', qty: 0, unitPrice: 1 }
		],
		['a time as text', { ...returned('r1', 'u', 1), at: '2026-11-27' }],
		[
			'a pick-up of no rental',
			{ ...stamp('e', 1), kind: 'reservation-picked-up', reservationId: 'v1' }
		]
	];
	it.each(invalid)('skips %s', (_story, row) => {
		expect(isLedgerEvent(row)).toBe(false);
	});

	it('accepts a signed amount only on an adjustment, and only known methods', () => {
		expect(isMoneyEntry(money('a', 'adjustment', -500))).toBe(true);
		expect(isMoneyEntry(money('a', 'refund', -500))).toBe(false);
		expect(isMoneyEntry(money('a', 'payment', 12.5))).toBe(false);
		expect(isMoneyEntry({ ...money('a', 'payment', 500), method: 'bitcoin' })).toBe(false);
		expect(isMoneyEntry({ ...money('a', 'payment', 500), customerId: '' })).toBe(false);
	});

	it('reads a customer with defaults, and refuses a reservation without a window', () => {
		expect(readCustomer({ name: '王师傅' }, 'c1')).toEqual({
			id: 'c1',
			name: '王师傅',
			phone: '',
			tags: [],
			note: '',
			createdAt: 0
		});
		expect(readCustomer({ phone: '138' }, 'c1')).toBeNull();
		const reservation = { customerId: 'c1', modelId: 'm', from: 1, until: 2, unitIds: [] };
		expect(readReservation(reservation, 'v1')).toEqual({
			id: 'v1',
			customerId: 'c1',
			modelId: 'm',
			from: 1,
			until: 2,
			createdAt: 0
		});
		expect(readReservation({ ...reservation, until: 'soon' }, 'v1')).toBeNull();
	});
});
