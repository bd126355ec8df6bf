/**
 * Which units of a model can go out in a window: not out, not reserved, not in the workshop (or
 * lost, or retired), and not within the turnaround buffer after a use (cleaning) — for a quote at
 * the counter, for refusing an over-booking at entry, and for a calendar of the coming weeks.
 *
 * A use is a stretch a unit is with a customer: an open rental runs to its due time (or to now
 * when overdue), a returned one to its return; a reservation is its window. A unit needs
 * `turnaroundMs` after each use, so it is free for `[from, until)` when no use `[start, end)` has
 * `start < until + turnaround` and `from < end + turnaround`. A reservation of the model without
 * units ("floating") takes some unit: the count of free units is reduced by the most floating
 * reservations that overlap at one moment of the window. This never over-books: when
 * `canReserve` says yes, adding the reservation cannot put the model over capacity.
 */
import { isCalendarDate, type ModelId, type Unit, type UnitId } from './inventory.ts';
import type { RentalBook, ReservationView } from './ledger-rentals.ts';
import type { UnitStatusView } from './unit-status.ts';

/** Everything availability is computed from. Times are epoch ms. */
export interface AvailabilityContext {
	/** The inventory's units (retired ones too): which model each belongs to. */
	units: readonly Pick<Unit, 'id' | 'modelId' | 'retired'>[];
	book: RentalBook;
	reservations: readonly ReservationView[];
	now: number;
	/** Time a unit is held after each use (cleaning), ms. */
	turnaroundMs: number;
	/** Units that cannot go out in any window: in the workshop or lost (see `blockedByStatus`). */
	blocked?: (unitId: UnitId) => boolean;
}

/** A window of time, epoch ms, `[from, until)`. */
export interface TimeWindow {
	from: number;
	until: number;
}

/** A stretch a unit (or, without `unitId`, some unit of the model) is with a customer. */
export interface Use {
	unitId?: UnitId;
	start: number;
	end: number;
	rentalId?: string;
	reservationId?: string;
}

/** A model's units that can go out at all, and the uses of its units and of the model. */
export interface ModelUses {
	modelId: ModelId;
	/** Units of the model neither retired nor blocked. */
	usable: UnitId[];
	/** Uses per usable unit: rentals and reservations of that unit. */
	byUnit: Map<UnitId, Use[]>;
	/** Reservations of the model without a usable unit of their own. */
	floating: Use[];
}

/** Blocks units the status screen shows in the workshop, lost or retired. */
export function blockedByStatus(
	statuses: ReadonlyMap<UnitId, UnitStatusView>
): (unitId: UnitId) => boolean {
	const blocking = new Set(['workshop', 'lost', 'retired']);
	return (unitId) => blocking.has(statuses.get(unitId)?.status ?? 'in-stock');
}

/** Each unit's model, and the empty uses of each model asked for (`null`: every model). */
function emptyUses(
	ctx: AvailabilityContext,
	models: ReadonlySet<ModelId> | null
): { modelOf: Map<UnitId, ModelId>; byModel: Map<ModelId, ModelUses> } {
	const modelOf = new Map<UnitId, ModelId>();
	const byModel = new Map<ModelId, ModelUses>();
	for (const model of models ?? []) {
		byModel.set(model, { modelId: model, usable: [], byUnit: new Map(), floating: [] });
	}
	for (const unit of ctx.units) {
		if (models && !models.has(unit.modelId)) continue;
		modelOf.set(unit.id, unit.modelId);
		let uses = byModel.get(unit.modelId);
		if (!uses) {
			uses = { modelId: unit.modelId, usable: [], byUnit: new Map(), floating: [] };
			byModel.set(unit.modelId, uses);
		}
		if (unit.retired || ctx.blocked?.(unit.id)) continue;
		uses.usable.push(unit.id);
		uses.byUnit.set(unit.id, []);
	}
	return { modelOf, byModel };
}

/** Adds each rental's uses: since a unit joined until back, swapped off, settled or due. */
function addRentalUses(
	ctx: AvailabilityContext,
	modelOf: Map<UnitId, ModelId>,
	byModel: Map<ModelId, ModelUses>
) {
	for (const rental of ctx.book.rentals.values()) {
		const settledAt = rental.settlements[0]?.at;
		for (const unit of rental.units) {
			const { unitId } = unit.terms;
			const modelId = modelOf.get(unitId);
			if (modelId === undefined) continue;
			const ends = [unit.returnedAt, unit.swappedOutAt, settledAt].filter((t) => t !== undefined);
			const end = ends.length > 0 ? Math.min(...ends) : Math.max(rental.dueAt, ctx.now);
			byModel
				.get(modelId)!
				.byUnit.get(unitId)
				?.push({ unitId, start: unit.since, end, rentalId: rental.id });
		}
	}
}

