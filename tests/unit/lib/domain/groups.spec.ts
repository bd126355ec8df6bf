import { describe, expect, it } from 'vitest';
import {
	BROADCAST_LIMIT_PER_DAY,
	BROADCAST_LIMIT_PER_WEEK,
	broadcastAllowed,
	DAY_MS,
	isGroupId
} from '../../../../src/lib/domain/groups.ts';

const now = Date.UTC(2025, 5, 14, 12);
const hours = (n: number) => now - n * 60 * 60 * 1000;
const days = (n: number) => now - n * DAY_MS;

describe('broadcastAllowed', () => {
	it('keeps the documented limits', () => {
		expect([BROADCAST_LIMIT_PER_DAY, BROADCAST_LIMIT_PER_WEEK]).toEqual([1, 3]);
	});

	it.each([
		{ story: 'never received one', received: [], allowed: true },
		{ story: 'one this morning', received: [hours(3)], allowed: false },
		{ story: 'one 23 h 59 ago', received: [now - DAY_MS + 60_000], allowed: false },
		{ story: 'one exactly 24 h ago: the window has passed', received: [days(1)], allowed: true },
		{ story: 'two this week, none today', received: [days(2), days(5)], allowed: true },
		{ story: 'three this week, none today', received: [days(2), days(4), days(6)], allowed: false },
		{ story: 'three, the oldest 7 days ago', received: [days(2), days(4), days(7)], allowed: true },
		{ story: 'many long ago', received: [days(8), days(9), days(10), days(30)], allowed: true }
	])('$story → $allowed', ({ received, allowed }) => {
		expect(broadcastAllowed(received, now)).toBe(allowed);
	});
});

describe('isGroupId', () => {
	it.each([
		['g-abcdef234567', true],
		['g-', false],
		['c-88', false],
		['3f1c2d4e-0000-4000-8000-000000000000', false],
		['g-bad id', false]
	])('%s → %s', (id, expected) => {
		expect(isGroupId(id)).toBe(expected);
	});
});
