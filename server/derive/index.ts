/**
 * The docs the server derives, plugged into the sync core through its `afterApply` hook: the
 * inbox (from threads and notes) and each customer's portal (from the ledger and settings).
 * The sync core knows none of this; app.ts composes it.
 */
import * as Y from 'yjs';
import { LEDGER_DOC, ledgerKeys, readLedger } from '../../src/lib/crdt/ledger.ts';
import { readShopProfile, SETTINGS_DOC } from '../../src/lib/crdt/settings.ts';
import { openRentalsByCustomer } from '../../src/lib/domain/portal.ts';
import { Gatherer, type DerivedDocs, type Log } from './docs.ts';
import { InboxDeriver } from './inbox.ts';
import { PortalDeriver, type PortalSources } from './portal.ts';

export interface DerivationOptions {
	docs: DerivedDocs;
	log: Log;
	/** How long ledger and settings changes gather before portals and titles follow (ms). */
	settleMs?: number;
	/** How often portals are recomputed for the rent that grows with time (ms). */
	refreshMs?: number;
	/** A topic group's name, or null if the thread is not a group's (its inbox row's title). */
	groupName?: (threadId: string) => string | null;
}

export interface Derivations {
	/** The sync core's afterApply hook. */
	afterApply(docName: string, doc: Y.Doc): void;
	/** Recomputes everything derived from the stored docs (at start). */
	rebuild(): void;
	/** A customer was given a link: make sure their thread has its portal. */
	customerLinked(customerId: string): void;
	/** A thread's title changed outside the ledger (a group renamed): its inbox row follows. */
	retitle(threadId: string): void;
	/** Resolves when no derivation is queued or running (tests). */
	idle(): Promise<void>;
	/** Stops deriving; waits for the write in hand. */
	close(): Promise<void>;
}

/** Gathering ledger edits for this long keeps a burst of typing to one pass. */
export const defaultSettleMs = 500;
/** Rent is charged by the day and the hour: recomputing every ten minutes is fresh enough. */
export const defaultRefreshMs = 10 * 60_000;

/** Every customer's name by id, from the ledger's customer records. */
function customerNames(doc: Y.Doc): Map<string, string> {
	const names = new Map<string, string>();
	doc.getMap(ledgerKeys.customers).forEach((record, id) => {
		const name = record instanceof Y.Map ? record.get('name') : undefined;
		names.set(id, typeof name === 'string' && name.trim() !== '' ? name : id);
	});
	return names;
}

export function createDerivations(options: DerivationOptions): Derivations {
	const { docs, log } = options;
	const settleMs = options.settleMs ?? defaultSettleMs;
	// Customers' names, read again only after the ledger changed: a message in the night must
	// not parse the whole ledger to title its row.
	let names: Promise<Map<string, string>> | null = null;
	const namesNow = () =>
		(names ??= docs.read(LEDGER_DOC, customerNames).catch((error: unknown) => {
			names = null;
			throw error;
		}));
	const groupName = options.groupName ?? (() => null);
	const inbox = new InboxDeriver({
		docs,
		log,
		titleOf: async (threadId) => groupName(threadId) ?? (await namesNow()).get(threadId) ?? null
	});
	const portal = new PortalDeriver({
		docs,
		log,
		settleMs,
		refreshMs: options.refreshMs ?? defaultRefreshMs,
		sources: async (now): Promise<PortalSources> => {
			const shop = await docs.read(SETTINGS_DOC, readShopProfile);
			const known = await namesNow();
			const rentals = await docs.read(LEDGER_DOC, (doc) =>
				openRentalsByCustomer(readLedger(doc), now)
			);
			return { shop, rentals, isCustomer: (id) => known.has(id) };
		}
	});
	const renames = new Gatherer(settleMs, () => followRenames(inbox, namesNow), log);
	const parts = [renames, portal, inbox];
	return {
		afterApply(docName) {
			if (docName === LEDGER_DOC) names = null;
			inbox.afterApply(docName);
			portal.afterApply(docName);
			if (docName === LEDGER_DOC) renames.poke();
		},
		rebuild() {
			inbox.rebuild();
			portal.rebuild();
		},
		customerLinked: (customerId) => portal.refresh(customerId),
		retitle: (threadId) => inbox.refresh(threadId),
		idle: async () => {
			// One part's work can give another some (a portal write changes a thread): until all rest.
			while (parts.some((part) => part.busy)) await Promise.all(parts.map((part) => part.idle()));
		},
		close: async () => {
			renames.close();
			await Promise.all([inbox.close(), portal.close()]);
		}
	};
}

/** Renames threads in the inbox whose customer was renamed in the ledger. */
async function followRenames(
	inbox: InboxDeriver,
	names: () => Promise<Map<string, string>>
): Promise<void> {
	const titles = await inbox.titles();
	const known = await names();
	for (const [threadId, title] of titles) {
		const name = known.get(threadId);
		if (name !== undefined && name !== title) inbox.refresh(threadId);
	}
}
