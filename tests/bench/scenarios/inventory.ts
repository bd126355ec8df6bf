/**
 * Inventory in-process: the pure functions a tablet runs on every keystroke and every change,
 * over the large demo shop (205 models, 2,000 units), with a season of history behind it
 * (~20,000 rentals, ~1,200 maintenance events). No server: it is CPU on one core.
 *
 * - search: `buildSearchIndex` once (its time reported too), then the queries staff type, each
 *   typed character by character as a person does ('h', 'ha', … 'haigan'; '3', '3米', '3米6';
 *   …), every keystroke one `search` with the status context. Latency p50/p99/max over all
 *   keystrokes of 20 rounds, after 3 unmeasured ones. Target: p99 within one 60 Hz frame (16 ms).
 * - statuses: `deriveAllStatuses` and `unitsDueForService` over every unit, median of 20 runs.
 */
import { performance } from 'node:perf_hooks';
import { seedCategories } from '../../../src/lib/domain/categories.ts';
import { demoShop, type DemoShop } from '../../../src/lib/domain/demo-shop.ts';
import type { UnitId } from '../../../src/lib/domain/inventory.ts';
import { unitsDueForService } from '../../../src/lib/domain/maintenance.ts';
import { buildSearchIndex, search } from '../../../src/lib/domain/search.ts';
import {
	deriveAllStatuses,
	type MaintenanceEvent,
	type UnitRentalFact
} from '../../../src/lib/domain/unit-status.ts';
import { round2 } from '../lib/clock.ts';
import { progress } from '../lib/config.ts';
import type { Figures } from '../lib/scenario.ts';
import { median, summarize } from '../lib/stats.ts';

/** A scenario measured once, in this process, against a budget rather than a reference. */
export interface LocalScenario {
	name: string;
	budget: { metric: string; maxMs: number };
	run(): Promise<Figures>;
}

/** What staff type into the search box. */
const queries = [
	'haigan',
	'3米6',
	'r12',
	'hg12',
	'海竿 3.6',
	'光威',
	'hg',
	'纺车轮 3000',
	'xl-0012'
];
const rounds = 20;
const warmUpRounds = 3;
const statusRuns = 20;
const NOW = Date.UTC(2025, 5, 15, 2, 0);
const DAY_MS = 86_400_000;

export const inventory: LocalScenario = {
	name: 'inventory',
	budget: { metric: 'searchP99Ms', maxMs: 16 },
	run
};

/** Every prefix of a query, as the box holds it after each keystroke. */
function keystrokes(query: string): string[] {
	return [...query].map((_, i) => [...query].slice(0, i + 1).join(''));
}

/**
 * A season of use: unit `u` rented 4–16 times, a week or so apart, each back after a day or
 * three; every sixth one out now, every 37th overdue; some to the workshop, serviced or lost.
 */
function history(shop: DemoShop): { events: MaintenanceEvent[]; facts: UnitRentalFact[] } {
	const events: MaintenanceEvent[] = [];
	const facts: UnitRentalFact[] = [];
	shop.units.forEach((unit, u) => {
		const rentals = 4 + (u % 13);
		for (let r = 0; r < rentals; r++) {
			const last = r === rentals - 1;
			const daysAgo = last && u % 6 === 0 ? 1 : last && u % 37 === 0 ? 5 : (rentals - r) * 8;
			const at = NOW - daysAgo * DAY_MS - (u % 5) * 3_600_000;
			const rentalId = `r-${u}-${r}`;
			facts.push({
				kind: 'out',
				unitId: unit.id,
				rentalId,
				customerId: `c-${(u * 7 + r) % 400}`,
				at,
				dueAt: at + 2 * DAY_MS
			});
			if (daysAgo > 5)
				facts.push({
					kind: 'returned',
					unitId: unit.id,
					rentalId,
					at: at + (1 + (r % 3)) * DAY_MS
				});
		}
		if (u % 4 === 0) events.push(event(unit.id, 'to-workshop', NOW - 30 * DAY_MS, u));
		if (u % 4 === 0 && u % 8 !== 0)
			events.push(event(unit.id, 'from-workshop', NOW - 28 * DAY_MS, u));
		if (u % 5 === 0) events.push(event(unit.id, 'serviced', NOW - 60 * DAY_MS, u));
		if (u % 97 === 0) events.push(event(unit.id, 'lost', NOW - 3 * DAY_MS, u));
	});
	return { events, facts };
}

function event(
	unitId: UnitId,
	kind: MaintenanceEvent['kind'],
	at: number,
	u: number
): MaintenanceEvent {
	return { id: `e-${kind}-${u}`, unitId, kind, at, by: 'bench' };
}

function timed<T>(fn: () => T): { ms: number; value: T } {
	const start = performance.now();
	const value = fn();
	return { ms: performance.now() - start, value };
}

async function run(): Promise<Figures> {
	const generated = timed(() => demoShop({ size: 'large', seed: 1, at: NOW - 400 * DAY_MS }));
	const shop = generated.value;
	const { events, facts } = history(shop);
	progress(
		`inventory: ${shop.models.length} models, ${shop.units.length} units, ${facts.length} rental facts`
	);

	const builds = Array.from({ length: 5 }, () =>
		timed(() => buildSearchIndex(shop.models, shop.units, seedCategories))
	);
	const index = builds[0].value;
	const derive = () => deriveAllStatuses(shop.units, events, facts, NOW);
	const dueOf = () => unitsDueForService(shop.units, shop.models, events, facts, NOW);
	const context = { statuses: derive(), due: dueOf() };

	const typed = queries.flatMap(keystrokes);
	const samples = new Float64Array(typed.length * rounds);
	for (let round = -warmUpRounds; round < rounds; round++) {
		typed.forEach((query, i) => {
			const { ms } = timed(() => search(index, query, {}, context));
			if (round >= 0) samples[round * typed.length + i] = ms;
		});
	}
	const hits = Object.fromEntries(
		queries.map((query) => [query, search(index, query, {}, context).total])
	);

	progress('inventory: deriving statuses and service due');
	const statusMs: number[] = [];
	const dueMs: number[] = [];
	for (let i = 0; i < statusRuns + 2; i++) {
		const s = timed(derive);
		const d = timed(dueOf);
		if (i >= 2) {
			statusMs.push(s.ms);
			dueMs.push(d.ms);
		}
	}
	const statuses = [...context.statuses.values()];
	const count = (status: string) => statuses.filter((s) => s.status === status).length;
	const latency = summarize(samples);
	return {
		models: shop.models.length,
		units: shop.units.length,
		rentalFacts: facts.length,
		maintenanceEvents: events.length,
		generateMs: round2(generated.ms),
		indexBuildMs: round2(builds[0].ms),
		indexBuildMedianMs: round2(median(builds.map((b) => b.ms))),
		keystrokes: samples.length,
		searchP50Ms: latency.p50,
		searchP99Ms: latency.p99,
		searchMaxMs: latency.max,
		searchMeanMs: latency.mean,
		hits,
		deriveStatusesMs: round2(median(statusMs)),
		serviceDueMs: round2(median(dueMs)),
		statusCounts: {
			'in-stock': count('in-stock'),
			out: count('out'),
			overdue: count('overdue'),
			workshop: count('workshop'),
			lost: count('lost'),
			retired: count('retired')
		},
		serviceDue: context.due.size
	};
}
