/**
 * The ledger's merge property: three tablets doing random check-outs, returns, payments,
 * settlements and reservations while their links drop at random; once all have synced, every
 * tablet derives the same unit statuses, balances and conflicts, every double check-out the test
 * injected is reported, and each settled rental's money adds up to its settlement.
 *
 * The same seeded run is played over real `WebsocketProvider`s against a real server, and over
 * an in-memory hub (updates exchanged directly, so a seed replays exactly) for more seeds.
 */
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
	addCustomer,
	checkOut,
	readLedger,
	recordMoney,
	reserve,
	cancelReservation,
	returnUnits,
	settleRental,
	appendFacts,
	type LedgerWriter
} from '../../src/lib/crdt/ledger.ts';
import { staffOrigin } from '../../src/lib/crdt/origin.ts';
import { canReserve, freeUnits, modelUses } from '../../src/lib/domain/availability.ts';
import {
	ledgerConflicts,
	resolutionFacts,
	resolutions,
	swapTerms
} from '../../src/lib/domain/ledger-conflicts.ts';
import { balances, type PaymentMethod, type UnitTerms } from '../../src/lib/domain/ledger.ts';
import {
	billedUnits,
	deriveRentals,
	type Rental,
	deriveReservations,
	unitFacts
} from '../../src/lib/domain/ledger-rentals.ts';
import { billFor, settlementFor } from '../../src/lib/domain/ledger-settlement.ts';
import { deriveAllStatuses } from '../../src/lib/domain/unit-status.ts';
import { connectClient, startServer, type TestClient, type TestShop } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';
import {
	FRI_10,
	HOUR,
	LURE,
	lureRod,
	prng,
	SEA,
	seaRod,
	shanghai
} from '../unit/lib/domain/ledger-fixtures.ts';

const TURNAROUND = 2 * HOUR;
/** Double check-outs injected per run, spread over it (each retried until a unit is free). */
const INJECTIONS = 3;
const METHODS: Exclude<PaymentMethod, 'none'>[] = ['cash', 'wechat', 'alipay', 'card'];
/** Six sea rods and four lure rods. */
const TERMS: UnitTerms[] = [
	...[1, 2, 3, 4, 5, 6].map((n) => seaRod(`u-s${n}`, `R-000${n}`)),
	...[1, 2, 3, 4].map((n) => lureRod(`u-l${n}`, `L-000${n}`))
];
const UNITS = TERMS.map((t) => ({ id: t.unitId, modelId: t.modelId, retired: false }));

/** How the replicas reach each other: a real server, or an in-memory hub. */
interface Network {
	docs: Y.Doc[];
	setOnline(replica: number, online: boolean): void;
	/** Lets messages in flight arrive. */
	tick(): Promise<void>;
	/** Brings every replica online and resolves once all hold the same updates. */
	converge(): Promise<void>;
}

const sameState = (docs: Y.Doc[]) => {
	const vectors = docs.map((doc) => Y.encodeStateVector(doc).toString());
	return vectors.every((v) => v === vectors[0]);
};

/** Replicas that exchange updates through a hub doc, at once, while online. */
function memoryNetwork(count: number): Network {
	const hub = new Y.Doc();
	const docs = Array.from({ length: count }, () => new Y.Doc());
	const online = docs.map(() => true);
	const relay = (from: number, update: Uint8Array) => {
		Y.applyUpdate(hub, update, hub);
		docs.forEach((doc, i) => i !== from && online[i] && Y.applyUpdate(doc, update, hub));
	};
	docs.forEach((doc, i) =>
		doc.on('update', (u: Uint8Array, origin) => origin !== hub && online[i] && relay(i, u))
	);
	const setOnline = (i: number, on: boolean) => {
		online[i] = on;
		if (!on) return;
		relay(i, Y.encodeStateAsUpdate(docs[i], Y.encodeStateVector(hub)));
		Y.applyUpdate(docs[i], Y.encodeStateAsUpdate(hub, Y.encodeStateVector(docs[i])), hub);
	};
	return {
		docs,
		setOnline,
		tick: async () => {},
		converge: async () => docs.forEach((_d, i) => setOnline(i, true))
	};
}

