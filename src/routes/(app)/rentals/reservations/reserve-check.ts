/**
 * What the reservation form shows while staff choose: how many units of the model are free for
 * the window, which units could be pinned, and the sentence for each way `canReserve` refuses.
 */
import type { ReserveRefusal, ReserveRequest } from '$lib/domain/availability.ts';
import type { UnitId } from '$lib/domain/inventory.ts';
import type { MessageKey } from '$lib/i18n/zh-CN.ts';

/** The ledger's `canReserve`, as the form calls it. */
export type ReserveCheck = (
	request: ReserveRequest
) => { ok: true } | { ok: false; reason: ReserveRefusal };

/** A unit as the pin list shows it for the window. */
export type UnitState = 'free' | 'out' | 'reserved' | 'unavailable';

export interface WindowAvailability {
	/** Units of the model that could still be reserved for the whole window. */
	available: number;
	/** Each unit asked about, as it stands in the window (before "some unit" bookings). */
	units: Map<UnitId, UnitState>;
}

function stateOf(reason: ReserveRefusal | null): UnitState {
	if (!reason || reason.code === 'none-free') return 'free';
	if (reason.code === 'unit-busy') return reason.rentalId ? 'out' : 'reserved';
	return 'unavailable';
}

/**
 * How many units are free for the window, asked of `canReserve` alone: each unit pinned on its
 * own says whether it is free of its own uses; pinning all those at once is refused as
 * `none-free` with the true count exactly when bookings of "any unit" take some of them.
 * Null when the window itself is refused (in the past, ends before it starts).
 */
export function windowAvailability(
	check: ReserveCheck,
	request: Omit<ReserveRequest, 'unitIds'>,
	unitIds: readonly UnitId[]
): WindowAvailability | { refusal: ReserveRefusal } {
	const whole = check(request);
	if (!whole.ok && (whole.reason.code === 'bad-window' || whole.reason.code === 'in-the-past')) {
		return { refusal: whole.reason };
	}
	const units = new Map<UnitId, UnitState>();
	for (const unitId of unitIds) {
		const alone = check({ ...request, unitIds: [unitId] });
		units.set(unitId, stateOf(alone.ok ? null : alone.reason));
	}
	const free = unitIds.filter((id) => units.get(id) === 'free');
	if (free.length === 0) return { available: 0, units };
	const all = check({ ...request, unitIds: free });
	const available = all.ok
		? free.length
		: all.reason.code === 'none-free'
			? all.reason.available
			: 0;
	return { available, units };
}

/** A refusal as a message: what is wrong and what to change. */
export function refusalMessage(
	reason: ReserveRefusal,
	codeOf: (unitId: UnitId) => string
): { key: MessageKey; params?: Record<string, string | number> } {
	switch (reason.code) {
		case 'bad-window':
			return { key: 'reservations.refused.badWindow' };
		case 'in-the-past':
			return { key: 'reservations.refused.inThePast' };
		case 'unit-not-of-model':
			return { key: 'reservations.refused.notOfModel', params: { code: codeOf(reason.unitId) } };
		case 'unit-unavailable':
			return { key: 'reservations.refused.unavailable', params: { code: codeOf(reason.unitId) } };
		case 'unit-busy':
			return {
				key: reason.rentalId ? 'reservations.refused.unitOut' : 'reservations.refused.unitReserved',
				params: { code: codeOf(reason.unitId) }
			};
		case 'none-free':
			return reason.available === 0
				? { key: 'reservations.refused.noneFree' }
				: {
						key: 'reservations.refused.tooFew',
						params: { available: reason.available, wanted: reason.wanted }
					};
	}
}
