/**
 * The staff inbox: one summary row per thread, derived by the server from the thread (its
 * messages and receipts) and the staff's notes doc (status, assignee, labels). Pure data in and
 * out; the server writes the rows into the read-only `inbox` doc.
 *
 * - `unread`: messages from the customer (bot and system messages are the shop's own) after the
 *   furthest message any staff member or the owner has marked read in `receipts`. A retraction
 *   is nothing to read and does not count.
 * - `waiting`: the last message, system notices aside, is the customer's: the shop owes a reply.
 * - `status`: what staff set in the notes doc, except that a customer message written after the
 *   status was set reopens the thread (`'open'`), so a resolved thread never hides a new question.
 * - `updatedAt`: the latest of the last message and the status change, so the inbox sorts by
 *   activity and a recomputation that changes nothing gives the same row.
 */

import {
	readIndex,
	receiptKey,
	threadView,
	unreadFor,
	type Card,
	type Message,
	type SenderRole,
	type ShownMessage,
	type ThreadItem
} from './thread.ts';

export type ThreadStatus = 'open' | 'pending' | 'resolved';

export const threadStatuses: readonly ThreadStatus[] = ['open', 'pending', 'resolved'];

export function isThreadStatus(value: unknown): value is ThreadStatus {
	return (threadStatuses as readonly unknown[]).includes(value);
}

/** What staff keep about a thread in its notes doc. */
export interface ThreadMeta {
	status: ThreadStatus;
	/** When the status was last set, epoch ms; 0 if never. */
	statusAt: number;
	/** Staff account id of who looks after the thread. */
	assignee?: string;
	labels: string[];
}

/** A thread nobody has triaged yet. */
export function emptyThreadMeta(): ThreadMeta {
	return { status: 'open', statusAt: 0, labels: [] };
}

/** The last bubble, as the thread list shows it. */
export interface LastMessage {
	/** The message's kind, or `'retracted'` once its author took it back. */
	kind: ShownMessage['kind'] | 'retracted';
	/** The text (the latest edit), shortened to `previewLength`; '' for a photo, voice or card. */
	text: string;
	/** For a card: which (rental terms, settlement, confirmation). */
	card?: Card['type'];
	from: SenderRole;
	at: number;
}

/** One thread in the inbox doc's `threads` map, keyed by thread id. */
export interface InboxRow {
	threadId: string;
	/** The customer's name, or the group's. */
	title: string;
	lastMessage: LastMessage | null;
	unread: number;
	waiting: boolean;
	status: ThreadStatus;
	assignee?: string;
	labels: string[];
	updatedAt: number;
}

/** Everything a row is computed from. */
export interface ThreadSummaryInput {
	threadId: string;
	title: string;
	/** In the thread doc's order. */
	messages: readonly Message[];
	/** Reader key (`receiptKey`) → id of the last message that reader has read. */
	receipts: Readonly<Record<string, string>>;
	meta: ThreadMeta;
}

/** Longest preview of a message's text in a row, in characters. */
export const previewLength = 80;

/** Whether a reader key (`role:id`) is the shop's: a staff member (the owner writes as staff). */
export function isStaffReceiptKey(key: string): boolean {
	return key.startsWith('staff:') && key.length > 'staff:'.length;
}

/** Text on one line, shortened to `previewLength` characters. */
export function preview(text: string): string {
	const chars = [...text.replace(/\s+/g, ' ').trim()];
	return chars.length > previewLength
		? chars.slice(0, previewLength - 1).join('') + '…'
		: chars.join('');
}

function lastMessageOf(item: ThreadItem): LastMessage {
	const { from, at, message } = item;
	if (!message) return { kind: 'retracted', text: '', from: from.role, at };
	const last: LastMessage = {
		kind: message.kind,
		text: preview(item.text ?? ''),
		from: from.role,
		at
	};
	if (message.kind === 'card') last.card = message.card.type;
	return last;
}

/**
 * The reader key of the staff member who has read furthest (by receipt, or by writing in the
 * thread: whoever writes has read what came before), or null if no staff member has.
 */
function furthestStaffReader(
	messages: readonly Message[],
	receipts: Readonly<Record<string, string>>
): string | null {
	const keys = new Set(Object.keys(receipts).filter(isStaffReceiptKey));
	for (const m of messages) if (m.from.role === 'staff') keys.add(receiptKey(m.from));
	let best: string | null = null;
	let bestIndex = -1;
	for (const key of keys) {
		const index = readIndex(key, messages, receipts);
		if (index > bestIndex) [best, bestIndex] = [key, index];
	}
	return best;
}

/** The row for one thread. */
export function inboxRow(input: ThreadSummaryInput): InboxRow {
	const { threadId, title, messages, receipts, meta } = input;
	const items = threadView(messages);
	const reader = furthestStaffReader(messages, receipts);
	// Nobody on the staff has read anything: every customer message is unread.
	const unread = unreadFor(reader ?? 'staff:', messages, receipts);
	let spoken: ThreadItem | undefined;
	for (const item of items) if (item.message && item.from.role !== 'system') spoken = item;
	let customerAt = 0;
	let lastAt = 0;
	for (const m of messages) {
		if (m.from.role === 'customer' && m.kind !== 'retract') customerAt = Math.max(customerAt, m.at);
		lastAt = Math.max(lastAt, m.at);
	}
	const reopened = meta.status !== 'open' && customerAt > meta.statusAt;
	const last = items.at(-1);
	const row: InboxRow = {
		threadId,
		title,
		lastMessage: last ? lastMessageOf(last) : null,
		unread,
		waiting: spoken?.from.role === 'customer',
		status: reopened ? 'open' : meta.status,
		labels: [...meta.labels],
		updatedAt: Math.max(lastAt, meta.statusAt)
	};
	if (meta.assignee) row.assignee = meta.assignee;
	return row;
}

/** Whether two rows say the same (the server writes a row only when it changed). */
export function sameRow(a: InboxRow | null, b: InboxRow | null): boolean {
	return stableJson(a) === stableJson(b);
}

/** JSON with every object's keys sorted, so equal content compares equal whatever its key order. */
export function stableJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) =>
		typeof v === 'object' && v !== null && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v
	);
}

/** A row read back from the inbox doc, or null if it is not one. */
export function readInboxRow(value: unknown): InboxRow | null {
	if (typeof value !== 'object' || value === null) return null;
	const row = value as Partial<InboxRow>;
	const ok =
		typeof row.threadId === 'string' &&
		typeof row.title === 'string' &&
		typeof row.unread === 'number' &&
		typeof row.waiting === 'boolean' &&
		isThreadStatus(row.status) &&
		Array.isArray(row.labels) &&
		typeof row.updatedAt === 'number';
	return ok ? (row as InboxRow) : null;
}
