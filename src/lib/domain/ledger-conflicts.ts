/**
 * What a merge can leave that no single tablet would have written: one unit out on two rentals,
 * a rental settled twice, a settled bill that later facts changed, reservations beyond the units
 * there are, a return of a unit the rental never had. Each conflict carries the ids needed to
 * resolve it; `resolutions` lists the ways out and `resolutionFacts` writes one as new facts —
 * events and money entries that merge like any other. A resolution's ids derive from what it
 * resolves, so two tablets that resolve the same conflict the same way write one fact.
 */
import { usesByModel, type AvailabilityContext, type ModelUses, type Use } from './availability.ts';
import type { ModelId, UnitId } from './inventory.ts';
import {
	creditEffect,
	uniqueFacts,
	type FactStamp,
	type LedgerEvent,
	type MoneyEntry,
	type UnitTerms
} from './ledger.ts';
import type { RentalBook } from './ledger-rentals.ts';
import { billedFactsOf, billFor, settlementHash } from './ledger-settlement.ts';
import type { SettlementError } from './settlement.ts';

/** A broken invariant, with a `key` that stays the same while the conflict lasts. */
export type LedgerConflict =
	| { kind: 'unit-out-twice'; key: string; unitId: UnitId; rentalIds: string[] }
	| { kind: 'settled-twice'; key: string; rentalId: string; settledEventIds: string[] }
	| {
			kind: 'bill-changed';
			key: string;
			rentalId: string;
			settledEventId: string;
			/** Why the facts can no longer be settled, when they cannot. */
			error?: SettlementError;
	  }
	| {
			kind: 'over-booked';
			key: string;
			modelId: ModelId;
			/** The stretch the model is over capacity, epoch ms. */
			from: number;
			until: number;
			reservationIds: string[];
			/** Units needed at the busiest moment, and units that can go out. */
			demand: number;
			capacity: number;
	  }
	| {
			/** Two tablets resolved one double check-out opposite ways: the unit is on neither. */
			kind: 'swapped-off-every-rental';
			key: string;
			unitId: UnitId;
			rentalIds: string[];
	  }
	| {
			kind: 'returned-never-out';
			key: string;
			unitId: UnitId;
			rentalId: string;
			returnEventId: string;
			returnedAt: number;
	  };

/** Units on more than one open rental; rentals in the order they took the unit. */
function unitsOutTwice(book: RentalBook): LedgerConflict[] {
	const open = new Map<UnitId, { rentalId: string; since: number }[]>();
	for (const rental of book.rentals.values()) {
		if (rental.settlements.length > 0) continue;
		for (const unit of rental.units) {
			if (unit.returnedAt !== undefined || unit.swappedOutAt !== undefined) continue;
			const list = open.get(unit.terms.unitId) ?? [];
			open.set(unit.terms.unitId, [...list, { rentalId: rental.id, since: unit.since }]);
		}
	}
	return [...open]
		.filter(([, rentals]) => rentals.length > 1)
		.map(([unitId, rentals]) => ({
			kind: 'unit-out-twice',
			key: `unit-out-twice:${unitId}`,
			unitId,
			rentalIds: rentals
				.sort((a, b) => a.since - b.since || (a.rentalId < b.rentalId ? -1 : 1))
				.map((r) => r.rentalId)
		}));
}

/**
 * Units swapped off more than one open rental and held by none: what two tablets leave when each
 * resolved the same double check-out by keeping the unit on the other rental. The customer who
 * really has it keeps a replacement on paper, so the rod would look free while it is out.
 */
function unitsSwappedOffEverywhere(book: RentalBook): LedgerConflict[] {
	const held = new Set<UnitId>();
	const swappedOff = new Map<UnitId, string[]>();
	for (const rental of book.rentals.values()) {
		if (rental.settlements.length > 0) continue;
		for (const unit of rental.units) {
			if (unit.returnedAt !== undefined) continue;
			const { unitId } = unit.terms;
			if (unit.swappedOutAt === undefined) held.add(unitId);
			else swappedOff.set(unitId, [...(swappedOff.get(unitId) ?? []), rental.id]);
		}
	}
	return [...swappedOff]
		.filter(([unitId, rentalIds]) => rentalIds.length > 1 && !held.has(unitId))
		.map(([unitId, rentalIds]) => ({
			kind: 'swapped-off-every-rental',
			key: `swapped-off-every-rental:${unitId}`,
			unitId,
			rentalIds: [...rentalIds].sort()
		}));
}

