/**
 * What a customer's update does to a thread doc, judged struct by struct before it is applied
 * (DESIGN.md, "The thread document"). Accepted:
 *
 * - new items appended to `messages` (plain content, never inserted before another item), each
 *   object a well-formed message (`readMessage`) signed `{ role: 'customer', id: <peer> }`, of a
 *   kind a customer may send, with an id the thread does not have yet;
 * - new items under the customer's own `receipts` key (`customer:<id>`), naming a message id,
 *   or already overwritten (deleted content, from several receipts sent while offline);
 * - deletions of what the server already deleted, and of the customer's own receipts.
 *
 * Anything else (a deletion, a reinserted "edit", a write to `portal` or another reader's
 * receipt, a nested type, a message signed as anyone else) refuses the whole update.
 *
 * `Y.decodeUpdate` gives an item's parent only when it has no origin and no right origin;
 * otherwise Yjs takes parent and key from the origin (else the right origin) item, so this does
 * the same, finding that item on the server, among updates accepted but still queued, or
 * earlier in this update. Gaps and foreign client ids are refused by the sync core first.
 */
import * as Y from 'yjs';
import { threadKeys } from '../../src/lib/crdt/thread.ts';
import {
	customerMaySend,
	isMessageId,
	readMessage,
	receiptKey,
	type Message
} from '../../src/lib/domain/thread.ts';
import type { Peer } from '../sync/hooks.ts';
import type { DecodedUpdate, KnownState } from '../sync/update-effect.ts';

type Struct = Y.Item | Y.GC | Y.Skip;
interface IdLike {
	client: number;
	clock: number;
}

/** Where an item sits: a root type's name, and its key if the root is a map. */
export interface Place {
	root: string;
	key: string | null;
}

/** A run of a client's clocks accepted in one update, and where it sits. */
export interface AcceptedRun {
	client: number;
	clock: number;
	end: number;
	place: Place;
	/** Ids of the messages in the run. */
	ids: string[];
}

export interface ThreadEffect {
	/** The messages the update adds, in its order. */
	messages: Message[];
	runs: AcceptedRun[];
}

export type Judgement = { ok: true; effect: ThreadEffect } | { ok: false; reason: string };

export interface ThreadUpdate {
	peer: Peer;
	docName: string;
	doc: Y.Doc;
	update: DecodedUpdate;
	known: KnownState;
}

/** How long an accepted run is remembered at most; queued updates are applied within a tick. */
const QUEUED_RUN_TTL_MS = 60_000;

/**
 * Runs accepted from guarded peers but not yet in the server's doc: a customer who sends two
 * updates in one tick builds the second on the first, which only this memory can place.
 */
export class QueuedRuns {
	readonly #docs = new Map<string, (AcceptedRun & { addedAt: number })[]>();
	readonly #now: () => number;

	constructor(now: () => number = Date.now) {
		this.#now = now;
	}

	add(docName: string, runs: readonly AcceptedRun[]): void {
		const now = this.#now();
		for (const [name, list] of this.#docs) {
			const fresh = list.filter((run) => run.addedAt > now - QUEUED_RUN_TTL_MS);
			if (fresh.length > 0) this.#docs.set(name, fresh);
			else this.#docs.delete(name);
		}
		if (runs.length === 0) return;
		const list = this.#docs.get(docName) ?? [];
		list.push(...runs.map((run) => ({ ...run, addedAt: now })));
		this.#docs.set(docName, list);
	}

	/** Forgets the runs the doc now holds itself. */
	prune(docName: string, doc: Y.Doc): void {
		const list = this.#docs.get(docName);
		if (!list) return;
		const left = list.filter((run) => Y.getState(doc.store, run.client) < run.end);
		if (left.length > 0) this.#docs.set(docName, left);
		else this.#docs.delete(docName);
	}

	runAt(docName: string, client: number, clock: number): AcceptedRun | undefined {
		return this.#docs
			.get(docName)
			?.find((run) => run.client === client && run.clock <= clock && clock < run.end);
	}

