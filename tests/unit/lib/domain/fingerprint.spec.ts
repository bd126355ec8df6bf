import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../../../src/lib/domain/fingerprint.ts';

describe('fingerprint', () => {
	it('is stable, 16 hex digits, and differs for different text', () => {
		expect(fingerprint('abc')).toBe(fingerprint('abc'));
		expect(fingerprint('abc')).toMatch(/^[0-9a-f]{16}$/);
		expect(fingerprint('abc')).not.toBe(fingerprint('abd'));
	});

	it('keeps the values already recorded in ledgers (a change would flag every settled bill)', () => {
		expect(fingerprint('R-0012 3000')).toBe('ce6aac514a8183ee');
	});
});
