/**
 * What three years of a shop's counter look like, as plain data for `ledger-history.ts` to write:
 * who rents, when, which units, when each comes back, what else happens to the rental, and the
 * reservations. Pure and seeded (mulberry32): the same options give the same plan.
 *
 * - Rentals: busier at weekends and in spring and autumn, out between 05:30 and 17:00 shop
 *   time; 1–3 units (never one already out, nor within the two hours' cleaning after a use),
 *   mostly for a day; most back a few hours early, some late, a few days late; a fifth of the
 *   multi-unit ones come back in two returns; some extended. Whatever would come back after
 *   `now` is still out: those rentals are the open ones.
 * - Customers: a few regulars rent most (the index of a rental's customer is skewed towards 0);
 *   the 3% most regular leave no deposit. Each customer is added just before they first appear.
 * - Money: a deposit at check-out, sometimes rent paid up front (as often as needed to bring the
 *   entries to `entries`), and the settlement's charge and refund or payment.
 * - Reservations: three in four picked up by a rental, some cancelled, the rest still ahead.
 */
import type { Model, ModelId, Unit } from '../../../src/lib/domain/inventory.ts';

export interface PlanOptions {
	models: readonly Model[];
	units: readonly Unit[];
	/** The end of the history, epoch ms. */
	now: number;
	days: number;
	customers: number;
	rentals: number;
	/** Money entries to aim for (rent paid up front makes up the difference). */
	entries: number;
	reservations: number;
	seed: number;
}

export interface PlannedReturn {
	at: number;
	units: Unit[];
}

export interface PlannedRental {
	customer: number;
	out: number;
	dueAt: number;
	units: Unit[];
	/** No deposit (a regular). */
	trusted: boolean;
	extension?: { at: number; dueAt: number };
	/** Returns recorded by `now`, in order; fewer units than `units` while the rental is open. */
	returns: PlannedReturn[];
	damage?: { at: number; unit: Unit; amount: number };
	saleAt?: number;
	prepaidAt?: number;
	discountAt?: number;
	settleAt?: number;
	/** Index into `Plan.reservations` of the reservation it fulfils. */
	reservation?: number;
}

export interface PlannedReservation {
	customer: number;
	modelId: ModelId;
	unit?: Unit;
	madeAt: number;
	from: number;
	until: number;
	cancelledAt?: number;
}

