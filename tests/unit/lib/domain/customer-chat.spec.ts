import { describe, expect, it } from 'vitest';
import {
	customerIdFromToken,
	lastMessageId,
	pendingMessageIds,
	readByShop,
	shopReadIndex,
	timeLeft,
	type MessageClock
} from '../../../../src/lib/domain/customer-chat.ts';
import type { Message } from '../../../../src/lib/domain/thread.ts';

const AT = 1_750_000_000_000;
const me = { role: 'customer', id: 'c-88' } as const;
const wang = { role: 'staff', id: 'wang' } as const;
const li = { role: 'staff', id: 'li' } as const;
const text = (id: string, from: Message['from'], words = '好的'): Message => ({
	id,
	from,
	at: AT,
	kind: 'text',
	text: words
});

/** A token as the server signs it: base64url(JSON claims) + '.' + a MAC (not checked here). */
const tokenFor = (claims: object) =>
	`${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2lnbmF0dXJl`;

describe('customerIdFromToken', () => {
	it.each([
		['a customer link', { role: 'customer', sub: 'c-88', iat: 1, jti: 'x' }, 'c-88'],
		['a customer id with a UUID', { role: 'customer', sub: '0b6f-4e2a_9', iat: 1 }, '0b6f-4e2a_9'],
		['a staff token', { role: 'staff', sub: 'wang', iat: 1 }, null],
		['an id that is not a doc-name id', { role: 'customer', sub: 'c/88', iat: 1 }, null],
		['no subject', { role: 'customer', iat: 1 }, null]
	])('%s', (_story, claims, expected) => {
		expect(customerIdFromToken(tokenFor(claims))).toBe(expected);
	});

	it.each([
		['', 'no token'],
		['abc', 'no signature'],
		['a.b.c', 'three parts'],
		['%%%.x', 'not base64url'],
		['bm90IGpzb24.x', 'not JSON']
	])('refuses %j (%s)', (token) => {
		expect(customerIdFromToken(token)).toBeNull();
	});

	it('reads a payload whose base64url padding was dropped', () => {
		const token = tokenFor({ role: 'customer', sub: 'a', iat: 1_700_000_000_000 });
		expect(token.split('.')[0]).not.toContain('=');
		expect(customerIdFromToken(token)).toBe('a');
	});
});

describe('shop reading', () => {
	const thread = [text('m1', me), text('m2', wang), text('m3', me), text('m4', me)];

	it('nobody at the shop has read anything yet', () => {
		expect(shopReadIndex([text('m1', me)], {})).toBe(-1);
		expect(readByShop('customer:c-88', [text('m1', me)], {})).toBeNull();
	});

	it('the furthest any staff member read counts', () => {
		const receipts = { 'staff:li': 'm3', 'staff:wang': 'm1' };
		expect(shopReadIndex(thread, receipts)).toBe(2);
		expect(readByShop('customer:c-88', thread, receipts)).toBeNull();
		expect(readByShop('customer:c-88', thread, { 'staff:li': 'm4' })).toBe('m4');
	});

	it('staff who answered have read what came before', () => {
		expect(shopReadIndex([text('m1', me), text('m2', li)], {})).toBe(1);
		expect(readByShop('customer:c-88', [text('m1', me), text('m2', li)], {})).toBe('m1');
	});

	it("the customer's own receipt and a customer's word are not the shop's", () => {
		const receipts = { 'customer:c-88': 'm4', 'customer:c-99': 'm4' };
		expect(readByShop('customer:c-88', thread, receipts)).toBeNull();
	});

	it('a read edit marks the bubble it changed', () => {
		const edited: Message[] = [
			text('m1', me),
			{ id: 'e1', from: me, at: AT + 1, kind: 'edit', of: 'm1', text: '改一下' }
		];
		expect(readByShop('customer:c-88', edited, { 'staff:wang': 'e1' })).toBe('m1');
	});
});

describe('pendingMessageIds', () => {
	const messages = [text('m1', me), text('m2', wang), text('m3', me), text('m4', me)];
	const clocks = new Map<string, MessageClock>([
		['m1', { client: 7, clock: 0 }],
		['m2', { client: 9, clock: 0 }],
		// m3 and m4 were written offline in one merged struct run of client 7.
		['m3', { client: 7, clock: 1 }],
		['m4', { client: 7, clock: 2 }]
	]);

	it.each([
		['the server has never answered', null, ['m1', 'm3', 'm4']],
		['the server holds the first message only', new Map([[7, 1]]), ['m3', 'm4']],
		['the server holds one of the offline pair', new Map([[7, 2]]), ['m4']],
		[
			'the server holds everything',
			new Map([
				[7, 3],
				[9, 1]
			]),
			[]
		],
		['staff messages are never ours to send', new Map([[7, 3]]), []]
	])('%s', (_story, serverStateVector, expected) => {
		expect(pendingMessageIds('customer:c-88', messages, clocks, serverStateVector)).toEqual(
			expected
		);
	});

	it('a message with no known struct (malformed row skipped) is not shown as pending', () => {
		expect(pendingMessageIds('customer:c-88', [text('m9', me)], clocks, null)).toEqual([]);
	});
});

describe('timeLeft', () => {
	const HOUR = 3_600_000;
	it.each([
		['due in a day and an hour', 25 * HOUR, { overdue: false, days: 1, hours: 1, minutes: 0 }],
		['due in 90 minutes', 1.5 * HOUR, { overdue: false, days: 0, hours: 1, minutes: 30 }],
		['due in under a minute', 30_000, { overdue: false, days: 0, hours: 0, minutes: 0 }],
		['two hours late', -2 * HOUR, { overdue: true, days: 0, hours: 2, minutes: 0 }],
		[
			'a day and a quarter late',
			-(24 + 0.25) * HOUR,
			{ overdue: true, days: 1, hours: 0, minutes: 15 }
		]
	])('%s', (_story, fromNow, expected) => {
		expect(timeLeft(AT + fromNow, AT)).toEqual(expected);
	});
});

describe('lastMessageId', () => {
	it('names the last message, or nothing in an empty thread', () => {
		expect(lastMessageId([])).toBeNull();
		expect(lastMessageId([text('m1', me), text('m2', wang)])).toBe('m2');
	});
});
