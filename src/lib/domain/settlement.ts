/**
 * The settlement at check-in: everything a rental owes, itemised per unit, set against the
 * deposit held and the payments made, ending in exactly one of a refund or a balance due.
 *
 * Pure: the caller derives the input from the rental's events (checked out, unit returned,
 * damage found) and money entries, and records the result as new entries. Expected refusals
 * (a return before check-out, damage above what a unit is worth, a discount above the charges)
 * come back as `{ ok: false, error }`; input that breaks an invariant (fractional fen, a NaN
 * time, one unit listed twice) throws.
 */
import { assertFen, sumFen } from './money.ts';
import { rentFor, type RateCard, type RentLine, type ShopCalendar } from './pricing.ts';

/** The terms one unit went out under, snapshotted into the rental at check-out. */
export interface RentalUnitTerms {
	/** The unit's inventory id. */
	unitId: string;
	/** The code on the unit's label, e.g. `'R-0012'`. */
	code: string;
	/** The model's name as the customer saw it, e.g. `'3.6 m 海竿'`. */
	modelName: string;
	/** The price card the unit went out under; a later price change does not alter it. */
	card: RateCard;
	/** What the shop charges for the unit if it is lost, in fen: the most its damage can cost. */
	replacementValue: number;
}

/** A unit that came back, and when (epoch ms). */
export interface UnitReturn {
	unitId: string;
	returnedAt: number;
}

/** Damage found on a unit at check-in, charged to the customer. */
export interface DamageItem {
	unitId: string;
	/** What is broken, in the staff's words, e.g. `'竿梢断了'`. */
	description: string;
	/** What the damage costs, in fen. */
	amount: number;
}

/** Consumables sold with the rental (bait, hooks, line). */
export interface Sale {
	name: string;
	/** How many, a whole number ≥ 1. */
	qty: number;
	/** Price of one, in fen. */
	unitPrice: number;
}

/** Money taken off the charges, with the reason the shop gave. */
export interface Discount {
	/** In fen; at most the charges before the discount. */
	amount: number;
	/** Why, e.g. `'老客户'`; required. */
	reason: string;
}

/** Everything a settlement is computed from. Amounts are fen, times epoch ms. */
export interface SettlementInput {
	/** When the rental went out; every unit's rent starts here. */
	checkedOutAt: number;
	/** The shop calendar snapshotted with the rental. */
	calendar: ShopCalendar;
	/** The units on the rental, each with its terms. */
	units: RentalUnitTerms[];
	/** Units already back; each unit's rent ends when it came back (partial returns). */
	returns: UnitReturn[];
	/** "Now": the rent of a unit not in `returns` runs until this moment. */
	asOf: number;
	damage: DamageItem[];
	sales: Sale[];
	discount?: Discount;
	/** Deposit the shop holds for this rental. */
	depositHeld: number;
	/** Sum of the payments made on this rental so far. */
	paid: number;
}

/** One unit's part of the bill. */
export interface UnitCharges {
	unitId: string;
	code: string;
	modelName: string;
	/** Rent runs from check-out… */
	rentFrom: number;
	/** …until the unit came back, or `asOf` when it has not. */
	rentUntil: number;
	/** False when the unit is not back and is priced as of `asOf`. */
	returned: boolean;
	rent: RentLine[];
	rentTotal: number;
	damage: DamageItem[];
	damageTotal: number;
	/** `rentTotal + damageTotal`. */
	total: number;
}

/** A sale with its amount, `qty × unitPrice`. */
export interface SaleLine extends Sale {
	amount: number;
}

/** The itemised part of a settlement, shared by both outcomes. */
export interface SettlementLines {
	/** Per unit, in the order of `SettlementInput.units`. */
	units: UnitCharges[];
	sales: SaleLine[];
	salesTotal: number;
	/** Units' totals plus sales, before the discount. */
	subtotal: number;
	discount: Discount | null;
	/** What the customer owes for the rental: `subtotal − discount`. */
	charges: number;
	depositHeld: number;
	paid: number;
}