/** Replicas with real WebsocketProviders against a real server. */
function serverNetwork(clients: TestClient[]): Network {
	return {
		docs: clients.map((c) => c.doc),
		setOnline: (i, on) => (on ? clients[i].provider.connect() : clients[i].provider.disconnect()),
		tick: () => new Promise((resolve) => setImmediate(resolve)),
		async converge() {
			for (const c of clients) c.provider.connect();
			await waitFor(
				() => clients.every((c) => c.provider.synced) && sameState(clients.map((c) => c.doc)),
				{
					timeoutMs: 20_000,
					message: 'three replicas holding the same updates'
				}
			);
		}
	};
}

/** What the test itself did, to check the merged ledger against. */
interface Oracle {
	/** Each injected double check-out: the unit and its two rentals. */
	doubles: { unitId: string; rentalIds: string[] }[];
	/** Rentals the random ops leave alone so their injected conflict lasts. */
	frozen: Set<string>;
	/** Per settlement written: its rental, and the ids of the entries the settling tablet had seen. */
	settlements: Map<string, { rentalId: string; seen: Set<string> }>;
	/** Every payment recorded: its rental and amount. */
	payments: Map<string, { rentalId: string; amount: number }>;
	entriesWritten: number;
}

/** What one replica derives from its doc. */
function derive(doc: Y.Doc, now: number) {
	const ledger = readLedger(doc);
	const book = deriveRentals(ledger.events);
	const reservations = deriveReservations(ledger.reservations, ledger.events);
	const ctx = { units: UNITS, book, reservations, now, turnaroundMs: TURNAROUND };
	const statuses = deriveAllStatuses(UNITS, [], unitFacts(book, reservations), now, TURNAROUND);
	const money = balances(ledger.entries);
	return { ledger, book, reservations, ctx, statuses, money, conflicts: ledgerConflicts(ctx) };
}

/** The parts of a derivation every replica must agree on. */
function comparable(view: ReturnType<typeof derive>) {
	const sorted = <T>(map: Map<string, T>) => [...map].sort(([a], [b]) => (a < b ? -1 : 1));
	return JSON.stringify({
		statuses: [...view.statuses.values()],
		byRental: sorted(view.money.byRental),
		byCustomer: sorted(view.money.byCustomer),
		conflicts: view.conflicts,
		rentals: [...view.book.rentals.values()].map((r) => [r.id, r.status, r.dueAt])
	});
}

type View = ReturnType<typeof derive>;

/** One seeded run: three tablets' staff doing what a busy Saturday brings, links dropping. */
class Run {
	readonly oracle: Oracle = {
		doubles: [],
		frozen: new Set(),
		settlements: new Map(),
		payments: new Map(),
		entriesWritten: 0
	};
	readonly writers: LedgerWriter[];
	readonly random: () => number;
	/** Each tablet's clock is off a little: facts from different tablets interleave out of order. */
	readonly skew = [0, -90_000, 120_000];
	readonly online: boolean[];
	customers: string[] = [];
	clock = FRI_10;

	constructor(
		readonly net: Network,
		seed: number
	) {
		this.random = prng(seed);
		this.online = net.docs.map(() => true);
		this.writers = net.docs.map((_d, i) => ({
			origin: staffOrigin(`s-${i}`, `店员${i}`),
			device: `tab-${i}`
		}));
	}

	pick<T>(items: readonly T[]): T | undefined {
		return items[Math.floor(this.random() * items.length)];
	}
	setOnline(r: number, on: boolean) {
		this.online[r] = on;
		this.net.setOnline(r, on);
	}
	inStock(view: View): UnitTerms[] {
		return TERMS.filter((t) => view.statuses.get(t.unitId)?.status === 'in-stock');
	}
	rentals(view: View, status: string): Rental[] {
		return [...view.book.rentals.values()].filter((x) => x.status === status);
	}

	outTo(r: number, customerId: string, units: UnitTerms[]): string {
		const deposit = units.reduce((sum, t) => sum + t.card.deposit, 0);
		const dueAt = this.clock + Math.floor(2 + this.random() * 30) * HOUR;
		const depositMethod = this.pick(METHODS)!;
		this.oracle.entriesWritten += 1;
		const input = { customerId, units, calendar: shanghai, dueAt, deposit, depositMethod };
		return checkOut(this.net.docs[r], this.writers[r], input, this.clock + this.skew[r]);
	}

