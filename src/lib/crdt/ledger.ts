/**
 * Schema of the `ledger` doc and the functions between it and domain types.
 *
 * - `customers`: Y.Map customerId → Y.Map (one key per field, see records.ts)
 * - `reservations`: Y.Map reservationId → Y.Map (one key per field; status comes from events)
 * - `events`: Y.Array of plain `LedgerEvent`s (facts: appended, never edited)
 * - `entries`: Y.Array of plain `MoneyEntry`s (facts: appended, never edited)
 *
 * Facts are flat: each names its rental, none lives inside another Y type, so nothing one tablet
 * appends can be lost in a type another deleted. Each writer is one transaction with the staff's
 * origin: a check-out's event and its deposit arrive on other tablets together or not at all.
 */
import * as Y from 'yjs';
import type { UnitId } from '../domain/inventory.ts';
import type {
	CheckedOut,
	Customer,
	FactStamp,
	LedgerEvent,
	MoneyEntry,
	PaymentMethod,
	Reservation,
	UnitTerms
} from '../domain/ledger.ts';
import {
	isLedgerEvent,
	isMoneyEntry,
	readCustomer,
	readReservation
} from '../domain/ledger-guards.ts';
import type { Rental } from '../domain/ledger-rentals.ts';
import { settleFacts, type SettleRefusal } from '../domain/ledger-settlement.ts';
import type { ShopCalendar } from '../domain/pricing.ts';
import type { Discount, Sale } from '../domain/settlement.ts';
import type { WriteOrigin } from './origin.ts';
import { readRecord, writeRecord } from './records.ts';

export const LEDGER_DOC = 'ledger';

export const ledgerKeys = {
	customers: 'customers',
	reservations: 'reservations',
	events: 'events',
	entries: 'entries'
} as const;

/** Everything in the ledger doc, as plain data. */
export interface LedgerSnapshot {
	customers: Customer[];
	reservations: Reservation[];
	events: LedgerEvent[];
	entries: MoneyEntry[];
}

/** Who writes: the staff member (the origin of every transaction) and their tablet. */
export interface LedgerWriter {
	origin: WriteOrigin;
	/** The tablet's id, stamped on every fact. */
	device: string;
}

const customers = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(ledgerKeys.customers);
const reservations = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(ledgerKeys.reservations);
const events = (doc: Y.Doc) => doc.getArray<LedgerEvent>(ledgerKeys.events);
const entries = (doc: Y.Doc) => doc.getArray<MoneyEntry>(ledgerKeys.entries);

/** A copy without undefined fields: a fact stores exactly what it says. */
function plain<T extends object>(fact: T): T {
	return Object.fromEntries(Object.entries(fact).filter(([, v]) => v !== undefined)) as T;
}

/** The terms a unit goes out under, copied field by field: nothing else rides along. */
function snapshotTerms(terms: UnitTerms): UnitTerms {
	const { unitId, modelId, code, modelName, card, replacementValue } = terms;
	const rates = plain({
		daily: card.daily,
		weekend: card.weekend,
		holiday: card.holiday,
		hourlyLate: card.hourlyLate,
		deposit: card.deposit
	});
	return { unitId, modelId, code, modelName, card: rates, replacementValue };
}

function stamp(writer: LedgerWriter, at: number): FactStamp {
	return { id: crypto.randomUUID(), at, by: writer.origin.accountId, device: writer.device };
}

/** Reads the whole doc. Rows another replica wrote malformed are skipped, not thrown on. */
export function readLedger(doc: Y.Doc): LedgerSnapshot {
	const records = <T extends { id: string }>(
		map: Y.Map<Y.Map<unknown>>,
		read: (record: Record<string, unknown>, id: string) => T | null
	) => {
		const list: T[] = [];
		map.forEach((value, id) => {
			const row = value instanceof Y.Map ? read(readRecord(value), id) : null;
			if (row) list.push(row);
		});
		return list.sort((a, b) => (a.id < b.id ? -1 : 1));
	};
	return {
		customers: records(customers(doc), readCustomer),
		reservations: records(reservations(doc), readReservation),
		events: events(doc).toArray().filter(isLedgerEvent),
		entries: entries(doc).toArray().filter(isMoneyEntry)
	};
}

