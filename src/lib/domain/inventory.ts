/**
 * The shop's gear as plain data: categories, models (a kind of gear with its price card) and units
 * (one physical item with the code on its label), and the rules a new or edited one must pass.
 *
 * Pure: the `inventory` doc stores these shapes as they are. Validation returns a result with
 * field errors as codes (the UI turns each into a sentence in the staff's language); it throws only
 * when a caller breaks an invariant (an empty id, a bad code prefix).
 */
import { checkDamagePrices, type DamagePrice } from './damage-prices.ts';
import { isFen } from './money.ts';
import type { RateCard } from './pricing.ts';

/** Identifies a category, e.g. `'cat-sea-rod'`. */
export type CategoryId = string & { readonly __brand: 'CategoryId' };
/** Identifies a model (a kind of gear). */
export type ModelId = string & { readonly __brand: 'ModelId' };
/** Identifies one physical unit; not its printed code, which staff read and type. */
export type UnitId = string & { readonly __brand: 'UnitId' };

function brandId<T extends string>(raw: string, what: string): T {
	if (typeof raw !== 'string' || raw.trim() === '') {
		throw new RangeError(`${what} must be a non-empty string, got ${JSON.stringify(raw)}`);
	}
	return raw as T;
}

/** Marks a stored string as a category id; throws a `RangeError` on an empty one. */
export const categoryId = (raw: string): CategoryId => brandId(raw, 'CategoryId');
/** Marks a stored string as a model id; throws a `RangeError` on an empty one. */
export const modelId = (raw: string): ModelId => brandId(raw, 'ModelId');
/** Marks a stored string as a unit id; throws a `RangeError` on an empty one. */
export const unitId = (raw: string): UnitId => brandId(raw, 'UnitId');

/** A text the UI shows in both of its languages. */
export interface LocalizedText {
	zh: string;
	en: string;
}

interface SpecFieldBase {
	/** Stable key in `Model.specs`, e.g. `'length'`. */
	key: string;
	label: LocalizedText;
}

/** A measured spec, e.g. length in metres; stored as a number. */
export interface NumberSpecField extends SpecFieldBase {
	kind: 'number';
	/** The unit the number is in, as printed after it: `'m'`, `'g'`, `'L'`, `'号'`. */
	unit?: string;
	/** Only whole numbers (sections). */
	integer?: boolean;
}

/** A free-text spec, e.g. a reel's line capacity `'3号-150m'`. */
export interface TextSpecField extends SpecFieldBase {
	kind: 'text';
}

/** One allowed value of a choice spec. */
export interface SpecChoice {
	/** Stored value, e.g. `'ML'`. */
	value: string;
	label: LocalizedText;
}

/** A spec picked from a list, e.g. a lure rod's power. */
export interface ChoiceSpecField extends SpecFieldBase {
	kind: 'choice';
	options: SpecChoice[];
}

/** One spec that matters for a category. */
export type SpecField = NumberSpecField | TextSpecField | ChoiceSpecField;

/** A kind of gear the shop groups its models by (海竿, 渔线轮, …). */
export interface Category {
	id: CategoryId;
	name: LocalizedText;
	specFields: SpecField[];
	/** Letters new unit codes of this category start with, e.g. `'HG'` for `HG-0001`. */
	codePrefix?: string;
}

/** A model's price card (fen) plus what the shop charges when a unit is lost. */
export interface ModelRates extends RateCard {
	replacementValue: number;
}

/** When a unit of a model needs a service; unset parts never make it due. */
export interface MaintenanceRule {
	everyRentals?: number;
	everyRentalDays?: number;
}

/** How stock of a model is kept: one by one with codes, as a count, or sold as consumables. */
export type Tracking = 'unit' | 'counted' | 'consumable';

/** The kinds of tracking, in the order the UI offers them. */
export const trackings: readonly Tracking[] = ['unit', 'counted', 'consumable'];

/** A kind of gear, e.g. a 3.6 m 光威 海竿 with its price card. */
export interface Model {
	id: ModelId;
	categoryId: CategoryId;
	name: string;
	brand: string;
	/** Spec values by `SpecField.key`: numbers for number fields, strings otherwise. */
	specs: Record<string, string | number>;
	/** Attachment content hashes. */
	photos: string[];
	rates: ModelRates;
	maintenance: MaintenanceRule;
	tracking: Tracking;
	/** Price of one, in fen, when sold (consumables; gear the shop also sells). */
	salePrice?: number;
	/**
	 * What a broken or missing part costs the customer (`damage-prices.ts`), in the shop's order;
	 * absent when none are set. Read it with `damagePricesOf(model)`.
	 */
	damagePrices?: DamagePrice[];
	retired: boolean;
	/** Epoch ms. */
	createdAt: number;
}

