/**
 * How inventory data reads in the staff's language: category and spec names, price cards,
 * service rules, field errors and conflicts. Shared by the inventory pages and the dashboard.
 */
import type {
	Category,
	FieldErrorCode,
	LocalizedText,
	MaintenanceRule,
	Model,
	SpecField,
	UnitId
} from '$lib/domain/inventory.ts';
import { BRAND_MAX, MODEL_NAME_MAX, SPEC_TEXT_MAX, UNIT_NOTES_MAX } from '$lib/domain/inventory.ts';
import { i18n, t } from '$lib/i18n/i18n.svelte.ts';
import type { Inventory } from '$lib/state/inventory.svelte.ts';

/** A conflict the inventory shows: a status contradiction or a code used twice. */
export type InventoryConflict = Inventory['conflicts'][number];

/** Text the data carries in both languages, in the one the staff chose. */
export function localized(text: LocalizedText): string {
	return i18n.locale === 'en' ? text.en : text.zh;
}

/** A date and time in the shop's time zone, e.g. 2026年3月8日 14:05. */
export function dateTime(at: number): string {
	return `${i18n.date(at)} ${i18n.time(at)}`;
}

/** One spec value as printed: `3.6 m`, `4号`, a choice's label, or the text. */
export function specValueText(field: SpecField, value: string | number): string {
	if (field.kind === 'choice') {
		const option = field.options.find((o) => o.value === value);
		return option ? localized(option.label) : String(value);
	}
	if (field.kind === 'number' && field.unit) {
		// A Chinese unit sits on the number (4号); a Latin one gets a space that never breaks (3.6 m).
		return /^\p{Script=Han}/u.test(field.unit)
			? `${value}${field.unit}`
			: `${value}\u00a0${field.unit}`;
	}
	return String(value);
}

/**
 * A model's specs, short, in the category's order: a measure with its unit stands alone
 * (`3.6 m`); a bare number or a choice says what it is (`节数 3`, `硬度 硬`).
 */
export function specParts(model: Model, category: Category | undefined): string[] {
	const parts: string[] = [];
	for (const field of category?.specFields ?? []) {
		const value = model.specs[field.key];
		if (value === undefined || value === '') continue;
		const text = specValueText(field, value);
		const named =
			field.kind === 'number' && field.unit ? text : `${localized(field.label)} ${text}`;
		parts.push(named);
	}
	return parts;
}

/** A model's service rule in words. */
export function ruleText(rule: MaintenanceRule): string {
	const { everyRentals: rentals, everyRentalDays: days } = rule;
	if (rentals && days) return t('model.ruleBoth', { rentals, days });
	if (rentals) return t('model.ruleRentals', { rentals });
	if (days) return t('model.ruleDays', { days });
	return t('model.ruleNone');
}

const limits: Record<string, number> = {
	name: MODEL_NAME_MAX,
	brand: BRAND_MAX,
	notes: UNIT_NOTES_MAX
};

/** Why a field was refused, as a sentence; `field` picks the length limit of `too_long`. */
export function fieldErrorText(code: FieldErrorCode, field = ''): string {
	const max = limits[field] ?? SPEC_TEXT_MAX;
	return t(`invField.${code}`, { max });
}

/** A conflict explained so a person knows what to check; `date` formats its time. */
export function conflictText(conflict: InventoryConflict): string {
	switch (conflict.kind) {
		case 'out-twice':
			return t('conflict.out-twice', { n: conflict.rentalIds.length });
		case 'workshop-and-out':
			return t('conflict.workshop-and-out', { since: dateTime(conflict.workshopSince) });
		case 'lost-and-out':
			return t('conflict.lost-and-out', { since: dateTime(conflict.lostSince) });
		case 'retired-and-out':
			return t('conflict.retired-and-out');
		case 'returned-never-out':
			return t('conflict.returned-never-out', { date: dateTime(conflict.returnedAt) });
		case 'duplicate-code':
			return t('conflict.duplicate-code', { code: conflict.code, n: conflict.unitIds.length });
	}
}

/** The units a conflict is about. */
export function conflictUnits(conflict: InventoryConflict): UnitId[] {
	return conflict.kind === 'duplicate-code' ? conflict.unitIds : [conflict.unitId];
}

/** A staff member's name from the shop's staff list, or a neutral word when unknown. */
export function staffName(staff: readonly { id: string; name: string }[], id: string): string {
	return staff.find((s) => s.id === id)?.name ?? t('inventory.someone');
}
