/**
 * The model form as the staff type it — every field a string — and the way to and from a
 * `ModelDraft`. Prices are yuan typed with up to two decimals and become integer fen here,
 * read from the digits (`yuanToFen`), never through a float.
 */
import { damagePriceField, damagePricesOf, type DamagePrice } from '$lib/domain/damage-prices.ts';
import type {
	Category,
	CategoryId,
	FieldError,
	FieldErrorCode,
	ModelDraft,
	ModelRates,
	Tracking
} from '$lib/domain/inventory.ts';
import { fenToYuan, yuanToFen } from '$lib/domain/money.ts';

export type RateKey = keyof ModelRates;

/** The price fields in the order the form shows them. */
export const rateKeys: readonly RateKey[] = [
	'daily',
	'weekend',
	'holiday',
	'hourlyLate',
	'deposit',
	'replacementValue'
];
/** Prices every rented model needs; the others fall back to them when empty. */
const requiredRates = new Set<RateKey>(['daily', 'deposit', 'replacementValue']);

export const isRequiredRate = (key: RateKey): boolean => requiredRates.has(key);

/** One damage price row as typed: the amount in yuan. */
export interface DamagePriceRow {
	id: string;
	name: string;
	amount: string;
}

export interface ModelForm {
	categoryId: string;
	name: string;
	brand: string;
	specs: Record<string, string>;
	rates: Record<RateKey, string>;
	everyRentals: string;
	everyRentalDays: string;
	tracking: Tracking;
	salePrice: string;
	damagePrices: DamagePriceRow[];
	photos: string[];
	retired: boolean;
}

const yuan = (fen: number | undefined): string => (fen === undefined ? '' : fenToYuan(fen));
const whole = (n: number | undefined): string => (n === undefined ? '' : String(n));

/** An empty form, for a new model of `category` (or the first one). */
export function blankForm(category: Category | undefined): ModelForm {
	return {
		categoryId: category?.id ?? '',
		name: '',
		brand: '',
		specs: {},
		rates: Object.fromEntries(rateKeys.map((k) => [k, ''])) as Record<RateKey, string>,
		everyRentals: '',
		everyRentalDays: '',
		tracking: 'unit',
		salePrice: '',
		damagePrices: [],
		photos: [],
		retired: false
	};
}

/** The form showing a model as it is. */
export function formFromDraft(draft: ModelDraft): ModelForm {
	return {
		categoryId: draft.categoryId,
		name: draft.name,
		brand: draft.brand,
		specs: Object.fromEntries(Object.entries(draft.specs).map(([k, v]) => [k, String(v)])),
		rates: Object.fromEntries(rateKeys.map((k) => [k, yuan(draft.rates[k])])) as Record<
			RateKey,
			string
		>,
		everyRentals: whole(draft.maintenance.everyRentals),
		everyRentalDays: whole(draft.maintenance.everyRentalDays),
		tracking: draft.tracking,
		salePrice: yuan(draft.salePrice),
		damagePrices: damagePricesOf(draft).map((p) => ({ ...p, amount: fenToYuan(p.amount) })),
		photos: [...draft.photos],
		retired: draft.retired
	};
}

/** An empty damage price row with a fresh id, for the "add" button. */
export function blankDamagePrice(id: string = crypto.randomUUID()): DamagePriceRow {
	return { id, name: '', amount: '' };
}

/**
 * The damage prices typed in a form, and what is wrong with their typing: rows left blank are
 * dropped; an empty or unreadable amount carries `NaN` (the validator refuses it too).
 */
function damagePricesFromForm(rows: readonly DamagePriceRow[]): {
	list: DamagePrice[];
	errors: FieldError[];
} {
	const errors: FieldError[] = [];
	const list: DamagePrice[] = [];
	for (const row of rows) {
		const text = row.amount.trim();
		if (row.name.trim() === '' && text === '') continue;
		const amount = text === '' ? undefined : yuanToFen(text);
		if (amount === undefined) {
			errors.push({
				field: damagePriceField(row.id, 'amount'),
				code: text ? 'not_fen' : 'required'
			});
		}
		list.push({ id: row.id, name: row.name, amount: amount ?? NaN });
	}
	return { list, errors };
}

/** A whole number typed in a form; `NaN` when it is not one (the validator says why). */
function parseWhole(text: string): number | undefined {
	const clean = text.normalize('NFKC').trim();
	if (clean === '') return undefined;
	return /^\d+$/.test(clean) ? Number(clean) : NaN;
}

/**
 * The draft a filled-in form stands for, and what is wrong with its typing: an empty required
 * price, an amount that is not yuan. Those fields carry `NaN`, so `validateModel` refuses them
 * too; `mergeErrors` keeps the more precise reason. A consumable is sold, not rented: its
 * empty prices are 0 and it has no damage prices. Specs the chosen category does not have are
 * dropped.
 */
export function draftFromForm(
	form: ModelForm,
	category: Category | undefined
): { draft: ModelDraft; errors: FieldError[] } {
	const errors: FieldError[] = [];
	const rented = form.tracking !== 'consumable';
	const rates: Partial<ModelRates> = {};
	for (const key of rateKeys) {
		const text = form.rates[key].trim();
		if (text === '') {
			if (!isRequiredRate(key)) continue;
			if (rented) errors.push({ field: `rates.${key}`, code: 'required' });
			rates[key] = rented ? NaN : 0;
			continue;
		}
		const fen = yuanToFen(text);
		if (fen === undefined) errors.push({ field: `rates.${key}`, code: 'not_fen' });
		rates[key] = fen ?? NaN;
	}
	const sale = form.salePrice.trim();
	const salePrice = sale === '' ? undefined : (yuanToFen(sale) ?? NaN);
	if (Number.isNaN(salePrice)) errors.push({ field: 'salePrice', code: 'not_fen' });
	const fields = new Set(category?.specFields.map((f) => f.key));
	const specs = Object.fromEntries(
		Object.entries(form.specs).filter(([key, value]) => fields.has(key) && value.trim() !== '')
	);
	const damage = rented ? damagePricesFromForm(form.damagePrices) : { list: [], errors: [] };
	errors.push(...damage.errors);
	const everyRentals = parseWhole(form.everyRentals);
	const everyRentalDays = parseWhole(form.everyRentalDays);
	const draft: ModelDraft = {
		categoryId: form.categoryId as CategoryId,
		name: form.name,
		brand: form.brand,
		specs,
		photos: [...form.photos],
		rates: rates as ModelRates,
		maintenance: {
			...(everyRentals !== undefined && { everyRentals }),
			...(everyRentalDays !== undefined && { everyRentalDays })
		},
		tracking: form.tracking,
		...(salePrice !== undefined && { salePrice }),
		...(damage.list.length > 0 && { damagePrices: damage.list }),
		retired: form.retired
	};
	return { draft, errors };
}

/** One reason per field: the form's own reading first, then the validator's. */
export function mergeErrors(...lists: readonly FieldError[][]): Record<string, FieldErrorCode> {
	const byField: Record<string, FieldErrorCode> = {};
	for (const list of lists) for (const e of list) byField[e.field] ??= e.code;
	return byField;
}