/** One physical item of a model, e.g. the rod labelled `R-0012`. */
export interface Unit {
	id: UnitId;
	modelId: ModelId;
	/** Canonical code printed on the label (see `normalizeUnitCode`). */
	code: string;
	/** Condition notes in the staff's words. */
	notes: string;
	/** Attachment content hashes. */
	photos: string[];
	/** When the shop got it, `'YYYY-MM-DD'` in the shop's time zone. */
	acquiredOn?: string;
	retired: boolean;
	/** Epoch ms. */
	createdAt: number;
}

/** What a model form edits: a model without its id and creation time. */
export type ModelDraft = Omit<Model, 'id' | 'createdAt'>;
/** What a unit form edits: a unit without its id and creation time. */
export type UnitDraft = Omit<Unit, 'id' | 'createdAt'>;

/** Why a field was refused; the UI turns each code into a sentence. */
export type FieldErrorCode =
	| 'required'
	| 'too_long'
	| 'not_fen'
	| 'not_positive_whole'
	| 'not_a_number'
	| 'not_an_option'
	| 'unknown_spec'
	| 'unknown_category'
	| 'unknown_model'
	| 'not_tracked_by_unit'
	| 'bad_code'
	| 'duplicate_code'
	| 'bad_date'
	| 'future_date'
	| 'zero_amount'
	| 'over_replacement_value'
	| 'too_many';

/**
 * One refused field, e.g. `{ field: 'rates.daily', code: 'not_fen' }`, `specs.length` or
 * `damagePrices.<id>.amount`.
 */
export interface FieldError {
	field: string;
	code: FieldErrorCode;
}

/** The outcome of checking a form: the cleaned value, or every field that is wrong. */
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Longest model name, in characters. */
export const MODEL_NAME_MAX = 60;
/** Longest brand, in characters. */
export const BRAND_MAX = 40;
/** Longest text spec value, in characters. */
export const SPEC_TEXT_MAX = 40;
/** Longest unit notes, in characters. */
export const UNIT_NOTES_MAX = 500;

const CODE_INPUT = /^([A-Z]{1,4})[-_\u2010-\u2015]?(\d{1,6})$/;
const CODE_PREFIX = /^[A-Z]{1,4}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^\d+(?:\.\d+)?$/;

/** The parts of a unit code typed or scanned in any accepted form, or `undefined`. */
export function parseUnitCode(raw: string): { prefix: string; number: number } | undefined {
	const text = raw.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
	const match = CODE_INPUT.exec(text);
	if (!match) return undefined;
	const number = Number(match[2]);
	return number === 0 ? undefined : { prefix: match[1], number };
}

/** Writes a unit code in its canonical form: prefix letters, a hyphen, at least four digits. */
export function formatUnitCode(prefix: string, number: number): string {
	return `${prefix}-${String(number).padStart(4, '0')}`;
}

/**
 * The canonical form of a typed or scanned unit code, or `undefined` when it is not one.
 * Upper-case prefix of 1–4 letters, `-`, the number zero-padded to 4 digits (more when larger);
 * spaces, full-width characters and a missing or different dash are forgiven; zero is no number.
 * @example normalizeUnitCode(' r-12 ') // 'R-0012'; also 'R12', 'r0012', 'Ｒ－１２'
 */
export function normalizeUnitCode(raw: string): string | undefined {
	const parts = parseUnitCode(raw);
	return parts && formatUnitCode(parts.prefix, parts.number);
}

/**
 * The next code for a new unit with `prefix`: one past the highest number any code with that
 * prefix has ever had, so a retired unit's code is never printed again.
 * @throws {RangeError} when `prefix` is not 1–4 letters.
 */
export function nextUnitCode(prefix: string, existingCodes: Iterable<string>): string {
	return nextUnitCodes(prefix, existingCodes, 1)[0];
}

/**
 * The next `count` codes for new units with `prefix`, in order (adding five rods at once): one
 * pass over the existing codes, then consecutive numbers past the highest.
 * @throws {RangeError} when `prefix` is not 1–4 letters or `count` is not a whole number ≥ 0.
 */
export function nextUnitCodes(
	prefix: string,
	existingCodes: Iterable<string>,
	count: number
): string[] {
	const wanted = prefix.normalize('NFKC').trim().toUpperCase();
	if (!CODE_PREFIX.test(wanted)) {
		throw new RangeError(`A unit code prefix is 1–4 letters, got ${JSON.stringify(prefix)}`);
	}
	if (!Number.isSafeInteger(count) || count < 0) {
		throw new RangeError(`A count of new codes is a whole number ≥ 0, got ${count}`);
	}
	let highest = 0;
	for (const code of existingCodes) {
		const parts = parseUnitCode(code);
		if (parts?.prefix === wanted && parts.number > highest) highest = parts.number;
	}
	return Array.from({ length: count }, (_, i) => formatUnitCode(wanted, highest + 1 + i));
}

