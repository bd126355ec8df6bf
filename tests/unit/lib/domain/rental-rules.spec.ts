import { describe, expect, it } from 'vitest';
import {
	calendarOf,
	defaultRentalRules,
	validateRentalRules,
	type RentalRules
} from '../../../../src/lib/domain/rental-rules.ts';

const rules = (patch: Partial<RentalRules> = {}): RentalRules => ({
	...defaultRentalRules,
	...patch
});

describe('validateRentalRules', () => {
	it.each<[string, Partial<RentalRules>, Record<string, string> | null]>([
		['the defaults', {}, null],
		['no grace at all', { graceMinutes: 0 }, null],
		['half a minute of grace', { graceMinutes: 0.5 }, { graceMinutes: 'not_whole' }],
		['negative cleaning time', { turnaroundMinutes: -5 }, { turnaroundMinutes: 'not_whole' }],
		['two days of grace', { graceMinutes: 48 * 60 }, { graceMinutes: 'too_large' }],
		['rentals of zero days', { defaultDays: 0 }, { defaultDays: 'too_small' }],
		['a holiday that is not a date', { holidays: ['2026-02-30'] }, { holidays: 'bad_date' }]
	])('%s', (_story, patch, errors) => {
		const result = validateRentalRules(rules(patch));
		expect(result.ok ? null : result.errors).toEqual(errors);
	});

	it('sorts holidays and drops repeats', () => {
		const result = validateRentalRules(
			rules({ holidays: ['2026-10-02', '2026-10-01', '2026-10-02'] })
		);
		expect(result.ok && result.value.holidays).toEqual(['2026-10-01', '2026-10-02']);
	});
});

describe('calendarOf', () => {
	it('is the calendar a rental snapshots: zone, holidays, grace', () => {
		const calendar = calendarOf(
			rules({ graceMinutes: 30, holidays: ['2026-10-01'] }),
			'Asia/Shanghai'
		);
		expect(calendar).toEqual({
			timeZone: 'Asia/Shanghai',
			holidays: ['2026-10-01'],
			graceMinutes: 30
		});
	});
});
