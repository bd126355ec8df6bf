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

/** What the inbox needs of a thread message (every message kind of the thread doc has it). */
export interface InboxMessage {
	id: string;
	from: { role: string; id: string };
	at: number;
	kind: string;
	text?: unknown;
	card?: unknown;
}

/** The last message, as the thread list shows it. */
export interface LastMessage {
	kind: string;
	/** The text, shortened to `previewLength` characters; '' for a photo or a voice note. */
	text: string;
	/** Who wrote it: 'customer', 'staff', 'owner', 'bot' or 'system'. */
	from: string;
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
	/** In the thread's order. */
	messages: readonly InboxMessage[];
	/** Reader key (`role:id`) → id of the last message that reader has seen. */
	receipts: Readonly<Record<string, string>>;
	meta: ThreadMeta;
}

/** Longest preview of a message's text in a row, in characters. */
export const previewLength = 80;

const staffRoles = new Set(['staff', 'owner']);

/** Whether a receipt key (`role:id`) belongs to the shop's staff or owner. */
export function isStaffReceiptKey(key: string): boolean {
	const colon = key.indexOf(':');
	return colon > 0 && staffRoles.has(key.slice(0, colon));
}

/** The text a row shows for a message: its text or card title, shortened. */
export function previewOf(message: InboxMessage): string {
	const card = message.card as { title?: unknown } | undefined;
	const text =
		typeof message.text === 'string'
			? message.text
			: typeof card?.title === 'string'
				? card.title
				: '';
	const oneLine = text.replace(/\s+/g, ' ').trim();
	const chars = [...oneLine];
	return chars.length > previewLength ? chars.slice(0, previewLength - 1).join('') + '…' : oneLine;
}

/** Index of the furthest message any staff member has read; -1 if none. */
function staffReadUpTo(
	messages: readonly InboxMessage[],
	receipts: Readonly<Record<string, string>>
): number {
	const read = new Set(
		Object.entries(receipts)
			.filter(([key]) => isStaffReceiptKey(key))
			.map(([, id]) => id)
	);
	for (let i = messages.length - 1; i >= 0; i--) if (read.has(messages[i].id)) return i;
	return -1;
}

const isCustomer = (m: InboxMessage) => m.from.role === 'customer';

/** The row for one thread. */
export function inboxRow(input: ThreadSummaryInput): InboxRow {
	const { threadId, title, messages, receipts, meta } = input;
	const last = messages.at(-1);
	const readUpTo = staffReadUpTo(messages, receipts);
	const unread = messages
		.slice(readUpTo + 1)
		.filter((m) => isCustomer(m) && m.kind !== 'retract').length;
	const lastSpoken = [...messages]
		.reverse()
		.find((m) => m.kind !== 'system' && m.from.role !== 'system');
	let customerAt = 0;
	for (const m of messages) if (isCustomer(m) && m.at > customerAt) customerAt = m.at;
	const reopened = meta.status !== 'open' && customerAt > meta.statusAt;
	const row: InboxRow = {
		threadId,
		title,
		lastMessage: last
			? { kind: last.kind, text: previewOf(last), from: last.from.role, at: last.at }
			: null,
		unread,
		waiting: lastSpoken !== undefined && isCustomer(lastSpoken),
		status: reopened ? 'open' : meta.status,
		labels: [...meta.labels],
		updatedAt: Math.max(last?.at ?? 0, meta.statusAt)
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