export interface Plan {
	customers: number;
	rentals: PlannedRental[];
	reservations: PlannedReservation[];
	/** Shop days covered, from the first local midnight. */
	firstDay: number;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** Shanghai is UTC+8 all year. */
const SHOP_OFFSET = 8 * HOUR;
/** Cleaning after each use, as the default rental rules have it. */
export const TURNAROUND = 2 * HOUR;
/** Share of customers (the most regular) who leave no deposit. */
const TRUSTED_SHARE = 0.03;

export type Random = () => number;

/** mulberry32: floats in [0, 1). */
export function random(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const between = (next: Random, min: number, max: number) => min + next() * (max - min);

/** How busy a shop day is: weekends double, spring and autumn half again, winter half. */
function dayWeight(dayStart: number): number {
	const local = new Date(dayStart + SHOP_OFFSET);
	const weekend = local.getUTCDay() === 0 || local.getUTCDay() === 6 ? 2 : 1;
	const month = local.getUTCMonth() + 1;
	const season = [3, 4, 5, 9, 10, 11].includes(month) ? 1.5 : [12, 1, 2].includes(month) ? 0.5 : 1;
	return weekend * season;
}

/** Check-out times, sorted: a weighted day, then 05:30–17:00 on it, never after `now`. */
function checkOutTimes(next: Random, firstDay: number, options: PlanOptions): number[] {
	const times: number[] = [];
	while (times.length < options.rentals) {
		const day = firstDay + Math.floor(next() * options.days) * DAY;
		if (next() * 3 > dayWeight(day)) continue;
		const at = Math.round(day + 5.5 * HOUR + next() * 11.5 * HOUR);
		if (at < options.now - 10 * MINUTE) times.push(at);
	}
	return times.sort((a, b) => a - b);
}

/** Units free at `at` (back and cleaned), 1–3 of them; fewer when the shop is that busy. */
function pickUnits(next: Random, usable: readonly Unit[], busy: Float64Array, at: number) {
	const wanted = next() < 0.6 ? 1 : next() < 0.75 ? 2 : 3;
	const picked = new Set<number>();
	for (let tries = 0; picked.size < wanted && tries < 50; tries++) {
		const u = Math.floor(next() * usable.length);
		if (busy[u] + TURNAROUND <= at) picked.add(u);
	}
	return [...picked];
}

/** When each unit comes back: mostly a few hours before due, some late, a few days late. */
function backAt(next: Random, out: number, dueAt: number): number {
	const roll = next();
	if (roll < 0.015) return dueAt + between(next, 1, 10) * DAY;
	if (roll < 0.135) return dueAt + between(next, 0.2, 5) * HOUR;
	return Math.max(out + 2 * HOUR, dueAt - between(next, 0, 10) * HOUR);
}

function planRental(
	next: Random,
	options: PlanOptions,
	out: number,
	units: Unit[],
	customer: number
): { rental: PlannedRental; back: number[] } {
	const days = [1, 1, 1, 1, 1, 1, 1, 2, 2, 3][Math.floor(next() * 10)];
	let dueAt = out + days * DAY;
	const rental: PlannedRental = {
		customer,
		out,
		dueAt,
		units,
		trusted: customer < options.customers * TRUSTED_SHARE,
		returns: []
	};
	if (next() < 0.04) {
		const at = Math.round(out + between(next, 0.3, 0.9) * (dueAt - out));
		dueAt += DAY;
		rental.extension = { at, dueAt };
	}
	const last = Math.round(backAt(next, out, dueAt));
	const back = units.map(() => last);
	if (units.length > 1 && next() < 0.2)
		back[0] = Math.round(out + between(next, 0.3, 0.9) * (last - out));
	const { now } = options;
	for (const at of [...new Set(back)].sort((a, b) => a - b)) {
		if (at <= now) rental.returns.push({ at, units: units.filter((_, i) => back[i] === at) });
	}
	if (next() < 0.15 && out + 2 * MINUTE <= now) rental.saleAt = out + 2 * MINUTE;
	const settleAt = last + Math.round(between(next, 1, 5) * MINUTE);
	if (last <= now && settleAt <= now) {
		rental.settleAt = settleAt;
		if (next() < 0.02) {
			const unit = units[Math.floor(next() * units.length)];
			const value = replacementOf(options, unit);
			const amount = Math.min(value, Math.round((value * between(next, 0.1, 0.5)) / 100) * 100);
			if (amount > 0) rental.damage = { at: last + 30_000, unit, amount };
		}
		if (next() < 0.05) rental.discountAt = settleAt - 30_000;
	}
	return { rental, back: back.map((at) => (at <= now ? at : Infinity)) };
}

function replacementOf(options: PlanOptions, unit: Unit): number {
	return options.models.find((m) => m.id === unit.modelId)?.rates.replacementValue ?? 0;
}

/** Rentals in check-out order, with the last time each unit was busy. */
function planRentals(next: Random, firstDay: number, options: PlanOptions) {
	const usable = options.units.filter((unit) => !unit.retired);
	const busy = new Float64Array(usable.length);
	const rentals: PlannedRental[] = [];
	for (const out of checkOutTimes(next, firstDay, options)) {
		const picked = pickUnits(next, usable, busy, out);
		if (picked.length === 0) continue;
		const customer = Math.floor(options.customers * next() ** 2);
		const planned = planRental(
			next,
			options,
			out,
			picked.map((u) => usable[u]),
			customer
		);
		picked.forEach((u, i) => (busy[u] = planned.back[i]));
		rentals.push(planned.rental);
	}
	return { rentals, usable, busy };
}

/** Rent paid up front on as many rentals as it takes to reach the entries aimed for. */
function planPrepayments(next: Random, rentals: PlannedRental[], options: PlanOptions): void {
	const deposits = rentals.filter((r) => !r.trusted).length;
	const settlements = rentals.filter((r) => r.settleAt !== undefined).length;
	const share = (options.entries - deposits - 2 * settlements) / rentals.length;
	for (const rental of rentals) {
		if (next() < share) rental.prepaidAt = rental.out + MINUTE;
	}
}

/** Reservations: picked up by past rentals, cancelled, and ahead of `now` on free units. */
function planReservations(
	next: Random,
	plan: { rentals: PlannedRental[]; usable: readonly Unit[]; busy: Float64Array },
	firstDay: number,
	options: PlanOptions
): PlannedReservation[] {
	const { now, customers } = options;
	const reservations: PlannedReservation[] = [];
	const pickedUp = Math.round(options.reservations * 0.75);
	const cancelled = Math.round(options.reservations * 0.18);
	const past = plan.rentals.filter((r) => r.out > firstDay + 15 * DAY && r.settleAt !== undefined);
	for (let k = 0; k < pickedUp && past.length > 0; k++) {
		const [rental] = past.splice(Math.floor(next() * past.length), 1);
		const unit = next() < 0.5 ? rental.units[0] : undefined;
		rental.reservation = reservations.length;
		reservations.push({
			customer: rental.customer,
			modelId: rental.units[0].modelId,
			...(unit && { unit }),
			madeAt: Math.round(rental.out - between(next, 1, 14) * DAY),
			from: Math.round(rental.out - between(next, 0, 2) * HOUR),
			until: rental.dueAt
		});
	}
	for (let k = 0; k < cancelled; k++) {
		const unit = plan.usable[Math.floor(next() * plan.usable.length)];
		const from = Math.round(firstDay + between(next, 20, options.days - 1) * DAY);
		const madeAt = Math.round(from - between(next, 1, 10) * DAY);
		const customer = Math.floor(customers * next());
		reservations.push({
			customer,
			modelId: unit.modelId,
			...(next() < 0.5 && { unit }),
			madeAt,
			from,
			until: from + DAY,
			cancelledAt: Math.round(madeAt + between(next, 0.1, 0.9) * (from - madeAt))
		});
	}
	const taken = new Set<Unit>();
	while (reservations.length < options.reservations) {
		const u = Math.floor(next() * plan.usable.length);
		const unit = plan.usable[u];
		if (plan.busy[u] === Infinity || taken.has(unit)) continue;
		taken.add(unit);
		const from = Math.round(now + between(next, 1, 14) * DAY);
		reservations.push({
			customer: Math.floor(customers * next()),
			modelId: unit.modelId,
			...(next() < 0.5 && { unit }),
			madeAt: Math.round(now - between(next, 0, 7) * DAY),
			from,
			until: from + (next() < 0.7 ? 1 : 2) * DAY
		});
	}
	return reservations;
}

/** The whole plan: `days` shop days ending at `now`. */
export function planHistory(options: PlanOptions): Plan {
	const next = random(options.seed);
	const lastMidnight = Math.floor((options.now + SHOP_OFFSET) / DAY) * DAY - SHOP_OFFSET;
	const firstDay = lastMidnight - (options.days - 1) * DAY;
	const planned = planRentals(next, firstDay, options);
	planPrepayments(next, planned.rentals, options);
	const reservations = planReservations(next, planned, firstDay, options);
	return { customers: options.customers, rentals: planned.rentals, reservations, firstDay };
}
