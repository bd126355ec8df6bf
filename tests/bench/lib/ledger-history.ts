/**
 * Writes a plan (`ledger-plan.ts`) into one `ledger` Y.Doc with the app's own writers
 * (src/lib/crdt/ledger.ts), one transaction per thing staff do, at the time they did it: each
 * customer added, reservation taken or cancelled, check-out (with its deposit), rent paid up
 * front, sale, extension, return, damage, discount and settlement (`settleFacts` over the
 * rental's own facts, appended as `settleRental` does: `settleRental` itself reads the whole
 * ledger each time, which would make building three years quadratic).
 *
 * Three tablets, each used by one of three staff. The app opens a new Yjs session (a new
 * client id) every time it starts, so each tablet writes under a new client id every shop day.
 * A rental's check-out snapshots the shop's rules as they were that year: the default grace
 * and that year's public holidays.
 */
import * as Y from 'yjs';
import {
	addCustomer,
	appendFacts,
	applyDiscount,
	cancelReservation,
	checkOut,
	extendRental,
	ledgerKeys,
	recordDamage,
	recordMoney,
	recordSale,
	reserve,
	returnUnits,
	type CheckOutInput,
	type LedgerWriter
} from '../../../src/lib/crdt/ledger.ts';
import { staffOrigin } from '../../../src/lib/crdt/origin.ts';
import type { Model, ModelId, Unit } from '../../../src/lib/domain/inventory.ts';
import type {
	LedgerEvent,
	MoneyEntry,
	PaymentMethod,
	UnitTerms
} from '../../../src/lib/domain/ledger.ts';
import { deriveRentals } from '../../../src/lib/domain/ledger-rentals.ts';
import { settleFacts } from '../../../src/lib/domain/ledger-settlement.ts';
import type { ShopCalendar } from '../../../src/lib/domain/pricing.ts';
import { calendarOf, defaultRentalRules } from '../../../src/lib/domain/rental-rules.ts';
import {
	DAY,
	MINUTE,
	random,
	type Plan,
	type PlannedRental,
	type PlannedReservation,
	type Random
} from './ledger-plan.ts';

const TIME_ZONE = 'Asia/Shanghai';
const TABLETS = 3;
/** Public holidays as month-day, about as many as a Chinese calendar year has. */
const HOLIDAYS = [
	'01-01',
	...['02-10', '02-11', '02-12', '02-13', '02-14', '02-15', '02-16'],
	...['04-04', '04-05', '04-06', '05-01', '05-02', '05-03', '05-04', '05-05', '06-10'],
	...['09-15', '09-16', '09-17', '10-01', '10-02', '10-03', '10-04', '10-05', '10-06', '10-07']
];
const surnames = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'];
const givenNames = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '建国', '海涛'];
const methods: Exclude<PaymentMethod, 'none'>[] = ['cash', 'wechat', 'wechat', 'alipay', 'card'];
const sales = [
	{ name: '饵料', unitPrice: 1_500 },
	{ name: '鱼钩', unitPrice: 500 },
	{ name: '子线', unitPrice: 800 }
];
const conditions = ['线轮有点涩', '竿梢有划痕', '少了一个竿帽', '正常'];
const damages = ['竿梢断了', '线轮摇柄松动', '椅子腿弯了', '网兜破洞'];

/** One thing staff did: when, on which tablet, and the writer call. */
interface Action {
	at: number;
	tablet: number;
	run(writer: LedgerWriter): void;
}

/** What was written, to check that the derivations find it all. */
export interface Written {
	customers: number;
	rentals: number;
	settled: number;
	reservations: number;
	cancelled: number;
	/** Client ids the doc was written under (tablet sessions). */
	sessions: number;
}

/** The history's ledger doc and what went into it. */
export interface History {
	doc: Y.Doc;
	written: Written;
}

/** The ids the writers made, by the plan's indexes, and each unsettled rental's facts. */
interface Ids {
	customers: string[];
	reservations: string[];
	rentals: string[];
	facts: Map<string, { events: LedgerEvent[]; entries: MoneyEntry[] }>;
}

function hex(next: Random, length: number): string {
	return Array.from({ length }, () => Math.floor(next() * 16).toString(16)).join('');
}

function calendarFor(at: number, cache: Map<number, ShopCalendar>): ShopCalendar {
	const year = new Date(at + 8 * 3_600_000).getUTCFullYear();
	let calendar = cache.get(year);
	if (!calendar) {
		const holidays = HOLIDAYS.map((day) => `${year}-${day}`);
		calendar = calendarOf({ ...defaultRentalRules, holidays }, TIME_ZONE);
		cache.set(year, calendar);
	}
	return calendar;
}

function termsOf(unit: Unit, models: ReadonlyMap<ModelId, Model>): UnitTerms {
	const model = models.get(unit.modelId)!;
	const { replacementValue, ...card } = model.rates;
	const { id: unitId, code } = unit;
	return { unitId, modelId: model.id, code, modelName: model.name, card, replacementValue };
}

