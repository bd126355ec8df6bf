/**
 * What the customer page works out from its thread, as plain data: who the link is for, whether
 * the shop has read the customer's last message, which of the customer's messages the server
 * does not hold yet, and how long a rental has left.
 * No yjs, dexie or svelte here: the state class feeds these with plain values.
 */
import { readIndex, receiptKey } from './thread.ts';
import type { Message } from './thread.ts';

/** A Yjs struct position: the writer's client id and the clock of one message in it. */
export interface MessageClock {
	client: number;
	clock: number;
}

/**
 * The customer id a link token names, read from its payload without checking the signature
 * (the server checks it on every request). Lets the page open its local copy with no network.
 * Null when the token is not a customer token.
 */
export function customerIdFromToken(token: string): string | null {
	const [payload, mac, extra] = token.split('.');
	if (!payload || !mac || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(payload)) return null;
	try {
		const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
		const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
		const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
		const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
		if (claims.role !== 'customer' || typeof claims.sub !== 'string') return null;
		return /^[A-Za-z0-9_-]{1,64}$/.test(claims.sub) ? claims.sub : null;
	} catch {
		return null;
	}
}

/**
 * The index in `messages` up to which someone at the shop has read: the furthest any staff
 * member's receipt (or their own latest message) reaches; -1 if nobody has.
 */
export function shopReadIndex(
	messages: readonly Message[],
	receipts: Readonly<Record<string, string>>
): number {
	const readers = new Set(Object.keys(receipts).filter((key) => key.startsWith('staff:')));
	for (const m of messages) if (m.from.role === 'staff') readers.add(receiptKey(m.from));
	let read = -1;
	for (const key of readers) read = Math.max(read, readIndex(key, messages, receipts));
	return read;
}

/**
 * The id of `me`'s last message when the shop has read it (show "已读" under it), else null.
 * Edits and retractions count as messages here: the shop has read the change too.
 */
export function readByShop(
	me: string,
	messages: readonly Message[],
	receipts: Readonly<Record<string, string>>
): string | null {
	let last = -1;
	messages.forEach((m, index) => {
		if (receiptKey(m.from) === me) last = index;
	});
	if (last < 0 || shopReadIndex(messages, receipts) < last) return null;
	const lastMessage = messages[last];
	// An edit or retraction is read on the bubble it changed.
	return lastMessage.kind === 'edit' || lastMessage.kind === 'retract'
		? lastMessage.of
		: lastMessage.id;
}

/**
 * `me`'s messages that the server has not confirmed, in thread order: the struct holding each is beyond the
 * server's last known state vector. With no state vector yet, every one of them is pending.
 */
export function pendingMessageIds(
	me: string,
	messages: readonly Message[],
	clocks: ReadonlyMap<string, MessageClock>,
	serverStateVector: ReadonlyMap<number, number> | null
): string[] {
	const pending: string[] = [];
	for (const m of messages) {
		if (receiptKey(m.from) !== me) continue;
		const at = clocks.get(m.id);
		if (!at) continue;
		const held = serverStateVector?.get(at.client) ?? 0;
		if (at.clock >= held && !pending.includes(m.id)) pending.push(m.id);
	}
	return pending;
}

/** How long until a rental is due, in whole days, hours and minutes; `overdue` when past it. */
export interface TimeLeft {
	overdue: boolean;
	days: number;
	hours: number;
	minutes: number;
}

export function timeLeft(dueAt: number, now: number): TimeLeft {
	const ms = dueAt - now;
	const minutesTotal = Math.floor(Math.abs(ms) / 60_000);
	return {
		overdue: ms < 0,
		days: Math.floor(minutesTotal / 1440),
		hours: Math.floor((minutesTotal % 1440) / 60),
		minutes: minutesTotal % 60
	};
}

/** The last message of the thread (what a receipt names), or null in an empty thread. */
export function lastMessageId(messages: readonly Message[]): string | null {
	return messages.length === 0 ? null : messages[messages.length - 1].id;
}
