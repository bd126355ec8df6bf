/**
 * The ledger as plain data: customers, reservations, rental events and money entries (facts that
 * tablets append and never edit), the money rules, and the balances derived from the entries.
 * Rentals, reservation status and what each unit is doing are derived in `ledger-rentals.ts`.
 *
 * Derivations depend only on the SET of facts: facts are folded by id (a fact written twice, or a
 * resolution two tablets wrote with the same derived id, counts once) and replayed sorted by
 * `(at, id)`, so every tablet that has merged the same facts derives the same ledger.
 *
 * Money: every `MoneyEntry.amount` is whole fen ≥ 0 and its kind says which way it goes, except
 * `'adjustment'`, whose amount is signed: positive in the customer's favour (the shop holds more
 * of their money or they owe less), negative against them. See `creditEffect` and `cashEffect`.
 */
import type { ModelId, UnitId } from './inventory.ts';
import type { ShopCalendar } from './pricing.ts';
import type { Discount, RentalUnitTerms, Sale } from './settlement.ts';

/** A customer of the shop, found by name or phone at the counter. */
export interface Customer {
	id: string;
	name: string;
	phone: string;
	/** Labels staff give, e.g. `'老客户'`, `'海钓'`. */
	tags: string[];
	note: string;
	/** Epoch ms. */
	createdAt: number;
}

/** A booking of a model (optionally of specific units) for `[from, until)`; status from events. */
export interface Reservation {
	id: string;
	customerId: string;
	modelId: ModelId;
	/** Units promised to the customer; unset: any unit of the model. */
	unitIds?: UnitId[];
	/** Epoch ms. */
	from: number;
	until: number;
	note?: string;
	createdAt: number;
}

/** Who recorded a fact, on which tablet, and when. Every event and money entry carries it. */
export interface FactStamp {
	/** Unique; a resolution derives its id from what it resolves, so it is written once. */
	id: string;
	/** Epoch ms. */
	at: number;
	/** Staff id. */
	by: string;
	/** The tablet's id. */
	device: string;
}

/** A fact about one rental. */
interface RentalFact extends FactStamp {
	rentalId: string;
}

/** The terms one unit went out under: what the settlement needs, plus the unit's model. */
export interface UnitTerms extends RentalUnitTerms {
	unitId: UnitId;
	modelId: ModelId;
}

/** Units handed to a customer, each with its terms and the shop calendar, snapshotted now. */
export interface CheckedOut extends RentalFact {
	kind: 'checked-out';
	customerId: string;
	units: UnitTerms[];
	calendar: ShopCalendar;
	dueAt: number;
	/** The deposit agreed (the cards' sum, or less for a trusted customer), fen. */
	deposit: number;
	/** The reservation this rental fulfils. */
	reservationId?: string;
	/** The customer's signature on the tablet (an attachment content hash). */
	signature?: string;
}

/** A new due time for the whole rental; the latest extension counts. */
export interface Extended extends RentalFact {
	kind: 'extended';
	dueAt: number;
}

/** One unit came back; its rent ends here. */
export interface UnitReturnedEvent extends RentalFact {
	kind: 'unit-returned';
	unitId: UnitId;
	/** Condition at check-in, in the staff's words. */
	condition?: string;
}

/** Damage found on a unit at check-in, charged to the customer. */
export interface DamageFound extends RentalFact {
	kind: 'damage-found';
	unitId: UnitId;
	description: string;
	amount: number;
	/** Attachment content hashes. */
	photos: string[];
}

/** Consumables sold with the rental. */
export interface SaleMade extends RentalFact, Sale {
	kind: 'sale';
}

/** The rental's discount; the latest one counts, an amount of 0 takes it away. */
export interface DiscountGiven extends RentalFact, Discount {
	kind: 'discount';
}

/**
 * `fromUnitId` leaves the rental and the unit in `to` takes its place (a conflict resolution):
 * the swapped-in unit is billed from the check-out, on the terms in `to`.
 */