/** Deposit and payments exceed the charges: the shop hands back `refund` (> 0). */
export interface Refund {
	refund: number;
	balanceDue?: undefined;
}

/** The customer owes `balanceDue` (≥ 0; 0 when deposit and payments cover the charges exactly). */
export interface BalanceDue {
	balanceDue: number;
	refund?: undefined;
}

/** A settlement: the lines, and exactly one of `refund` or `balanceDue`. */
export type Settlement = SettlementLines & (Refund | BalanceDue);

/** Why a settlement was refused; each names what a person must correct. */
export type SettlementError =
	| { code: 'unknown-unit'; unitId: string }
	| { code: 'unit-returned-twice'; unitId: string }
	| { code: 'return-before-check-out'; unitId: string; returnedAt: number; checkedOutAt: number }
	| { code: 'as-of-before-check-out'; asOf: number; checkedOutAt: number }
	| {
			code: 'damage-over-replacement-value';
			unitId: string;
			damage: number;
			replacementValue: number;
	  }
	| { code: 'discount-without-reason' }
	| { code: 'discount-over-charges'; discount: number; subtotal: number };

export type SettlementResult =
	{ ok: true; settlement: Settlement } | { ok: false; error: SettlementError };

/**
 * Settles a rental at check-in.
 *
 * Each unit's rent is `rentFor(card, checkedOutAt, its return or asOf, calendar)`. Damage to a
 * unit may total at most its replacement value; a discount needs a reason and may be at most the
 * subtotal. Then `charges = subtotal − discount`, and `refund = depositHeld + paid − charges`
 * when that is positive, otherwise `balanceDue = charges − depositHeld − paid` (so an exact
 * cover is `balanceDue: 0`).
 *
 * @throws {RangeError} on fractional or negative fen, a quantity that is not a whole number ≥ 1,
 *   a time that is not whole epoch ms, or a rate card or calendar that `rentFor` refuses.
 * @throws {Error} when `units` lists one unit twice.
 */
export function settle(input: SettlementInput): SettlementResult {
	assertInput(input);
	const refused = refuseTimes(input) ?? refuseDamage(input) ?? refuseDiscountReason(input);
	if (refused) return { ok: false, error: refused };

	const units = input.units.map((terms) => unitCharges(terms, input));
	const sales = input.sales.map((sale) => saleLine(sale));
	const salesTotal = sumFen(sales.map((sale) => sale.amount));
	const subtotal = sumFen([...units.map((unit) => unit.total), salesTotal]);
	const discount = input.discount ? { ...input.discount } : null;
	if (discount && discount.amount > subtotal) {
		return {
			ok: false,
			error: { code: 'discount-over-charges', discount: discount.amount, subtotal }
		};
	}
	const charges = subtotal - (discount?.amount ?? 0);
	const { depositHeld, paid } = input;
	const held = sumFen([depositHeld, paid]);
	const lines: SettlementLines = {
		units,
		sales,
		salesTotal,
		subtotal,
		discount,
		charges,
		depositHeld,
		paid
	};
	const settlement: Settlement =
		held > charges
			? { ...lines, refund: held - charges }
			: { ...lines, balanceDue: charges - held };
	return { ok: true, settlement };
}

/** One unit's rent and damage. Assumes the refusals have been checked. */
function unitCharges(terms: RentalUnitTerms, input: SettlementInput): UnitCharges {
	const back = input.returns.find((r) => r.unitId === terms.unitId);
	const rentUntil = back ? back.returnedAt : input.asOf;
	const rent = rentFor(terms.card, input.checkedOutAt, rentUntil, input.calendar);
	const damage = input.damage.filter((item) => item.unitId === terms.unitId);
	const damageTotal = sumFen(damage.map((item) => item.amount));
	return {
		unitId: terms.unitId,
		code: terms.code,
		modelName: terms.modelName,
		rentFrom: input.checkedOutAt,
		rentUntil,
		returned: back !== undefined,
		rent: rent.lines,
		rentTotal: rent.total,
		damage,
		damageTotal,
		total: sumFen([rent.total, damageTotal])
	};
}

