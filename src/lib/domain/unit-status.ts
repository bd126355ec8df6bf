/**
 * Where a unit is, derived from what happened to it — never a field someone overwrites.
 *
 * The input is a set of facts appended by any tablet: maintenance events from the `inventory` doc
 * and rental facts from the `ledger` doc. Two tablets that merged see the same set in some order,
 * so the result depends only on the set: maintenance events are replayed sorted by `(at, id)`,
 * and rental facts are grouped per rental, so their order does not matter at all.
 *
 * Facts that contradict each other are conflicts for a person to resolve, and the displayed status
 * is chosen by a fixed precedence so every tablet shows the same one:
 *
 * | conflict             | shown as          | why                                                   |
 * | -------------------- | ----------------- | ----------------------------------------------------- |
 * | `lost-and-out`       | `lost`            | nobody can rent it; the rental must close the unit    |
 * | `out-twice`          | `out` / `overdue` | on the rental that went out first (`at`, rental id)   |
 * | `workshop-and-out`   | `out` / `overdue` | a customer's deposit and due time need chasing first  |
 * | `retired-and-out`    | `out` / `overdue` | the gear is still with a customer                     |
 * | `returned-never-out` | as without it     | it blocks nothing; the stray return is still listed   |
 *
 * Without conflicts the precedence is: out/overdue, retired, lost, workshop, reserved, in stock.
 */
import type { Unit, UnitId } from './inventory.ts';

/** Something done to a unit outside a rental, recorded on the tablet that did it. */
export interface MaintenanceEvent {
	id: string;
	unitId: UnitId;
	kind: 'to-workshop' | 'from-workshop' | 'serviced' | 'lost' | 'found';
	/** Epoch ms. */
	at: number;
	/** Staff id. */
	by: string;
	/** What was done or found, in the staff's words. */
	note?: string;
	/** What the service cost, in fen. */
	cost?: number;
	/** Attachment content hashes. */
	photos?: string[];
}

/** The unit went out on a rental, due back at `dueAt` (the latest due time, after extensions). */
export interface UnitOut {
	kind: 'out';
	unitId: UnitId;
	rentalId: string;
	customerId: string;
	at: number;
	dueAt: number;
}

/** The unit came back from a rental (or the rental let go of it: swapped, written off). */
export interface UnitReturned {
	kind: 'returned';
	unitId: UnitId;
	rentalId: string;
	at: number;
}

/** The unit is held for a customer from `from` until `until` (epoch ms). */
export interface UnitReserved {
	kind: 'reserved';
	unitId: UnitId;
	reservationId: string;
	customerId: string;
	from: number;
	until: number;
}

/** A reservation of the unit is over: picked up, cancelled or moved to another unit. */
export interface UnitReservationEnded {
	kind: 'reservation-ended';
	unitId: UnitId;
	reservationId: string;
}

/** What the ledger tells the inventory about one unit. */
export type UnitRentalFact = UnitOut | UnitReturned | UnitReserved | UnitReservationEnded;

/** A rental that has the unit now. */
export interface OpenRental {
	rentalId: string;
	customerId: string;
	outAt: number;
	dueAt: number;
}

/** A reservation that is neither ended nor past. */
export interface ActiveReservation {
	reservationId: string;
	customerId: string;
	from: number;
	until: number;
}

/** Every status a unit can be shown in. */
export type UnitStatus =
	'in-stock' | 'reserved' | 'out' | 'overdue' | 'workshop' | 'lost' | 'retired';

/** Facts about a unit that cannot all be true; shown to a person with actions to resolve. */
export type UnitConflict =
	| { kind: 'out-twice'; unitId: UnitId; rentalIds: string[] }
	| { kind: 'workshop-and-out'; unitId: UnitId; rentalIds: string[]; workshopSince: number }
	| { kind: 'lost-and-out'; unitId: UnitId; rentalIds: string[]; lostSince: number }
	| { kind: 'retired-and-out'; unitId: UnitId; rentalIds: string[] }
	| { kind: 'returned-never-out'; unitId: UnitId; rentalId: string; returnedAt: number };

/** What the status screen says about a unit besides its status. */
export type UnitStatusDetail =
	| { status: 'in-stock'; readyAt?: number }
	| { status: 'reserved'; reservation: ActiveReservation }
	| { status: 'out' | 'overdue'; rental: OpenRental }
	| { status: 'workshop'; since: number }
	| { status: 'lost'; since: number; rental?: OpenRental }
	| { status: 'retired' };

