/**
 * What a customer's update may do to a thread. Until the chat schema exists
 * the rule is the safe core of it: a customer adds, and never removes or
 * rewrites, anything. (Identity and gaps are checked by the sync core.)
 */
import type { GuardContext, Verdict } from '../sync/hooks.ts';
import { deletesLiveContent } from '../sync/update-effect.ts';

export function checkCustomerUpdate(ctx: GuardContext): Verdict {
	if (deletesLiveContent(ctx.doc, ctx.update))
		return { ok: false, reason: 'customers cannot delete' };
	return { ok: true };
}

/** A customer's presence says it is that customer, whatever the page claimed. */
export function customerPresence(peerId: string, state: unknown): unknown {
	if (!state || typeof state !== 'object') return null;
	return { ...(state as Record<string, unknown>), user: { role: 'customer', id: peerId } };
}
