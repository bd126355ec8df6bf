/**
 * The working set DESIGN.md keeps in `ledger` ("The working set stays small"): customers,
 * reservations and their events, and every fact of a rental that is open or was settled after a
 * cutoff. The facts of rentals settled before it belong in the `ledger:<YYYY-MM>` archive.
 *
 * - `archiveInPlace`: a copy of the full doc from which the server deletes the archived facts in
 *   one transaction, as moving them out of the live `ledger` would; their tombstones stay.
 * - `rewriteFresh`: the same content in a new doc, as the tablets wrote it (one transaction per
 *   action: facts with the same time and tablet together, under one client id per tablet and
 *   day; each customer and reservation record its own), with no tombstones.
 */
import * as Y from 'yjs';
import { appendFacts, ledgerKeys, readLedger } from '../../../src/lib/crdt/ledger.ts';
import { staffOrigin } from '../../../src/lib/crdt/origin.ts';
import { writeRecord } from '../../../src/lib/crdt/records.ts';
import type { LedgerEvent, MoneyEntry } from '../../../src/lib/domain/ledger.ts';
import { deriveRentals } from '../../../src/lib/domain/ledger-rentals.ts';
import { DAY } from './ledger-plan.ts';

type Fact = LedgerEvent | MoneyEntry;

/** The rentals settled before `cutoff`: their facts leave `ledger`. */
function settledBefore(doc: Y.Doc, cutoff: number): Set<string> {
	const book = deriveRentals(readLedger(doc).events);
	return new Set(
		[...book.rentals.values()]
			.filter((rental) => rental.status === 'settled' && rental.settlements[0].at < cutoff)
			.map((rental) => rental.id)
	);
}

/** True for a fact of an archived rental (a reservation's pick-up stays with the reservation). */
function archivedFact(archived: ReadonlySet<string>) {
	return (fact: Fact) =>
		'rentalId' in fact &&
		fact.rentalId !== undefined &&
		!('kind' in fact && fact.kind === 'reservation-picked-up') &&
		archived.has(fact.rentalId);
}

/** Deletes the elements `test` picks, run by run from the end. */
function deleteWhere<T>(array: Y.Array<T>, test: (value: T) => boolean): void {
	const values = array.toArray();
	let end = values.length;
	while (end > 0) {
		while (end > 0 && !test(values[end - 1])) end -= 1;
		let start = end;
		while (start > 0 && test(values[start - 1])) start -= 1;
		if (end > start) array.delete(start, end - start);
		end = start;
	}
}

/** A copy of `full` without the facts of rentals settled before `cutoff`; how many rentals left. */
export function archiveInPlace(full: Y.Doc, cutoff: number): { doc: Y.Doc; archived: number } {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(full));
	const archived = settledBefore(doc, cutoff);
	const test = archivedFact(archived);
	doc.transact(() => {
		deleteWhere(doc.getArray<Fact>(ledgerKeys.events), test);
		deleteWhere(doc.getArray<Fact>(ledgerKeys.entries), test);
	}, 'archive');
	return { doc, archived: archived.size };
}

/** The working set of `doc` (already archived or not) written afresh. */
export function rewriteFresh(doc: Y.Doc, cutoff: number): Y.Doc {
	const archived = archivedFact(settledBefore(doc, cutoff));
	const { customers, reservations, events, entries } = readLedger(doc);
	const fresh = new Y.Doc();
	const clients = new Map<string, number>();
	const session = (device: string, at: number) => {
		const key = `${device}:${Math.floor(at / DAY)}`;
		fresh.clientID = clients.get(key) ?? clients.set(key, clients.size + 1).get(key)!;
	};
	const origin = staffOrigin('bench', 'bench');
	const records = [
		...customers.map((record) => ({ key: ledgerKeys.customers, record })),
		...reservations.map((record) => ({ key: ledgerKeys.reservations, record }))
	];
	for (const { key, record } of records) {
		const { id, ...fields } = record;
		session('records', record.createdAt);
		fresh.transact(() => {
			const map = new Y.Map<unknown>();
			fresh.getMap<Y.Map<unknown>>(key).set(id, map);
			writeRecord(map, fields);
		}, origin);
	}
	const facts = [
		...events.filter((event) => !archived(event)).map((event) => ({ event })),
		...entries.filter((entry) => !archived(entry)).map((entry) => ({ entry }))
	].sort((a, b) => stampOf(a).at - stampOf(b).at);
	for (let i = 0; i < facts.length;) {
		const { at, device } = stampOf(facts[i]);
		const group: typeof facts = [];
		while (i < facts.length && stampOf(facts[i]).at === at && stampOf(facts[i]).device === device)
			group.push(facts[i++]);
		session(device, at);
		appendFacts(
			fresh,
			{ origin },
			{
				events: group.flatMap((f) => ('event' in f ? [f.event] : [])),
				entries: group.flatMap((f) => ('entry' in f ? [f.entry] : []))
			}
		);
	}
	return fresh;
}

function stampOf(fact: { event: LedgerEvent } | { entry: MoneyEntry }): Fact {
	return 'event' in fact ? fact.event : fact.entry;
}
