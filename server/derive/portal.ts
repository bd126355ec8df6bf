/**
 * Keeps each customer's `portal` (in `thread:<customerId>`) right: the shop's profile and the
 * customer's open rentals with their amounts so far (domain/portal.ts).
 *
 * A ledger or settings change does not touch any thread doc at once: changes are gathered for
 * `settleMs` (a check-out is several quick writes; staff type into the profile), then the ledger
 * is read once and each customer's portal compared with the last one written. Only customers
 * whose portal changed have their thread doc loaded and written. The rent of an open rental
 * grows with time, so the portals are also recomputed every `refreshMs`.
 *
 * A topic group's thread (`thread:g-…`) gets no portal at all: its members would see each other's
 * rentals. Group ids never look like a customer id, and are checked before the ledger is.
 *
 * At start every stored customer thread is compared once with the ledger (a change that was
 * stored but not yet derived when the server stopped), and so is each customer thread the first
 * time it changes after start (a thread created since, which has no portal yet).
 */
import type { ShopProfile } from '../../src/lib/domain/shop.ts';
import type { Portal, PortalRental } from '../../src/lib/domain/thread.ts';
import { readThread, threadDocName, writePortal } from '../../src/lib/crdt/thread.ts';
import { isGroupId } from '../../src/lib/domain/groups.ts';
import { stableJson } from '../../src/lib/domain/inbox.ts';
import { parseDocName } from '../policy/docs.ts';
import { serverOrigin } from '../sync/registry.ts';
import { Gatherer, SerialQueue, type DerivedDocs, type Log } from './docs.ts';

/** What the shop knows now, read once per pass. */
export interface PortalSources {
	shop: ShopProfile;
	/** Open rentals of every customer who has any. */
	rentals: Map<string, PortalRental[]>;
	/** Whether the ledger holds this customer (a group thread gets no portal). */
	isCustomer(id: string): boolean;
}

export interface PortalDeriverOptions {
	docs: DerivedDocs;
	/** Reads the settings and the ledger as of `now`. */
	sources(now: number): Promise<PortalSources>;
	/** How long ledger and settings changes gather before the portals are compared. */
	settleMs: number;
	/** How often portals are recomputed anyway, for the rent that grows with time. */
	refreshMs: number;
	now?: () => number;
	log: Log;
}

/** The key of the full pass in the work queue; customer ids are doc-name ids, never this. */
const allCustomers = '*';

export class PortalDeriver {
	readonly #options: PortalDeriverOptions;
	readonly #now: () => number;
	readonly #queue: SerialQueue;
	/** Customer id → what their portal last showed (shop and rentals), as compared. */
	readonly #written = new Map<string, string>();
	/** The last sources read, until the ledger or settings change (or the rent has grown). */
	#sources: { at: number; value: PortalSources } | null = null;
	readonly #gatherer: Gatherer;
	readonly #refresher: ReturnType<typeof setInterval>;
	#closed = false;

	constructor(options: PortalDeriverOptions) {
		this.#options = options;
		this.#now = options.now ?? Date.now;
		this.#queue = new SerialQueue(
			(key) => (key === allCustomers ? this.#updateAll() : this.#updateOne(key)),
			options.log
		);
		this.#gatherer = new Gatherer(
			options.settleMs,
			() => this.#queue.add(allCustomers),
			options.log
		);
		this.#refresher = setInterval(() => this.#queue.add(allCustomers), options.refreshMs);
		this.#refresher.unref();
	}

	/** The afterApply hook. */
	afterApply(docName: string): void {
		if (docName === 'ledger' || docName === 'settings') {
			this.#sources = null;
			return this.#gatherer.poke();
		}
		const kind = parseDocName(docName);
		// A customer thread this process has not compared yet: give it its portal.
		if (kind?.kind === 'thread' && !this.#written.has(kind.threadId)) this.refresh(kind.threadId);
	}

	/** Compares every stored customer thread with the ledger (at start). */
	rebuild(): void {
		for (const name of this.#options.docs.listDocs()) {
			const kind = parseDocName(name);
			if (kind?.kind === 'thread') this.refresh(kind.threadId);
		}
		this.#queue.add(allCustomers);
	}

	/** Brings one customer's portal up to date (a new link, a new thread). */
	refresh(customerId: string): void {
		this.#queue.add(customerId);
	}

	get busy(): boolean {
		return this.#gatherer.busy || this.#queue.busy;
	}

	async idle(): Promise<void> {
		await this.#gatherer.idle();
		await this.#queue.idle();
	}

	async close(): Promise<void> {
		this.#closed = true;
		this.#gatherer.close();
		clearInterval(this.#refresher);
		await this.#queue.close();
	}

	/** Customers with open rentals now, and those whose portal showed some. */
	async #updateAll(): Promise<void> {
		const now = this.#now();
		const sources = await this.#read(now, true);
		// Those compared before may need their rentals cleared, or the shop's new hours.
		const compared = [...this.#written.keys()];
		const customers = new Set([...sources.rentals.keys(), ...compared]);
		for (const customerId of customers) {
			if (this.#closed) return;
			await this.#write(customerId, sources, now);
		}
	}

	async #updateOne(customerId: string): Promise<void> {
		const now = this.#now();
		const sources = await this.#read(now, false);
		await this.#write(customerId, sources, now);
	}

	/** The sources as of now; one customer's update reuses the last read if nothing changed since. */
	async #read(now: number, fresh: boolean): Promise<PortalSources> {
		const cached = this.#sources;
		if (!fresh && cached && now - cached.at < this.#options.refreshMs) return cached.value;
		const value = await this.#options.sources(now);
		this.#sources = { at: now, value };
		return value;
	}

	async #write(customerId: string, sources: PortalSources, now: number): Promise<void> {
		// A group's thread is read by all its members: it never gets anyone's rentals.
		if (isGroupId(customerId) || !sources.isCustomer(customerId)) return;
		const { name, phone, address, hours } = sources.shop;
		const portal: Portal = {
			shop: { name, phone, address, hours },
			rentals: sources.rentals.get(customerId) ?? [],
			updatedAt: now
		};
		const shown = stableJson({ shop: portal.shop, rentals: portal.rentals });
		if (this.#written.get(customerId) === shown) return;
		const docName = threadDocName(customerId);
		// Compared with what is stored the first time (after a restart most portals are unchanged).
		if (!this.#written.has(customerId)) {
			const stored = (await this.#options.docs.read(docName, readThread)).portal;
			const same = stored && stableJson({ shop: stored.shop, rentals: stored.rentals }) === shown;
			if (same) return void this.#written.set(customerId, shown);
		}
		await this.#options.docs.write(docName, (doc) => writePortal(doc, portal, serverOrigin));
		this.#written.set(customerId, shown);
	}
}
