/**
 * What a customer's portal shows of their rentals, derived from the ledger's facts: each rental
 * not yet settled, its units, times and amounts so far. The server writes it into the customer's
 * thread doc (`portal`), so the customer page shows it offline too.
 */
import { entriesByRental, type LedgerEvent, type MoneyEntry } from './ledger.ts';
import { billedUnits, deriveRentals, type Rental } from './ledger-rentals.ts';
import { settlementFor } from './ledger-settlement.ts';
import type { PortalRental } from './thread.ts';

/**
 * One rental as the customer sees it, as of `now`. `rentSoFar` is what the rental has cost so
 * far (rent of every unit until it came back or `now`, damage and sales, less a discount): what
 * the customer would owe if they returned everything now. Units listed are those still out, or
 * all of them once everything is back.
 */
export function portalRental(
	rental: Rental,
	entries: readonly MoneyEntry[],
	now: number
): PortalRental {
	const billed = billedUnits(rental);
	const out = billed.filter((unit) => unit.returnedAt === undefined);
	const shown = (out.length > 0 ? out : billed).map(({ terms }) => ({
		code: terms.code,
		modelName: terms.modelName
	}));
	const result = settlementFor(rental, entries, now);
	const money = result.ok
		? {
				rentSoFar: result.settlement.charges,
				depositHeld: result.settlement.depositHeld,
				paid: result.settlement.paid
			}
		: { rentSoFar: 0, depositHeld: 0, paid: 0 };
	return {
		rentalId: rental.id,
		units: shown,
		outAt: rental.outAt,
		dueAt: rental.dueAt,
		// A correction can leave a negative balance for a moment; the portal shows none below 0.
		rentSoFar: Math.max(0, money.rentSoFar),
		depositHeld: Math.max(0, money.depositHeld),
		paid: Math.max(0, money.paid),
		status: rental.status
	};
}

/**
 * Every customer's open (not settled) rentals as of `now`, by customer id, oldest check-out
 * first. Customers with no open rental are absent.
 */
export function openRentalsByCustomer(
	ledger: { events: readonly LedgerEvent[]; entries: readonly MoneyEntry[] },
	now: number
): Map<string, PortalRental[]> {
	const { rentals } = deriveRentals(ledger.events);
	const entries = entriesByRental(ledger.entries);
	const byCustomer = new Map<string, PortalRental[]>();
	const open = [...rentals.values()]
		.filter((rental) => rental.status !== 'settled')
		.sort((a, b) => a.outAt - b.outAt || (a.id < b.id ? -1 : 1));
	for (const rental of open) {
		const list = byCustomer.get(rental.customerId) ?? [];
		list.push(portalRental(rental, entries.get(rental.id) ?? [], now));
		byCustomer.set(rental.customerId, list);
	}
	return byCustomer;
}
