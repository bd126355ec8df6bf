/**
 * The settlement of a rental from the ledger: its bill from the rental's facts, set against the
 * money entries held for it, and the facts that record a settlement (the `'settled'` event with a
 * fingerprint of the bill, and its money entries).
 */
import { fingerprint } from './fingerprint.ts';
import {
	creditEffect,
	uniqueFacts,
	type FactStamp,
	type MoneyEntry,
	type PaymentMethod,
	type Settled,
	type SettledTotals
} from './ledger.ts';
import { billedUnits, type Rental } from './ledger-rentals.ts';
import {
	settle,
	type Settlement,
	type SettlementError,
	type SettlementResult
} from './settlement.ts';

/**
 * The rental's bill as of `asOf` (no money held): rent of each billed unit until it came back or
 * `asOf`, its damage, the sales and the discount. A time before the check-out (a tablet's clock
 * behind) counts as the check-out time.
 */
export function billFor(rental: Rental, asOf: number): SettlementResult {
	const units = billedUnits(rental);
	const billed = new Set(units.map((unit) => unit.terms.unitId));
	const notBefore = (at: number) => Math.max(at, rental.outAt);
	return settle({
		checkedOutAt: rental.outAt,
		calendar: rental.calendar,
		units: units.map((unit) => unit.terms),
		returns: units.flatMap(({ terms, returnedAt }) =>
			returnedAt === undefined ? [] : [{ unitId: terms.unitId, returnedAt: notBefore(returnedAt) }]
		),
		asOf: notBefore(asOf),
		damage: rental.damage
			.filter((item) => billed.has(item.unitId))
			.map(({ unitId, description, amount }) => ({ unitId, description, amount })),
		sales: rental.sales,
		...(rental.discount && { discount: rental.discount }),
		depositHeld: 0,
		paid: 0
	});
}

/**
 * The money held for a rental, fen: deposits in less deposits out, and payments less refunds
 * plus adjustments. A settlement's own charge does not count, nor does any entry of a voided
 * settlement or of its void (they cancel out).
 */
export function moneyHeld(
	rental: Rental,
	entries: readonly MoneyEntry[]
): { depositHeld: number; paid: number } {
	const bills = new Set(rental.settlements.map((s) => s.id));
	const undone = new Set([...rental.voidedSettlements, ...rental.voids].map((e) => e.id));
	let depositHeld = 0;
	let paid = 0;
	for (const entry of uniqueFacts(entries)) {
		if (entry.rentalId !== rental.id) continue;
		if (entry.eventId !== undefined && undone.has(entry.eventId)) continue;
		if (entry.kind === 'charge' && entry.eventId !== undefined && bills.has(entry.eventId))
			continue;
		if (entry.kind === 'deposit-in' || entry.kind === 'deposit-out') {
			depositHeld += creditEffect(entry);
		} else paid += creditEffect(entry);
	}
	return { depositHeld, paid };
}

/** The settlement's lines with other money held against them (either part may be negative). */
function withMoney(settlement: Settlement, depositHeld: number, paid: number): Settlement {
	const { refund: _refund, balanceDue: _due, ...lines } = settlement;
	const held = depositHeld + paid;
	const base = { ...lines, depositHeld, paid };
	return held > lines.charges
		? { ...base, refund: held - lines.charges }
		: { ...base, balanceDue: lines.charges - held };
}

/**
 * The rental's settlement: the bill as of its settlement (or `now` when not settled) against the
 * money held for it (`moneyHeld`), so a settled rental shows what is still owed either way.
 * Pass the rental's entries (`entriesByRental`) or all of them; other rentals' are ignored.
 */
export function settlementFor(
	rental: Rental,
	entries: readonly MoneyEntry[],
	now: number
): SettlementResult {
	const bill = billFor(rental, rental.settlements[0]?.at ?? now);
	if (!bill.ok) return bill;
	const { depositHeld, paid } = moneyHeld(rental, entries);
	return { ok: true, settlement: withMoney(bill.settlement, depositHeld, paid) };
}

/**
 * Fingerprints the bill (units, their rent and damage, sales, discount, charges), not the money
 * held: a payment after settling changes the balance, a late return or damage changes the bill.
 */
export function settlementHash(settlement: Settlement): string {
	const { units, sales, discount, charges } = settlement;
	return fingerprint(JSON.stringify({ units, sales, discount, charges }));
}

/**
 * Fingerprints the ids of the rental's facts (all but settlements and their voids). The bill is
 * a function of those facts, so while this is unchanged a recorded bill needs no recomputing.
 */
export function billedFactsOf(rental: Rental): string {
	return fingerprint([...rental.factIds].sort().join('\n'));
}

/** The totals a `'settled'` event records. */
export function settledTotals(settlement: Settlement): SettledTotals {
	return {
		subtotal: settlement.subtotal,
		discount: settlement.discount?.amount ?? 0,
		charges: settlement.charges,
		depositHeld: settlement.depositHeld,
		paid: settlement.paid,
		refund: settlement.refund ?? 0,
		balanceDue: settlement.balanceDue ?? 0
	};
}

/**
 * The settlement as the customer was handed it: the bill's lines with the money held, the
 * refund or the balance as recorded when it was settled (later payments show in the ledger).
 */
export function asSettled(settlement: Settlement, totals: SettledTotals): Settlement {
	const { refund: _refund, balanceDue: _due, ...lines } = settlement;
	const base = { ...lines, depositHeld: totals.depositHeld, paid: totals.paid };
	return totals.refund > 0
		? { ...base, refund: totals.refund }
		: { ...base, balanceDue: totals.balanceDue };
}

/** Why a rental cannot be settled now. */
export type SettleRefusal = SettlementError | { code: 'already-settled'; settledEventId: string };

/**
 * The facts that settle a rental at `stamp.at`: the `'settled'` event and, with its id, the
 * charge, and the refund handed back or the balance paid with `method` (`'none'`: the balance
 * stays due, or the refund stays owed). Entry ids derive from the event's id.
 */
export function settleFacts(
	rental: Rental,
	entries: readonly MoneyEntry[],
	stamp: FactStamp,
	method: PaymentMethod
): { ok: true; event: Settled; entries: MoneyEntry[] } | { ok: false; error: SettleRefusal } {
	const settledAlready = rental.settlements[0];
	if (settledAlready) {
		return { ok: false, error: { code: 'already-settled', settledEventId: settledAlready.id } };
	}
	const result = settlementFor(rental, entries, stamp.at);
	if (!result.ok) return result;
	const { settlement } = result;
	const event: Settled = {
		...stamp,
		rentalId: rental.id,
		kind: 'settled',
		settlementHash: settlementHash(settlement),
		totals: settledTotals(settlement),
		billedFacts: billedFactsOf(rental)
	};
	const entry = (kind: MoneyEntry['kind'], amount: number, how: PaymentMethod): MoneyEntry => ({
		...stamp,
		id: `${stamp.id}:${kind}`,
		rentalId: rental.id,
		customerId: rental.customerId,
		kind,
		amount,
		method: how,
		eventId: stamp.id
	});
	const money: MoneyEntry[] = [];
	if (settlement.charges > 0) money.push(entry('charge', settlement.charges, 'none'));
	if (method !== 'none' && settlement.refund)
		money.push(entry('refund', settlement.refund, method));
	if (method !== 'none' && settlement.balanceDue) {
		money.push(entry('payment', settlement.balanceDue, method));
	}
	return { ok: true, event, entries: money };
}
