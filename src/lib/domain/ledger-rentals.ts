/**
 * What the ledger's facts add up to: each rental with its units, returns, damage, sales and
 * settlements; each reservation's status; the facts unit status is derived from; and the
 * settlement of a rental, as of now or as it was settled.
 *
 * Derivations depend only on the SET of facts: facts are folded by id (a fact written twice, or a
 * resolution two tablets wrote with the same derived id, counts once) and replayed sorted by
 * `(at, id)`, so every tablet that has merged the same facts derives the same ledger.
 */
import type { UnitId } from './inventory.ts';
import {
	isRentalEvent,
	isReservationEvent,
	uniqueFacts,
	type CheckedOut,
	type LedgerEvent,
	type RentalEvent,
	type Reservation,
	type Settled,
	type SettlementVoided,
	type UnitSwapped,
	type UnitTerms
} from './ledger.ts';
import type { ShopCalendar } from './pricing.ts';
import type { DamageItem, Discount, Sale } from './settlement.ts';
import type { UnitRentalFact } from './unit-status.ts';

/** A reservation with the status its events give it; picked up wins over cancelled. */
export interface ReservationView extends Reservation {
	status: 'active' | 'cancelled' | 'picked-up';
	/** The rental it became. */
	rentalId?: string;
}

/** Reservations with their status, sorted by `(from, id)`. Events of unknown ids are ignored. */
export function deriveReservations(
	records: readonly Reservation[],
	events: readonly LedgerEvent[]
): ReservationView[] {
	const views = new Map<string, ReservationView>();
	for (const record of records) views.set(record.id, { ...record, status: 'active' });
	for (const event of uniqueFacts(events)) {
		const view = isReservationEvent(event) ? views.get(event.reservationId) : undefined;
		if (!view || view.status === 'picked-up') continue;
		if (event.kind === 'reservation-picked-up') {
			view.status = 'picked-up';
			view.rentalId = event.rentalId;
		} else if (event.kind === 'reservation-cancelled') view.status = 'cancelled';
	}
	return [...views.values()].sort((a, b) => a.from - b.from || (a.id < b.id ? -1 : 1));
}

/** One unit on a rental. */
export interface RentalUnit {
	terms: UnitTerms;
	/** When the unit joined the rental: the check-out, or the swap that put it on. */
	since: number;
	returnedAt?: number;
	returnEventId?: string;
	condition?: string;
	/** When a swap took the unit off the rental (it is then not billed), and its replacement. */
	swappedOutAt?: number;
	replacedBy?: UnitId;
}

/** Damage found on a unit, with the evidence. */
export interface DamageRecord extends DamageItem {
	eventId: string;
	unitId: UnitId;
	photos: string[];
	at: number;
	by: string;
}

/** A rental as its facts describe it. */
export interface Rental {
	id: string;
	customerId: string;
	outAt: number;
	/** Who checked it out, on which tablet. */
	by: string;
	device: string;
	calendar: ShopCalendar;
	/** The deposit agreed at check-out (what was taken is in the money entries). */
	deposit: number;
	reservationId?: string;
	/** The customer's signature at check-out (an attachment content hash). */
	signature?: string;
	/** The latest extension's due time, else the check-out's. */
	dueAt: number;
	/** Every unit ever on the rental, in the order they joined. */
	units: RentalUnit[];
	damage: DamageRecord[];
	sales: Sale[];
	discount?: Discount;
	/** Settlements that count (more than one is a conflict). */
	settlements: Settled[];
	voidedSettlements: Settled[];
	voids: SettlementVoided[];
	/** Ids of the rental's facts but its settlements and their voids: what its bill is made of. */
	factIds: string[];
	/** `'out'`: a unit is still with the customer; `'returned'`: all back, not settled. */
	status: 'out' | 'returned' | 'settled';
}

/** A return recorded on a rental that never had the unit (or on no known rental). */
export interface StrayReturn {
	eventId: string;
	rentalId: string;
	unitId: UnitId;
	at: number;
}

/** Every rental by id (sorted by check-out time, then id), and the stray returns. */
export interface RentalBook {
	rentals: Map<string, Rental>;
	strayReturns: StrayReturn[];
}

/** The units billed on a rental: all but those swapped off it. */
export function billedUnits(rental: Rental): RentalUnit[] {
	return rental.units.filter((unit) => unit.swappedOutAt === undefined);
}

/** True when a unit of an unsettled rental is still out after its due time. */
export function isOverdue(rental: Rental, now: number): boolean {
	return rental.status === 'out' && now > rental.dueAt;
}

function newRental(event: CheckedOut): Rental {
	return {
		id: event.rentalId,
		customerId: event.customerId,
		outAt: event.at,
		by: event.by,
		device: event.device,
		calendar: event.calendar,
		deposit: event.deposit,
		...(event.reservationId !== undefined && { reservationId: event.reservationId }),
		...(event.signature !== undefined && { signature: event.signature }),
		dueAt: event.dueAt,
		units: event.units.map((terms) => ({ terms, since: event.at })),
		damage: [],
		sales: [],
		settlements: [],
		voidedSettlements: [],
		voids: [],
		factIds: [],
		status: 'out'
	};
}

