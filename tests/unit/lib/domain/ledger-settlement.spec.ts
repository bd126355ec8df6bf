import { describe, expect, it } from 'vitest';
import {
	balances,
	type LedgerEvent,
	type MoneyEntry,
	type PaymentMethod
} from '../../../../src/lib/domain/ledger.ts';
import { deriveRentals, type Rental } from '../../../../src/lib/domain/ledger-rentals.ts';
import {
	asSettled,
	billFor,
	moneyHeld,
	settleFacts,
	settlementFor,
	settlementHash
} from '../../../../src/lib/domain/ledger-settlement.ts';
import type { Settlement } from '../../../../src/lib/domain/settlement.ts';
import {
	at,
	checkedOut,
	depositFor,
	FRI_10,
	HOUR,
	lureRod,
	money,
	returned,
	seaRod,
	stamp,
	uid
} from './ledger-fixtures.ts';

const out = checkedOut('r1');
const SUN_1130 = at('2026-11-29T11:30+08:00');

function rentalOf(events: LedgerEvent[]): Rental {
	return deriveRentals(events).rentals.get('r1')!;
}

function settlementOf(events: LedgerEvent[], entries: MoneyEntry[], now: number): Settlement {
	const result = settlementFor(rentalOf(events), entries, now);
	if (!result.ok) throw new Error(JSON.stringify(result.error));
	return result.settlement;
}

function settleNow(
	events: LedgerEvent[],
	entries: MoneyEntry[],
	when: number,
	method: PaymentMethod
) {
	const result = settleFacts(rentalOf(events), entries, stamp('s1', when, 's-li', 'tab-b'), method);
	if (!result.ok) throw new Error(JSON.stringify(result.error));
	return result;
}

describe('settlementFor', () => {
	it('bills the issue’s example and hands back the rest of the deposit', () => {
		const s = settlementOf(
			[out, returned('r1', 'u-12', SUN_1130)],
			[depositFor(out)],
			SUN_1130 + HOUR
		);
		expect(s.units[0].rent.map((l) => [l.rate, l.amount])).toEqual([
			['daily', 3000],
			['weekend', 4000],
			['hourly', 1000]
		]);
		expect([s.charges, s.depositHeld, s.paid, s.refund]).toEqual([8000, 30_000, 0, 22_000]);
	});

	it('charges damage and sales, takes off the discount, and counts payments made', () => {
		const events: LedgerEvent[] = [
			out,
			returned('r1', 'u-12', SUN_1130),
			{
				...stamp('d', SUN_1130),
				kind: 'damage-found',
				rentalId: 'r1',
				unitId: uid('u-12'),
				description: '竿梢断了',
				amount: 25_000,
				photos: ['p']
			},
			{
				...stamp('k', SUN_1130),
				kind: 'sale',
				rentalId: 'r1',
				name: '蚯蚓',
				qty: 3,
				unitPrice: 500
			},
			{ ...stamp('x', SUN_1130), kind: 'discount', rentalId: 'r1', amount: 500, reason: '老客户' }
		];
		const entries = [depositFor(out), money('p', 'payment', 2000, { method: 'wechat' })];
		const s = settlementOf(events, entries, SUN_1130);
		expect([s.charges, s.depositHeld, s.paid, s.balanceDue]).toEqual([34_000, 30_000, 2000, 2000]);
	});

	it('runs the rent of a unit still out until now (a partial return)', () => {
		const both = checkedOut('r1', { units: [seaRod(), lureRod()] });
		const s = settlementOf(
			[both, returned('r1', 'u-31', FRI_10 + 20 * HOUR)],
			[],
			FRI_10 + 30 * HOUR
		);
		expect(s.units.map((u) => [u.code, u.returned, u.rentTotal])).toEqual([
			['R-0012', false, 3000 + 6 * 500],
			['R-0031', true, 2000]
		]);
	});

	it('counts a deposit handed back early, and a refund before settling, against the bill', () => {
		const entries = [
			depositFor(out),
			money('o', 'deposit-out', 10_000),
			money('p', 'payment', 1000),
			money('r', 'refund', 400)
		];
		expect(moneyHeld(rentalOf([out]), entries)).toEqual({ depositHeld: 20_000, paid: 600 });
	});

	it('does not let a tablet whose clock is behind bring a unit back before it went out', () => {
		const s = settlementOf([out, returned('r1', 'u-12', FRI_10 - 5 * 60_000)], [], FRI_10);
		expect([s.units[0].rentUntil, s.charges]).toEqual([FRI_10, 3000]);
	});
});

