/**
 * Broadcasts under /api (staff and owner only): one announcement into many customers' personal
 * threads, each as an ordinary staff text message, so it arrives where the customer already
 * talks with the shop and a reply lands in the inbox like any other.
 *
 * `POST /api/broadcasts { text, customerIds }` → `{ sent, skipped }`, where each skipped customer
 * says why: `no_customer` (not in the ledger) or `limit` (the anti-spam limit).
 *
 * Anti-spam limit (domain/groups.ts): a customer receives at most `BROADCAST_LIMIT_PER_DAY` (1)
 * broadcast in any rolling 24 hours and `BROADCAST_LIMIT_PER_WEEK` (3) in any rolling 7 days,
 * whoever sends them. Deliveries are recorded in the store before the messages are written, so
 * the limit holds across restarts and a failure part-way never lets a customer get more than the
 * limit. A message the server could not write is reported as skipped with `unavailable`.
 */
import { randomUUID } from 'node:crypto';
import {
	BROADCAST_TEXT_MAX,
	broadcastAllowed,
	WEEK_MS,
	type BroadcastResult
} from '../../src/lib/domain/groups.ts';
import type { TextMessage } from '../../src/lib/domain/thread.ts';
import type { BroadcastDelivery, BroadcastStore } from '../storage/store.ts';
import type { Peer } from '../sync/hooks.ts';
import { customerIdsField, staffPeer } from './groups.ts';
import { readJson, stringField } from './json.ts';
import { Router } from './router.ts';

export interface BroadcastDeps {
	broadcasts: BroadcastStore;
	authenticate(token: string | null): Peer | null;
	/** Which of these ids are customers in the ledger (read once). */
	knownCustomers(ids: readonly string[]): Promise<Set<string>>;
	/** Appends a message to the customer's personal thread (`thread:<customerId>`), durably. */
	postToCustomer(customerId: string, message: TextMessage): Promise<void>;
	now?: () => number;
	log?: (message: string, error?: unknown) => void;
}

export function broadcastRouter(deps: BroadcastDeps): Router {
	const now = deps.now ?? Date.now;
	return new Router().on('POST', '/api/broadcasts', async ({ req }) => {
		const peer = staffPeer(deps.authenticate, req);
		const body = await readJson(req);
		const text = stringField(body, 'text', BROADCAST_TEXT_MAX);
		const ids = customerIdsField(body);
		const known = await deps.knownCustomers(ids);
		const at = now();
		const result: BroadcastResult = { sent: [], skipped: [] };
		const deliveries: BroadcastDelivery[] = [];
		for (const customerId of ids) {
			if (!known.has(customerId)) {
				result.skipped.push({ customerId, reason: 'no_customer' });
				continue;
			}
			const received = deps.broadcasts.broadcastTimes(customerId, at - WEEK_MS);
			if (!broadcastAllowed(received, at)) {
				result.skipped.push({ customerId, reason: 'limit' });
				continue;
			}
			deliveries.push({ customerId, messageId: randomUUID(), at, by: peer.id });
		}
		// Counted before written: a crash part-way can cost a customer a broadcast, never add one.
		deps.broadcasts.recordBroadcasts(deliveries);
		for (const { customerId, messageId } of deliveries) {
			const message: TextMessage = {
				id: messageId,
				from: { role: 'staff', id: peer.id },
				at,
				kind: 'text',
				text
			};
			try {
				await deps.postToCustomer(customerId, message);
				result.sent.push(customerId);
			} catch (error) {
				deps.log?.(`could not broadcast to ${customerId}`, error);
				result.skipped.push({ customerId, reason: 'unavailable' });
			}
		}
		return result;
	});
}
