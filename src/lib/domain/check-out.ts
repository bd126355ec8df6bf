/**
 * The counter's check-out, before anything is written: the terms each unit goes out under, the
 * quote the customer sees, the deposit, and why a check-out is refused at entry (a unit already
 * out, in the workshop, held for someone else, a due time in the past, a deposit below the cards
 * without the owner). What the tablet does not know yet — another tablet's offline check-out —
 * shows up after the merge as a conflict instead (`ledger-conflicts.ts`).
 */
import type { Model, Unit, UnitId } from './inventory.ts';
import type { UnitTerms } from './ledger.ts';
import { rentFor, type RentLine, type ShopCalendar } from './pricing.ts';
import type { UnitStatusView } from './unit-status.ts';

/** The terms a unit goes out under, copied from its model's card now (unset rates stay unset). */
export function unitTermsOf(unit: Pick<Unit, 'id' | 'code'>, model: Model): UnitTerms {
	const { daily, weekend, holiday, hourlyLate, deposit, replacementValue } = model.rates;
	const card = { daily, weekend, holiday, hourlyLate, deposit };
	return {
		unitId: unit.id,
		modelId: model.id,
		code: unit.code,
		modelName: model.name,
		card,
		replacementValue
	};
}

/** One unit's part of a quote. */
export interface UnitQuote {
	unitId: UnitId;
	code: string;
	modelName: string;
	lines: RentLine[];
	rent: number;
	deposit: number;
}

/** What the customer is told at the counter: rent per unit over the planned period, deposit. */
export interface Quote {
	units: UnitQuote[];
	rent: number;
	/** The cards' deposits summed: what the shop asks unless the owner agrees to less. */
	deposit: number;
}

/** The rent of each unit from `outAt` to `dueAt` by the fee rule, and the cards' deposit. */
export function quoteFor(
	terms: readonly UnitTerms[],
	outAt: number,
	dueAt: number,
	calendar: ShopCalendar
): Quote {
	const units = terms.map((t): UnitQuote => {
		const { lines, total } = rentFor(t.card, outAt, Math.max(outAt, dueAt), calendar);
		const { unitId, code, modelName } = t;
		return {
			unitId: unitId as UnitId,
			code,
			modelName,
			lines,
			rent: total,
			deposit: t.card.deposit
		};
	});
	return {
		units,
		rent: units.reduce((sum, u) => sum + u.rent, 0),
		deposit: units.reduce((sum, u) => sum + u.deposit, 0)
	};
}

/** Why a check-out cannot be written as it stands; each names what to change. */
export type CheckOutRefusal =
	| { code: 'no-customer' }
	| { code: 'no-units' }
	| { code: 'unit-twice'; unitId: UnitId }
	| { code: 'unit-out'; unitId: UnitId; rentalId: string }
	| { code: 'unit-unavailable'; unitId: UnitId; status: 'workshop' | 'lost' | 'retired' }
	| { code: 'unit-reserved'; unitId: UnitId; reservationId: string }
	| { code: 'due-not-after-out' }
	| { code: 'bad-deposit' }
	| { code: 'deposit-over-cards'; deposit: number; cards: number }
	| { code: 'deposit-below-cards'; deposit: number; cards: number };

export interface CheckOutRequest {
	customerId: string;
	unitIds: readonly UnitId[];
	outAt: number;
	dueAt: number;
	/** Fen. */
	deposit: number;
	/** The units' deposits summed (`quoteFor(…).deposit`). */
	cardsDeposit: number;
	/** Only the owner may take less than the cards say (a trusted customer). */
	mayLowerDeposit: boolean;
	/** The reservation this fulfils: its own units are not "reserved" for it. */
	reservationId?: string;
}

/** The first reason, if any, the check-out is refused, given each unit's status now. */
export function checkOutRefusal(
	request: CheckOutRequest,
	statuses: ReadonlyMap<UnitId, UnitStatusView>
): CheckOutRefusal | null {
	const { unitIds, deposit, cardsDeposit } = request;
	if (!request.customerId) return { code: 'no-customer' };
	if (unitIds.length === 0) return { code: 'no-units' };
	const seen = new Set<UnitId>();
	for (const unitId of unitIds) {
		if (seen.has(unitId)) return { code: 'unit-twice', unitId };
		seen.add(unitId);
		const refusal = unitRefusal(unitId, statuses.get(unitId), request);
		if (refusal) return refusal;
	}
	if (!(request.dueAt > request.outAt)) return { code: 'due-not-after-out' };
	if (!Number.isSafeInteger(deposit) || deposit < 0) return { code: 'bad-deposit' };
	if (deposit > cardsDeposit) return { code: 'deposit-over-cards', deposit, cards: cardsDeposit };
	if (deposit < cardsDeposit && !request.mayLowerDeposit) {
		return { code: 'deposit-below-cards', deposit, cards: cardsDeposit };
	}
	return null;
}

function unitRefusal(
	unitId: UnitId,
	view: UnitStatusView | undefined,
	request: CheckOutRequest
): CheckOutRefusal | null {
	if (!view) return { code: 'unit-unavailable', unitId, status: 'retired' };
	switch (view.status) {
		case 'out':
		case 'overdue':
			return { code: 'unit-out', unitId, rentalId: view.rental.rentalId };
		case 'workshop':
		case 'lost':
		case 'retired':
			return { code: 'unit-unavailable', unitId, status: view.status };
	}
	const held = view.status === 'reserved' ? view.reservation : view.nextReservation;
	const clashes =
		held &&
		held.reservationId !== request.reservationId &&
		held.customerId !== request.customerId &&
		held.from < request.dueAt &&
		request.outAt < held.until;
	return clashes ? { code: 'unit-reserved', unitId, reservationId: held.reservationId } : null;
}
