/**
 * What the customer list shows beside each name: open rentals (overdue among them) from the
 * ledger's open rentals, and the order to browse in when nothing is typed.
 */
import type { Customer } from '$lib/domain/ledger.ts';
import { isOverdue, type Rental } from '$lib/domain/ledger-rentals.ts';

export interface OpenRentals {
	/** Rentals not settled yet. */
	open: number;
	/** Of those, rentals with gear out past its due time. */
	overdue: number;
}

/** Open and overdue rentals per customer, in one pass over the open rentals. */
export function openRentalsByCustomer(
	openRentals: readonly Rental[],
	now: number
): Map<string, OpenRentals> {
	const counts = new Map<string, OpenRentals>();
	for (const rental of openRentals) {
		if (rental.status === 'settled') continue;
		const entry = counts.get(rental.customerId) ?? { open: 0, overdue: 0 };
		entry.open += 1;
		if (isOverdue(rental, now)) entry.overdue += 1;
		counts.set(rental.customerId, entry);
	}
	return counts;
}

/**
 * The order to browse in with nothing typed: customers with gear overdue, then with gear out,
 * then everyone else; newest first within each.
 */
export function browseOrder(
	customers: readonly Customer[],
	open: ReadonlyMap<string, OpenRentals>
): Customer[] {
	const rank = (c: Customer) => {
		const counts = open.get(c.id);
		return counts?.overdue ? 0 : counts?.open ? 1 : 2;
	};
	return [...customers].sort(
		(a, b) => rank(a) - rank(b) || b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1)
	);
}