/** Rentals with two live settlements, and settled bills the merged facts no longer match. */
function settlementConflicts(book: RentalBook): LedgerConflict[] {
	const conflicts: LedgerConflict[] = [];
	for (const rental of book.rentals.values()) {
		const [settled, ...more] = rental.settlements;
		if (more.length > 0) {
			const settledEventIds = rental.settlements.map((s) => s.id);
			conflicts.push({
				kind: 'settled-twice',
				key: `settled-twice:${rental.id}`,
				rentalId: rental.id,
				settledEventIds
			});
		} else if (settled && settled.billedFacts !== billedFactsOf(rental)) {
			const bill = billFor(rental, settled.at);
			if (bill.ok && settlementHash(bill.settlement) === settled.settlementHash) continue;
			conflicts.push({
				kind: 'bill-changed',
				key: `bill-changed:${settled.id}`,
				rentalId: rental.id,
				settledEventId: settled.id,
				...(!bill.ok && { error: bill.error })
			});
		}
	}
	return conflicts;
}

/** Demand on the model at one moment: units in use, extra uses of one unit, floating ones. */
function demandAt(x: number, lists: Use[][], floating: Use[], t: number) {
	const active = (use: Use) => use.start <= x && x < use.end + t;
	let occupied = 0;
	let doubled = 0;
	const reservationIds: string[] = [];
	for (const list of lists) {
		const here = list.filter(active);
		if (here.length > 0) occupied += 1;
		if (here.length > 1 && here.some((use) => use.reservationId)) doubled += here.length - 1;
		for (const use of here) if (use.reservationId) reservationIds.push(use.reservationId);
	}
	const floatingHere = floating.filter(active);
	for (const use of floatingHere) reservationIds.push(use.reservationId!);
	return { demand: occupied + doubled + floatingHere.length, doubled, reservationIds };
}

/** Stretches from now on where a model's reservations need more units than it has. */
function overBookings(uses: ModelUses, now: number, t: number): LedgerConflict[] {
	const live = (use: Use) => use.end + t > now;
	const lists = [...uses.byUnit.values()].map((list) => list.filter(live));
	const floating = uses.floating.filter(live);
	const all = [...lists.flat(), ...floating];
	if (!all.some((use) => use.reservationId)) return [];
	const edges = all.flatMap((use) => [use.start, use.end + t]).filter((x) => x > now);
	const points = [...new Set([now, ...edges])].sort((a, b) => a - b);
	const capacity = uses.usable.length;
	const conflicts: LedgerConflict[] = [];
	let open: (LedgerConflict & { kind: 'over-booked' }) | undefined;
	for (let i = 0; i < points.length - 1; i += 1) {
		const at = demandAt(points[i], lists, floating, t);
		const over = at.reservationIds.length > 0 && (at.demand > capacity || at.doubled > 0);
		if (!over) {
			open = undefined;
			continue;
		}
		if (!open) {
			const { modelId } = uses;
			open = {
				kind: 'over-booked',
				key: '',
				modelId,
				from: points[i],
				until: 0,
				reservationIds: [],
				demand: 0,
				capacity
			};
			conflicts.push(open);
		}
		open.until = points[i + 1];
		open.demand = Math.max(open.demand, at.demand);
		open.reservationIds = [...new Set([...open.reservationIds, ...at.reservationIds])].sort();
		open.key = `over-booked:${uses.modelId}:${open.reservationIds.join(',')}`;
	}
	return conflicts;
}

/**
 * Every conflict in the ledger, sorted by key. Over-booking is checked per model of `ctx.units`
 * from `ctx.now` on, with the same uses and turnaround as availability.
 */