function saleLine(sale: Sale): SaleLine {
	const amount = sale.qty * sale.unitPrice;
	assertFen(amount, `The amount of sale ${JSON.stringify(sale.name)}`);
	return { ...sale, amount };
}

/** Returns that name no unit on the rental, twice-returned units, returns before check-out. */
function refuseTimes(input: SettlementInput): SettlementError | undefined {
	const { checkedOutAt } = input;
	const unitIds = new Set(input.units.map((unit) => unit.unitId));
	const seen = new Set<string>();
	for (const { unitId, returnedAt } of input.returns) {
		if (!unitIds.has(unitId)) return { code: 'unknown-unit', unitId };
		if (seen.has(unitId)) return { code: 'unit-returned-twice', unitId };
		seen.add(unitId);
		if (returnedAt < checkedOutAt) {
			return { code: 'return-before-check-out', unitId, returnedAt, checkedOutAt };
		}
	}
	if (seen.size < unitIds.size && input.asOf < checkedOutAt) {
		return { code: 'as-of-before-check-out', asOf: input.asOf, checkedOutAt };
	}
	return undefined;
}

/** Damage to a unit not on the rental, or totalling more than the unit's replacement value. */
function refuseDamage(input: SettlementInput): SettlementError | undefined {
	for (const { unitId } of input.damage) {
		if (!input.units.some((unit) => unit.unitId === unitId))
			return { code: 'unknown-unit', unitId };
	}
	for (const { unitId, replacementValue } of input.units) {
		const items = input.damage.filter((item) => item.unitId === unitId);
		const damage = sumFen(items.map((item) => item.amount));
		if (damage > replacementValue) {
			return { code: 'damage-over-replacement-value', unitId, damage, replacementValue };
		}
	}
	return undefined;
}

function refuseDiscountReason(input: SettlementInput): SettlementError | undefined {
	const { discount } = input;
	return discount && discount.reason.trim() === ''
		? { code: 'discount-without-reason' }
		: undefined;
}

/** Throws on input that no person could have meant: the invariants of fen, times and units. */
function assertInput(input: SettlementInput): void {
	assertInstant(input.checkedOutAt, 'checkedOutAt');
	assertInstant(input.asOf, 'asOf');
	for (const { unitId, returnedAt } of input.returns) {
		assertInstant(returnedAt, `The return time of unit ${unitId}`);
	}
	const unitIds = new Set<string>();
	for (const { unitId, replacementValue } of input.units) {
		if (unitIds.has(unitId)) {
			throw new Error(`Unit ${unitId} is listed twice on one rental: list each unit once`);
		}
		unitIds.add(unitId);
		assertFen(replacementValue, `The replacement value of unit ${unitId}`);
	}
	for (const { unitId, amount } of input.damage) {
		assertFen(amount, `A damage amount on unit ${unitId}`);
	}
	for (const { name, qty, unitPrice } of input.sales) {
		if (!Number.isSafeInteger(qty) || qty < 1) {
			throw new RangeError(`The quantity of ${JSON.stringify(name)} must be a whole number ≥ 1`);
		}
		assertFen(unitPrice, `The unit price of ${JSON.stringify(name)}`);
	}
	if (input.discount) assertFen(input.discount.amount, 'The discount');
	assertFen(input.depositHeld, 'depositHeld');
	assertFen(input.paid, 'paid');
}

function assertInstant(value: number, what: string): void {
	if (!Number.isInteger(value)) {
		throw new RangeError(`${what} must be a whole number of epoch ms, got ${String(value)}`);
	}
}
