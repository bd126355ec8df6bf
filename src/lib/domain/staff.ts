/**
 * People who log in to the staff app. Pure shapes and input rules shared by the
 * login, setup and staff-management screens; the server checks the same rules.
 */

export type StaffRole = 'owner' | 'staff';

export const staffRoles: readonly StaffRole[] = ['owner', 'staff'];

/** What a signed-in tablet knows about its user. */
export interface StaffAccount {
	id: string;
	name: string;
	role: StaffRole;
}

/** A row of the owner's staff list. */
export interface StaffListing extends StaffAccount {
	active: boolean;
	/** Epoch ms; absent in the copy the server mirrors into the settings doc. */
	createdAt?: number;
}

export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 8;
export const STAFF_NAME_MAX_LENGTH = 20;

export type PinError = 'pin_required' | 'pin_format' | 'pin_mismatch';
export type StaffNameError = 'name_required' | 'name_too_long';

const PIN = new RegExp(`^[0-9]{${PIN_MIN_LENGTH},${PIN_MAX_LENGTH}}$`);

export function pinError(pin: string): PinError | undefined {
	if (pin === '') return 'pin_required';
	if (!PIN.test(pin)) return 'pin_format';
	return undefined;
}

/** A new PIN typed twice: both must match and be 4–8 digits. */
export function newPinError(pin: string, repeat: string): PinError | undefined {
	return pinError(pin) ?? (pin === repeat ? undefined : 'pin_mismatch');
}

export function staffNameError(name: string): StaffNameError | undefined {
	const trimmed = name.trim();
	if (trimmed === '') return 'name_required';
	if ([...trimmed].length > STAFF_NAME_MAX_LENGTH) return 'name_too_long';
	return undefined;
}

export function isStaffRole(value: unknown): value is StaffRole {
	return value === 'owner' || value === 'staff';
}

/** Owners first, then by name in the shop's language (pinyin order for Chinese names). */
export function sortStaff<T extends StaffListing>(list: readonly T[]): T[] {
	const collator = new Intl.Collator('zh-CN');
	return [...list].sort(
		(a, b) =>
			Number(b.role === 'owner') - Number(a.role === 'owner') || collator.compare(a.name, b.name)
	);
}