describe('settleFacts', () => {
	const events = [out, returned('r1', 'u-12', SUN_1130)];

	it('records the bill and the refund in cash, so the rental’s money adds up to the bill', () => {
		const { event, entries } = settleNow(events, [depositFor(out)], SUN_1130, 'cash');
		expect(event.totals).toEqual({
			subtotal: 8000,
			discount: 0,
			charges: 8000,
			depositHeld: 30_000,
			paid: 0,
			refund: 22_000,
			balanceDue: 0
		});
		expect(entries.map((e) => [e.id, e.kind, e.amount, e.method])).toEqual([
			['s1:charge', 'charge', 8000, 'none'],
			['s1:refund', 'refund', 22_000, 'cash']
		]);
		const money = balances([depositFor(out), ...entries]).byRental.get('r1')!;
		expect([money.cashIn, money.credit]).toEqual([8000, 0]);
	});

	it('takes the balance with the method given, or leaves it due with none', () => {
		const small = checkedOut('r1', { deposit: 5000 });
		const paid = settleNow([small, events[1]], [depositFor(small)], SUN_1130, 'alipay');
		expect(paid.entries.map((e) => [e.kind, e.amount, e.method])).toEqual([
			['charge', 8000, 'none'],
			['payment', 3000, 'alipay']
		]);
		const owed = settleNow([small, events[1]], [depositFor(small)], SUN_1130, 'none');
		expect(balances([depositFor(small), ...owed.entries]).byRental.get('r1')!.credit).toBe(-3000);
	});

	it('refuses to settle a rental twice on one tablet', () => {
		const first = settleNow(events, [], SUN_1130, 'cash');
		const again = settleFacts(
			rentalOf([...events, first.event]),
			first.entries,
			stamp('s2', SUN_1130),
			'cash'
		);
		expect(again).toEqual({ ok: false, error: { code: 'already-settled', settledEventId: 's1' } });
	});

	it('shows nothing outstanding once settled, and a payment that arrived later as owed back', () => {
		const first = settleNow(events, [depositFor(out)], SUN_1130, 'cash');
		const after = [...events, first.event];
		const entries = [depositFor(out), ...first.entries];
		expect(settlementOf(after, entries, SUN_1130 + 5 * HOUR)).toMatchObject({
			charges: 8000,
			balanceDue: 0
		});
		const late = money('late', 'payment', 1500, { method: 'wechat' });
		expect(settlementOf(after, [...entries, late], SUN_1130 + 5 * HOUR).refund).toBe(1500);
	});

	it('settles again after a void as if the first settlement never happened', () => {
		const first = settleNow(events, [depositFor(out)], SUN_1130, 'cash');
		const voided: LedgerEvent = {
			...stamp('void:s1', SUN_1130 + HOUR),
			kind: 'settlement-voided',
			rentalId: 'r1',
			settledEventId: 's1',
			reason: '重复结算'
		};
		const reversals = first.entries.map((e) =>
			money(`void:${e.id}`, 'adjustment', e.amount, {
				method: e.method,
				eventId: 'void:s1'
			})
		);
		const all = [depositFor(out), ...first.entries, ...reversals];
		expect(balances(all).byRental.get('r1')!.credit).toBe(30_000);
		const again = settleFacts(
			rentalOf([...events, first.event, voided]),
			all,
			stamp('s2', SUN_1130 + 2 * HOUR),
			'cash'
		);
		expect(again.ok && again.event.totals).toEqual(first.event.totals);
	});
});

describe('asSettled', () => {
	const events = [out, returned('r1', 'u-12', SUN_1130)];

	it.each<[string, PaymentMethod, { refund?: number; balanceDue?: number }]>([
		[
			'a refund handed back in cash still reads as the refund on the receipt',
			'cash',
			{ refund: 22_000 }
		],
		['a refund left owed reads the same', 'none', { refund: 22_000 }]
	])('%s', (_story, method, outcome) => {
		const { event, entries } = settleNow(events, [depositFor(out)], SUN_1130, method);
		const after = settlementOf([...events, event], [depositFor(out), ...entries], SUN_1130);
		const handed = asSettled(after, event.totals);
		expect(handed).toMatchObject({ charges: 8000, depositHeld: 30_000, paid: 0, ...outcome });
		expect(handed.units).toEqual(after.units);
	});

	it('keeps a balance that was due as due', () => {
		const small = checkedOut('r1', { deposit: 5000 });
		const { event, entries } = settleNow(
			[small, events[1]],
			[depositFor(small)],
			SUN_1130,
			'alipay'
		);
		const after = settlementOf(
			[small, events[1], event],
			[depositFor(small), ...entries],
			SUN_1130
		);
		const handed = asSettled(after, event.totals);
		expect([handed.balanceDue, handed.refund]).toEqual([3000, undefined]);
	});
});

describe('settlementHash', () => {
	it('fingerprints the bill, not the money held against it', () => {
		const rental = rentalOf([out, returned('r1', 'u-12', SUN_1130)]);
		const bill = billFor(rental, SUN_1130);
		const withMoney = settlementFor(
			rental,
			[depositFor(out), money('p', 'payment', 100)],
			SUN_1130
		);
		expect(bill.ok && withMoney.ok).toBe(true);
		if (!bill.ok || !withMoney.ok) return;
		expect(settlementHash(withMoney.settlement)).toBe(settlementHash(bill.settlement));
		const later = billFor(rentalOf([out, returned('r1', 'u-12', SUN_1130 + 2 * HOUR)]), SUN_1130);
		expect(later.ok && settlementHash(later.settlement)).not.toBe(settlementHash(bill.settlement));
		expect(settlementHash(bill.settlement)).toMatch(/^[0-9a-f]{16}$/);
	});
});
