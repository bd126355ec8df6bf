/**
 * Ledger in-process: three years of a shop (the large demo shop's 2,000 units, 30,000 rentals,
 * ~100,000 money entries, 3,000 customers, 300 reservations, ~40 rentals still open) written into
 * one `ledger` Y.Doc by the app's own writers, one transaction per action, under a new client id
 * per tablet per day (lib/ledger-plan.ts, lib/ledger-history.ts). No server over the network:
 * the server's own SQLite store in a temp dir, and CPU on one core.
 *
 * Three docs, each measured the same way (lib/ledger-archive.ts):
 * - full: every fact of the three years in `ledger`.
 * - workingSet: what DESIGN.md ("The working set stays small") keeps in `ledger`: customers,
 *   reservations, open rentals and rentals settled in the last 30 days. The full doc with the
 *   facts of rentals settled before deleted in one server transaction, as moving them to
 *   `ledger:<YYYY-MM>` docs would: their tombstones stay in it. The budget is judged on this one.
 * - workingSetFresh (informational): the same content written afresh, without tombstones.
 * Each doc: docBytes (`Y.encodeStateAsUpdate`), written to `openSqliteStore` as one row (what
 * compaction leaves). loadMs: `loadDoc` on a freshly opened store, then `Y.applyUpdate` of
 * `Y.mergeUpdates(rows)` into a fresh doc, as the server's registry loads a doc. deriveMs, on the
 * doc just loaded: `readLedger`, `deriveRentals`, `deriveReservations`, `balances`, `unitFacts`
 * + `deriveAllStatuses` (no maintenance events: those live in `inventory`), and `ledgerConflicts`,
 * each part reported. Medians of 5 loads and derives; `coldLoadAndDeriveMs` is the first run.
 * Each doc's derivations must find what was written and no conflict, or the scenario fails.
 * Budget: the working set's load + derive within 200 ms. Counts shrink with BENCH_SCALE (the
 * shop's 2,000 units do not).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { openSqliteStore } from '../../../server/storage/sqlite-store.ts';
import { LEDGER_DOC, readLedger } from '../../../src/lib/crdt/ledger.ts';
import { blockedByStatus } from '../../../src/lib/domain/availability.ts';
import { demoShop } from '../../../src/lib/domain/demo-shop.ts';
import type { Unit } from '../../../src/lib/domain/inventory.ts';
import { balances } from '../../../src/lib/domain/ledger.ts';
import { ledgerConflicts } from '../../../src/lib/domain/ledger-conflicts.ts';
import {
	deriveRentals,
	deriveReservations,
	unitFacts
} from '../../../src/lib/domain/ledger-rentals.ts';
import { deriveAllStatuses } from '../../../src/lib/domain/unit-status.ts';
import { round2 } from '../lib/clock.ts';
import { progress, scaled } from '../lib/config.ts';
import { archiveInPlace, rewriteFresh } from '../lib/ledger-archive.ts';
import { writeHistory, type Written } from '../lib/ledger-history.ts';
import { DAY, planHistory, TURNAROUND } from '../lib/ledger-plan.ts';
import type { Figures } from '../lib/scenario.ts';
import { median } from '../lib/stats.ts';
import type { LocalScenario } from './inventory.ts';

/** 2026-11-24 12:00 Shanghai: the end of the three years. */
const NOW = Date.UTC(2026, 10, 24, 4, 0);
const DAYS = 3 * 365;
/** Rentals settled longer ago than this leave `ledger` for the archive. */
const KEEP_SETTLED_MS = 30 * DAY;
const runs = 5;
const SEED = 7;

export const ledger: LocalScenario = {
	name: 'ledger',
	budget: { metric: 'workingSetLoadAndDeriveMs', maxMs: 200 },
	run
};

function timed<T>(fn: () => T): { ms: number; value: T } {
	const start = performance.now();
	const value = fn();
	return { ms: performance.now() - start, value };
}

/** Everything the app derives from the ledger, each part timed. */
function derive(doc: Y.Doc, units: readonly Unit[]) {
	const read = timed(() => readLedger(doc));
	const { customers, reservations: records, events, entries } = read.value;
	const rentals = timed(() => deriveRentals(events));
	const book = rentals.value;
	const reservations = timed(() => deriveReservations(records, events));
	const money = timed(() => balances(entries));
	const statuses = timed(() =>
		deriveAllStatuses(units, [], unitFacts(book, reservations.value), NOW, TURNAROUND)
	);
	const conflicts = timed(() =>
		ledgerConflicts({
			units,
			book,
			reservations: reservations.value,
			now: NOW,
			turnaroundMs: TURNAROUND,
			blocked: blockedByStatus(statuses.value)
		})
	);
	const parts = {
		readLedger: read.ms,
		deriveRentals: rentals.ms,
		deriveReservations: reservations.ms,
		balances: money.ms,
		unitStatuses: statuses.ms,
		ledgerConflicts: conflicts.ms
	};
	const open = [...book.rentals.values()].filter((r) => r.status !== 'settled').length;
	const counts = {
		customers: customers.length,
		rentals: book.rentals.size,
		openRentals: open,
		reservations: reservations.value.length,
		activeReservations: reservations.value.filter((r) => r.status === 'active').length,
		events: events.length,
		entries: entries.length,
		customerBalances: money.value.byCustomer.size,
		unitsOut: [...statuses.value.values()].filter((s) => s.status === 'out').length,
		unitsOverdue: [...statuses.value.values()].filter((s) => s.status === 'overdue').length,
		conflicts: conflicts.value.length
	};
	return { parts, counts };
}

