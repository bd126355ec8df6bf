import { describe, expect, it } from 'vitest';
import type { LedgerEvent, MoneyEntry } from '../../../../src/lib/domain/ledger.ts';
import { openRentalsByCustomer } from '../../../../src/lib/domain/portal.ts';
import {
	checkedOut,
	DAY,
	depositFor,
	FRI_10,
	HOUR,
	lureRod,
	money,
	returned,
	seaRod,
	stamp
} from './ledger-fixtures.ts';

const out = checkedOut('r1', { units: [seaRod(), lureRod()], deposit: 50_000 });
const deposit = depositFor(out);
const settled: LedgerEvent = {
	...stamp('r1:settled', FRI_10 + DAY),
	kind: 'settled',
	rentalId: 'r1',
	settlementHash: 'abc',
	totals: {
		subtotal: 5000,
		discount: 0,
		charges: 5000,
		depositHeld: 50_000,
		paid: 0,
		refund: 45_000,
		balanceDue: 0
	}
};

function portal(events: LedgerEvent[], entries: MoneyEntry[], now: number) {
	return openRentalsByCustomer({ events, entries }, now);
}

describe('portal rentals', () => {
	it.each([
		[
			'two rods out since Friday 10:00, three hours later: one day of each so far',
			[out],
			[deposit],
			FRI_10 + 3 * HOUR,
			{
				units: [
					{ code: 'R-0012', modelName: '3.6 m 海竿' },
					{ code: 'R-0031', modelName: '2.7 m 路亚竿' }
				],
				rentSoFar: 3000 + 2000,
				depositHeld: 50_000,
				paid: 0,
				status: 'out'
			}
		],
		[
			'the lure rod came back at 13:00: only the sea rod is listed, three late hours on Saturday',
			[out, returned('r1', 'u-31', FRI_10 + 3 * HOUR)],
			[deposit, money('p1', 'payment', 2000)],
			FRI_10 + 27 * HOUR,
			{
				units: [{ code: 'R-0012', modelName: '3.6 m 海竿' }],
				rentSoFar: 3000 + 3 * 500 + 2000,
				depositHeld: 50_000,
				paid: 2000,
				status: 'out'
			}
		],
		[
			'everything back but not settled: all units shown as returned',
			[out, returned('r1', 'u-31', FRI_10 + HOUR), returned('r1', 'u-12', FRI_10 + HOUR)],
			[deposit],
			FRI_10 + 3 * DAY,
			{ units: [expect.anything(), expect.anything()], rentSoFar: 5000, status: 'returned' }
		]
	])('%s', (_story, events, entries, now, shown) => {
		const rentals = portal(events, entries, now);
		expect([...rentals.keys()]).toEqual(['c-wang']);
		expect(rentals.get('c-wang')).toEqual([
			expect.objectContaining({
				rentalId: 'r1',
				outAt: FRI_10,
				dueAt: FRI_10 + 2 * DAY,
				...shown
			})
		]);
	});

	it('leaves out settled rentals, and customers with none open', () => {
		const back = [returned('r1', 'u-31', FRI_10 + HOUR), returned('r1', 'u-12', FRI_10 + HOUR)];
		expect(portal([out, ...back, settled], [deposit], FRI_10 + DAY).size).toBe(0);
	});

	it('lists a customer’s open rentals oldest first, each customer apart', () => {
		const later = checkedOut('r2', { at: FRI_10 + HOUR, id: 'r2:out' });
		const other = checkedOut('r3', { customerId: 'c-li', id: 'r3:out' });
		const rentals = portal([later, out, other], [], FRI_10 + 2 * HOUR);
		expect(rentals.get('c-wang')?.map((r) => r.rentalId)).toEqual(['r1', 'r2']);
		expect(rentals.get('c-li')?.map((r) => r.rentalId)).toEqual(['r3']);
	});
});