export interface UnitSwapped extends RentalFact {
	kind: 'unit-swapped';
	fromUnitId: UnitId;
	/** The unit put on the rental, with its terms snapshot. */
	to: UnitTerms;
}

/** Totals of a settlement as recorded, fen. */
export interface SettledTotals {
	subtotal: number;
	discount: number;
	charges: number;
	depositHeld: number;
	paid: number;
	refund: number;
	balanceDue: number;
}

/** The rental was settled; `settlementHash` fingerprints the bill (see `settlementHash`). */
export interface Settled extends RentalFact {
	kind: 'settled';
	settlementHash: string;
	totals: SettledTotals;
	/** Fingerprint of the rental's facts the bill was made from (see `billedFactsOf`). */
	billedFacts?: string;
}

/** A settlement no longer counts; its money entries are reversed by entries with this id. */
export interface SettlementVoided extends RentalFact {
	kind: 'settlement-voided';
	settledEventId: string;
	reason: string;
}

/** A return recorded on the wrong rental no longer counts. */
export interface ReturnVoided extends RentalFact {
	kind: 'return-voided';
	returnEventId: string;
	reason: string;
}

/** A fact about a reservation. */
interface ReservationFact extends FactStamp {
	reservationId: string;
}

/** The reservation was taken (its terms are the record in `reservations`). */
export interface Reserved extends ReservationFact {
	kind: 'reserved';
}

export interface ReservationCancelled extends ReservationFact {
	kind: 'reservation-cancelled';
	reason?: string;
}

/** The customer came for the gear: the reservation became `rentalId`. */
export interface ReservationPickedUp extends ReservationFact {
	kind: 'reservation-picked-up';
	rentalId: string;
}

export type RentalEvent =
	| CheckedOut
	| Extended
	| UnitReturnedEvent
	| DamageFound
	| SaleMade
	| DiscountGiven
	| UnitSwapped
	| Settled
	| SettlementVoided
	| ReturnVoided;

export type ReservationEvent = Reserved | ReservationCancelled | ReservationPickedUp;

/** Everything appended to the ledger's `events`. */
export type LedgerEvent = RentalEvent | ReservationEvent;

/** Every kind of rental event. */
export const rentalEventKinds: readonly RentalEvent['kind'][] = [
	'checked-out',
	'extended',
	'unit-returned',
	'damage-found',
	'sale',
	'discount',
	'unit-swapped',
	'settled',
	'settlement-voided',
	'return-voided'
];

/** Every kind of reservation event. */
export const reservationEventKinds: readonly ReservationEvent['kind'][] = [
	'reserved',
	'reservation-cancelled',
	'reservation-picked-up'
];

/** True for an event about a rental (not about a reservation). */
export function isRentalEvent(event: LedgerEvent): event is RentalEvent {
	return (rentalEventKinds as readonly string[]).includes(event.kind);
}

/** True for an event about a reservation. */
export function isReservationEvent(event: LedgerEvent): event is ReservationEvent {
	return (reservationEventKinds as readonly string[]).includes(event.kind);
}

/** What a money entry records; see the header for the direction of each. */
export type MoneyKind =
	'deposit-in' | 'payment' | 'charge' | 'refund' | 'deposit-out' | 'adjustment';

/** How money moved (recorded, not processed); `'none'` for a charge or a book-only correction. */
export type PaymentMethod = 'cash' | 'wechat' | 'alipay' | 'card' | 'none';

export const moneyKinds: readonly MoneyKind[] = [
	'deposit-in',
	'payment',
	'charge',
	'refund',
	'deposit-out',
	'adjustment'
];
export const paymentMethods: readonly PaymentMethod[] = [
	'cash',
	'wechat',
	'alipay',
	'card',
	'none'
];

/** One line of the money ledger. Never edited: a correction is an adjustment with a reason. */
export interface MoneyEntry extends FactStamp {
	rentalId?: string;
	customerId: string;
	kind: MoneyKind;
	/** Fen: ≥ 0 for every kind but `'adjustment'`, which is signed (+ in the customer's favour). */
	amount: number;
	method: PaymentMethod;
	reason?: string;
	/** The event this entry was recorded with (a check-out, a settlement, a void). */
	eventId?: string;
}

