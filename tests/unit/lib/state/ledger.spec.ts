/**
 * The Ledger state class over real local docs (Dexie on fake-indexeddb): a check-out changes the
 * inventory's status at once, the tablet refuses what it already knows is wrong, and a merge from
 * another tablet that put the same rod out shows as a conflict that a swap resolves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkOut as writeCheckOut } from '../../../../src/lib/crdt/ledger.ts';
import { staffOrigin } from '../../../../src/lib/crdt/origin.ts';
import { SEED_CATEGORY_IDS } from '../../../../src/lib/domain/categories.ts';
import type { ModelDraft, UnitId } from '../../../../src/lib/domain/inventory.ts';
import { defaultRentalRules } from '../../../../src/lib/domain/rental-rules.ts';
import { createDb, type YuzuDb } from '../../../../src/lib/local/db.ts';
import { LocalDocs } from '../../../../src/lib/local/docs.ts';
import { Inventory } from '../../../../src/lib/state/inventory.svelte.ts';
import { Ledger } from '../../../../src/lib/state/ledger.svelte.ts';

const HOUR = 3_600_000;
/** Friday 2026-11-27 10:00 in Shanghai. */
const FRI_10 = Date.parse('2026-11-27T10:00+08:00');
const owner = { id: 'acc-wang', name: '老王', role: 'owner' as const };
const staff = { id: 'acc-li', name: '小李', role: 'staff' as const };

const seaRod: ModelDraft = {
	categoryId: SEED_CATEGORY_IDS.seaRod,
	name: '3.6 m 海竿',
	brand: '光威',
	specs: {},
	photos: [],
	rates: { daily: 3000, weekend: 4000, hourlyLate: 500, deposit: 30_000, replacementValue: 80_000 },
	maintenance: {},
	tracking: 'unit',
	retired: false
};

let db: YuzuDb | undefined;
const cleanup: (() => void)[] = [];

async function openShop(account: typeof owner | typeof staff = owner) {
	let now = FRI_10;
	db = createDb(`yuzu-ledger-${Math.random()}`);
	const docs = new LocalDocs(db, () => {});
	const [inventoryHandle, ledgerHandle] = await Promise.all([
		docs.open('inventory'),
		docs.open('ledger')
	]);
	let ledger: Ledger | null = null;
	const inventory = new Inventory(inventoryHandle, () => account, {
		now: () => now,
		rentalFacts: () => ledger?.unitFacts ?? []
	});
	ledger = new Ledger(ledgerHandle, () => account, {
		device: 'tab-a',
		rules: () => defaultRentalRules,
		timeZone: () => 'Asia/Shanghai',
		inventory: () => inventory,
		now: () => now
	});
	cleanup.push(
		() => inventory.destroy(),
		() => ledger!.destroy()
	);
	const model = await inventory.createModel(seaRod);
	if (!model.ok) throw new Error(`model refused: ${JSON.stringify(model)}`);
	const units = await inventory.addUnits(model.value, 'R', 3);
	if (!units.ok) throw new Error('units refused');
	const customer = await ledger.addCustomer({
		name: '王师傅',
		phone: '13800001234',
		tags: [],
		note: ''
	});
	return {
		inventory,
		ledger,
		ledgerDoc: ledgerHandle.doc,
		unitIds: units.value,
		customerId: customer.id!,
		setNow: (at: number) => (now = at)
	};
}

afterEach(async () => {
	for (const stop of cleanup.splice(0)) stop();
	await db?.delete();
	db = undefined;
});

