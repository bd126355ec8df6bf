/**
 * Figures the inventory pages and the dashboard show about many units at once: how many are in
 * each status, shop-wide or per model. Pure; the statuses come from `deriveAllStatuses`.
 */
import type { ModelId, Unit, UnitId } from './inventory.ts';
import type { UnitStatus } from './unit-status.ts';

/** Every status, in the order the UI lists them: usable first, then what needs attention. */
export const unitStatuses: readonly UnitStatus[] = [
	'in-stock',
	'reserved',
	'out',
	'overdue',
	'workshop',
	'lost',
	'retired'
];

/** How many units are in each status; every status is present, zero or not. */
export type StatusCounts = Record<UnitStatus, number>;

/** Zero of every status. */
export function emptyStatusCounts(): StatusCounts {
	return Object.fromEntries(unitStatuses.map((s) => [s, 0])) as StatusCounts;
}

/** Counts units by their derived status; a unit without one (not derived yet) is not counted. */
export function countByStatus(
	units: readonly Pick<Unit, 'id'>[],
	statuses: ReadonlyMap<UnitId, { status: UnitStatus }>
): StatusCounts {
	const counts = emptyStatusCounts();
	for (const unit of units) {
		const status = statuses.get(unit.id)?.status;
		if (status) counts[status] += 1;
	}
	return counts;
}

/** Counts each model's units by status, in one pass over the units. */
export function countByModelAndStatus(
	units: readonly Pick<Unit, 'id' | 'modelId'>[],
	statuses: ReadonlyMap<UnitId, { status: UnitStatus }>
): Map<ModelId, StatusCounts> {
	const byModel = new Map<ModelId, StatusCounts>();
	for (const unit of units) {
		const status = statuses.get(unit.id)?.status;
		if (!status) continue;
		let counts = byModel.get(unit.modelId);
		if (!counts) byModel.set(unit.modelId, (counts = emptyStatusCounts()));
		counts[status] += 1;
	}
	return byModel;
}
