import { describe, expect, it } from 'vitest';
import {
	emptyThreadMeta,
	inboxRow,
	isStaffReceiptKey,
	preview,
	previewLength,
	readInboxRow,
	sameRow,
	type ThreadMeta
} from '../../../../src/lib/domain/inbox.ts';
import type { Message } from '../../../../src/lib/domain/thread.ts';

const T = 1_750_000_000_000;
const min = 60_000;
let seq = 0;

const customer = (text: string, at: number): Message => ({
	id: `m${++seq}`,
	from: { role: 'customer', id: 'c1' },
	at,
	kind: 'text',
	text
});
const staff = (text: string, at: number, id = 'acc-wang'): Message => ({
	id: `m${++seq}`,
	from: { role: 'staff', id },
	at,
	kind: 'text',
	text
});
const photo = (at: number): Message => ({
	id: `m${++seq}`,
	from: { role: 'customer', id: 'c1' },
	at,
	kind: 'image',
	blob: 'ab'.repeat(32),
	mime: 'image/jpeg',
	size: 1000
});
const system = (text: string, at: number): Message => ({
	id: `m${++seq}`,
	from: { role: 'system', id: 'shop' },
	at,
	kind: 'system',
	text
});
const bot = (text: string, at: number): Message => ({
	id: `m${++seq}`,
	from: { role: 'bot', id: 'assistant' },
	at,
	kind: 'text',
	text
});
const retract = (of: Message, at: number): Message => ({
	id: `m${++seq}`,
	from: of.from,
	at,
	kind: 'retract',
	of: of.id
});
const edit = (of: Message, text: string, at: number): Message => ({
	id: `m${++seq}`,
	from: of.from,
	at,
	kind: 'edit',
	of: of.id,
	text
});

function row(
	messages: Message[],
	receipts: Record<string, string> = {},
	meta: Partial<ThreadMeta> = {}
) {
	return inboxRow({
		threadId: 'c1',
		title: '张大爷',
		messages,
		receipts,
		meta: { ...emptyThreadMeta(), ...meta }
	});
}

describe('inbox row: unread and waiting', () => {
	const q1 = customer('明天有 3.6 米海竿吗？', T);
	const q2 = customer('要两根', T + min);
	const a1 = staff('有的，给您留两根', T + 2 * min);
	const q3 = customer('好的，几点开门？', T + 3 * min);
	const ask = [q1, q2];
	const answered = [q1, q2, a1];
	const followUp = [q1, q2, a1, q3];

	it.each([
		['a new thread with nothing in it', [], {}, 0, false],
		['a customer asks twice and nobody has looked', ask, {}, 2, true],
		['staff read the first question only', ask, { 'staff:acc-wang': q1.id }, 1, true],
		['the owner read both on the phone', ask, { 'staff:acc-li': q2.id }, 0, true],
		['the bot’s receipt is not the shop reading', ask, { 'bot:assistant': q2.id }, 2, true],
		['the customer’s own receipt counts for nothing', ask, { 'customer:c1': q2.id }, 2, true],
		[
			'two staff read different amounts: the furthest counts',
			ask,
			{ 'staff:acc-wang': q1.id, 'staff:acc-zhang': q2.id },
			0,
			true
		],
		['staff answered after reading', answered, { 'staff:acc-wang': q2.id }, 0, false],
		['staff who answer have read what came before, receipt or not', answered, {}, 0, false],
		['the customer follows up after the answer', followUp, { 'staff:acc-wang': a1.id }, 1, true],
		[
			'a receipt for a message not yet arrived is ignored',
			ask,
			{ 'staff:acc-wang': 'm-unknown' },
			2,
			true
		]
	])('%s', (_story, messages, receipts, unread, waiting) => {
		const r = row(messages, receipts);
		expect({ unread: r.unread, waiting: r.waiting }).toEqual({ unread, waiting });
	});

	it.each([
		['a photo from the customer is unread and waits', [photo(T)], 1, true],
		[
			'a bot’s auto-reply is not unread, and the shop has answered',
			[q1, bot('营业时间…', T + 1)],
			1,
			false
		],
		[
			'a system notice after the question does not answer it',
			[q1, system('链接已更新', T + 1)],
			1,
			true
		],
		['a retracted question is nothing to read', [q1, q2, retract(q2, T + 2 * min)], 1, true],
		['an edit is not a new message', [q1, edit(q1, '明天有 4.5 米的吗？', T + 1)], 1, true]
	])('%s', (_story, messages, unread, waiting) => {
		const r = row(messages);
		expect({ unread: r.unread, waiting: r.waiting }).toEqual({ unread, waiting });
	});
});