/**
 * What an entry does to the customer's credit with the shop (what the shop holds for them):
 * money in and adjustments add, charges and money handed back subtract.
 */
export function creditEffect(entry: MoneyEntry): number {
	switch (entry.kind) {
		case 'deposit-in':
		case 'payment':
		case 'adjustment':
			return entry.amount;
		default:
			return -entry.amount;
	}
}

/** What an entry does to the drawer (and the WeChat, Alipay, card accounts): a charge moves none. */
export function cashEffect(entry: MoneyEntry): number {
	return entry.kind === 'charge' || entry.method === 'none' ? 0 : creditEffect(entry);
}

/** Orders facts by time, then id, then content, so the order never depends on arrival. */
export function byAtThenId(a: FactStamp, b: FactStamp): number {
	if (a.at !== b.at) return a.at - b.at;
	if (a.id !== b.id) return a.id < b.id ? -1 : 1;
	const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
	return x < y ? -1 : x > y ? 1 : 0;
}

/** The facts sorted by `(at, id)`, each id once (the earliest, then smallest content). */
export function uniqueFacts<T extends FactStamp>(facts: readonly T[]): T[] {
	const seen = new Set<string>();
	return [...facts].sort(byAtThenId).filter((fact) => !seen.has(fact.id) && seen.add(fact.id));
}

/** What a rental and a customer stand at in the money ledger, fen. */
export interface Balance {
	depositIn: number;
	depositOut: number;
	payments: number;
	refunds: number;
	charges: number;
	/** Signed sum of adjustments. */
	adjustments: number;
	/** What the shop holds for the customer: > 0 the shop owes it back, < 0 the customer owes. */
	credit: number;
	/** Money received net of money handed back, every method but `'none'`. */
	cashIn: number;
}

const KIND_FIELD: Record<MoneyKind, keyof Balance> = {
	'deposit-in': 'depositIn',
	'deposit-out': 'depositOut',
	payment: 'payments',
	refund: 'refunds',
	charge: 'charges',
	adjustment: 'adjustments'
};

/** A balance with nothing in it. */
export function emptyBalance(): Balance {
	return {
		depositIn: 0,
		depositOut: 0,
		payments: 0,
		refunds: 0,
		charges: 0,
		adjustments: 0,
		credit: 0,
		cashIn: 0
	};
}

/** Adds one entry to a balance. */
export function addToBalance(balance: Balance, entry: MoneyEntry): void {
	balance[KIND_FIELD[entry.kind]] += entry.amount;
	balance.credit += creditEffect(entry);
	balance.cashIn += cashEffect(entry);
}

/** Balances per rental (entries naming one) and per customer (all their entries). */
export function balances(entries: readonly MoneyEntry[]): {
	byRental: Map<string, Balance>;
	byCustomer: Map<string, Balance>;
} {
	const byRental = new Map<string, Balance>();
	const byCustomer = new Map<string, Balance>();
	const into = (map: Map<string, Balance>, key: string) =>
		map.get(key) ?? map.set(key, emptyBalance()).get(key)!;
	for (const entry of uniqueFacts(entries)) {
		if (entry.rentalId !== undefined) addToBalance(into(byRental, entry.rentalId), entry);
		addToBalance(into(byCustomer, entry.customerId), entry);
	}
	return { byRental, byCustomer };
}

/** Entries grouped by rental, each group unique and sorted; entries without a rental left out. */
export function entriesByRental(entries: readonly MoneyEntry[]): Map<string, MoneyEntry[]> {
	const groups = new Map<string, MoneyEntry[]>();
	for (const entry of uniqueFacts(entries)) {
		if (entry.rentalId === undefined) continue;
		const group = groups.get(entry.rentalId);
		if (group) group.push(entry);
		else groups.set(entry.rentalId, [entry]);
	}
	return groups;
}