/** Applies a swap; a swap of a unit not (or no longer) billed on the rental is ignored. */
function applySwap(rental: Rental, event: UnitSwapped): void {
	const billed = billedUnits(rental);
	const from = billed.find((unit) => unit.terms.unitId === event.fromUnitId);
	if (!from || billed.some((unit) => unit.terms.unitId === event.to.unitId)) return;
	from.swappedOutAt = event.at;
	from.replacedBy = event.to.unitId;
	rental.units.push({ terms: event.to, since: event.at });
}

/** Applies the facts other than check-outs, swaps and returns. */
function applyFact(rental: Rental, event: RentalEvent, voided: ReadonlySet<string>): void {
	switch (event.kind) {
		case 'extended':
			rental.dueAt = event.dueAt;
			break;
		case 'damage-found': {
			const { id, unitId, description, amount, photos, at, by } = event;
			rental.damage.push({ eventId: id, unitId, description, amount, photos, at, by });
			break;
		}
		case 'sale':
			rental.sales.push({ name: event.name, qty: event.qty, unitPrice: event.unitPrice });
			break;
		case 'discount':
			rental.discount =
				event.amount > 0 ? { amount: event.amount, reason: event.reason } : undefined;
			break;
		case 'settled':
			(voided.has(event.id) ? rental.voidedSettlements : rental.settlements).push(event);
			break;
		case 'settlement-voided':
			rental.voids.push(event);
			break;
	}
}

/** Records a return on the rental's unit; false when the rental never had that unit. */
function applyReturn(rental: Rental | undefined, event: RentalEvent & { kind: 'unit-returned' }) {
	const unit = rental?.units.find((u) => u.terms.unitId === event.unitId);
	if (!unit) return false;
	if (unit.returnedAt === undefined) {
		unit.returnedAt = event.at;
		unit.returnEventId = event.id;
		if (event.condition !== undefined) unit.condition = event.condition;
	}
	return true;
}

/**
 * Derives every rental from the events. The earliest check-out of a rental id counts; swaps are
 * applied before returns, so a return stamped before its swap (a tablet's clock behind) still
 * lands on the unit. Voided settlements and voided returns do not count.
 */
export function deriveRentals(events: readonly LedgerEvent[]): RentalBook {
	const facts = uniqueFacts(events.filter(isRentalEvent));
	const voided = new Set<string>();
	const rentals = new Map<string, Rental>();
	for (const event of facts) {
		if (event.kind === 'settlement-voided') voided.add(event.settledEventId);
		else if (event.kind === 'return-voided') voided.add(event.returnEventId);
		else if (event.kind === 'checked-out' && !rentals.has(event.rentalId)) {
			rentals.set(event.rentalId, newRental(event));
		}
	}
	for (const event of facts) {
		const rental = rentals.get(event.rentalId);
		if (rental && event.kind === 'unit-swapped') applySwap(rental, event);
	}
	const strayReturns: StrayReturn[] = [];
	for (const event of facts) {
		const rental = rentals.get(event.rentalId);
		if (rental && event.kind !== 'settled' && event.kind !== 'settlement-voided') {
			rental.factIds.push(event.id);
		}
		if (event.kind !== 'unit-returned') {
			if (rental) applyFact(rental, event, voided);
		} else if (!voided.has(event.id) && !applyReturn(rental, event)) {
			const { id: eventId, rentalId, unitId, at } = event;
			strayReturns.push({ eventId, rentalId, unitId, at });
		}
	}
	for (const rental of rentals.values()) {
		const out = billedUnits(rental).some((unit) => unit.returnedAt === undefined);
		rental.status = rental.settlements.length > 0 ? 'settled' : out ? 'out' : 'returned';
	}
	return { rentals, strayReturns };
}

/** The earliest of the defined times, or undefined. */
function earliest(...times: (number | undefined)[]): number | undefined {
	const defined = times.filter((t): t is number => t !== undefined);
	return defined.length > 0 ? Math.min(...defined) : undefined;
}

/**
 * The facts unit status (`unit-status.ts`) is derived from. A unit leaves a rental when it comes
 * back, is swapped off, or the rental is settled without it (written off); a stray return is a
 * return without an out; units of a reservation are reserved, and released when it ends.
 */
export function unitFacts(
	book: RentalBook,
	reservations: readonly ReservationView[]
): UnitRentalFact[] {
	const facts: UnitRentalFact[] = [];
	for (const rental of book.rentals.values()) {
		const { id: rentalId, customerId, dueAt } = rental;
		for (const unit of rental.units) {
			const { unitId } = unit.terms;
			facts.push({ kind: 'out', unitId, rentalId, customerId, at: unit.since, dueAt });
			const end = earliest(unit.returnedAt, unit.swappedOutAt, rental.settlements[0]?.at);
			if (end !== undefined) facts.push({ kind: 'returned', unitId, rentalId, at: end });
		}
	}
	for (const { unitId, rentalId, at } of book.strayReturns) {
		facts.push({ kind: 'returned', unitId, rentalId, at });
	}
	for (const { id: reservationId, customerId, from, until, unitIds, status } of reservations) {
		for (const unitId of unitIds ?? []) {
			facts.push({ kind: 'reserved', unitId, reservationId, customerId, from, until });
			if (status !== 'active') facts.push({ kind: 'reservation-ended', unitId, reservationId });
		}
	}
	return facts;
}