/** One code that more than one unit carries, e.g. R-0013 created on two tablets offline. */
export interface DuplicateCode {
	kind: 'duplicate-code';
	/** The code in its canonical form. */
	code: string;
	/** The units carrying it, oldest first (`createdAt`, then id). */
	unitIds: UnitId[];
}

/**
 * Codes carried by more than one unit, compared in canonical form, sorted by code. Two tablets
 * offline can both give out the next code; after the merge that is a conflict for a person to
 * resolve (relabel one unit), never hidden. Retired units count: their codes are never reused.
 */
export function duplicateCodes(
	units: readonly Pick<Unit, 'id' | 'code' | 'createdAt'>[]
): DuplicateCode[] {
	const byCode = new Map<string, Pick<Unit, 'id' | 'code' | 'createdAt'>[]>();
	for (const unit of units) {
		const code = normalizeUnitCode(unit.code) ?? unit.code;
		const group = byCode.get(code);
		if (group) group.push(unit);
		else byCode.set(code, [unit]);
	}
	const duplicates: DuplicateCode[] = [];
	for (const [code, group] of byCode) {
		if (group.length < 2) continue;
		group.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
		duplicates.push({ kind: 'duplicate-code', code, unitIds: group.map((u) => u.id) });
	}
	return duplicates.sort((a, b) => (a.code < b.code ? -1 : 1));
}

/** True for a real calendar date written `'YYYY-MM-DD'` (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
	const match = DATE.exec(text);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** The date at `at` (epoch ms) in `timeZone`, as `'YYYY-MM-DD'`. */
export function shopDate(at: number, timeZone: string): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).formatToParts(at);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** A copy of a model's editable fields: the start of an edit or of "duplicate this model". */
export function modelDraft(model: Model): ModelDraft {
	const { id: _id, createdAt: _createdAt, ...draft } = model;
	return structuredClone(draft);
}

/** Collects field errors while a validator walks a form. */
class Problems {
	readonly list: FieldError[] = [];
	add(field: string, code: FieldErrorCode): void {
		this.list.push({ field, code });
	}
	result<T>(value: T): Validated<T> {
		return this.list.length === 0 ? { ok: true, value } : { ok: false, errors: this.list };
	}
}

const length = (text: string): number => [...text].length;
const isPositiveWhole = (value: unknown): boolean =>
	typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * Checks a model form against the shop's categories and returns it cleaned: names trimmed, empty
 * specs dropped, number specs as numbers, choices in their stored spelling, unset optionals
 * absent (an empty damage price list too). A consumable needs a sale price.
 * @throws {RangeError} when two damage prices share an id (see `checkDamagePrices`).
 */
export function validateModel(
	draft: ModelDraft,
	categories: readonly Category[]
): Validated<ModelDraft> {
	const problems = new Problems();
	const name = draft.name.trim();
	const brand = draft.brand.trim();
	if (name === '') problems.add('name', 'required');
	else if (length(name) > MODEL_NAME_MAX) problems.add('name', 'too_long');
	if (length(brand) > BRAND_MAX) problems.add('brand', 'too_long');
	const category = categories.find((c) => c.id === draft.categoryId);
	if (!category) problems.add('categoryId', 'unknown_category');
	const specs = category ? cleanSpecs(draft.specs, category, problems) : {};
	const rates = cleanRates(draft.rates, problems);
	const maintenance = cleanMaintenance(draft.maintenance, problems);
	if (!trackings.includes(draft.tracking)) problems.add('tracking', 'not_an_option');
	if (draft.salePrice != null && !isFen(draft.salePrice)) problems.add('salePrice', 'not_fen');
	if (draft.salePrice == null && draft.tracking === 'consumable') {
		problems.add('salePrice', 'required');
	}
	const damage = checkDamagePrices(draft.damagePrices ?? [], rates.replacementValue);
	for (const error of damage.errors) problems.add(error.field, error.code);
	return problems.result<ModelDraft>({
		categoryId: draft.categoryId,
		name,
		brand,
		specs,
		photos: [...draft.photos],
		rates,
		maintenance,
		tracking: draft.tracking,
		...(draft.salePrice != null && { salePrice: draft.salePrice }),
		...(damage.value.length > 0 && { damagePrices: damage.value }),
		retired: draft.retired
	});
}