/** Stores the doc as one row, then loads and derives it `runs` times; medians and the first. */
function measureDoc(doc: Y.Doc, units: readonly Unit[]): Figures {
	const snapshot = Y.encodeStateAsUpdate(doc);
	const dir = mkdtempSync(path.join(os.tmpdir(), 'yuzu-bench-ledger-'));
	const file = path.join(dir, 'yuzu.sqlite');
	try {
		const writer = openSqliteStore(file);
		writer.appendUpdates([{ doc: LEDGER_DOC, update: snapshot }]);
		writer.close();
		const samples: { loadMs: number; parts: Record<string, number> }[] = [];
		let counts: Record<string, number> = {};
		for (let i = 0; i < runs; i++) {
			const store = openSqliteStore(file);
			const loaded = new Y.Doc();
			const load = timed(() => {
				const stored = store.loadDoc(LEDGER_DOC);
				Y.applyUpdate(loaded, Y.mergeUpdates(stored.updates), 'storage');
				return stored.rows;
			});
			store.close();
			const derived = derive(loaded, units);
			samples.push({ loadMs: load.ms, parts: derived.parts });
			counts = { storeRows: load.value, ...derived.counts };
			loaded.destroy();
		}
		const deriveTotal = (s: (typeof samples)[number]) =>
			Object.values(s.parts).reduce((a, b) => a + b, 0);
		const med = (f: (s: (typeof samples)[number]) => number) => round2(median(samples.map(f)));
		return {
			docBytes: snapshot.byteLength,
			loadMs: med((s) => s.loadMs),
			deriveMs: med(deriveTotal),
			loadAndDeriveMs: med((s) => s.loadMs + deriveTotal(s)),
			coldLoadAndDeriveMs: round2(samples[0].loadMs + deriveTotal(samples[0])),
			derive: Object.fromEntries(
				Object.keys(samples[0].parts).map((part) => [part, med((s) => s.parts[part])])
			),
			...counts
		};
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Refuses a doc whose derivations do not find what was written, or find conflicts. */
function check(name: string, figures: Figures, written: Written): void {
	const expect = (what: string, actual: unknown, wanted: unknown) => {
		if (actual !== wanted)
			throw new Error(`ledger: ${name} has ${actual} ${what}, expected ${wanted}`);
	};
	expect('customers', figures.customers, written.customers);
	expect('rentals', figures.rentals, written.rentals);
	expect('open rentals', figures.openRentals, written.rentals - written.settled);
	expect('reservations', figures.reservations, written.reservations);
	expect('conflicts', figures.conflicts, 0);
}

async function run(): Promise<Figures> {
	const shop = demoShop({ size: 'large', seed: 1, at: NOW - (DAYS + 30) * DAY });
	const generated = timed(() => {
		const plan = planHistory({
			models: shop.models,
			units: shop.units,
			now: NOW,
			days: DAYS,
			customers: scaled(3_000),
			rentals: scaled(30_000),
			entries: scaled(100_000),
			reservations: scaled(300),
			seed: SEED
		});
		progress(`ledger: writing ${plan.rentals.length} rentals into one doc`);
		return writeHistory(plan, shop.models, SEED + 1);
	});
	const { doc, written } = generated.value;
	progress(`ledger: written in ${Math.round(generated.ms)} ms; measuring the full doc`);
	const full = measureDoc(doc, shop.units);
	check('full', full, written);
	progress('ledger: archiving the rentals settled over 30 days ago; measuring the working set');
	const cutoff = NOW - KEEP_SETTLED_MS;
	const archive = archiveInPlace(doc, cutoff);
	doc.destroy();
	const workingSet = measureDoc(archive.doc, shop.units);
	const fresh = rewriteFresh(archive.doc, cutoff);
	archive.doc.destroy();
	const workingSetFresh = measureDoc(fresh, shop.units);
	const kept = {
		...written,
		rentals: written.rentals - archive.archived,
		settled: written.settled - archive.archived
	};
	check('working set', workingSet, kept);
	check('fresh working set', workingSetFresh, kept);
	return {
		units: shop.units.length,
		...written,
		generateMs: Math.round(generated.ms),
		full,
		archivedRentals: archive.archived,
		workingSet,
		workingSetFresh,
		workingSetLoadAndDeriveMs: workingSet.loadAndDeriveMs
	};
}