	/** Tablets r and r+1 drop offline and both check out the same rod; false if none is free. */
	inject(r: number, view: View): boolean {
		const j = (r + 1) % this.net.docs.length;
		const theirs = this.inStock(derive(this.net.docs[j], this.clock + this.skew[j]));
		const unit = this.pick(this.inStock(view).filter((t) => theirs.includes(t)));
		if (!unit) return false;
		this.setOnline(r, false);
		this.setOnline(j, false);
		const rentalIds = [
			this.outTo(r, this.customers[0], [unit]),
			this.outTo(j, this.customers[1], [unit])
		];
		this.oracle.doubles.push({ unitId: unit.unitId, rentalIds });
		for (const id of rentalIds) this.oracle.frozen.add(id);
		return true;
	}

	checkOutSome(r: number, view: View) {
		const free = this.inStock(view);
		const units = [...new Set([this.pick(free), this.pick(free)])].filter((t) => t !== undefined);
		if (units.length > 0) this.outTo(r, this.pick(this.customers)!, units);
	}

	returnSome(r: number, view: View, at: number) {
		const open = this.rentals(view, 'out').filter((x) => !this.oracle.frozen.has(x.id));
		const rental = this.pick(open);
		if (!rental) return;
		const out = billedUnits(rental).filter((u) => u.returnedAt === undefined);
		const back = out.filter(() => this.random() < 0.8).map((u) => ({ unitId: u.terms.unitId }));
		returnUnits(this.net.docs[r], this.writers[r], rental.id, back, at);
	}

	pay(r: number, view: View, at: number) {
		const rental = this.pick([...this.rentals(view, 'out'), ...this.rentals(view, 'returned')]);
		if (!rental) return;
		const amount = Math.floor(1 + this.random() * 50) * 100;
		const { id: rentalId, customerId } = rental;
		const entry = {
			rentalId,
			customerId,
			kind: 'payment' as const,
			amount,
			method: this.pick(METHODS)!
		};
		const id = recordMoney(this.net.docs[r], this.writers[r], entry, at);
		this.oracle.payments.set(id, { rentalId, amount });
		this.oracle.entriesWritten += 1;
	}

	settle(r: number, view: View, at: number) {
		const rental = this.pick(this.rentals(view, 'returned'));
		if (!rental) return;
		const seen = view.ledger.entries.filter((e) => e.rentalId === rental.id).map((e) => e.id);
		const doc = this.net.docs[r];
		const result = settleRental(doc, this.writers[r], rental, this.pick(METHODS)!, at);
		if (!result.ok) return;
		this.oracle.settlements.set(result.settledEventId, {
			rentalId: rental.id,
			seen: new Set(seen)
		});
		const written = readLedger(doc).entries.filter((e) => e.eventId === result.settledEventId);
		this.oracle.entriesWritten += written.length;
	}

	reserveSome(r: number, view: View, at: number) {
		const from = this.clock + Math.floor(this.random() * 72) * HOUR;
		const until = from + Math.floor(2 + this.random() * 28) * HOUR;
		const request = { modelId: this.pick([SEA, LURE])!, from, until };
		if (!canReserve(request, view.ctx).ok) return;
		reserve(
			this.net.docs[r],
			this.writers[r],
			{ customerId: this.pick(this.customers)!, ...request },
			at
		);
	}

	cancelSome(r: number, view: View, at: number) {
		const reservation = this.pick(view.reservations.filter((x) => x.status === 'active'));
		if (reservation)
			cancelReservation(this.net.docs[r], this.writers[r], reservation.id, '客人改期', at);
	}

	/** A rod scanned back onto a rental that never had it. */
	returnToWrongRental(r: number, view: View, at: number) {
		const rental = this.pick(this.rentals(view, 'out'));
		const onIt = new Set(rental?.units.map((u) => u.terms.unitId));
		const unit = this.pick(TERMS.filter((t) => !onIt.has(t.unitId)));
		if (rental && unit) {
			returnUnits(this.net.docs[r], this.writers[r], rental.id, [{ unitId: unit.unitId }], at);
		}
	}