/**
 * A unit's derived status. `readyAt`: still being cleaned after a return until then (the
 * turnaround buffer). `nextReservation`: the soonest reservation not yet ended or past.
 */
export type UnitStatusView = UnitStatusDetail & {
	unitId: UnitId;
	nextReservation?: ActiveReservation;
	conflicts: UnitConflict[];
};

/** Everything one unit's status is derived from. */
export interface UnitStatusInput {
	unit: Pick<Unit, 'id' | 'retired'>;
	events: readonly MaintenanceEvent[];
	facts: readonly UnitRentalFact[];
	/** Epoch ms. */
	now: number;
	/** Time after a return (cleaning) and before a reservation (preparing) that a unit is held, ms. */
	turnaroundMs?: number;
}

/** Orders maintenance events by time, then id, so every replica replays them the same way. */
export function byTimeThenId(a: MaintenanceEvent, b: MaintenanceEvent): number {
	return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Groups items by their unit, in one pass. */
export function groupByUnit<T extends { unitId: UnitId }>(items: readonly T[]): Map<UnitId, T[]> {
	const groups = new Map<UnitId, T[]>();
	for (const item of items) {
		const group = groups.get(item.unitId);
		if (group) group.push(item);
		else groups.set(item.unitId, [item]);
	}
	return groups;
}

/** Where the maintenance events leave a unit: in the workshop since, lost since. */
function replayMaintenance(events: readonly MaintenanceEvent[]): {
	workshopSince?: number;
	lostSince?: number;
} {
	let workshopSince: number | undefined;
	let lostSince: number | undefined;
	for (const event of [...events].sort(byTimeThenId)) {
		if (event.kind === 'to-workshop') workshopSince ??= event.at;
		else if (event.kind === 'from-workshop') workshopSince = undefined;
		else if (event.kind === 'lost') lostSince ??= event.at;
		else if (event.kind === 'found') lostSince = undefined;
	}
	return { workshopSince, lostSince };
}

/** One rental's facts about a unit, duplicates from retries folded together. */
export interface RentalOfUnit {
	rentalId: string;
	out?: OpenRental;
	returnedAt?: number;
}

/**
 * The unit's rentals, each with when it went out (earliest `out`, latest `dueAt`) and came back
 * (earliest `returned`), sorted by out time then rental id; a return without an out sorts last.
 */
export function rentalsOfUnit(facts: readonly UnitRentalFact[]): RentalOfUnit[] {
	const rentals = new Map<string, RentalOfUnit>();
	for (const fact of facts) {
		if (fact.kind !== 'out' && fact.kind !== 'returned') continue;
		const rental = rentals.get(fact.rentalId) ?? { rentalId: fact.rentalId };
		rentals.set(fact.rentalId, rental);
		if (fact.kind === 'returned') {
			rental.returnedAt = Math.min(rental.returnedAt ?? fact.at, fact.at);
		} else {
			const { rentalId, customerId, at, dueAt } = fact;
			const before = rental.out;
			const keep =
				before && (before.outAt < at || (before.outAt === at && before.customerId <= customerId));
			rental.out = {
				rentalId,
				customerId: keep ? before.customerId : customerId,
				outAt: keep ? before.outAt : at,
				dueAt: Math.max(before?.dueAt ?? dueAt, dueAt)
			};
		}
	}
	const outAt = (r: RentalOfUnit) => r.out?.outAt ?? Infinity;
	return [...rentals.values()].sort(
		(a, b) => outAt(a) - outAt(b) || (a.rentalId < b.rentalId ? -1 : 1)
	);
}

/** Reservations neither ended nor past at `now`, soonest first. */
function activeReservations(facts: readonly UnitRentalFact[], now: number): ActiveReservation[] {
	const ended = new Set<string>();
	for (const fact of facts) if (fact.kind === 'reservation-ended') ended.add(fact.reservationId);
	const active = new Map<string, ActiveReservation>();
	for (const fact of facts) {
		if (fact.kind !== 'reserved' || ended.has(fact.reservationId) || fact.until <= now) continue;
		const { reservationId, customerId, from, until } = fact;
		const seen = active.get(reservationId);
		if (!seen || from < seen.from)
			active.set(reservationId, { reservationId, customerId, from, until });
	}
	return [...active.values()].sort(
		(a, b) => a.from - b.from || (a.reservationId < b.reservationId ? -1 : 1)
	);
}

/** The conflicts among a unit's facts, in a fixed order. */
function findConflicts(
	unit: UnitStatusInput['unit'],
	open: OpenRental[],
	rentals: RentalOfUnit[],
	place: { workshopSince?: number; lostSince?: number }
): UnitConflict[] {
	const unitId = unit.id;
	const rentalIds = open.map((r) => r.rentalId);
	const conflicts: UnitConflict[] = [];
	if (open.length > 1) conflicts.push({ kind: 'out-twice', unitId, rentalIds });
	if (open.length > 0 && place.workshopSince !== undefined) {
		conflicts.push({
			kind: 'workshop-and-out',
			unitId,
			rentalIds,
			workshopSince: place.workshopSince
		});
	}
	if (open.length > 0 && place.lostSince !== undefined) {
		conflicts.push({ kind: 'lost-and-out', unitId, rentalIds, lostSince: place.lostSince });
	}
	if (open.length > 0 && unit.retired)
		conflicts.push({ kind: 'retired-and-out', unitId, rentalIds });
	for (const rental of rentals) {
		if (!rental.out && rental.returnedAt !== undefined) {
			conflicts.push({
				kind: 'returned-never-out',
				unitId,
				rentalId: rental.rentalId,
				returnedAt: rental.returnedAt
			});
		}
	}
	return conflicts;
}

/** The status shown, by the precedence in this file's header. */
function pickStatus(
	input: UnitStatusInput,
	open: OpenRental[],
	place: { workshopSince?: number; lostSince?: number },
	rentals: RentalOfUnit[],
	reservations: ActiveReservation[]
): UnitStatusDetail {
	const { unit, now, turnaroundMs = 0 } = input;
	const rental = open[0];
	if (rental && place.lostSince !== undefined) {
		return { status: 'lost', since: place.lostSince, rental };
	}
	if (rental) return { status: now > rental.dueAt ? 'overdue' : 'out', rental };
	if (unit.retired) return { status: 'retired' };
	if (place.lostSince !== undefined) return { status: 'lost', since: place.lostSince };
	if (place.workshopSince !== undefined) return { status: 'workshop', since: place.workshopSince };
	const held = reservations.find((r) => r.from - turnaroundMs <= now);
	if (held) return { status: 'reserved', reservation: held };
	let lastBack = -Infinity;
	for (const r of rentals) {
		if (r.out && r.returnedAt !== undefined) lastBack = Math.max(lastBack, r.returnedAt);
	}
	const readyAt = lastBack + turnaroundMs;
	return now < readyAt ? { status: 'in-stock', readyAt } : { status: 'in-stock' };
}

/** Derives one unit's status and conflicts from its maintenance events and rental facts. */
export function deriveUnitStatus(input: UnitStatusInput): UnitStatusView {
	const place = replayMaintenance(input.events);
	const rentals = rentalsOfUnit(input.facts);
	const open = rentals.flatMap((r) => (r.out && r.returnedAt === undefined ? [r.out] : []));
	const reservations = activeReservations(input.facts, input.now);
	const detail = pickStatus(input, open, place, rentals, reservations);
	const nextReservation = reservations[0];
	return {
		...detail,
		unitId: input.unit.id,
		...(nextReservation && { nextReservation }),
		conflicts: findConflicts(input.unit, open, rentals, place)
	};
}

/**
 * Derives every unit's status at once: events and facts are indexed by unit in one pass, so the
 * whole shop costs one walk over its facts. Facts about units not listed are ignored.
 */
export function deriveAllStatuses(
	units: readonly Pick<Unit, 'id' | 'retired'>[],
	events: readonly MaintenanceEvent[],
	facts: readonly UnitRentalFact[],
	now: number,
	turnaroundMs = 0
): Map<UnitId, UnitStatusView> {
	const eventsByUnit = groupByUnit(events);
	const factsByUnit = groupByUnit(facts);
	const statuses = new Map<UnitId, UnitStatusView>();
	for (const unit of units) {
		statuses.set(
			unit.id,
			deriveUnitStatus({
				unit,
				events: eventsByUnit.get(unit.id) ?? [],
				facts: factsByUnit.get(unit.id) ?? [],
				now,
				turnaroundMs
			})
		);
	}
	return statuses;
}

/** Every conflict in the shop, unit by unit in the order the units are given. */
export function allConflicts(statuses: ReadonlyMap<UnitId, UnitStatusView>): UnitConflict[] {
	return [...statuses.values()].flatMap((view) => view.conflicts);
}