/** Adds active reservations: a usable unit's own, else floating on the model. */
function addReservationUses(
	ctx: AvailabilityContext,
	modelOf: Map<UnitId, ModelId>,
	byModel: Map<ModelId, ModelUses>
) {
	for (const r of ctx.reservations) {
		if (r.status !== 'active') continue;
		const use = { start: r.from, end: r.until, reservationId: r.id };
		if (!r.unitIds?.length) byModel.get(r.modelId)?.floating.push(use);
		for (const unitId of r.unitIds ?? []) {
			const uses = byModel.get(modelOf.get(unitId)!);
			const own = uses?.byUnit.get(unitId);
			if (own) own.push({ ...use, unitId });
			else uses?.floating.push({ ...use, unitId });
		}
	}
}

/** The uses of every model's units and its floating reservations, in one pass over the ledger. */
export function usesByModel(
	ctx: AvailabilityContext,
	models: ReadonlySet<ModelId> | null = null
): Map<ModelId, ModelUses> {
	const { modelOf, byModel } = emptyUses(ctx, models);
	addRentalUses(ctx, modelOf, byModel);
	addReservationUses(ctx, modelOf, byModel);
	return byModel;
}

/** The uses of one model's units and its floating reservations. */
export function modelUses(modelId: ModelId, ctx: AvailabilityContext): ModelUses {
	return usesByModel(ctx, new Set([modelId])).get(modelId)!;
}

/** True when a use (held `turnaroundMs` after it ends) touches a use of `window`. */
export function overlaps(use: Use, window: TimeWindow, turnaroundMs: number): boolean {
	return use.start < window.until + turnaroundMs && window.from < use.end + turnaroundMs;
}

/** The most uses that overlap at one moment of the window, turnaround included. */
export function peakOverlap(
	uses: readonly Use[],
	window: TimeWindow,
	turnaroundMs: number
): number {
	const edges: [number, number][] = [];
	for (const use of uses) {
		if (!overlaps(use, window, turnaroundMs)) continue;
		edges.push([Math.max(use.start, window.from), 1]);
		edges.push([Math.min(use.end + turnaroundMs, window.until + turnaroundMs), -1]);
	}
	edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let running = 0;
	let peak = 0;
	for (const [, step] of edges) peak = Math.max(peak, (running += step));
	return peak;
}

/** Usable units of the model with no use touching the window, in inventory order. */
export function freeUnits(uses: ModelUses, window: TimeWindow, turnaroundMs: number): UnitId[] {
	return uses.usable.filter(
		(id) => !(uses.byUnit.get(id) ?? []).some((use) => overlaps(use, window, turnaroundMs))
	);
}

/** How many more units of the model could go out for the whole window. */
export function availableCount(
	modelId: ModelId,
	window: TimeWindow,
	ctx: AvailabilityContext
): number {
	const uses = modelUses(modelId, ctx);
	const free = freeUnits(uses, window, ctx.turnaroundMs).length;
	return Math.max(0, free - peakOverlap(uses.floating, window, ctx.turnaroundMs));
}

/** What a new (or edited) reservation asks for. */
export interface ReserveRequest extends TimeWindow {
	modelId: ModelId;
	unitIds?: UnitId[];
	/** When editing a reservation: its id, so it does not compete with itself. */
	reservationId?: string;
}

/** Why a reservation is refused at entry; each says what to change. */
export type ReserveRefusal =
	| { code: 'bad-window' }
	| { code: 'in-the-past' }
	| { code: 'unit-not-of-model'; unitId: UnitId }
	| { code: 'unit-unavailable'; unitId: UnitId }
	| { code: 'unit-busy'; unitId: UnitId; rentalId?: string; reservationId?: string }
	| { code: 'none-free'; available: number; wanted: number };

