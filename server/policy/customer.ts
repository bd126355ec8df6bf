/**
 * What a customer's update may do to a thread (DESIGN.md, "The thread document"; the rule
 * itself is in thread-effect.ts): append messages signed as that customer, and set their own
 * receipt. Identity (client ids) and gaps are checked by the sync core first. Group threads
 * follow the same rule; membership is decided by docs.ts before a customer can open one.
 *
 * A refused update closes the customer's socket with 4403 and is neither applied, stored nor
 * relayed. Closing, not dropping silently: the customer's provider would go on building on the
 * dropped change, so every later update would have a gap, and a dropped message would look sent.
 * 4403 is in the range y-websocket never reconnects on, which is right because a reconnect
 * resends the same refused change. The shop's own customer page never sends a refused change
 * except over the rate limit below, whose limits an angler typing (or a phone catching up after
 * hours without signal) stays under; the page may offer to reconnect a little later, and then the
 * change goes through once the burst has passed (or the hour has room again).
 *
 * Rate limit, per customer across all their threads (messages; receipts are not counted):
 * - `MESSAGES_PER_MINUTE`: a burst of that many, then one per (minute / that many), measured on
 *   each message's own `at` (when it was written, never later than now), so a backlog typed
 *   while offline and sent at once on reconnect is not a burst; and a message refused in a
 *   burst goes through once the burst has passed;
 * - `MESSAGES_PER_HOUR` arriving within any hour, counted by arrival, which no backdating
 *   escapes.
 */
import type { GuardContext, Verdict } from '../sync/hooks.ts';
import { judgeThreadUpdate, QueuedRuns } from './thread-effect.ts';

/** Messages a customer may write in a burst, and per minute after it (by the messages' own times). */
export const MESSAGES_PER_MINUTE = 20;
/** Messages a customer may send within one hour (by when the server received them). */
export const MESSAGES_PER_HOUR = 200;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface RateLimits {
	perMinute: number;
	perHour: number;
}

interface Sending {
	/** The generic cell rate algorithm's "theoretical arrival time" of the next message. */
	nextAt: number;
	/** When the server received each message of the last hour. */
	arrivals: number[];
}

/**
 * Counts each customer's messages: the minute limit as a burst then a steady rate (the generic
 * cell rate algorithm, on the messages' own times), the hour limit on arrivals.
 * Memory: one entry per customer who sent in the last hour, at most `perHour` times each.
 */
export class MessageRateLimit {
	readonly #limits: RateLimits;
	readonly #now: () => number;
	readonly #customers = new Map<string, Sending>();

	constructor(limits: RateLimits, now: () => number = Date.now) {
		this.#limits = limits;
		this.#now = now;
	}

	/** Records messages written at `writtenAt` if they stay within the limits; false (recording nothing) if not. */
	take(customerId: string, writtenAt: readonly number[]): boolean {
		const now = this.#now();
		this.#forgetOld(now);
		const { perMinute, perHour } = this.#limits;
		const sending = this.#customers.get(customerId) ?? { nextAt: -Infinity, arrivals: [] };
		if (sending.arrivals.length + writtenAt.length > perHour) return false;
		const spacing = MINUTE_MS / perMinute;
		let nextAt = sending.nextAt;
		for (const at of [...writtenAt].sort((a, b) => a - b)) {
			nextAt = Math.max(nextAt, Math.min(at, now)) + spacing;
			if (nextAt - now > MINUTE_MS) return false;
		}
		const arrivals = [...sending.arrivals, ...writtenAt.map(() => now)];
		this.#customers.set(customerId, { nextAt, arrivals });
		return true;
	}

	#forgetOld(now: number): void {
		for (const [customer, sending] of this.#customers) {
			const arrivals = sending.arrivals.filter((at) => at > now - HOUR_MS);
			if (arrivals.length > 0) this.#customers.set(customer, { ...sending, arrivals });
			else this.#customers.delete(customer);
		}
	}
}

export interface CustomerPolicyOptions {
	limits?: RateLimits;
	/** The clock, epoch ms; injectable for tests. */
	now?: () => number;
}

/** The customer rule with its memory (the rate limit, updates accepted but still queued). */
export class CustomerPolicy {
	readonly #queued: QueuedRuns;
	readonly #rate: MessageRateLimit;

	constructor(options: CustomerPolicyOptions = {}) {
		const limits = options.limits ?? { perMinute: MESSAGES_PER_MINUTE, perHour: MESSAGES_PER_HOUR };
		this.#queued = new QueuedRuns(options.now);
		this.#rate = new MessageRateLimit(limits, options.now);
	}

	/** The `checkGuardedUpdate` hook for customers. */
	check(ctx: GuardContext): Verdict {
		const judged = judgeThreadUpdate(ctx, this.#queued);
		if (!judged.ok) return judged;
		const { messages, runs } = judged.effect;
		if (
			messages.length > 0 &&
			!this.#rate.take(
				ctx.peer.id,
				messages.map((m) => m.at)
			)
		)
			return { ok: false, reason: 'too many messages; try again later' };
		this.#queued.add(ctx.docName, runs);
		return { ok: true };
	}
}

/** The thread rule alone, without a rate limit or memory of queued updates (one update's effect). */
export function checkCustomerUpdate(ctx: GuardContext): Verdict {
	const judged = judgeThreadUpdate(ctx, new QueuedRuns());
	return judged.ok ? { ok: true } : judged;
}

/**
 * What a customer may see of someone's presence on their thread: whether they are typing and
 * whether they are the shop or a customer, never who (staff names, what they are viewing, other
 * customers' ids in a group). The customer's own state comes back as it is, so its echo matches.
 */
export function presenceForCustomer(viewerId: string, state: unknown): unknown {
	if (!state || typeof state !== 'object') return null;
	const { typing, user } = state as { typing?: unknown; user?: { role?: unknown; id?: unknown } };
	const isCustomer = user?.role === 'customer';
	if (isCustomer && user?.id === viewerId) return state;
	return { typing: typing === true, user: { role: isCustomer ? 'customer' : 'staff' } };
}

/** A customer's presence says it is that customer, whatever the page claimed. */
export function customerPresence(peerId: string, state: unknown): unknown {
	if (!state || typeof state !== 'object') return null;
	return { ...(state as Record<string, unknown>), user: { role: 'customer', id: peerId } };
}