const pick = <T>(next: Random, list: readonly T[]): T => list[Math.floor(next() * list.length)];

interface Context {
	ids: Ids;
	next: Random;
	models: ReadonlyMap<ModelId, Model>;
	calendars: Map<number, ShopCalendar>;
}

/** What the counter enters at check-out: the units' terms, that year's calendar, the deposit. */
function checkOutInput(
	rental: PlannedRental,
	terms: UnitTerms[],
	method: Exclude<PaymentMethod, 'none'>,
	{ ids, calendars }: Context
): CheckOutInput {
	const { reservation } = rental;
	return {
		customerId: ids.customers[rental.customer],
		units: terms,
		calendar: calendarFor(rental.out, calendars),
		dueAt: rental.dueAt,
		deposit: rental.trusted ? 0 : terms.reduce((sum, t) => sum + t.card.deposit, 0),
		depositMethod: method,
		...(reservation !== undefined && { reservationId: ids.reservations[reservation] })
	};
}

/** The rental's check-out and everything after it, as actions (ties keep this order). */
function rentalActions(
	doc: Y.Doc,
	rental: PlannedRental,
	index: number,
	context: Context
): Omit<Action, 'tablet'>[] {
	const { ids, next, models } = context;
	const terms = rental.units.map((unit) => termsOf(unit, models));
	const method = pick(next, methods);
	const id = () => ids.rentals[index];
	const customerId = () => ids.customers[rental.customer];
	const actions: Omit<Action, 'tablet'>[] = [];
	const at = (time: number | undefined, run: (writer: LedgerWriter) => void) => {
		if (time !== undefined) actions.push({ at: time, run });
	};
	at(rental.out, (writer) => {
		const input = checkOutInput(rental, terms, method, context);
		ids.rentals[index] = checkOut(doc, writer, input, rental.out);
	});
	at(rental.prepaidAt, (writer) => {
		const days = Math.ceil((rental.dueAt - rental.out) / DAY);
		const amount = terms.reduce((sum, t) => sum + t.card.daily * days, 0);
		const entry = { rentalId: id(), customerId: customerId(), amount, method: 'wechat' as const };
		recordMoney(doc, writer, { ...entry, kind: 'payment' }, rental.prepaidAt);
	});
	const sale = pick(next, sales);
	const qty = 1 + Math.floor(next() * 3);
	at(rental.saleAt, (writer) => recordSale(doc, writer, id(), { ...sale, qty }, rental.saleAt));
	const extension = rental.extension;
	at(extension?.at, (writer) => extendRental(doc, writer, id(), extension!.dueAt, extension!.at));
	for (const back of rental.returns) {
		const condition = next() < 0.1 ? pick(next, conditions) : undefined;
		const units = back.units.map((unit) => ({ unitId: unit.id, ...(condition && { condition }) }));
		at(back.at, (writer) => returnUnits(doc, writer, id(), units, back.at));
	}
	const damage = rental.damage;
	const photos = [hex(next, 64), ...(next() < 0.5 ? [hex(next, 64)] : [])];
	const description = pick(next, damages);
	at(damage?.at, (writer) => {
		const { unit, amount } = damage!;
		recordDamage(doc, writer, id(), { unitId: unit.id, description, amount, photos }, damage!.at);
	});
	const discount = { amount: 500, reason: '老客户' };
	at(rental.discountAt, (writer) => applyDiscount(doc, writer, id(), discount, rental.discountAt));
	at(rental.settleAt, (writer) => settle(doc, writer, ids, id(), rental.settleAt!, method));
	return actions;
}

/** Settles as `settleRental` does, over the facts this rental's writers appended. */
function settle(
	doc: Y.Doc,
	writer: LedgerWriter,
	ids: Ids,
	rentalId: string,
	at: number,
	method: PaymentMethod
): void {
	const own = ids.facts.get(rentalId)!;
	const rental = deriveRentals(own.events).rentals.get(rentalId)!;
	const stamp = { id: crypto.randomUUID(), at, by: writer.origin.accountId, device: writer.device };
	const result = settleFacts(rental, own.entries, stamp, method);
	if (!result.ok) throw new Error(`could not settle ${rentalId}: ${JSON.stringify(result.error)}`);
	appendFacts(doc, writer, { events: [result.event], entries: result.entries });
	ids.facts.delete(rentalId);
}

function reservationActions(
	doc: Y.Doc,
	reservation: PlannedReservation,
	index: number,
	ids: Ids
): Omit<Action, 'tablet'>[] {
	const { modelId, unit, from, until, madeAt, cancelledAt } = reservation;
	const actions: Omit<Action, 'tablet'>[] = [
		{
			at: madeAt,
			run: (writer) => {
				const customerId = ids.customers[reservation.customer];
				const draft = { customerId, modelId, from, until, ...(unit && { unitIds: [unit.id] }) };
				ids.reservations[index] = reserve(doc, writer, draft, madeAt);
			}
		}
	];
	if (cancelledAt !== undefined) {
		actions.push({
			at: cancelledAt,
			run: (writer) =>
				cancelReservation(doc, writer, ids.reservations[index], '顾客改期', cancelledAt)
		});
	}
	return actions;
}

