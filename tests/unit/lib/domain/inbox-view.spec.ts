import { describe, expect, it } from 'vitest';
import type { InboxRow } from '../../../../src/lib/domain/inbox.ts';
import {
	ALERT_FRESH_MS,
	alertRows,
	effectiveStatus,
	inboxCounts,
	indexInbox,
	isWaiting,
	newlyUnread,
	rowsOfTab,
	searchableMessages,
	searchInbox
} from '../../../../src/lib/domain/inbox-view.ts';

function row(threadId: string, patch: Partial<InboxRow> = {}): InboxRow {
	return {
		threadId,
		title: threadId,
		lastMessage: { kind: 'text', text: '你好', from: 'customer', at: 1000 },
		unread: 0,
		waiting: false,
		status: 'open',
		labels: [],
		updatedAt: 1000,
		...patch
	};
}

const wang = row('c-wang', { title: '王师傅', unread: 2, waiting: true, assignee: 's-li' });
const li = row('c-li', { title: '李大姐', waiting: true, status: 'resolved', labels: ['海钓'] });
const zhang = row('c-zhang', { title: '张大爷', unread: 1, waiting: true });
const zhao = row('c-zhao', { title: '赵老板', assignee: 's-li' });
const rows = [wang, li, zhang, zhao];

describe('inbox tabs and counts', () => {
	it.each([
		['全部: every thread, in order', 'all', ['c-wang', 'c-li', 'c-zhang', 'c-zhao']],
		['等待回复: the customer spoke last and it is not resolved', 'waiting', ['c-wang', 'c-zhang']],
		['我负责的: given to 小李', 'mine', ['c-wang', 'c-zhao']]
	] as const)('%s', (_story, tab, expected) => {
		expect(rowsOfTab(rows, tab, 's-li').map((r) => r.threadId)).toEqual(expected);
	});

	it('counts unread messages, threads waiting, and mine among them', () => {
		expect(inboxCounts(rows, 's-li')).toEqual({ unread: 3, waiting: 2, mine: 1 });
		expect(inboxCounts([], 's-li')).toEqual({ unread: 0, waiting: 0, mine: 0 });
	});

	it('a resolved thread is not waiting even if the customer said thanks last', () => {
		expect(isWaiting(li)).toBe(false);
		expect(isWaiting(zhang)).toBe(true);
	});
});

describe('new customer messages between two readings', () => {
	it.each([
		['a customer wrote again', [zhang], [{ ...zhang, unread: 2 }], ['c-zhang']],
		['a new thread with a message', [], [zhang], ['c-zhang']],
		['staff read it (unread went down)', [zhang], [{ ...zhang, unread: 0 }], []],
		[
			'unread grew but the last word is the shop’s (no alert for our own reply)',
			[zhang],
			[{ ...zhang, unread: 2, lastMessage: { ...zhang.lastMessage!, from: 'staff' as const } }],
			[]
		]
	])('%s', (_story, before, after, expected) => {
		expect(newlyUnread(before, after).map((r) => r.threadId)).toEqual(expected);
	});
});

describe('inbox search', () => {
	const messages = [
		...searchableMessages('c-zhang', [
			{ id: 'm1', at: 10, text: '3.6米海竿还有吗' },
			{ id: 'm2', at: 20, text: null },
			{ id: 'm3', at: 30, text: '明天早上来取' }
		]),
		...searchableMessages('c-wang', [{ id: 'm4', at: 40, text: '押金怎么退' }])
	];
	const index = indexInbox(rows, messages);

	it.each([
		['a name in Chinese', '王师傅', ['c-wang'], []],
		['a name in pinyin initials', 'wsf', ['c-wang'], []],
		['a label', '海钓', ['c-li'], []],
		['message text in Chinese', '海竿', ['c-zhang'], ['m1']],
		['message text in full pinyin', 'haigan', ['c-zhang'], ['m1']],
		['message text in initials', 'hg', ['c-zhang'], ['m1']],
		['spaces and case do not matter', ' YaJin ', ['c-wang'], ['m4']],
		['nothing', '鱼线', [], []],
		['an empty query finds nothing', '  ', [], []]
	])('%s: %s', (_story, query, threads, messageIds) => {
		const hits = searchInbox(index, query);
		expect(hits.map((h) => h.row.threadId)).toEqual(threads);
		expect(hits.flatMap((h) => h.messages.map((m) => m.messageId))).toEqual(messageIds);
	});

	it('keeps only messages with text (photos and retracted ones have none)', () => {
		expect(messages.map((m) => m.messageId)).toEqual(['m1', 'm3', 'm4']);
	});
});

describe('the status of an open thread', () => {
	const customer = { role: 'customer', id: 'c-1' } as const;
	const staff = { role: 'staff', id: 's-li' } as const;
	it.each([
		[
			'resolved, nobody wrote since',
			{ status: 'resolved', statusAt: 50 },
			[{ from: customer, at: 40, kind: 'text' }],
			'resolved'
		],
		[
			'resolved, then the customer wrote: open again',
			{ status: 'resolved', statusAt: 50 },
			[{ from: customer, at: 60, kind: 'text' }],
			'open'
		],
		[
			'pending, then staff wrote: still pending',
			{ status: 'pending', statusAt: 50 },
			[{ from: staff, at: 60, kind: 'text' }],
			'pending'
		],
		[
			'resolved, then the customer took a message back: still resolved',
			{ status: 'resolved', statusAt: 50 },
			[{ from: customer, at: 60, kind: 'retract' }],
			'resolved'
		],
		['open stays open', { status: 'open', statusAt: 0 }, [], 'open']
	] as const)('%s', (_story, meta, messages, expected) => {
		expect(effectiveStatus(meta, messages)).toBe(expected);
	});
});

describe('which new messages ring', () => {
	const NOW = 10_000_000;
	const fresh = row('c-fresh', {
		lastMessage: { kind: 'text', text: '在吗', from: 'customer', at: NOW - 5_000 }
	});
	const old = row('c-old', {
		lastMessage: { kind: 'text', text: '昨晚的', from: 'customer', at: NOW - ALERT_FRESH_MS - 1 }
	});
	it.each([
		['a fresh message in another thread', { viewing: 'c-other', visible: true }, ['c-fresh']],
		['old news synced after a night offline', { viewing: null, visible: true }, ['c-fresh']],
		['the thread someone is looking at', { viewing: 'c-fresh', visible: true }, []],
		['the thread that is open in a hidden tab', { viewing: 'c-fresh', visible: false }, ['c-fresh']]
	])('%s', (_story, context, expected) => {
		expect(alertRows([fresh, old], { now: NOW, ...context }).map((r) => r.threadId)).toEqual(
			expected
		);
	});
});