/** Adds a customer (a quick create at the counter is a name and a phone); returns the id. */
export function addCustomer(
	doc: Y.Doc,
	writer: LedgerWriter,
	draft: Omit<Customer, 'id' | 'createdAt'>,
	at = Date.now()
): string {
	const id = crypto.randomUUID();
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		customers(doc).set(id, map);
		writeRecord(map, { ...draft, createdAt: at });
	}, writer.origin);
	return id;
}

/** Writes the fields of a customer that changed; returns whether anything did. */
export function updateCustomer(
	doc: Y.Doc,
	writer: LedgerWriter,
	id: string,
	patch: Partial<Omit<Customer, 'id' | 'createdAt'>>
): boolean {
	const map = customers(doc).get(id);
	if (!(map instanceof Y.Map)) throw new RangeError(`No customer ${id}`);
	let wrote = false;
	doc.transact(() => (wrote = writeRecord(map, patch)), writer.origin);
	return wrote;
}

/** Takes a reservation: its record and the `'reserved'` fact. Check `canReserve` first. */
export function reserve(
	doc: Y.Doc,
	writer: LedgerWriter,
	draft: Omit<Reservation, 'id' | 'createdAt'>,
	at = Date.now()
): string {
	const fact = stamp(writer, at);
	const id = fact.id;
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		reservations(doc).set(id, map);
		writeRecord(map, { ...draft, createdAt: at });
		events(doc).push([{ ...fact, kind: 'reserved', reservationId: id }]);
	}, writer.origin);
	return id;
}

/** Moves a reservation's window or units (a record edit: the last change of a field wins). */
export function updateReservation(
	doc: Y.Doc,
	writer: LedgerWriter,
	id: string,
	patch: Partial<Pick<Reservation, 'from' | 'until' | 'unitIds' | 'note'>>
): boolean {
	const map = reservations(doc).get(id);
	if (!(map instanceof Y.Map)) throw new RangeError(`No reservation ${id}`);
	let wrote = false;
	doc.transact(() => (wrote = writeRecord(map, patch)), writer.origin);
	return wrote;
}

/** Cancels a reservation. */
export function cancelReservation(
	doc: Y.Doc,
	writer: LedgerWriter,
	reservationId: string,
	reason?: string,
	at = Date.now()
): void {
	const event = { ...stamp(writer, at), kind: 'reservation-cancelled' as const, reservationId };
	appendFacts(doc, writer, { events: [reason ? { ...event, reason } : event] });
}

/** What a check-out records. */
export interface CheckOutInput {
	customerId: string;
	/** Each unit's terms, snapshotted from the inventory now. */
	units: UnitTerms[];
	calendar: ShopCalendar;
	dueAt: number;
	/** The deposit taken, fen (0: none). */
	deposit: number;
	depositMethod: Exclude<PaymentMethod, 'none'>;
	reservationId?: string;
	/** The customer's signature (an attachment content hash). */
	signature?: string;
}

/**
 * Checks units out: the `'checked-out'` event, the deposit taken and, for a reservation, its
 * pick-up, in one transaction. Returns the new rental's id.
 */
export function checkOut(
	doc: Y.Doc,
	writer: LedgerWriter,
	input: CheckOutInput,
	at = Date.now()
): string {
	const fact = stamp(writer, at);
	const rentalId = fact.id;
	const { customerId, calendar, dueAt, deposit: agreed, reservationId, signature } = input;
	const event: CheckedOut = {
		...fact,
		kind: 'checked-out',
		rentalId,
		customerId,
		units: input.units.map(snapshotTerms),
		calendar: { ...calendar, holidays: [...calendar.holidays] },
		dueAt,
		deposit: agreed,
		...(reservationId !== undefined && { reservationId }),
		...(signature !== undefined && { signature })
	};
	const newEvents: LedgerEvent[] = [event];
	if (reservationId) {
		newEvents.push({
			...fact,
			id: `${fact.id}:pick-up`,
			kind: 'reservation-picked-up',
			reservationId,
			rentalId
		});
	}
	const deposit: MoneyEntry = {
		...fact,
		id: `${fact.id}:deposit`,
		rentalId,
		customerId: input.customerId,
		kind: 'deposit-in',
		amount: input.deposit,
		method: input.depositMethod,
		eventId: fact.id
	};
	appendFacts(doc, writer, { events: newEvents, entries: input.deposit > 0 ? [deposit] : [] });
	return rentalId;
}

