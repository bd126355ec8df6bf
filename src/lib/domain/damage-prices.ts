/**
 * A model's damage price list (issue #4): what the shop charges when a rented unit comes back with
 * one part broken or missing — a broken tip section, a lost reel handle — short of losing the
 * whole unit, which costs the model's replacement value.
 *
 * Pure, like `inventory.ts`, whose `validateModel` checks the list with `checkDamagePrices`.
 * Field errors name a row by its id (`damagePrices.<id>.amount`), so a form that drops blank rows
 * still puts each error on the right row.
 */
import { isFen } from './money.ts';
import type { FieldError, FieldErrorCode, Model } from './inventory.ts';

/** One line of a model's damage price list, e.g. 竿梢断裂 ¥80. */
export interface DamagePrice {
	/** Stable within its model (a fresh random id from the form), so edits merge row by row. */
	id: string;
	/** What broke or went missing, in the staff's words. */
	name: string;
	/** What the customer pays, in fen: more than 0, at most the model's replacement value. */
	amount: number;
}

/** Longest damage name, in characters. */
export const DAMAGE_PRICE_NAME_MAX = 40;
/** Most damage prices one model may list. */
export const DAMAGE_PRICES_MAX = 20;
/** The field of `Model` (and of a field error about the whole list). */
export const DAMAGE_PRICES_FIELD = 'damagePrices';

/** A model's damage prices in the order the shop listed them; none when it has not set any. */
export function damagePricesOf(model: Pick<Model, 'damagePrices'>): readonly DamagePrice[] {
	return model.damagePrices ?? [];
}

/** The field a row's error is about, e.g. `damagePrices.9f2c….name`. */
export function damagePriceField(id: string, part: 'name' | 'amount'): string {
	return `${DAMAGE_PRICES_FIELD}.${id}.${part}`;
}

const length = (text: string): number => [...text].length;

/**
 * Checks a model's damage prices and returns them cleaned (names trimmed, order kept) with every
 * refused field: a name is required and at most `DAMAGE_PRICE_NAME_MAX` characters; an amount is
 * whole fen above 0 and at most `replacementValue` (not compared when that is itself no amount);
 * at most `DAMAGE_PRICES_MAX` rows.
 * @throws {RangeError} when a row has an empty id or two rows share one: the caller's bug, not
 *   something staff typed.
 */
export function checkDamagePrices(
	list: readonly DamagePrice[],
	replacementValue: number
): { value: DamagePrice[]; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const seen = new Set<string>();
	const value: DamagePrice[] = [];
	if (list.length > DAMAGE_PRICES_MAX) {
		errors.push({ field: DAMAGE_PRICES_FIELD, code: 'too_many' });
	}
	for (const row of list) {
		if (typeof row.id !== 'string' || row.id.trim() === '' || seen.has(row.id)) {
			throw new RangeError(`A damage price needs an id of its own, got ${JSON.stringify(row.id)}`);
		}
		seen.add(row.id);
		const name = row.name.trim();
		if (name === '') errors.push({ field: damagePriceField(row.id, 'name'), code: 'required' });
		else if (length(name) > DAMAGE_PRICE_NAME_MAX) {
			errors.push({ field: damagePriceField(row.id, 'name'), code: 'too_long' });
		}
		const code = amountError(row.amount, replacementValue);
		if (code) errors.push({ field: damagePriceField(row.id, 'amount'), code });
		value.push({ id: row.id, name, amount: row.amount });
	}
	return { value, errors };
}

function amountError(amount: number, replacementValue: number): FieldErrorCode | undefined {
	if (!isFen(amount)) return 'not_fen';
	if (amount === 0) return 'zero_amount';
	if (isFen(replacementValue) && amount > replacementValue) return 'over_replacement_value';
	return undefined;
}