	/** One random operation on a random tablet; an injection when one is due. */
	step(index: number, steps: number) {
		this.clock += Math.floor(1 + this.random() * 40) * 60_000;
		const r = Math.floor(this.random() * this.net.docs.length);
		const at = this.clock + this.skew[r];
		const view = derive(this.net.docs[r], at);
		const due = Math.min(INJECTIONS, Math.floor(((INJECTIONS + 1) * index) / steps));
		if (this.oracle.doubles.length < due && this.inject(r, view)) return;
		const roll = this.random();
		if (roll < 0.1) this.setOnline(r, !this.online[r]);
		else if (roll < 0.27) this.checkOutSome(r, view);
		else if (roll < 0.5) this.returnSome(r, view, at);
		else if (roll < 0.65) this.pay(r, view, at);
		else if (roll < 0.8) this.settle(r, view, at);
		else if (roll < 0.92) this.reserveSome(r, view, at);
		else if (roll < 0.97) this.cancelSome(r, view, at);
		else this.returnToWrongRental(r, view, at);
	}
}

/** Plays `steps` seeded random operations over the network; returns what the test did. */
async function play(net: Network, seed: number, steps: number) {
	const run = new Run(net, seed);
	run.customers = ['王师傅', '李姐', '张大爷', '赵哥'].map((name) =>
		addCustomer(net.docs[0], run.writers[0], { name, phone: '', tags: [], note: '' }, FRI_10)
	);
	await net.converge();
	for (let index = 0; index < steps; index += 1) {
		run.step(index, steps);
		await net.tick();
	}
	await net.converge();
	return { oracle: run.oracle, now: run.clock + HOUR, writers: run.writers };
}

/**
 * Each rental with one settlement that still matches its facts: the bill charged is the bill the
 * merged facts give, and the money adds up to it — all that is left over is the payments the
 * settling tablet had not seen (owed back). Returns how many rentals were checked.
 */
function checkMoney(view: View, oracle: Oracle): number {
	const reported = new Set(view.conflicts.map((c) => c.key));
	let checked = 0;
	for (const rental of view.book.rentals.values()) {
		const [settled, ...more] = rental.settlements;
		if (!settled || more.length > 0 || reported.has(`bill-changed:${settled.id}`)) continue;
		const { seen } = oracle.settlements.get(settled.id)!;
		const bill = billFor(rental, settled.at);
		const entries = view.ledger.entries.filter((e) => e.rentalId === rental.id);
		const charged = entries.filter((e) => e.kind === 'charge' && e.eventId === settled.id);
		expect(bill.ok && charged.reduce((sum, e) => sum + e.amount, 0)).toBe(settled.totals.charges);
		const late = [...oracle.payments].filter(
			([id, p]) => p.rentalId === rental.id && !seen.has(id)
		);
		const lateMoney = late.reduce((sum, [, p]) => sum + p.amount, 0);
		const money = view.money.byRental.get(rental.id)!;
		expect(money.cashIn - lateMoney, `money of ${rental.id}`).toBe(settled.totals.charges);
		expect(money.credit).toBe(lateMoney);
		const now = settlementFor(rental, entries, settled.at);
		const outstanding = now.ok && (now.settlement.refund ?? 0) - (now.settlement.balanceDue ?? 0);
		expect(outstanding).toBe(lateMoney);
		checked += 1;
	}
	return checked;
}

/** Checks the merge property on converged replicas. */
function checkMerged(net: Network, oracle: Oracle, now: number) {
	const views = net.docs.map((doc) => derive(doc, now));
	const first = comparable(views[0]);
	for (const view of views) expect(comparable(view)).toBe(first);
	const view = views[0];
	expect(view.ledger.entries).toHaveLength(oracle.entriesWritten);
	for (const { unitId, rentalIds } of oracle.doubles) {
		const reported = view.conflicts.find((c) => c.kind === 'unit-out-twice' && c.unitId === unitId);
		expect(reported, `double check-out of ${unitId}`).toBeDefined();
		expect(reported!.kind === 'unit-out-twice' && reported!.rentalIds).toEqual(
			expect.arrayContaining(rentalIds)
		);
	}
	const written = new Map<string, number>();
	for (const { rentalId } of oracle.settlements.values()) {
		written.set(rentalId, (written.get(rentalId) ?? 0) + 1);
	}
	const keys = new Set(view.conflicts.map((c) => c.key));
	for (const [rentalId, count] of written) {
		expect(view.book.rentals.get(rentalId)!.settlements).toHaveLength(count);
		if (count > 1) expect(keys.has(`settled-twice:${rentalId}`), rentalId).toBe(true);
	}
	expect(checkMoney(view, oracle)).toBeGreaterThan(0);
}