/** Each customer is added five minutes before first renting or reserving; others any day. */
function customerActions(doc: Y.Doc, plan: Plan, ids: Ids, next: Random): Omit<Action, 'tablet'>[] {
	const firstUse = new Float64Array(plan.customers).fill(Infinity);
	for (const { customer, out } of plan.rentals)
		firstUse[customer] = Math.min(firstUse[customer], out);
	for (const { customer, madeAt } of plan.reservations) {
		firstUse[customer] = Math.min(firstUse[customer], madeAt);
	}
	const span = plan.rentals.at(-1)!.out - plan.firstDay;
	return [...firstUse].map((first, customer) => {
		const at = Math.round(first === Infinity ? plan.firstDay + next() * span : first - 5 * MINUTE);
		const name = pick(next, surnames) + pick(next, givenNames);
		const phone = `1${3 + Math.floor(next() * 7)}${String(Math.floor(next() * 1e9)).padStart(9, '0')}`;
		const tags = customer < plan.customers * 0.03 ? ['老客户'] : next() < 0.1 ? ['海钓'] : [];
		return {
			at,
			run: (writer: LedgerWriter) => {
				ids.customers[customer] = addCustomer(doc, writer, { name, phone, tags, note: '' }, at);
			}
		};
	});
}

/** Adds what a rental action wrote to that rental's facts, from its check-out until settled. */
function collect(doc: Y.Doc, ids: Ids, events: number, entries: number): void {
	const eventList = doc.getArray<LedgerEvent>(ledgerKeys.events);
	const entryList = doc.getArray<MoneyEntry>(ledgerKeys.entries);
	for (let i = events; i < eventList.length; i++) {
		const event = eventList.get(i);
		if (event.kind === 'checked-out') ids.facts.set(event.rentalId, { events: [], entries: [] });
		if (event.kind !== 'reservation-picked-up' && 'rentalId' in event) {
			ids.facts.get(event.rentalId)?.events.push(event);
		}
	}
	for (let i = entries; i < entryList.length; i++) {
		const entry = entryList.get(i);
		if (entry.rentalId !== undefined) ids.facts.get(entry.rentalId)?.entries.push(entry);
	}
}

/** Client ids, one per tablet per shop day: the app starts a new Yjs session each time it opens. */
function sessions(next: Random, firstDay: number) {
	const clients = new Map<number, number>();
	const used = new Set<number>();
	return {
		clientOf(tablet: number, at: number): number {
			const key = tablet + TABLETS * Math.floor((at - firstDay) / DAY);
			let client = clients.get(key);
			if (client === undefined) {
				do client = 1 + Math.floor(next() * 0xffff_fffe);
				while (used.has(client));
				used.add(client);
				clients.set(key, client);
			}
			return client;
		},
		count: () => clients.size
	};
}

/** Writes the plan, action by action in time order, into a new `ledger` doc. */
export function writeHistory(plan: Plan, models: readonly Model[], seed: number): History {
	const next = random(seed);
	const doc = new Y.Doc();
	const ids: Ids = { customers: [], reservations: [], rentals: [], facts: new Map() };
	const byId = new Map(models.map((model) => [model.id, model]));
	const context = { ids, next, models: byId, calendars: new Map<number, ShopCalendar>() };
	const actions: Action[] = [
		...customerActions(doc, plan, ids, next),
		...plan.reservations.flatMap((r, i) => reservationActions(doc, r, i, ids)),
		...plan.rentals.flatMap((r, i) => rentalActions(doc, r, i, context))
	].map((action) => ({ ...action, tablet: Math.floor(next() * TABLETS) }));
	actions.sort((a, b) => a.at - b.at);
	const writers: LedgerWriter[] = ['老王', '小李', '阿梅'].map((name) => ({
		origin: staffOrigin(crypto.randomUUID(), name),
		device: crypto.randomUUID()
	}));
	const session = sessions(next, plan.firstDay);
	const [events, entries] = [doc.getArray(ledgerKeys.events), doc.getArray(ledgerKeys.entries)];
	for (const action of actions) {
		doc.clientID = session.clientOf(action.tablet, action.at);
		const [eventsBefore, entriesBefore] = [events.length, entries.length];
		action.run(writers[action.tablet]);
		collect(doc, ids, eventsBefore, entriesBefore);
	}
	const count = <T>(list: T[], test: (item: T) => boolean) => list.filter(test).length;
	return {
		doc,
		written: {
			customers: ids.customers.length,
			rentals: plan.rentals.length,
			settled: count(plan.rentals, (r) => r.settleAt !== undefined),
			reservations: plan.reservations.length,
			cancelled: count(plan.reservations, (r) => r.cancelledAt !== undefined),
			sessions: session.count()
		}
	};
}
