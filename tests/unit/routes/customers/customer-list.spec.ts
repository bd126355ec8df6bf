import { describe, expect, it } from 'vitest';
import type { Customer } from '../../../../src/lib/domain/ledger.ts';
import type { Rental } from '../../../../src/lib/domain/ledger-rentals.ts';
import {
	browseOrder,
	openRentalsByCustomer
} from '../../../../src/routes/(app)/customers/customer-list.ts';

const HOUR = 3_600_000;
const NOW = 100 * HOUR;

function customer(id: string, createdAt: number): Customer {
	return { id, name: id, phone: '', tags: [], note: '', createdAt };
}

function rental(customerId: string, status: Rental['status'], dueAt: number): Rental {
	return { id: `${customerId}-${status}-${dueAt}`, customerId, status, dueAt } as Rental;
}

describe('open rentals beside each customer', () => {
	it('counts the unsettled ones and the overdue among them', () => {
		const counts = openRentalsByCustomer(
			[
				rental('wang', 'out', NOW - HOUR), // overdue
				rental('wang', 'returned', NOW - 2 * HOUR), // back, to settle: not overdue
				rental('li', 'out', NOW + HOUR),
				rental('zhao', 'settled', NOW - HOUR)
			],
			NOW
		);
		expect(counts.get('wang')).toEqual({ open: 2, overdue: 1 });
		expect(counts.get('li')).toEqual({ open: 1, overdue: 0 });
		expect(counts.has('zhao')).toBe(false);
	});
});

describe('browsing with nothing typed', () => {
	it('puts gear overdue first, then gear out, then the newest customers', () => {
		const customers = [
			customer('old', 1),
			customer('new', 3),
			customer('out', 2),
			customer('late', 0)
		];
		const open = openRentalsByCustomer(
			[rental('out', 'out', NOW + HOUR), rental('late', 'out', NOW - HOUR)],
			NOW
		);
		expect(browseOrder(customers, open).map((c) => c.id)).toEqual(['late', 'out', 'new', 'old']);
	});
});