/** Writes the first resolution of each conflict replica `r` sees (a swap takes a free unit). */
function resolveOn(net: Network, r: number, now: number, writer: LedgerWriter): number {
	const view = derive(net.docs[r], now);
	let written = 0;
	for (const conflict of view.conflicts) {
		const resolution = resolutions(conflict)[0];
		let replacement: UnitTerms | undefined;
		if (resolution.action === 'swap-unit') {
			const rental = view.book.rentals.get(resolution.rentalId)!;
			const from = rental.units.find((u) => u.terms.unitId === resolution.unitId)!.terms;
			const window = { from: now, until: now + HOUR };
			const free = freeUnits(modelUses(from.modelId, view.ctx), window, TURNAROUND);
			const to = TERMS.find((t) => t.unitId === free[0]);
			if (!to) continue;
			replacement = swapTerms(from, to);
		}
		const stamp = { at: now, by: writer.origin.accountId, device: writer.device };
		const input = { book: view.book, entries: view.ledger.entries, stamp, replacement };
		const facts = resolutionFacts(resolution, { ...input, reason: '合并后处理' });
		if (!facts.ok) continue;
		appendFacts(net.docs[r], writer, facts);
		written += 1;
	}
	return written;
}

/**
 * Resolves conflicts until none is left that a first resolution can fix: in the first round two
 * tablets resolve the same conflicts the same way while apart (the facts must fold into one).
 */
async function resolveAll(net: Network, now: number, writers: LedgerWriter[]) {
	const before = derive(net.docs[0], now).conflicts;
	for (let round = 0; round < 10; round += 1) {
		const resolvers = round === 0 ? [0, 1] : [round % net.docs.length];
		for (const r of resolvers) net.setOnline(r, false);
		const written = resolvers.map((r) => resolveOn(net, r, now, writers[r]));
		await net.converge();
		if (written.every((n) => n === 0)) break;
	}
	return { before, after: net.docs.map((doc) => derive(doc, now)) };
}

let shop: TestShop | undefined;
const clients: TestClient[] = [];
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	await shop?.stop();
	shop = undefined;
});

async function runProperty(net: Network, seed: number, steps: number) {
	const { oracle, now, writers } = await play(net, seed, steps);
	checkMerged(net, oracle, now);
	const { before, after } = await resolveAll(net, now, writers);
	const first = comparable(after[0]);
	for (const view of after) expect(comparable(view)).toBe(first);
	const left = after[0].conflicts.filter((c) => c.kind !== 'unit-out-twice');
	expect(left, `conflicts left after resolving ${before.length}`).toEqual([]);
	expect(checkMoney(after[0], oracle)).toBeGreaterThan(0);
	return { oracle, before };
}

describe('the ledger after random offline work on three tablets', () => {
	it('converges over real WebsocketProviders and a real server', async () => {
		shop = await startServer();
		for (let i = 0; i < 3; i += 1)
			clients.push(connectClient(shop.wsUrl, 'ledger', shop.token('staff', `s-${i}`)));
		await waitFor(() => clients.every((c) => c.provider.synced));
		const { oracle, before } = await runProperty(serverNetwork(clients), 20261128, 300);
		expect(oracle.doubles).toHaveLength(INJECTIONS);
		expect(before.length).toBeGreaterThanOrEqual(oracle.doubles.length);
	}, 60_000);

	it.each([1, 2, 3, 4, 5, 6])('converges over an in-memory hub, seed %i', async (seed) => {
		const { oracle } = await runProperty(memoryNetwork(3), seed, 400);
		expect(oracle.doubles).toHaveLength(INJECTIONS);
	});
});