	ids(docName: string): string[] {
		return (this.#docs.get(docName) ?? []).flatMap((run) => run.ids);
	}
}

/** The root type's name, or null for a nested type. */
function rootName(doc: Y.Doc, type: Y.AbstractType<unknown> | null): string | null {
	if (!type || type._item !== null) return null;
	for (const [name, root] of doc.share) if (root === type) return name;
	return null;
}

/** Finds where structs sit, on the server, in the queue, or in the update. */
class Places {
	readonly #ctx: ThreadUpdate;
	readonly #queued: QueuedRuns;
	readonly #items = new Map<number, Y.Item[]>();
	readonly #memo = new Map<Y.Item, Place | null>();

	constructor(ctx: ThreadUpdate, queued: QueuedRuns) {
		this.#ctx = ctx;
		this.#queued = queued;
		for (const s of ctx.update.structs) {
			if (!(s instanceof Y.Item)) continue;
			const list = this.#items.get(s.id.client) ?? [];
			list.push(s);
			this.#items.set(s.id.client, list);
		}
	}

	/** The server's struct holding this clock, if the server has it. */
	serverStruct({ client, clock }: IdLike): Struct | undefined {
		const { store } = this.#ctx.doc;
		if (clock >= Y.getState(store, client)) return undefined;
		const structs = store.clients.get(client) as Struct[];
		return structs[Y.findIndexSS(structs as Y.Item[], clock)];
	}