describe('inbox row: status', () => {
	const q = customer('押金什么时候退？', T);
	const a = staff('还竿时退', T + min);
	it.each([
		['untriaged', [q], {}, 'open'],
		[
			'staff mark it pending while they check',
			[q, a],
			{ status: 'pending', statusAt: T + 2 * min },
			'pending'
		],
		[
			'resolved after the answer',
			[q, a],
			{ status: 'resolved', statusAt: T + 2 * min },
			'resolved'
		],
		[
			'a customer message after it was resolved reopens it',
			[q, a, customer('还有一个问题', T + 3 * min)],
			{ status: 'resolved', statusAt: T + 2 * min },
			'open'
		],
		[
			'resolved again after the reopening question',
			[q, a, customer('还有一个问题', T + 3 * min)],
			{ status: 'resolved', statusAt: T + 4 * min },
			'resolved'
		],
		[
			'a staff message after resolving does not reopen',
			[q, staff('欢迎再来', T + 3 * min)],
			{ status: 'resolved', statusAt: T + 2 * min },
			'resolved'
		]
	] as const)('%s → %s', (_story, messages, meta, status) => {
		expect(row([...messages], {}, meta).status).toBe(status);
	});
});

describe('inbox row: what the list shows', () => {
	it('shows the last message, the assignee, the labels and the latest activity', () => {
		const last = staff('好的', T + min);
		const r = row(
			[customer('你好', T), last],
			{ 'staff:acc-wang': last.id },
			{
				status: 'pending',
				statusAt: T + 5 * min,
				assignee: 'acc-wang',
				labels: ['海钓', '老客户']
			}
		);
		expect(r).toEqual({
			threadId: 'c1',
			title: '张大爷',
			lastMessage: { kind: 'text', text: '好的', from: 'staff', at: T + min },
			unread: 0,
			waiting: false,
			status: 'pending',
			assignee: 'acc-wang',
			labels: ['海钓', '老客户'],
			updatedAt: T + 5 * min
		});
		expect(row([]).lastMessage).toBeNull();
		expect(row([]).updatedAt).toBe(0);
		expect('assignee' in row([])).toBe(false);
	});

	it.each([
		['text on one line', '  明天\n几点  开门 ', '明天 几点 开门'],
		['a long text shortened', '鱼'.repeat(200), '鱼'.repeat(previewLength - 1) + '…']
	])('previews %s', (_story, text, shown) => {
		expect(preview(text)).toBe(shown);
	});

	it.each([
		[
			'the latest edit of a text',
			(q: Message) => [q, edit(q, '改成后天', T + 1)],
			{ kind: 'text', text: '改成后天' }
		],
		['a photo, without text', () => [photo(T)], { kind: 'image', text: '' }],
		[
			'a retracted message, without its text',
			(q: Message) => [q, retract(q, T + 1)],
			{ kind: 'retracted', text: '' }
		],
		[
			'a card, by its type',
			() => [
				{
					id: 'card-1',
					from: { role: 'customer', id: 'c1' },
					at: T,
					kind: 'card',
					card: { type: 'confirmation', rentalId: 'r1', hash: 'abcdef12', of: 'm0' }
				} satisfies Message
			],
			{ kind: 'card', text: '', card: 'confirmation' }
		]
	] as const)('shows as the last message %s', (_story, messages, shown) => {
		const q = customer('明天来', T);
		expect(row([...messages(q)]).lastMessage).toMatchObject(shown);
	});

	it('tells staff receipt keys from others', () => {
		expect(
			['staff:a', 'owner:b', 'customer:c', 'bot:x', 'staff:', ':x'].map(isStaffReceiptKey)
		).toEqual([true, false, false, false, false, false]);
	});

	it('compares rows by content, whatever the key order, and reads them back', () => {
		const r = row([customer('你好', T)]);
		const reordered = Object.fromEntries(Object.entries(r).reverse()) as typeof r;
		expect(sameRow(r, reordered)).toBe(true);
		expect(sameRow(r, { ...r, unread: 0 })).toBe(false);
		expect(sameRow(null, null)).toBe(true);
		expect(readInboxRow(JSON.parse(JSON.stringify(r)))).toEqual(r);
		expect(readInboxRow({ threadId: 'c1' })).toBeNull();
		expect(readInboxRow('row')).toBeNull();
	});
});