function cleanSpecs(
	specs: Record<string, string | number>,
	category: Category,
	problems: Problems
): Record<string, string | number> {
	const clean: Record<string, string | number> = {};
	for (const [key, raw] of Object.entries(specs)) {
		const field = category.specFields.find((f) => f.key === key);
		const text = String(raw).trim();
		if (text === '') continue;
		if (!field) {
			problems.add(`specs.${key}`, 'unknown_spec');
			continue;
		}
		const value = specValue(field, raw, text);
		if (typeof value === 'object') problems.add(`specs.${key}`, value.code);
		else clean[key] = value;
	}
	return clean;
}

/** A spec value as stored for its field, or the reason it cannot be. */
function specValue(
	field: SpecField,
	raw: string | number,
	text: string
): string | number | { code: FieldErrorCode } {
	if (field.kind === 'number') {
		const digits = text.normalize('NFKC');
		const value = typeof raw === 'number' ? raw : NUMBER.test(digits) ? Number(digits) : NaN;
		const whole = !field.integer || Number.isInteger(value);
		return Number.isFinite(value) && value >= 0 && whole ? value : { code: 'not_a_number' };
	}
	if (field.kind === 'choice') {
		const wanted = text.toLowerCase();
		const option = field.options.find((o) =>
			[o.value, o.label.zh, o.label.en].some((v) => v.toLowerCase() === wanted)
		);
		return option ? option.value : { code: 'not_an_option' };
	}
	return length(text) > SPEC_TEXT_MAX ? { code: 'too_long' } : text;
}

function cleanRates(rates: ModelRates, problems: Problems): ModelRates {
	for (const key of ['daily', 'deposit', 'replacementValue'] as const) {
		if (!isFen(rates[key])) problems.add(`rates.${key}`, 'not_fen');
	}
	const clean: ModelRates = {
		daily: rates.daily,
		deposit: rates.deposit,
		replacementValue: rates.replacementValue
	};
	for (const key of ['weekend', 'holiday', 'hourlyLate'] as const) {
		const value = rates[key];
		if (value == null) continue;
		if (isFen(value)) clean[key] = value;
		else problems.add(`rates.${key}`, 'not_fen');
	}
	return clean;
}

function cleanMaintenance(rule: MaintenanceRule, problems: Problems): MaintenanceRule {
	const clean: MaintenanceRule = {};
	for (const key of ['everyRentals', 'everyRentalDays'] as const) {
		const value = rule[key];
		if (value == null) continue;
		if (isPositiveWhole(value)) clean[key] = value;
		else problems.add(`maintenance.${key}`, 'not_positive_whole');
	}
	return clean;
}

/** What a unit is checked against: the models, the other units' codes, and today's date. */
export interface UnitContext {
	models: readonly Model[];
	/** Every unit, retired ones too: a code is never reused. */
	units: readonly Pick<Unit, 'id' | 'code'>[];
	/** The unit being edited, whose own code is not a duplicate. */
	self?: UnitId;
	/** Today in the shop's time zone (`shopDate`); an acquired date after it is refused. */
	today?: string;
}

/**
 * Checks a unit form and returns it cleaned: code canonical and unique, a model that is tracked
 * one by one, notes trimmed, a real acquired date not in the future.
 */
export function validateUnit(draft: UnitDraft, context: UnitContext): Validated<UnitDraft> {
	const problems = new Problems();
	const code = normalizeUnitCode(draft.code);
	if (draft.code.trim() === '') problems.add('code', 'required');
	else if (!code) problems.add('code', 'bad_code');
	else if (context.units.some((u) => u.id !== context.self && normalizeUnitCode(u.code) === code)) {
		problems.add('code', 'duplicate_code');
	}
	const model = context.models.find((m) => m.id === draft.modelId);
	if (!model) problems.add('modelId', 'unknown_model');
	else if (model.tracking !== 'unit') problems.add('modelId', 'not_tracked_by_unit');
	const notes = draft.notes.trim();
	if (length(notes) > UNIT_NOTES_MAX) problems.add('notes', 'too_long');
	const acquiredOn = draft.acquiredOn?.trim() || undefined;
	if (acquiredOn && !isCalendarDate(acquiredOn)) problems.add('acquiredOn', 'bad_date');
	else if (acquiredOn && context.today && acquiredOn > context.today) {
		problems.add('acquiredOn', 'future_date');
	}
	return problems.result<UnitDraft>({
		modelId: draft.modelId,
		code: code ?? draft.code,
		notes,
		photos: [...draft.photos],
		...(acquiredOn && { acquiredOn }),
		retired: draft.retired
	});
}
