import { describe, expect, it } from 'vitest';
import type { AvailabilityContext } from '../../../../src/lib/domain/availability.ts';
import {
	ledgerConflicts,
	resolutionFacts,
	resolutions,
	swapTerms,
	type LedgerConflict,
	type Resolution
} from '../../../../src/lib/domain/ledger-conflicts.ts';
import {
	balances,
	type LedgerEvent,
	type MoneyEntry,
	type Reservation
} from '../../../../src/lib/domain/ledger.ts';
import {
	deriveRentals,
	deriveReservations,
	unitFacts
} from '../../../../src/lib/domain/ledger-rentals.ts';
import { settleFacts } from '../../../../src/lib/domain/ledger-settlement.ts';
import { deriveAllStatuses } from '../../../../src/lib/domain/unit-status.ts';
import {
	checkedOut,
	DAY,
	depositFor,
	FRI_10,
	HOUR,
	returned,
	SEA,
	seaRod,
	stamp,
	uid
} from './ledger-fixtures.ts';

const units = ['u-12', 'u-15'].map((id) => ({ id: uid(id), modelId: SEA, retired: false }));

/** The ledger as both tablets see it after the merge. */
class Shop {
	events: LedgerEvent[] = [];
	entries: MoneyEntry[] = [];
	reservations: Reservation[] = [];
	now = FRI_10 + 3 * HOUR;

	ctx(): AvailabilityContext {
		const book = deriveRentals(this.events);
		const reservations = deriveReservations(this.reservations, this.events);
		return { units, book, reservations, now: this.now, turnaroundMs: HOUR };
	}
	conflicts(): LedgerConflict[] {
		return ledgerConflicts(this.ctx());
	}
	/** Applies a resolution as tablet B. */
	resolve(resolution: Resolution, replacement?: ReturnType<typeof seaRod>) {
		const input = {
			book: this.ctx().book,
			entries: this.entries,
			stamp: { at: this.now, by: 's-li', device: 'tab-b' },
			reason: '合并后处理',
			replacement
		};
		const facts = resolutionFacts(resolution, input);
		if (!facts.ok) throw new Error(facts.error);
		this.events.push(...facts.events);
		this.entries.push(...facts.entries);
	}
	/** Settles r1 on one tablet, as of `at`. */
	settle(id: string, at: number) {
		const rental = deriveRentals(this.events).rentals.get('r1')!;
		const result = settleFacts(rental, this.entries, stamp(id, at), 'cash');
		if (!result.ok) throw new Error(JSON.stringify(result.error));
		return result;
	}
}

/** Tablet A checks R-0012 out to 王师傅 while tablet B, offline, checks it out to 李姐. */
function doubleCheckOut(): Shop {
	const shop = new Shop();
	const a = checkedOut('r-a', { at: FRI_10 });
	const b = checkedOut('r-b', {
		...stamp('r-b:out', FRI_10 + HOUR, 's-li', 'tab-b'),
		customerId: 'c-li'
	});
	shop.events.push(a, b);
	shop.entries.push(depositFor(a), depositFor(b));
	return shop;
}