	serverPlace(item: Y.Item): Place | null {
		const root = rootName(this.#ctx.doc, item.parent as Y.AbstractType<unknown> | null);
		return root === null ? null : { root, key: item.parentSub };
	}

	queuedRun({ client, clock }: IdLike): AcceptedRun | undefined {
		if (clock >= this.#ctx.known(client)) return undefined;
		return this.#queued.runAt(this.#ctx.docName, client, clock);
	}

	updateItem({ client, clock }: IdLike): Y.Item | undefined {
		return this.#items
			.get(client)
			?.find((s) => s.id.clock <= clock && clock < s.id.clock + s.length);
	}

	/** Where the struct holding this id sits; null if nobody has it or it is not in a root type. */
	at(id: IdLike): Place | null {
		const server = this.serverStruct(id);
		if (server) return server instanceof Y.Item ? this.serverPlace(server) : null;
		const run = this.queuedRun(id);
		if (run) return run.place;
		const item = this.updateItem(id);
		return item ? this.of(item) : null;
	}

	/** Where an item of this update goes: Yjs's own rule (origin, else right origin, else parent). */
	of(item: Y.Item): Place | null {
		if (this.#memo.has(item)) return this.#memo.get(item)!;
		this.#memo.set(item, null); // a cycle of origins places nothing
		let place: Place | null;
		if (item.origin) place = this.at(item.origin);
		else if (item.rightOrigin) place = this.at(item.rightOrigin);
		else if (typeof item.parent === 'string') place = { root: item.parent, key: item.parentSub };
		else place = null; // inside a nested type: threads have none
		this.#memo.set(item, place);
		return place;
	}
}

/** Ids of the messages the thread holds or has queued. */
function messageIds(ctx: ThreadUpdate, queued: QueuedRuns): Set<string> {
	const ids = new Set(queued.ids(ctx.docName));
	const type = ctx.doc.share.get(threadKeys.messages);
	for (let item = type?._start ?? null; item !== null; item = item.right) {
		if (!(item.content instanceof Y.ContentAny)) continue;
		for (const value of item.content.arr) {
			const id = (value as { id?: unknown } | null)?.id;
			if (typeof id === 'string') ids.add(id);
		}
	}
	return ids;
}

/** Why a new item in this place is refused (kept short: a close reason has at most 123 bytes). */
function refusal(place: Place | null): string {
	if (place?.root === threadKeys.portal) return 'customers cannot write the portal';
	if (place?.root === threadKeys.receipts) return 'a customer writes only its own receipt';
	return 'customers may only append messages and set their own receipt';
}

/** Judges a customer's update to a thread doc by its effect. */
export function judgeThreadUpdate(ctx: ThreadUpdate, queued: QueuedRuns): Judgement {
	queued.prune(ctx.docName, ctx.doc);
	const places = new Places(ctx, queued);
	const ownKey = receiptKey({ role: 'customer', id: ctx.peer.id });
	const isOwnReceipt = (p: Place | null) => p?.root === threadKeys.receipts && p.key === ownKey;
	const refuse = (reason: string): Judgement => ({ ok: false, reason });

	// The delete set of a sync step 2 is the doc's whole history of deletions: judge its effect.
	const deletion = judgeDeletions(ctx, places, isOwnReceipt);
	if (deletion) return refuse(deletion);

	const effect: ThreadEffect = { messages: [], runs: [] };
	const ids = lazy(() => messageIds(ctx, queued));
	for (const s of ctx.update.structs) {
		const from = ctx.known(s.id.client);
		if (s.id.clock + s.length <= from) continue; // the server has it, or has it queued
		if (!(s instanceof Y.Item)) return refuse('customers send content, not gaps or tombstones');
		const place = places.of(s);
		if (!place) return refuse(refusal(place));
		const clock = Math.max(s.id.clock, from);
		const run: AcceptedRun = {
			client: s.id.client,
			clock,
			end: s.id.clock + s.length,
			place,
			ids: []
		};
		if (isOwnReceipt(place)) {
			const content = s.content;
			const names = content instanceof Y.ContentAny && content.arr.every(isMessageId);
			if (!names && !(content instanceof Y.ContentDeleted))
				return refuse('a receipt names a message id');
		} else if (place.root === threadKeys.messages && place.key === null) {
			const why = judgeMessages(s, clock - s.id.clock, ctx.peer.id, ids(), run, effect);
			if (why) return refuse(why);
		} else {
			return refuse(refusal(place));
		}
		effect.runs.push(run);
	}
	return { ok: true, effect };
}

/** Why the messages an appended item carries (from `offset` on) are refused, or null. */
function judgeMessages(
	item: Y.Item,
	offset: number,
	customerId: string,
	ids: Set<string>,
	run: AcceptedRun,
	effect: ThreadEffect
): string | null {
	if (item.rightOrigin !== null) return 'customers append messages, never insert them';
	if (!(item.content instanceof Y.ContentAny)) return 'a message is a plain object';
	// Consecutive pushes arrive merged: one item, several messages.
	for (const value of item.content.arr.slice(offset)) {
		const message = readMessage(value);
		if (!message) return 'a malformed message, or one over the limits';
		if (message.from.role !== 'customer' || message.from.id !== customerId)
			return 'a customer signs messages only as itself';
		if (!customerMaySend(message)) return `customers cannot send a ${message.kind} like this`;
		if (ids.has(message.id)) return 'a message id the thread already has';
		ids.add(message.id);
		run.ids.push(message.id);
		effect.messages.push(message);
	}
	return null;
}

function lazy<T>(make: () => T): () => T {
	let value: { v: T } | null = null;
	return () => (value ??= { v: make() }).v;
}

/**
 * Why the update's deletions are refused, or null. Each deleted clock must be deleted on the
 * server already, or be the customer's own receipt: on the server, queued, or in this update.
 */
function judgeDeletions(
	ctx: ThreadUpdate,
	places: Places,
	isOwnReceipt: (p: Place | null) => boolean
): string | null {
	const refused = 'customers cannot delete';
	for (const [client, ranges] of ctx.update.ds.clients) {
		const serverEnd = Y.getState(ctx.doc.store, client);
		for (const { clock, len } of ranges) {
			const end = clock + len;
			for (let c = clock; c < end;) {
				if (c < serverEnd) {
					const s = places.serverStruct({ client, clock: c })!;
					if (!s.deleted && !(s instanceof Y.Item && isOwnReceipt(places.serverPlace(s))))
						return refused;
					c = s.id.clock + s.length;
					continue;
				}
				const run = places.queuedRun({ client, clock: c });
				const item = run ? undefined : places.updateItem({ client, clock: c });
				const place = run ? run.place : item ? places.of(item) : null;
				if (!isOwnReceipt(place)) return refused;
				c = run ? run.end : item!.id.clock + item!.length;
			}
		}
	}
	return null;
}
