/**
 * The staff inbox as a list: which threads each tab shows, the counts on the badges, and search
 * over the thread titles, labels and the messages this tablet has loaded, in Chinese and pinyin
 * (full `haigan` or initials `hg`), as the customer search does.
 */
import type { InboxRow, ThreadMeta, ThreadStatus } from './inbox.ts';
import type { Message } from './thread.ts';
import { foldQuery, searchForms } from './search.ts';

/** 全部 / 等待回复 (the shop owes a reply) / 我负责的. */
export type InboxTab = 'all' | 'waiting' | 'mine';

export const inboxTabs: readonly InboxTab[] = ['all', 'waiting', 'mine'];

/** Whether the shop owes this thread a reply: the customer spoke last and it is not resolved. */
export function isWaiting(row: InboxRow): boolean {
	return row.waiting && row.status !== 'resolved';
}

/** The rows a tab shows, in the inbox's order (latest activity first). */
export function rowsOfTab(rows: readonly InboxRow[], tab: InboxTab, me: string): InboxRow[] {
	switch (tab) {
		case 'all':
			return [...rows];
		case 'waiting':
			return rows.filter(isWaiting);
		case 'mine':
			return rows.filter((row) => row.assignee === me);
	}
}

export interface InboxCounts {
	/** Unread customer messages over every thread. */
	unread: number;
	/** Threads waiting on the shop. */
	waiting: number;
	/** Threads given to me that wait on the shop. */
	mine: number;
}

export function inboxCounts(rows: readonly InboxRow[], me: string): InboxCounts {
	let unread = 0;
	let waiting = 0;
	let mine = 0;
	for (const row of rows) {
		unread += row.unread;
		if (isWaiting(row)) {
			waiting += 1;
			if (row.assignee === me) mine += 1;
		}
	}
	return { unread, waiting, mine };
}

/** Threads whose unread count grew between two readings of the inbox (new customer messages). */
export function newlyUnread(before: readonly InboxRow[], after: readonly InboxRow[]): InboxRow[] {
	const was = new Map(before.map((row) => [row.threadId, row.unread]));
	return after.filter(
		(row) => row.unread > (was.get(row.threadId) ?? 0) && row.lastMessage?.from === 'customer'
	);
}

/** A message as search sees it. */
export interface SearchableMessage {
	threadId: string;
	messageId: string;
	text: string;
	at: number;
}

/** The forms each text is found by, prepared once per message (pinyin is the slow part). */
export interface PreparedText {
	forms: string[];
}

/** Prepares a text for `matches`: itself folded, its pinyin and initials, without spaces. */
export function prepareText(text: string): PreparedText {
	return { forms: searchForms(text).map((form) => form.replace(/\s+/g, '')) };
}

/** A query as `matches` compares it; '' matches nothing. */
export function prepareQuery(query: string): string {
	return foldQuery(query).replace(/\s+/g, '');
}

export function matches(text: PreparedText, query: string): boolean {
	return query !== '' && text.forms.some((form) => form.includes(query));
}

/** A thread search found: the row (by title, label or preview) and the messages that matched. */
export interface InboxHit {
	row: InboxRow;
	/** Matching messages, the newest first. */
	messages: SearchableMessage[];
}

export interface InboxSearchIndex {
	rows: readonly { row: InboxRow; text: PreparedText }[];
	messages: readonly { message: SearchableMessage; text: PreparedText }[];
}

/**
 * Indexes the rows (title, labels, last message) and the loaded messages. `prepare` may be a
 * memoised `prepareText`: messages never change, so their pinyin is worth keeping.
 */
export function indexInbox(
	rows: readonly InboxRow[],
	messages: readonly SearchableMessage[],
	prepare: (text: string) => PreparedText = prepareText
): InboxSearchIndex {
	return {
		rows: rows.map((row) => ({
			row,
			text: prepare([row.title, ...row.labels, row.lastMessage?.text ?? ''].join(' '))
		})),
		messages: messages.map((message) => ({ message, text: prepare(message.text) }))
	};
}

/** The texts of a thread's messages search looks at: the shown text of each bubble. */
export function searchableMessages(
	threadId: string,
	items: readonly { id: string; at: number; text: string | null }[]
): SearchableMessage[] {
	return items.flatMap((item) =>
		item.text ? [{ threadId, messageId: item.id, text: item.text, at: item.at }] : []
	);
}

/**
 * Threads matching the query by title, label or last message, or with a loaded message that
 * matches; in the inbox's order. An empty query finds nothing.
 */
export function searchInbox(index: InboxSearchIndex, query: string): InboxHit[] {
	const q = prepareQuery(query);
	if (q === '') return [];
	const found = new Map<string, SearchableMessage[]>();
	for (const { message, text } of index.messages) {
		if (!matches(text, q)) continue;
		const list = found.get(message.threadId) ?? [];
		list.push(message);
		found.set(message.threadId, list);
	}
	const hits: InboxHit[] = [];
	for (const { row, text } of index.rows) {
		const messages = (found.get(row.threadId) ?? []).sort((a, b) => b.at - a.at);
		if (messages.length > 0 || matches(text, q)) hits.push({ row, messages });
	}
	return hits;
}

/**
 * The status a thread has now, as the server's row will say once it catches up: a customer
 * message written after the status was set reopens it (the same rule as `inboxRow`), so the
 * open thread never shows "resolved" above a new question.
 */
export function effectiveStatus(
	meta: Pick<ThreadMeta, 'status' | 'statusAt'>,
	messages: readonly Pick<Message, 'from' | 'at' | 'kind'>[]
): ThreadStatus {
	if (meta.status === 'open') return 'open';
	const reopened = messages.some(
		(m) => m.from.role === 'customer' && m.kind !== 'retract' && m.at > meta.statusAt
	);
	return reopened ? 'open' : meta.status;
}

/** New messages older than this when they reach the tablet are old news: no sound for them. */
export const ALERT_FRESH_MS = 10 * 60_000;

/**
 * The threads worth an alert among those with new customer messages: written in the last
 * `ALERT_FRESH_MS` (a tablet back from a night offline does not ring for each old message),
 * and not the thread a person is looking at right now (it is read as it arrives).
 */
export function alertRows(
	rows: readonly InboxRow[],
	context: { now: number; viewing: string | null; visible: boolean }
): InboxRow[] {
	return rows.filter(
		(row) =>
			(row.lastMessage?.at ?? 0) > context.now - ALERT_FRESH_MS &&
			!(context.visible && row.threadId === context.viewing)
	);
}