/** Gives the rental a new due time. */
export function extendRental(
	doc: Y.Doc,
	writer: LedgerWriter,
	rentalId: string,
	dueAt: number,
	at = Date.now()
): void {
	appendFacts(doc, writer, {
		events: [{ ...stamp(writer, at), kind: 'extended', rentalId, dueAt }]
	});
}

/** Units scanned back (partial returns allowed), each with its condition, in one transaction. */
export function returnUnits(
	doc: Y.Doc,
	writer: LedgerWriter,
	rentalId: string,
	units: readonly { unitId: UnitId; condition?: string }[],
	at = Date.now()
): void {
	const returned = units.map(({ unitId, condition }) => ({
		...stamp(writer, at),
		kind: 'unit-returned' as const,
		rentalId,
		unitId,
		condition
	}));
	appendFacts(doc, writer, { events: returned });
}

/** Damage found on a unit at check-in, with photos and an amount. */
export function recordDamage(
	doc: Y.Doc,
	writer: LedgerWriter,
	rentalId: string,
	damage: { unitId: UnitId; description: string; amount: number; photos: string[] },
	at = Date.now()
): void {
	const { unitId, description, amount, photos } = damage;
	const event = { ...stamp(writer, at), kind: 'damage-found' as const, rentalId, unitId };
	appendFacts(doc, writer, { events: [{ ...event, description, amount, photos: [...photos] }] });
}

/** Consumables sold with the rental. */
export function recordSale(
	doc: Y.Doc,
	writer: LedgerWriter,
	rentalId: string,
	sale: Sale,
	at = Date.now()
): void {
	const { name, qty, unitPrice } = sale;
	const event = { ...stamp(writer, at), kind: 'sale' as const, rentalId, name, qty, unitPrice };
	appendFacts(doc, writer, { events: [event] });
}

/** Sets the rental's discount (the latest counts; an amount of 0 takes it away). */
export function applyDiscount(
	doc: Y.Doc,
	writer: LedgerWriter,
	rentalId: string,
	discount: Discount,
	at = Date.now()
): void {
	const { amount, reason } = discount;
	const event = { ...stamp(writer, at), kind: 'discount' as const, rentalId, amount, reason };
	appendFacts(doc, writer, { events: [event] });
}

/** Records money (a payment, a refund, a deposit handed back, an adjustment); returns its id. */
export function recordMoney(
	doc: Y.Doc,
	writer: LedgerWriter,
	entry: Omit<MoneyEntry, keyof FactStamp>,
	at = Date.now()
): string {
	const fact = stamp(writer, at);
	appendFacts(doc, writer, { entries: [{ ...fact, ...entry }] });
	return fact.id;
}

/**
 * Settles a rental as the doc knows it now: the `'settled'` event with the charge and the refund
 * or payment by `method`, in one transaction. Returns the settlement's refusal, if any.
 */
export function settleRental(
	doc: Y.Doc,
	writer: LedgerWriter,
	rental: Rental,
	method: PaymentMethod,
	at = Date.now()
): { ok: true; settledEventId: string } | { ok: false; error: SettleRefusal } {
	const known = readLedger(doc).entries.filter((entry) => entry.rentalId === rental.id);
	const result = settleFacts(rental, known, stamp(writer, at), method);
	if (!result.ok) return result;
	appendFacts(doc, writer, { events: [result.event], entries: result.entries });
	return { ok: true, settledEventId: result.event.id };
}

/** Appends events and money entries in one transaction (a resolution, an import). */
export function appendFacts(
	doc: Y.Doc,
	writer: Pick<LedgerWriter, 'origin'>,
	facts: { events?: readonly LedgerEvent[]; entries?: readonly MoneyEntry[] }
): void {
	doc.transact(() => {
		if (facts.events?.length) events(doc).push(facts.events.map(plain));
		if (facts.entries?.length) entries(doc).push(facts.entries.map(plain));
	}, writer.origin);
}

/**
 * Calls `listener` once after each transaction that touched the ledger (a check-out writes an
 * event and an entry: one call); returns the unsubscribe.
 */
export function observeLedger(doc: Y.Doc, listener: () => void): () => void {
	const types = new Set<unknown>([customers(doc), reservations(doc), events(doc), entries(doc)]);
	const onTransaction = (transaction: Y.Transaction) => {
		if ([...transaction.changedParentTypes.keys()].some((type) => types.has(type))) listener();
	};
	doc.on('afterTransaction', onTransaction);
	return () => doc.off('afterTransaction', onTransaction);
}
