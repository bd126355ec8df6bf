import { describe, expect, it } from 'vitest';
import { dayReport } from '../../../../src/lib/domain/day-report.ts';
import type { LedgerEvent, MoneyEntry } from '../../../../src/lib/domain/ledger.ts';
import { deriveRentals } from '../../../../src/lib/domain/ledger-rentals.ts';
import { settleFacts } from '../../../../src/lib/domain/ledger-settlement.ts';
import {
	at,
	checkedOut,
	depositFor,
	HOUR,
	lureRod,
	money,
	returned,
	stamp
} from './ledger-fixtures.ts';

const SAT = (time: string) => at(`2026-11-28T${time}+08:00`);

/**
 * Saturday 2026-11-28 in Shanghai. 老王 checks out a sea rod to 王师傅 at 07:00 (deposit 30000
 * cash), due 17:00; 小李 takes it back at 15:00 and settles (a weekend day, 4000; the rest
 * refunded in cash). 小李 checks a lure
 * rod out to 李姐 at 08:00 (deposit 20000 by Alipay), due 12:00; it is not back. 老王 takes a
 * 1000 WeChat payment from 李姐 at 09:00. Friday and Sunday have an entry each.
 */
function saturday(): { events: LedgerEvent[]; entries: MoneyEntry[] } {
	const wang = checkedOut('r1', { ...stamp('r1:out', SAT('07:00')), dueAt: SAT('17:00') });
	const li = checkedOut('r2', {
		...stamp('r2:out', SAT('08:00'), 's-li', 'tab-b'),
		customerId: 'c-li',
		units: [lureRod()],
		dueAt: SAT('12:00'),
		deposit: 20_000
	});
	const events: LedgerEvent[] = [wang, li, returned('r1', 'u-12', SAT('15:00'))];
	const entries: MoneyEntry[] = [
		depositFor(wang),
		depositFor(li, 'alipay'),
		money('p', 'payment', 1000, {
			rentalId: 'r2',
			customerId: 'c-li',
			method: 'wechat',
			at: SAT('09:00')
		}),
		money('fri', 'payment', 111, { rentalId: 'r0', at: at('2026-11-27T23:59+08:00') }),
		money('sun', 'payment', 222, { rentalId: 'r0', at: at('2026-11-29T00:00+08:00') })
	];
	const rental = deriveRentals(events).rentals.get('r1')!;
	const settled = settleFacts(rental, entries, stamp('s1', SAT('15:05'), 's-li', 'tab-b'), 'cash');
	if (!settled.ok) throw new Error('expected a settlement');
	return { events: [...events, settled.event], entries: [...entries, ...settled.entries] };
}

const report = (now: number) =>
	dayReport({ date: '2026-11-28', timeZone: 'Asia/Shanghai', ...saturday(), now });

describe('dayReport', () => {
	it('totals the day’s money by method, by staff and by kind, in the shop’s time zone', () => {
		const r = report(SAT('23:00') + 2 * HOUR);
		expect([r.from, r.until, r.asOf]).toEqual([
			SAT('00:00'),
			at('2026-11-29T00:00+08:00'),
			r.until
		]);
		expect(r.byMethod).toEqual([
			{ method: 'cash', received: 30_000, paidOut: 26_000, net: 4000 },
			{ method: 'wechat', received: 1000, paidOut: 0, net: 1000 },
			{ method: 'alipay', received: 20_000, paidOut: 0, net: 20_000 },
			{ method: 'card', received: 0, paidOut: 0, net: 0 }
		]);
		expect(r.byStaff).toEqual([
			{ by: 's-li', entries: 3, received: 20_000, paidOut: 26_000, net: -6000 },
			{ by: 's-wang', entries: 2, received: 31_000, paidOut: 0, net: 31_000 }
		]);
		expect(r.byKind).toEqual({
			'deposit-in': 50_000,
			payment: 1000,
			charge: 4000,
			refund: 26_000,
			'deposit-out': 0,
			adjustment: 0
		});
		expect(r.total).toEqual({ received: 51_000, paidOut: 26_000, net: 25_000 });
		expect([r.checkOuts, r.returns, r.settlements]).toEqual([2, 1, 1]);
	});

	it('lists the deposits still held and the rentals overdue at the end of the day', () => {
		const r = report(SAT('23:00') + 2 * HOUR);
		expect(r.depositsHeld).toEqual([
			{ rentalId: 'r2', customerId: 'c-li', amount: 20_000, outAt: SAT('08:00') }
		]);
		expect(r.depositsHeldTotal).toBe(20_000);
		expect(r.overdue).toEqual([
			{
				rentalId: 'r2',
				customerId: 'c-li',
				dueAt: SAT('12:00'),
				codes: ['R-0031'],
				lateMs: 12 * HOUR
			}
		]);
	});

	it('reports as of now while the day is still running', () => {
		const r = report(SAT('10:00'));
		expect(r.asOf).toBe(SAT('10:00'));
		expect(r.depositsHeld.map((d) => d.rentalId)).toEqual(['r1', 'r2']);
		expect(r.overdue).toEqual([]);
		expect(r.byMethod[0]).toEqual({ method: 'cash', received: 30_000, paidOut: 0, net: 30_000 });
	});
});
