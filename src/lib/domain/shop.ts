/**
 * The shop's public profile: what a customer needs to find and reach the shop.
 * Pure data and validation; the `settings` doc stores it field by field (see crdt/settings.ts).
 */

export interface ShopProfile {
	name: string;
	phone: string;
	address: string;
	/** Free text as the owner writes it, e.g. "每天 6:00–19:00，周二休息". */
	hours: string;
}

export type ShopProfileField = keyof ShopProfile;

export const shopProfileFields: readonly ShopProfileField[] = ['name', 'phone', 'address', 'hours'];

/** The time zone every calendar question is answered in unless the shop says otherwise. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Longest value each field accepts, in characters. */
export const shopProfileLimits: Readonly<Record<ShopProfileField, number>> = {
	name: 40,
	phone: 30,
	address: 120,
	hours: 200
};

export function emptyShopProfile(): ShopProfile {
	return { name: '', phone: '', address: '', hours: '' };
}

/** Why a field was refused; the UI turns each into a sentence. */
export type ShopFieldError = 'required' | 'too_long' | 'bad_phone';

export type ShopProfileErrors = Partial<Record<ShopProfileField, ShopFieldError>>;

export type ShopProfileResult =
	{ ok: true; value: ShopProfile } | { ok: false; errors: ShopProfileErrors };

// Digits with the separators people write in phone numbers: +86 138-0000-0000, (0571) 8888 8888.
const PHONE = /^\+?[0-9(][0-9 ()-]*[0-9]$/;
const PHONE_MIN_DIGITS = 5;

/** Trims every field so stray spaces never reach the doc. */
export function normalizeShopProfile(profile: ShopProfile): ShopProfile {
	return {
		name: profile.name.trim(),
		phone: profile.phone.trim(),
		address: profile.address.trim(),
		hours: profile.hours.trim()
	};
}

function fieldError(field: ShopProfileField, value: string): ShopFieldError | undefined {
	if (field === 'name' && value === '') return 'required';
	if ([...value].length > shopProfileLimits[field]) return 'too_long';
	if (field === 'phone' && value !== '') {
		const digits = value.replace(/\D/g, '').length;
		if (!PHONE.test(value) || digits < PHONE_MIN_DIGITS) return 'bad_phone';
	}
	return undefined;
}

/** Checks a whole profile after trimming; the name is the only required field. */
export function validateShopProfile(profile: ShopProfile): ShopProfileResult {
	const value = normalizeShopProfile(profile);
	const errors: ShopProfileErrors = {};
	for (const field of shopProfileFields) {
		const error = fieldError(field, value[field]);
		if (error) errors[field] = error;
	}
	return Object.keys(errors).length === 0 ? { ok: true, value } : { ok: false, errors };
}

/** The fields of `next` that differ from `current`: what a save has to write. */
export function changedShopFields(current: ShopProfile, next: ShopProfile): Partial<ShopProfile> {
	const patch: Partial<ShopProfile> = {};
	for (const field of shopProfileFields) {
		if (current[field] !== next[field]) patch[field] = next[field];
	}
	return patch;
}
