import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { trackTyping, typingIn, TYPING_IDLE_MS } from '../../../../src/lib/sync/typing.ts';

describe('who is typing', () => {
	it.each([
		[
			'nobody',
			new Map([[1, { user: { id: 's-li', name: '小李' } }]]),
			{ customer: false, shop: false, staff: [] }
		],
		[
			'the customer',
			new Map([[2, { typing: true, user: { role: 'customer', id: 'c-1' } }]]),
			{ customer: true, shop: false, staff: [] }
		],
		[
			'another staff member, once however many tablets',
			new Map<number, unknown>([
				[3, { typing: true, user: { id: 's-wang', name: '老王' } }],
				[4, { typing: true, user: { id: 's-wang', name: '老王' } }]
			]),
			{ customer: false, shop: true, staff: [{ id: 's-wang', name: '老王' }] }
		],
		[
			'me, on this or another tablet, does not count',
			new Map<number, unknown>([
				[1, { typing: true, user: { id: 's-li', name: '小李' } }],
				[5, { typing: true, user: { id: 's-li', name: '小李' } }]
			]),
			{ customer: false, shop: false, staff: [] }
		],
		[
			'the shop, as a customer sees it (the server strips who)',
			new Map([[6, { typing: true, user: { role: 'staff' } }]]),
			{ customer: false, shop: true, staff: [] }
		],
		[
			'staff looking, not typing; typing as a string does not count',
			new Map<number, unknown>([
				[7, { user: { id: 's-wang', name: '老王' }, viewing: 'x' }],
				[8, { user: { id: 's-wang', name: '老王' }, typing: 'yes' }]
			]),
			{ customer: false, shop: false, staff: [] }
		]
	])('%s', (_story, states, expected) => {
		expect(typingIn(states as Map<number, unknown>, 1, 's-li')).toEqual(expected);
	});
});

describe('typing on an awareness', () => {
	afterEach(() => vi.useRealTimers());

	it('sets typing on a keystroke and clears it after a pause or when stopped', () => {
		vi.useFakeTimers();
		const awareness = new Awareness(new Y.Doc());
		const seen: boolean[] = [];
		const typist = trackTyping(awareness, 's-li', () => seen.push(true));
		typist.typing();
		expect(awareness.getLocalState()?.typing).toBe(true);
		vi.advanceTimersByTime(TYPING_IDLE_MS + 1);
		expect(awareness.getLocalState()?.typing).toBe(false);
		typist.typing();
		typist.stop();
		expect(awareness.getLocalState()?.typing).toBe(false);
		expect(seen.length).toBeGreaterThan(0);
		awareness.destroy();
	});
});
