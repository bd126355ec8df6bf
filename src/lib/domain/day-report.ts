/**
 * The day-end report for one shop date: the money that moved (by method and by staff), what the
 * counter did (check-outs, returns, settlements), the deposits still held and the rentals overdue
 * at the end of the day — or now, while the day is still running.
 *
 * Like every derivation it reads only facts, so any tablet prints the same report once merged.
 */
import { shopDayStart, addDays } from './availability.ts';
import {
	cashEffect,
	uniqueFacts,
	moneyKinds,
	paymentMethods,
	type LedgerEvent,
	type MoneyEntry,
	type MoneyKind,
	type PaymentMethod
} from './ledger.ts';
import { billedUnits, deriveRentals, isOverdue } from './ledger-rentals.ts';
import { moneyHeld } from './ledger-settlement.ts';

/** Money in, money out and the difference, fen. */
export interface Flow {
	received: number;
	paidOut: number;
	net: number;
}

export interface MethodTotal extends Flow {
	method: Exclude<PaymentMethod, 'none'>;
}

export interface StaffTotal extends Flow {
	/** Staff id. */
	by: string;
	/** Entries this person recorded that day (charges and book-only corrections too). */
	entries: number;
}

/** A deposit the shop still holds for a rental that is not settled. */
export interface HeldDeposit {
	rentalId: string;
	customerId: string;
	amount: number;
	outAt: number;
}

/** A rental with units still out after their due time. */
export interface OverdueRental {
	rentalId: string;
	customerId: string;
	dueAt: number;
	/** The codes on the labels of the units still out. */
	codes: string[];
	/** How late, ms, at the report's `asOf`. */
	lateMs: number;
}

export interface DayReport {
	/** `'YYYY-MM-DD'` in the shop's time zone, and the day's bounds, epoch ms `[from, until)`. */
	date: string;
	from: number;
	until: number;
	/** The end of the day, or now while it runs: what "still held" and "overdue" are as of. */
	asOf: number;
	/** Cash, WeChat, Alipay and card, every method listed even when nothing moved. */
	byMethod: MethodTotal[];
	/** Each person who recorded money that day, by staff id. */
	byStaff: StaffTotal[];
	/** The day's entries summed by kind (adjustments signed), fen. */
	byKind: Record<MoneyKind, number>;
	/** All money that moved, all methods. */
	total: Flow;
	checkOuts: number;
	returns: number;
	settlements: number;
	depositsHeld: HeldDeposit[];
	depositsHeldTotal: number;
	overdue: OverdueRental[];
}

function flowOf(entries: readonly MoneyEntry[]): Flow {
	let received = 0;
	let paidOut = 0;
	for (const entry of entries) {
		const effect = cashEffect(entry);
		if (effect > 0) received += effect;
		else paidOut -= effect;
	}
	return { received, paidOut, net: received - paidOut };
}

function byStaff(entries: readonly MoneyEntry[]): StaffTotal[] {
	const groups = new Map<string, MoneyEntry[]>();
	for (const entry of entries) groups.set(entry.by, [...(groups.get(entry.by) ?? []), entry]);
	return [...groups]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([by, list]) => ({ by, entries: list.length, ...flowOf(list) }));
}

/** The counts of what the counter did in `[from, until)`. */
function counterCounts(events: readonly LedgerEvent[], from: number, until: number) {
	const today = events.filter((e) => e.at >= from && e.at < until);
	const count = (kind: LedgerEvent['kind']) => today.filter((e) => e.kind === kind).length;
	return {
		checkOuts: count('checked-out'),
		returns: count('unit-returned'),
		settlements: count('settled')
	};
}

/**
 * The report for `date` in `timeZone`. Deposits still held and overdue rentals are as of the
 * end of the day, or `now` when that is earlier.
 */
export function dayReport(input: {
	date: string;
	timeZone: string;
	events: readonly LedgerEvent[];
	entries: readonly MoneyEntry[];
	now: number;
}): DayReport {
	const { date, timeZone, now } = input;
	const from = shopDayStart(date, timeZone);
	const until = shopDayStart(addDays(date, 1), timeZone);
	const asOf = Math.min(until, now);
	const events = uniqueFacts(input.events);
	const entries = uniqueFacts(input.entries).filter((entry) => entry.at < asOf);
	const today = entries.filter((entry) => entry.at >= from);
	const byKind = Object.fromEntries(moneyKinds.map((kind) => [kind, 0])) as Record<
		MoneyKind,
		number
	>;
	for (const entry of today) byKind[entry.kind] += entry.amount;
	const { rentals } = deriveRentals(events.filter((event) => event.at < asOf));
	const depositsHeld: HeldDeposit[] = [];
	const overdue: OverdueRental[] = [];
	for (const rental of rentals.values()) {
		const { id: rentalId, customerId, outAt, dueAt } = rental;
		if (rental.status === 'settled') continue;
		const amount = moneyHeld(rental, entries).depositHeld;
		if (amount > 0) depositsHeld.push({ rentalId, customerId, amount, outAt });
		if (!isOverdue(rental, asOf)) continue;
		const out = billedUnits(rental).filter((unit) => unit.returnedAt === undefined);
		const codes = out.map((unit) => unit.terms.code);
		overdue.push({ rentalId, customerId, dueAt, codes, lateMs: asOf - dueAt });
	}
	return {
		date,
		from,
		until,
		asOf,
		byMethod: paymentMethods
			.filter((method) => method !== 'none')
			.map((method) => ({ method, ...flowOf(today.filter((e) => e.method === method)) })),
		byStaff: byStaff(today),
		byKind,
		total: flowOf(today),
		...counterCounts(events, from, until),
		depositsHeld,
		depositsHeldTotal: depositsHeld.reduce((sum, held) => sum + held.amount, 0),
		overdue: overdue.sort((a, b) => a.dueAt - b.dueAt || (a.rentalId < b.rentalId ? -1 : 1))
	};
}
