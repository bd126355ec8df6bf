/**
 * Keeping gear in working order: how much a unit has been used since its last service, whether
 * its model's rule says it is due, and its service log.
 *
 * Usage counts rentals that went out at or after the last `serviced` event. A rental-day is each
 * started 24 hours out — the fee rule's periods without its grace, so a 25-hour rental wore the
 * rod for two days — and a rental still out counts its days up to `now`. A rental that the facts
 * contradict (a return that was never out) is not counted; its conflict is shown elsewhere.
 */
import type { MaintenanceRule, Model, ModelId, Unit, UnitId } from './inventory.ts';
import { sumFen } from './money.ts';
import {
	byTimeThenId,
	groupByUnit,
	rentalsOfUnit,
	type MaintenanceEvent,
	type UnitRentalFact
} from './unit-status.ts';

/** A rental-day: each started 24 hours out. */
const RENTAL_DAY_MS = 86_400_000;

/** Use of a unit since its last service. */
export interface MaintenanceCounters {
	rentals: number;
	rentalDays: number;
	/** When it was last serviced (epoch ms); unset: never, counted since it was acquired. */
	lastServicedAt?: number;
}

/** Which part of a rule made a unit due. */
export type ServiceDueReason = 'rentals' | 'rental-days';

/** Whether a unit needs a service, why, and how much use is left before it does. */
export interface ServiceDue {
	due: boolean;
	reasons: ServiceDueReason[];
	/** Rentals left before the rule's rental count is reached (0 when due); unset without that rule. */
	rentalsLeft?: number;
	/** Rental-days left before the rule's day count is reached; unset without that rule. */
	rentalDaysLeft?: number;
}

/** One line of a unit's service log. */
export interface ServiceLogEntry {
	id: string;
	kind: MaintenanceEvent['kind'];
	at: number;
	by: string;
	note: string;
	/** In fen; 0 when none was recorded. */
	cost: number;
	photos: string[];
}

/** The rental-days of one rental: each started 24 hours from `outAt` to `backAt`, at least one. */
export function rentalDays(outAt: number, backAt: number): number {
	return Math.max(1, Math.ceil((backAt - outAt) / RENTAL_DAY_MS));
}

/** When the unit was last serviced, by the `(at, id)` order every replica agrees on. */
function lastServiced(events: readonly MaintenanceEvent[]): number | undefined {
	let last: MaintenanceEvent | undefined;
	for (const event of events) {
		if (event.kind === 'serviced' && (!last || byTimeThenId(event, last) > 0)) last = event;
	}
	return last?.at;
}

/** A unit's rentals and rental-days since its last service, counting open rentals up to `now`. */
export function countersSinceService(
	events: readonly MaintenanceEvent[],
	facts: readonly UnitRentalFact[],
	now: number
): MaintenanceCounters {
	const lastServicedAt = lastServiced(events);
	let rentals = 0;
	let days = 0;
	for (const rental of rentalsOfUnit(facts)) {
		if (!rental.out || (lastServicedAt !== undefined && rental.out.outAt < lastServicedAt))
			continue;
		rentals += 1;
		days += rentalDays(rental.out.outAt, rental.returnedAt ?? Math.max(now, rental.out.outAt));
	}
	return { rentals, rentalDays: days, ...(lastServicedAt !== undefined && { lastServicedAt }) };
}

/**
 * Whether the model's rule says a unit with these counters needs a service: due once either
 * count reaches its limit. A model without a rule is never due.
 */
export function serviceDue(rule: MaintenanceRule, counters: MaintenanceCounters): ServiceDue {
	const reasons: ServiceDueReason[] = [];
	const due: ServiceDue = { due: false, reasons };
	if (rule.everyRentals !== undefined) {
		due.rentalsLeft = Math.max(0, rule.everyRentals - counters.rentals);
		if (due.rentalsLeft === 0) reasons.push('rentals');
	}
	if (rule.everyRentalDays !== undefined) {
		due.rentalDaysLeft = Math.max(0, rule.everyRentalDays - counters.rentalDays);
		if (due.rentalDaysLeft === 0) reasons.push('rental-days');
	}
	due.due = reasons.length > 0;
	return due;
}

/** A unit's maintenance history, newest first, ready for the unit page. */
export function serviceLog(events: readonly MaintenanceEvent[]): ServiceLogEntry[] {
	return [...events]
		.sort(byTimeThenId)
		.reverse()
		.map((event) => ({
			id: event.id,
			kind: event.kind,
			at: event.at,
			by: event.by,
			note: event.note ?? '',
			cost: event.cost ?? 0,
			photos: event.photos ?? []
		}));
}

/** What keeping a unit in order has cost, in fen. */
export function maintenanceCost(log: readonly ServiceLogEntry[]): number {
	return sumFen(log.map((entry) => entry.cost));
}

/**
 * The units of the whole shop that need a service now, with their counters: for the dashboard,
 * the model page and the search filter. Retired units and units of models without a rule are
 * left out; events and facts are indexed by unit once.
 */
export function unitsDueForService(
	units: readonly Pick<Unit, 'id' | 'modelId' | 'retired'>[],
	models: readonly Pick<Model, 'id' | 'maintenance'>[],
	events: readonly MaintenanceEvent[],
	facts: readonly UnitRentalFact[],
	now: number
): Map<UnitId, ServiceDue & { counters: MaintenanceCounters }> {
	const rules = new Map<ModelId, MaintenanceRule>(models.map((m) => [m.id, m.maintenance]));
	const eventsByUnit = groupByUnit(events);
	const factsByUnit = groupByUnit(facts);
	const due = new Map<UnitId, ServiceDue & { counters: MaintenanceCounters }>();
	for (const unit of units) {
		const rule = rules.get(unit.modelId);
		if (unit.retired || !rule || (!rule.everyRentals && !rule.everyRentalDays)) continue;
		const counters = countersSinceService(
			eventsByUnit.get(unit.id) ?? [],
			factsByUnit.get(unit.id) ?? [],
			now
		);
		const verdict = serviceDue(rule, counters);
		if (verdict.due) due.set(unit.id, { ...verdict, counters });
	}
	return due;
}
