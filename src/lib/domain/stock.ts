/**
 * Gear the shop counts rather than labels (chairs, umbrellas) and consumables
 * it sells (bait, hooks, line): stock is a list of movements, appended by any
 * tablet and summed, so two tablets selling offline never overwrite a count.
 */
import type { ModelId } from './inventory.ts';

export type StockReason = 'received' | 'sold' | 'rented' | 'returned' | 'adjusted' | 'lost';

export const stockReasons: readonly StockReason[] = [
	'received',
	'sold',
	'rented',
	'returned',
	'adjusted',
	'lost'
];

/** One change to a model's count: positive in, negative out. */
export interface StockMovement {
	id: string;
	modelId: ModelId;
	/** Whole items; + received/returned, - sold/rented/lost, either for an adjustment. */
	delta: number;
	reason: StockReason;
	/** Epoch ms. */
	at: number;
	/** Staff id. */
	by: string;
	note?: string;
}

/** How many of each model are on hand, from every movement. */
export function stockOnHand(movements: readonly StockMovement[]): Map<ModelId, number> {
	const onHand = new Map<ModelId, number>();
	for (const m of movements) onHand.set(m.modelId, (onHand.get(m.modelId) ?? 0) + m.delta);
	return onHand;
}

/** Checks a movement before it is appended: whole, non-zero, and the sign fits the reason. */
export function validateMovement(
	m: Pick<StockMovement, 'delta' | 'reason'>,
	onHand: number
): { ok: true } | { ok: false; code: 'not-whole' | 'wrong-sign' | 'short' } {
	if (!Number.isInteger(m.delta) || m.delta === 0) return { ok: false, code: 'not-whole' };
	const outgoing = m.reason === 'sold' || m.reason === 'rented' || m.reason === 'lost';
	const incoming = m.reason === 'received' || m.reason === 'returned';
	if ((outgoing && m.delta > 0) || (incoming && m.delta < 0))
		return { ok: false, code: 'wrong-sign' };
	if (m.delta < 0 && onHand + m.delta < 0) return { ok: false, code: 'short' };
	return { ok: true };
}
