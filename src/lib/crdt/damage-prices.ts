/**
 * How a model's damage prices lie in its record map (see records.ts): not as one array value,
 * which two tablets editing the list offline would overwrite whole (last writer wins), but as a
 * nested object keyed by row id that `flattenRecord` spreads over dotted keys,
 * `damagePrices.<id>` → `{ name, amount, order }`. So rows added on two tablets are both kept,
 * edits to different rows both land, and only two edits of the same row compete (the later wins).
 * A row removed on one tablet while another edits it comes back with the edit.
 *
 * `order` keeps the list's order without rewriting rows: a row keeps its stored order as long as
 * the list agrees with it, and a new row goes after the one before it. Two rows given the same
 * order on two tablets are listed by id.
 */
import type { DamagePrice } from '../domain/damage-prices.ts';

/** A damage price as its record map stores it, under `damagePrices.<id>`. */
export interface StoredDamagePrice {
	name: string;
	amount: number;
	/** Position in the list; rows are listed by it, then by id. */
	order: number;
}

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The order `stored` holds for a row, when it is a usable one. */
function orderOf(stored: unknown): number | undefined {
	return isPlain(stored) && typeof stored.order === 'number' && Number.isFinite(stored.order)
		? stored.order
		: undefined;
}

/**
 * A damage price list as the record map stores it. `existing` gives a row's stored value (by
 * id), so rows that did not move keep their order and an unchanged row writes nothing.
 */
export function storedDamagePrices(
	list: readonly DamagePrice[],
	existing: (id: string) => unknown = () => undefined
): Record<string, StoredDamagePrice> {
	const stored: Record<string, StoredDamagePrice> = {};
	let previous = 0;
	for (const { id, name, amount } of list) {
		const kept = orderOf(existing(id));
		const order = kept !== undefined && kept > previous ? kept : previous + 1;
		stored[id] = { name, amount, order };
		previous = order;
	}
	return stored;
}

function isStoredRow(value: unknown): value is { name: string; amount: number } {
	return (
		isPlain(value) &&
		typeof value.name === 'string' &&
		value.name.trim() !== '' &&
		typeof value.amount === 'number' &&
		Number.isSafeInteger(value.amount) &&
		value.amount > 0
	);
}

/**
 * A model's damage prices read back from what `readRecord` gives for the `damagePrices` field, in
 * order; `undefined` when there are none. Rows another replica wrote malformed (no name, an
 * amount that is not fen above 0) are skipped; a row without an order is listed last.
 */
export function readDamagePrices(value: unknown): DamagePrice[] | undefined {
	if (!isPlain(value)) return undefined;
	const rows: (DamagePrice & { order: number })[] = [];
	for (const [id, row] of Object.entries(value)) {
		if (!isStoredRow(row)) continue;
		rows.push({ id, name: row.name, amount: row.amount, order: orderOf(row) ?? Infinity });
	}
	if (rows.length === 0) return undefined;
	rows.sort((a, b) =>
		a.order !== b.order ? (a.order < b.order ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
	);
	return rows.map(({ id, name, amount }) => ({ id, name, amount }));
}
