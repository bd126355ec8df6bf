/**
 * The shop's rental rules, set by the owner in settings: the grace before a new period is
 * charged, the cleaning time after a return, the shop's holidays, and the rental length the
 * check-out suggests. A rental snapshots them (as a `ShopCalendar`) when it goes out, so a later
 * change never alters an open rental.
 */
import { isCalendarDate } from './inventory.ts';
import type { ShopCalendar } from './pricing.ts';

export interface RentalRules {
	/** Minutes a customer may run into a new 24-hour period before it is charged. */
	graceMinutes: number;
	/** Minutes a unit is held after each use for cleaning before it can go out again. */
	turnaroundMinutes: number;
	/** Days a new rental runs unless staff set another due time. */
	defaultDays: number;
	/** Shop holidays, `'YYYY-MM-DD'` in the shop's time zone, sorted. */
	holidays: string[];
}

export type RentalRuleField = 'graceMinutes' | 'turnaroundMinutes' | 'defaultDays';

export const rentalRuleFields: readonly RentalRuleField[] = [
	'graceMinutes',
	'turnaroundMinutes',
	'defaultDays'
];

/** What a shop gets before the owner sets anything: an hour's grace, two hours to clean. */
export const defaultRentalRules: Readonly<RentalRules> = {
	graceMinutes: 60,
	turnaroundMinutes: 120,
	defaultDays: 1,
	holidays: []
};

/** The largest value each number accepts: a day of grace or cleaning, a month's rental. */
export const rentalRuleLimits: Readonly<Record<RentalRuleField, number>> = {
	graceMinutes: 24 * 60,
	turnaroundMinutes: 24 * 60,
	defaultDays: 30
};

export type RentalRulesError = 'not_whole' | 'too_large' | 'too_small' | 'bad_date';

export type RentalRulesResult =
	| { ok: true; value: RentalRules }
	| { ok: false; errors: Partial<Record<RentalRuleField | 'holidays', RentalRulesError>> };

/** Checks rules an owner typed: whole numbers within limits (at least 1 day), valid dates. */
export function validateRentalRules(rules: RentalRules): RentalRulesResult {
	const errors: Partial<Record<RentalRuleField | 'holidays', RentalRulesError>> = {};
	for (const field of rentalRuleFields) {
		const value = rules[field];
		if (!Number.isSafeInteger(value) || value < 0) errors[field] = 'not_whole';
		else if (value > rentalRuleLimits[field]) errors[field] = 'too_large';
		else if (field === 'defaultDays' && value < 1) errors[field] = 'too_small';
	}
	if (!rules.holidays.every(isCalendarDate)) errors.holidays = 'bad_date';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { ...rules, holidays: [...new Set(rules.holidays)].sort() } };
}

/** The calendar a rental snapshots at check-out. */
export function calendarOf(rules: RentalRules, timeZone: string): ShopCalendar {
	return { timeZone, holidays: [...rules.holidays], graceMinutes: rules.graceMinutes };
}
