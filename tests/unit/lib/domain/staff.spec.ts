import { describe, expect, it } from 'vitest';
import {
	newPinError,
	pinError,
	sortStaff,
	staffNameError
} from '../../../../src/lib/domain/staff.ts';

describe('PIN rules', () => {
	it.each([
		['', 'pin_required'],
		['123', 'pin_format'],
		['1234', undefined],
		['12345678', undefined],
		['123456789', 'pin_format'],
		['12a4', 'pin_format'],
		['１２３４', 'pin_format']
	])('%j → %s', (pin, expected) => {
		expect(pinError(pin)).toBe(expected);
	});

	it('wants the repeated PIN to match', () => {
		expect(newPinError('2468', '2469')).toBe('pin_mismatch');
		expect(newPinError('2468', '2468')).toBeUndefined();
		expect(newPinError('24', '24')).toBe('pin_format');
	});
});

describe('staff names', () => {
	it.each([
		['', 'name_required'],
		['   ', 'name_required'],
		['小李', undefined],
		['名'.repeat(21), 'name_too_long']
	])('%j → %s', (name, expected) => {
		expect(staffNameError(name)).toBe(expected);
	});

	it('sorts owners first, then by name', () => {
		const sorted = sortStaff([
			{ id: '1', name: '赵六', role: 'staff', active: true },
			{ id: '2', name: '王五', role: 'owner', active: true },
			{ id: '3', name: '李四', role: 'staff', active: true }
		]);
		expect(sorted.map((s) => s.name)).toEqual(['王五', '李四', '赵六']);
	});
});