/** Whether a reservation fits: every unit asked for free, and enough units for the rest. */
export function canReserve(
	request: ReserveRequest,
	ctx: AvailabilityContext
): { ok: true } | { ok: false; reason: ReserveRefusal } {
	const refuse = (reason: ReserveRefusal) => ({ ok: false as const, reason });
	if (!(request.from < request.until)) return refuse({ code: 'bad-window' });
	if (request.until <= ctx.now) return refuse({ code: 'in-the-past' });
	const others = ctx.reservations.filter((r) => r.id !== request.reservationId);
	const uses = modelUses(request.modelId, { ...ctx, reservations: others });
	const t = ctx.turnaroundMs;
	for (const unitId of request.unitIds ?? []) {
		const unit = ctx.units.find((u) => u.id === unitId);
		if (unit?.modelId !== request.modelId) return refuse({ code: 'unit-not-of-model', unitId });
		if (!uses.usable.includes(unitId)) return refuse({ code: 'unit-unavailable', unitId });
		const busy = uses.byUnit.get(unitId)!.find((use) => overlaps(use, request, t));
		if (busy) {
			const { rentalId, reservationId } = busy;
			return refuse({ code: 'unit-busy', unitId, rentalId, reservationId });
		}
	}
	const wanted = request.unitIds?.length || 1;
	const available = freeUnits(uses, request, t).length - peakOverlap(uses.floating, request, t);
	if (available < wanted) {
		return refuse({ code: 'none-free', available: Math.max(0, available), wanted });
	}
	return { ok: true };
}

/** One day of a model's calendar. */
export interface DayAvailability {
	/** `'YYYY-MM-DD'` in the shop's time zone. */
	date: string;
	/** Units of the model not retired. */
	total: number;
	/** Units out on a rental at some time that day. */
	out: number;
	/** Units held for reservations at some time that day (at the busiest moment). */
	reserved: number;
	/** Units in the workshop or lost. */
	workshop: number;
	/** Units that could go out for the whole day. */
	free: number;
}

/** A model's calendar, day by day from `startDate` for `days` days, in the shop's time zone. */
export function modelTimeline(
	modelId: ModelId,
	ctx: AvailabilityContext,
	range: { startDate: string; days: number; timeZone: string }
): DayAvailability[] {
	const uses = modelUses(modelId, ctx);
	const units = ctx.units.filter((u) => u.modelId === modelId && !u.retired);
	const t = ctx.turnaroundMs;
	const timeline: DayAvailability[] = [];
	for (let i = 0; i < range.days; i += 1) {
		const date = addDays(range.startDate, i);
		const day = {
			from: shopDayStart(date, range.timeZone),
			until: shopDayStart(addDays(date, 1), range.timeZone)
		};
		const unitUses = [...uses.byUnit.values()];
		const count = (pick: (use: Use) => boolean) =>
			unitUses.filter((list) => list.some((use) => pick(use) && overlaps(use, day, 0))).length;
		const free = freeUnits(uses, day, t).length - peakOverlap(uses.floating, day, t);
		timeline.push({
			date,
			total: units.length,
			out: count((use) => use.rentalId !== undefined),
			reserved:
				count((use) => use.reservationId !== undefined) + peakOverlap(uses.floating, day, 0),
			workshop: units.length - uses.usable.length,
			free: Math.max(0, free)
		});
	}
	return timeline;
}

/** The date `days` after a `'YYYY-MM-DD'` date (negative: before). */
export function addDays(date: string, days: number): string {
	assertDate(date);
	const [year, month, day] = date.split('-').map(Number);
	return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** When a shop date starts (midnight in `timeZone`), epoch ms. */
export function shopDayStart(date: string, timeZone: string): number {
	assertDate(date);
	const [year, month, day] = date.split('-').map(Number);
	const midnight = Date.UTC(year, month - 1, day);
	const guess = midnight - wallClockOffset(midnight, timeZone);
	return midnight - wallClockOffset(guess, timeZone);
}

/** How far the wall clock in `timeZone` is ahead of UTC at `at`, ms. */
function wallClockOffset(at: number, timeZone: string): number {
	const format = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric'
	});
	const part: Record<string, number> = {};
	for (const { type, value } of format.formatToParts(at)) part[type] = Number(value);
	const wall = Date.UTC(part.year, part.month - 1, part.day, part.hour, part.minute, part.second);
	return wall - (at - (((at % 1000) + 1000) % 1000));
}

function assertDate(date: string): void {
	if (!isCalendarDate(date)) {
		throw new RangeError(`A shop date is written 'YYYY-MM-DD', got ${JSON.stringify(date)}`);
	}
}
