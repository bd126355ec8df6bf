/**
 * Topic groups and broadcasts, as plain data shared by the server and the staff app.
 *
 * - A group (海钓爱好者, 野钓新手群) is a conversation `thread:<groupId>` that its members open with
 *   their own customer link. The server keeps the member list; the thread doc holds only the
 *   messages, receipts and a portal with nothing personal in it.
 * - A broadcast is one staff text posted into each chosen customer's personal thread. So that the
 *   shop never spams anyone, a customer receives at most `BROADCAST_LIMIT_PER_DAY` broadcasts in
 *   any 24 hours and `BROADCAST_LIMIT_PER_WEEK` in any 7 days; past that they are skipped.
 */

/** Group ids start with this, so they never look like a customer id (a UUID). */
export const GROUP_ID_PREFIX = 'g-';
/** Longest group name, in characters. */
export const GROUP_NAME_MAX = 40;
/** At most this many customers are added to a group, or broadcast to, in one request. */
export const MAX_CUSTOMERS_PER_REQUEST = 500;

/** Broadcasts a customer may receive in any rolling 24 hours. */
export const BROADCAST_LIMIT_PER_DAY = 1;
/** Broadcasts a customer may receive in any rolling 7 days. */
export const BROADCAST_LIMIT_PER_WEEK = 3;
export const DAY_MS = 24 * 60 * 60 * 1000;
export const WEEK_MS = 7 * DAY_MS;
/** Longest broadcast text, in characters (a chat message's limit is larger; keep notices short). */
export const BROADCAST_TEXT_MAX = 1000;

export interface Group {
	/** `g-` + random letters and digits: safe in a doc name (`thread:<id>`). */
	id: string;
	name: string;
	/** Epoch ms. */
	createdAt: number;
	/** Customer ids, sorted. */
	members: string[];
}

/**
 * Why a customer did not receive a broadcast: over the anti-spam limit, not in the ledger, or
 * the server could not write their thread just now (rare; the delivery still counts).
 */
export type BroadcastSkipReason = 'limit' | 'no_customer' | 'unavailable';

export interface BroadcastResult {
	/** Customers whose personal thread got the message. */
	sent: string[];
	skipped: { customerId: string; reason: BroadcastSkipReason }[];
}

/** Whether a thread id names a group rather than a customer. */
export function isGroupId(id: string): boolean {
	return id.startsWith(GROUP_ID_PREFIX) && /^[A-Za-z0-9_-]{3,64}$/.test(id);
}

/**
 * Whether one more broadcast may reach a customer now, given when they received earlier ones
 * (epoch ms, any order). Windows are rolling: a broadcast at 20:00 blocks the next until 20:00
 * the day after.
 */
export function broadcastAllowed(receivedAt: readonly number[], now: number): boolean {
	let day = 0;
	let week = 0;
	for (const at of receivedAt) {
		if (at > now - DAY_MS) day += 1;
		if (at > now - WEEK_MS) week += 1;
	}
	return day < BROADCAST_LIMIT_PER_DAY && week < BROADCAST_LIMIT_PER_WEEK;
}