describe('a unit out on two rentals', () => {
	it('is reported with the rentals in the order they took it', () => {
		expect(doubleCheckOut().conflicts()).toEqual([
			{
				kind: 'unit-out-twice',
				key: 'unit-out-twice:u-12',
				unitId: 'u-12',
				rentalIds: ['r-a', 'r-b']
			}
		]);
	});

	it('offers to keep it on either rental, and a swap resolves it for unit status too', () => {
		const shop = doubleCheckOut();
		const [conflict] = shop.conflicts();
		const options = resolutions(conflict);
		expect(options).toEqual([
			{ action: 'swap-unit', rentalId: 'r-b', keepRentalId: 'r-a', unitId: 'u-12' },
			{ action: 'swap-unit', rentalId: 'r-a', keepRentalId: 'r-b', unitId: 'u-12' }
		]);
		expect(
			resolutionFacts(options[0], {
				book: shop.ctx().book,
				entries: [],
				stamp: { at: 0, by: 's', device: 'd' },
				reason: ''
			})
		).toEqual({ ok: false, error: 'replacement-needed' });
		shop.resolve(options[0], swapTerms(seaRod(), { unitId: uid('u-15'), code: 'R-0015' }));
		expect(shop.conflicts()).toEqual([]);
		const { book, reservations } = shop.ctx();
		const statuses = deriveAllStatuses(units, [], unitFacts(book, reservations), shop.now);
		expect(
			[...statuses.values()].map((s) => [
				s.unitId,
				s.status,
				s.status === 'out' && s.rental.rentalId
			])
		).toEqual([
			['u-12', 'out', 'r-a'],
			['u-15', 'out', 'r-b']
		]);
	});

	it('resolved both ways on two tablets, leaves the unit on neither: reported, and put back', () => {
		const shop = doubleCheckOut();
		const [conflict] = shop.conflicts();
		const [keepOnA, keepOnB] = resolutions(conflict);
		// Tablet B keeps R-0012 with 王师傅 and gives 李姐 R-0015; tablet A, offline, does the opposite.
		shop.resolve(keepOnA, swapTerms(seaRod(), { unitId: uid('u-15'), code: 'R-0015' }));
		shop.resolve(keepOnB, swapTerms(seaRod(), { unitId: uid('u-16'), code: 'R-0016' }));
		const [left] = shop.conflicts();
		expect(left).toEqual({
			kind: 'swapped-off-every-rental',
			key: 'swapped-off-every-rental:u-12',
			unitId: 'u-12',
			rentalIds: ['r-a', 'r-b']
		});
		// It is with 王师傅 after all: back on r-a, and r-a's stand-in R-0016 is free again.
		const back = resolutions(left).find((r) => 'rentalId' in r && r.rentalId === 'r-a')!;
		expect(back).toEqual({ action: 'swap-back', rentalId: 'r-a', unitId: 'u-12' });
		shop.resolve(back);
		expect(shop.conflicts()).toEqual([]);
		const held = (id: string) =>
			shop
				.ctx()
				.book.rentals.get(id)!
				.units.filter((u) => u.swappedOutAt === undefined)
				.map((u) => u.terms.unitId);
		expect([held('r-a'), held('r-b')]).toEqual([['u-12'], ['u-15']]);
	});

	it('is over once one of the rentals has the unit back', () => {
		const shop = doubleCheckOut();
		shop.events.push(returned('r-a', 'u-12', FRI_10 + 2 * HOUR));
		expect(shop.conflicts()).toEqual([]);
	});
});

describe('a rental settled twice', () => {
	/** Tablets A and B both settle r1 offline, each handing back the rest of the deposit. */
	function settledTwice(): Shop {
		const shop = new Shop();
		const out = checkedOut('r1');
		shop.events.push(out, returned('r1', 'u-12', FRI_10 + 2 * HOUR));
		shop.entries.push(depositFor(out));
		const first = shop.settle('s-a', FRI_10 + 2 * HOUR);
		const second = shop.settle('s-b', FRI_10 + 2 * HOUR + 60_000);
		shop.events.push(first.event, second.event);
		shop.entries.push(...first.entries, ...second.entries);
		return shop;
	}

	it('is reported, and voiding the later settlement puts every yuan back once', () => {
		const shop = settledTwice();
		expect(balances(shop.entries).byRental.get('r1')!.cashIn).toBe(30_000 - 2 * 27_000);
		const [conflict] = shop.conflicts();
		expect(conflict).toMatchObject({ kind: 'settled-twice', settledEventIds: ['s-a', 's-b'] });
		const [voidLater] = resolutions(conflict);
		expect(voidLater).toEqual({ action: 'void-settlement', rentalId: 'r1', settledEventId: 's-b' });
		shop.resolve(voidLater);
		expect(shop.conflicts()).toEqual([]);
		const money = balances(shop.entries).byRental.get('r1')!;
		expect([money.cashIn, money.credit]).toEqual([3000, 0]);
	});

	it('writes one void when two tablets void the same settlement', () => {
		const shop = settledTwice();
		const [voidLater] = resolutions(shop.conflicts()[0]);
		shop.resolve(voidLater);
		shop.resolve(voidLater);
		expect(shop.events.filter((e) => e.kind === 'settlement-voided')).toHaveLength(2);
		expect(balances(shop.entries).byRental.get('r1')!.cashIn).toBe(3000);
		expect(shop.conflicts()).toEqual([]);
	});
});