export function ledgerConflicts(ctx: AvailabilityContext): LedgerConflict[] {
	const conflicts = [
		...unitsOutTwice(ctx.book),
		...unitsSwappedOffEverywhere(ctx.book),
		...settlementConflicts(ctx.book),
		...[...usesByModel(ctx).values()].flatMap((uses) =>
			overBookings(uses, ctx.now, ctx.turnaroundMs)
		),
		...ctx.book.strayReturns.map((stray): LedgerConflict => ({
			kind: 'returned-never-out',
			key: `returned-never-out:${stray.eventId}`,
			unitId: stray.unitId,
			rentalId: stray.rentalId,
			returnEventId: stray.eventId,
			returnedAt: stray.at
		}))
	];
	return conflicts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** One way out of a conflict. */
export type Resolution =
	/** Keep the unit on `keepRentalId` and put another unit on `rentalId` in its place. */
	| { action: 'swap-unit'; rentalId: string; keepRentalId: string; unitId: UnitId }
	/** The unit is with this rental's customer after all: it goes back on, its replacement off. */
	| { action: 'swap-back'; rentalId: string; unitId: UnitId }
	/** Void a settlement, reversing its money entries; settle again if the rental needs it. */
	| { action: 'void-settlement'; rentalId: string; settledEventId: string }
	| { action: 'cancel-reservation'; reservationId: string }
	/** The return was recorded on the wrong rental: it no longer counts. */
	| { action: 'void-return'; rentalId: string; returnEventId: string };

/** The ways out of a conflict, the one a person most likely wants first. */
export function resolutions(conflict: LedgerConflict): Resolution[] {
	switch (conflict.kind) {
		case 'unit-out-twice': {
			const { unitId, rentalIds } = conflict;
			return rentalIds.flatMap((keepRentalId) =>
				rentalIds
					.filter((rentalId) => rentalId !== keepRentalId)
					.map((rentalId) => ({ action: 'swap-unit' as const, rentalId, keepRentalId, unitId }))
			);
		}
		case 'swapped-off-every-rental':
			return conflict.rentalIds.map((rentalId) => ({
				action: 'swap-back' as const,
				rentalId,
				unitId: conflict.unitId
			}));
		case 'settled-twice':
			return [...conflict.settledEventIds].reverse().map((settledEventId) => ({
				action: 'void-settlement' as const,
				rentalId: conflict.rentalId,
				settledEventId
			}));
		case 'bill-changed': {
			const { rentalId, settledEventId } = conflict;
			return [{ action: 'void-settlement', rentalId, settledEventId }];
		}
		case 'over-booked':
			return [...conflict.reservationIds]
				.reverse()
				.map((reservationId) => ({ action: 'cancel-reservation' as const, reservationId }));
		case 'returned-never-out': {
			const { rentalId, returnEventId } = conflict;
			return [{ action: 'void-return', rentalId, returnEventId }];
		}
	}
}

/** The terms of a unit swapped in for `from`: the customer keeps the card they agreed to. */
export function swapTerms(from: UnitTerms, to: { unitId: UnitId; code: string }): UnitTerms {
	return { ...from, unitId: to.unitId, code: to.code };
}

/** What a person adds when choosing a resolution. */
export interface ResolutionInput {
	book: RentalBook;
	entries: readonly MoneyEntry[];
	/** Who resolves it, where and when (ids are derived). */
	stamp: Omit<FactStamp, 'id'>;
	/** Why, in the staff's words (stored on voids and cancellations). */
	reason: string;
	/** For `'swap-unit'`: the unit put on the rental, with its terms (see `swapTerms`). */
	replacement?: UnitTerms;
}

export type ResolutionFacts =
	| { ok: true; events: LedgerEvent[]; entries: MoneyEntry[] }
	| { ok: false; error: 'replacement-needed' | 'unknown-rental' };

/** The facts that carry out a resolution. */
export function resolutionFacts(resolution: Resolution, input: ResolutionInput): ResolutionFacts {
	const { stamp, reason } = input;
	const rental = 'rentalId' in resolution ? input.book.rentals.get(resolution.rentalId) : undefined;
	switch (resolution.action) {
		case 'cancel-reservation': {
			const { reservationId } = resolution;
			const id = `cancel:${reservationId}`;
			const kind = 'reservation-cancelled';
			return { ok: true, events: [{ ...stamp, id, kind, reservationId, reason }], entries: [] };
		}
		case 'void-return': {
			const { rentalId, returnEventId } = resolution;
			const event = { ...stamp, id: `unreturn:${returnEventId}`, rentalId, returnEventId, reason };
			return { ok: true, events: [{ ...event, kind: 'return-voided' }], entries: [] };
		}
		case 'swap-unit': {
			if (!rental) return { ok: false, error: 'unknown-rental' };
			if (!input.replacement) return { ok: false, error: 'replacement-needed' };
			const { rentalId, unitId: fromUnitId } = resolution;
			const id = `swap:${rentalId}:${fromUnitId}`;
			const event = { ...stamp, id, rentalId, fromUnitId, to: input.replacement };
			return { ok: true, events: [{ ...event, kind: 'unit-swapped' }], entries: [] };
		}
		case 'swap-back': {
			const off = rental?.units.find(
				(u) => u.terms.unitId === resolution.unitId && u.swappedOutAt !== undefined
			);
			if (!rental || !off?.replacedBy) return { ok: false, error: 'unknown-rental' };
			const { rentalId } = resolution;
			const id = `swap:${rentalId}:${off.replacedBy}`;
			const event = { ...stamp, id, rentalId, fromUnitId: off.replacedBy, to: off.terms };
			return { ok: true, events: [{ ...event, kind: 'unit-swapped' }], entries: [] };
		}
		case 'void-settlement': {
			if (!rental) return { ok: false, error: 'unknown-rental' };
			const { rentalId, settledEventId } = resolution;
			const id = `void:${settledEventId}`;
			const reversals = uniqueFacts(input.entries)
				.filter((entry) => entry.eventId === settledEventId && entry.rentalId === rentalId)
				.map((entry): MoneyEntry => ({
					...stamp,
					id: `void:${entry.id}`,
					rentalId,
					customerId: entry.customerId,
					kind: 'adjustment',
					amount: -creditEffect(entry),
					method: entry.kind === 'charge' ? 'none' : entry.method,
					reason,
					eventId: id
				}));
			const event = { ...stamp, id, rentalId, settledEventId, reason };
			return { ok: true, events: [{ ...event, kind: 'settlement-voided' }], entries: reversals };
		}
	}
}