describe('Ledger', () => {
	it('checks a rod out, shows it out in the inventory, takes it back and settles with a refund', async () => {
		const shop = await openShop();
		const [rod] = shop.unitIds;
		const quote = shop.ledger.quote([rod], FRI_10 + 48 * HOUR);
		expect(quote).toMatchObject({ rent: 7000, deposit: 30_000 });

		const out = await shop.ledger.checkOut({
			customerId: shop.customerId,
			unitIds: [rod],
			dueAt: FRI_10 + 48 * HOUR,
			deposit: 30_000,
			depositMethod: 'wechat'
		});
		expect(out.ok).toBe(true);
		const rentalId = out.ok ? out.rentalId : '';
		expect(shop.inventory.statuses.get(rod)?.status).toBe('out');
		expect(shop.ledger.openRentalOfUnit(rod)?.id).toBe(rentalId);
		expect(shop.ledger.balanceOfRental(rentalId).depositIn).toBe(30_000);

		shop.setNow(FRI_10 + 48 * HOUR + 2 * HOUR);
		await shop.ledger.returnUnits(rentalId, [{ unitId: rod, condition: '竿梢有划痕' }]);
		await shop.ledger.recordDamage(rentalId, {
			unitId: rod,
			description: '竿梢断了',
			amount: 8000,
			photos: []
		});
		const rental = shop.ledger.rental(rentalId)!;
		const bill = shop.ledger.settlementOf(rental);
		// Two hours late, past the grace hour: 3000 + 4000 + min(2 × 500, 4000) = 8000 rent.
		expect(bill.ok && bill.settlement.charges).toBe(8000 + 8000);
		expect(bill.ok && bill.settlement.refund).toBe(30_000 - 16_000);

		const settled = await shop.ledger.settle(rentalId, 'cash');
		expect(settled.ok).toBe(true);
		expect(shop.ledger.rental(rentalId)?.status).toBe('settled');
		expect(shop.ledger.balanceOfRental(rentalId).credit).toBe(0);
		expect(shop.inventory.statuses.get(rod)?.status).toBe('in-stock');
	});

	it.each([
		['a rod that is already out', 'unit-out'],
		['staff lowering the deposit', 'deposit-below-cards']
	])('refuses %s at entry', async (_story, code) => {
		const shop = await openShop(staff);
		const [rod, other] = shop.unitIds;
		await shop.ledger.checkOut({
			customerId: shop.customerId,
			unitIds: [rod],
			dueAt: FRI_10 + 24 * HOUR,
			deposit: 30_000,
			depositMethod: 'cash'
		});
		const again = await shop.ledger.checkOut({
			customerId: shop.customerId,
			unitIds: [code === 'unit-out' ? rod : other],
			dueAt: FRI_10 + 24 * HOUR,
			deposit: code === 'unit-out' ? 30_000 : 1000,
			depositMethod: 'cash'
		});
		expect(again.ok ? null : again.refusal.code).toBe(code);
	});

	it('shows a rod another tablet put out offline as a conflict, and a swap resolves it', async () => {
		const shop = await openShop();
		const [rod, spare] = shop.unitIds;
		const mine = await shop.ledger.checkOut({
			customerId: shop.customerId,
			unitIds: [rod],
			dueAt: FRI_10 + 24 * HOUR,
			deposit: 30_000,
			depositMethod: 'cash'
		});
		// Tablet B, offline, put the same rod out to someone else; its update arrives now.
		const tabletB = new Y.Doc();
		Y.applyUpdate(tabletB, Y.encodeStateAsUpdate(shop.ledgerDoc));
		const [terms] = shop.ledger.termsFor([rod]);
		const theirs = writeCheckOut(
			tabletB,
			{ origin: staffOrigin('acc-li', '小李'), device: 'tab-b' },
			{
				customerId: 'c-li',
				units: [terms],
				calendar: { timeZone: 'Asia/Shanghai', holidays: [], graceMinutes: 60 },
				dueAt: FRI_10 + 24 * HOUR,
				deposit: 30_000,
				depositMethod: 'cash'
			},
			FRI_10 + 60_000
		);
		Y.applyUpdate(shop.ledgerDoc, Y.encodeStateAsUpdate(tabletB));

		const [conflict] = shop.ledger.conflicts;
		expect(conflict).toMatchObject({ kind: 'unit-out-twice', unitId: rod });
		expect(shop.ledger.conflictsOf(theirs)).toHaveLength(1);
		const swap = shop.ledger
			.resolutionsOf(conflict)
			.find((r) => r.action === 'swap-unit' && r.rentalId === theirs)!;
		expect(await shop.ledger.resolve(swap, '同一根竿', undefined)).toBe('replacement-needed');
		expect(await shop.ledger.resolve(swap, '同一根竿', spare as UnitId)).toBeNull();

		expect(shop.ledger.conflicts).toEqual([]);
		expect(shop.ledger.openRentalOfUnit(rod)?.id).toBe(mine.ok && mine.rentalId);
		expect(shop.ledger.openRentalOfUnit(spare)?.id).toBe(theirs);
		expect(shop.inventory.statuses.get(spare)?.status).toBe('out');
	});
});