describe('a settled bill that later facts changed', () => {
	it('is reported when damage recorded offline arrives after the settlement', () => {
		const shop = new Shop();
		const out = checkedOut('r1');
		shop.events.push(out, returned('r1', 'u-12', FRI_10 + 2 * HOUR));
		const settled = shop.settle('s1', FRI_10 + 2 * HOUR);
		shop.events.push(settled.event);
		shop.entries.push(...settled.entries);
		expect(shop.conflicts()).toEqual([]);
		shop.events.push({
			...stamp('d1', FRI_10 + 2 * HOUR - 1, 's-li', 'tab-b'),
			kind: 'damage-found',
			rentalId: 'r1',
			unitId: uid('u-12'),
			description: '卷线器摇把丢了',
			amount: 3000,
			photos: []
		});
		const [conflict] = shop.conflicts();
		expect(conflict).toEqual({
			kind: 'bill-changed',
			key: 'bill-changed:s1',
			rentalId: 'r1',
			settledEventId: 's1'
		});
		shop.resolve(resolutions(conflict)[0]);
		const again = shop.settle('s2', shop.now);
		expect(again.event.totals.charges).toBe(3000 + 3000);
		shop.events.push(again.event);
		expect(shop.conflicts()).toEqual([]);
	});
	it('is not reported for a late fact that leaves the bill as it was', () => {
		const shop = new Shop();
		shop.events.push(checkedOut('r1'), returned('r1', 'u-12', FRI_10 + 2 * HOUR));
		const settled = shop.settle('s1', FRI_10 + 2 * HOUR);
		shop.events.push(settled.event, returned('r1', 'u-12', FRI_10 + 2 * HOUR + 5, 'again'));
		expect(settled.event.billedFacts).toMatch(/^[0-9a-f]{16}$/);
		expect(shop.conflicts()).toEqual([]);
	});
});

describe('reservations over capacity', () => {
	const saturday = (id: string, unitIds?: string[]): Reservation => ({
		id,
		customerId: `c-${id}`,
		modelId: SEA,
		...(unitIds && { unitIds: unitIds.map(uid) }),
		from: FRI_10 + DAY,
		until: FRI_10 + DAY + 8 * HOUR,
		createdAt: 0
	});

	it('is reported when two tablets each booked the last rods', () => {
		const shop = new Shop();
		shop.reservations.push(saturday('v1'), saturday('v2'));
		expect(shop.conflicts()).toEqual([]);
		shop.reservations.push(saturday('v3'));
		const [conflict] = shop.conflicts();
		expect(conflict).toMatchObject({
			kind: 'over-booked',
			modelId: SEA,
			reservationIds: ['v1', 'v2', 'v3'],
			demand: 3,
			capacity: 2
		});
		expect(resolutions(conflict)[0]).toEqual({ action: 'cancel-reservation', reservationId: 'v3' });
		shop.resolve(resolutions(conflict)[0]);
		expect(shop.conflicts()).toEqual([]);
	});

	it('is reported when a named rod is still out when its reservation starts', () => {
		const shop = new Shop();
		shop.events.push(checkedOut('r1', { dueAt: FRI_10 + DAY + HOUR }));
		shop.reservations.push(saturday('v1', ['u-12']));
		expect(shop.conflicts()).toMatchObject([{ kind: 'over-booked', reservationIds: ['v1'] }]);
	});

	it('is not reported for reservations that are over', () => {
		const shop = new Shop();
		shop.reservations.push(saturday('v1'), saturday('v2'), saturday('v3'));
		shop.now = FRI_10 + 3 * DAY;
		expect(shop.conflicts()).toEqual([]);
	});
});

describe('a unit returned that was never out', () => {
	it('is reported, and voiding the stray return resolves it', () => {
		const shop = new Shop();
		shop.events.push(checkedOut('r1'), returned('r1', 'u-15', FRI_10 + HOUR, 'b1'));
		const [conflict] = shop.conflicts();
		expect(conflict).toEqual({
			kind: 'returned-never-out',
			key: 'returned-never-out:b1',
			unitId: 'u-15',
			rentalId: 'r1',
			returnEventId: 'b1',
			returnedAt: FRI_10 + HOUR
		});
		shop.resolve(resolutions(conflict)[0]);
		expect(shop.conflicts()).toEqual([]);
	});
});

describe('the conflict list', () => {
	it('comes out in the same order on every tablet', () => {
		const shop = doubleCheckOut();
		shop.events.push(returned('r-a', 'u-99', FRI_10 + HOUR, 'b1'));
		const keys = shop.conflicts().map((c) => c.key);
		shop.events.reverse();
		expect(shop.conflicts().map((c) => c.key)).toEqual(keys);
		expect(keys).toEqual(['returned-never-out:b1', 'unit-out-twice:u-12']);
	});
});
