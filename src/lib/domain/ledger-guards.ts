/**
 * What a well-formed ledger row is. Any tablet (an old version, a bug) may have appended a row;
 * readers keep the rows these accept and skip the rest, so one bad row never stops the shop, and
 * the derivations (and the settlement's own checks) only ever see the shapes they were built for.
 */
import { isFen } from './money.ts';
import {
	moneyKinds,
	paymentMethods,
	rentalEventKinds,
	reservationEventKinds,
	type Customer,
	type LedgerEvent,
	type MoneyEntry,
	type Reservation
} from './ledger.ts';

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isId = (value: unknown): value is string => isText(value) && value !== '';
const isTime = (value: unknown): value is number => Number.isSafeInteger(value);
const isTexts = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);
const optional = (value: unknown, check: (v: unknown) => boolean) =>
	value === undefined || check(value);

function isCard(value: unknown): boolean {
	if (!isRow(value) || !isFen(value.daily) || !isFen(value.deposit)) return false;
	return ['weekend', 'holiday', 'hourlyLate'].every((key) => optional(value[key], isFen));
}

/** A unit's terms snapshot: ids, code, model name, a valid card and replacement value. */
export function isUnitTerms(value: unknown): boolean {
	return (
		isRow(value) &&
		[value.unitId, value.modelId, value.code].every(isId) &&
		isText(value.modelName) &&
		isCard(value.card) &&
		isFen(value.replacementValue)
	);
}

function isCalendar(value: unknown): boolean {
	return (
		isRow(value) &&
		isId(value.timeZone) &&
		isTexts(value.holidays) &&
		Number.isSafeInteger(value.graceMinutes) &&
		(value.graceMinutes as number) >= 0
	);
}

function isCheckOut(row: Row): boolean {
	const units = row.units;
	const unitIds = Array.isArray(units) ? units.map((u: Row) => u?.unitId) : [];
	return (
		isId(row.customerId) &&
		Array.isArray(units) &&
		units.length > 0 &&
		units.every(isUnitTerms) &&
		new Set(unitIds).size === unitIds.length &&
		isCalendar(row.calendar) &&
		isTime(row.dueAt) &&
		isFen(row.deposit) &&
		optional(row.reservationId, isId) &&
		optional(row.signature, isText)
	);
}

/** The fields each kind of event needs, beyond the stamp and the rental or reservation id. */
const kindChecks: Record<LedgerEvent['kind'], (row: Row) => boolean> = {
	'checked-out': isCheckOut,
	extended: (row) => isTime(row.dueAt),
	'unit-returned': (row) => isId(row.unitId) && optional(row.condition, isText),
	'damage-found': (row) =>
		isId(row.unitId) && isText(row.description) && isFen(row.amount) && isTexts(row.photos),
	sale: (row) =>
		isText(row.name) &&
		Number.isSafeInteger(row.qty) &&
		(row.qty as number) >= 1 &&
		isFen(row.unitPrice),
	discount: (row) => isFen(row.amount) && isText(row.reason),
	'unit-swapped': (row) => isId(row.fromUnitId) && isUnitTerms(row.to),
	settled: (row) =>
		isText(row.settlementHash) && isRow(row.totals) && optional(row.billedFacts, isText),
	'settlement-voided': (row) => isId(row.settledEventId) && isText(row.reason),
	'return-voided': (row) => isId(row.returnEventId) && isText(row.reason),
	reserved: () => true,
	'reservation-cancelled': (row) => optional(row.reason, isText),
	'reservation-picked-up': (row) => isId(row.rentalId)
};

function isStamp(row: Row): boolean {
	return isId(row.id) && isTime(row.at) && isText(row.by) && isText(row.device);
}

/** True for an event of a known kind with every field it needs. */
export function isLedgerEvent(value: unknown): value is LedgerEvent {
	if (!isRow(value) || !isStamp(value) || !isText(value.kind)) return false;
	const kind = value.kind as LedgerEvent['kind'];
	const subject = (rentalEventKinds as readonly string[]).includes(kind)
		? isId(value.rentalId)
		: (reservationEventKinds as readonly string[]).includes(kind) && isId(value.reservationId);
	return subject && kindChecks[kind](value);
}

/** True for a money entry with a known kind and method and an amount in fen. */
export function isMoneyEntry(value: unknown): value is MoneyEntry {
	if (!isRow(value) || !isStamp(value)) return false;
	const { kind, method, amount } = value;
	const amountOk = kind === 'adjustment' ? Number.isSafeInteger(amount) : isFen(amount);
	return (
		(moneyKinds as readonly unknown[]).includes(kind) &&
		(paymentMethods as readonly unknown[]).includes(method) &&
		amountOk &&
		isId(value.customerId) &&
		optional(value.rentalId, isId) &&
		optional(value.eventId, isId) &&
		optional(value.reason, isText)
	);
}

/** A customer from its stored record (defaults for fields an older tablet did not write). */
export function readCustomer(record: Row, id: string): Customer | null {
	if (!isText(record.name)) return null;
	return {
		id,
		name: record.name,
		phone: isText(record.phone) ? record.phone : '',
		tags: isTexts(record.tags) ? record.tags : [],
		note: isText(record.note) ? record.note : '',
		createdAt: isTime(record.createdAt) ? record.createdAt : 0
	};
}

/** A reservation from its stored record, or null when it lacks what availability needs. */
export function readReservation(record: Row, id: string): Reservation | null {
	const { customerId, modelId, from, until, unitIds, note } = record;
	if (!isId(customerId) || !isId(modelId) || !isTime(from) || !isTime(until)) return null;
	return {
		id,
		customerId,
		modelId: modelId as Reservation['modelId'],
		...(isTexts(unitIds) && unitIds.length > 0 && { unitIds: unitIds as Reservation['unitIds'] }),
		from,
		until,
		...(isText(note) && { note }),
		createdAt: isTime(record.createdAt) ? record.createdAt : 0
	};
}
