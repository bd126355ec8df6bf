/**
 * The inventory doc between tablets, through the real server: edits made offline merge,
 * every tablet derives the same statuses, and what cannot merge (one code on two units)
 * shows the same conflict everywhere. The demo shop arrives live on a connected tablet.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	createModel,
	createUnits,
	INVENTORY_DOC,
	readInventory,
	recordMaintenance,
	updateModel,
	updateUnit
} from '../../src/lib/crdt/inventory.ts';
import { staffOrigin } from '../../src/lib/crdt/origin.ts';
import { SEED_CATEGORY_IDS as CAT } from '../../src/lib/domain/categories.ts';
import {
	duplicateCodes,
	type ModelDraft,
	type UnitDraft,
	type UnitId
} from '../../src/lib/domain/inventory.ts';
import { deriveAllStatuses, type MaintenanceEvent } from '../../src/lib/domain/unit-status.ts';
import {
	connectClient,
	startServer,
	storedDoc,
	type TestClient,
	type TestShop
} from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let shop: TestShop | undefined;
const clients: TestClient[] = [];

function tablet(name: string): TestClient & { origin: ReturnType<typeof staffOrigin> } {
	const c = connectClient(shop!.wsUrl, INVENTORY_DOC, shop!.token('staff', name));
	clients.push(c);
	return { ...c, origin: staffOrigin(name, name) };
}

afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	await shop?.stop();
	shop = undefined;
});

const NOW = Date.UTC(2026, 2, 5, 4, 0);

const seaRod: ModelDraft = {
	categoryId: CAT.seaRod,
	name: '光威 远投海竿 3.6米',
	brand: '光威',
	specs: { length: 3.6, sections: 4, power: 'hard' },
	photos: [],
	rates: { daily: 3000, deposit: 30_000, replacementValue: 38_000 },
	maintenance: { everyRentals: 15 },
	tracking: 'unit',
	retired: false
};

const unitDraft = (modelId: string, code: string): UnitDraft => ({
	modelId: modelId as UnitDraft['modelId'],
	code,
	notes: '',
	photos: [],
	retired: false
});

function event(unitId: UnitId, kind: MaintenanceEvent['kind'], at: number, by: string) {
	return { id: `${by}-${kind}-${at}`, unitId, kind, at, by } satisfies MaintenanceEvent;
}

/** What a tablet shows: its snapshot and every unit's derived status. */
function view(doc: Y.Doc) {
	const snapshot = readInventory(doc);
	const statuses = deriveAllStatuses(snapshot.units, snapshot.maintenance, [], NOW);
	return { snapshot, statuses: Object.fromEntries(statuses) };
}

const sameState = (a: Y.Doc, b: Y.Doc) =>
	JSON.stringify(Y.encodeStateVector(a)) === JSON.stringify(Y.encodeStateVector(b));

describe('two tablets, one offline', () => {
	it('merge models, units and maintenance, and derive the same statuses', async () => {
		shop = await startServer();
		const a = tablet('a');
		const b = tablet('b');
		await waitFor(() => a.provider.synced && b.provider.synced);
		const modelId = createModel(a.doc, seaRod, a.origin, NOW - 10_000);
		const [u1, u2, u3] = createUnits(
			a.doc,
			['HG-0001', 'HG-0002', 'HG-0003'].map((code) => unitDraft(modelId, code)),
			a.origin,
			NOW - 10_000
		);
		await waitFor(() => readInventory(b.doc).units.length === 3, { message: 'b sees 3 units' });

		a.provider.disconnect();
		// a, offline: a note on HG-0001, HG-0002 to the workshop, a new reel model.
		updateUnit(a.doc, u1, { notes: '第二节有划痕' }, a.origin);
		recordMaintenance(a.doc, [event(u2, 'to-workshop', NOW - 5_000, 'a')], a.origin);
		createModel(
			a.doc,
			{ ...seaRod, categoryId: CAT.reel, name: '禧玛诺 纺车轮 3000型', specs: { size: 3000 } },
			a.origin
		);
		// b, online: HG-0001's acquired date, a new price, HG-0003 lost.
		updateUnit(b.doc, u1, { acquiredOn: '2024-03-05' }, b.origin);
		const { rates } = readInventory(b.doc).models[0];
		updateModel(b.doc, modelId, { rates: { ...rates, daily: 3500 } }, b.origin);
		recordMaintenance(b.doc, [event(u3, 'lost', NOW - 4_000, 'b')], b.origin);
		await waitFor(() => storedDoc(shop!, INVENTORY_DOC).getArray('maintenance').length === 1);
		expect(readInventory(a.doc).units.find((u) => u.id === u1)?.acquiredOn).toBeUndefined();

		a.provider.connect();
		await waitFor(() => sameState(a.doc, b.doc) && readInventory(b.doc).models.length === 2, {
			message: 'a and b to converge'
		});
		const [seenByA, seenByB] = [view(a.doc), view(b.doc)];
		expect(seenByA).toEqual(seenByB);
		// The unit edited on both tablets keeps both edits: one key per field.
		const hg1 = seenByA.snapshot.units.find((u) => u.id === u1)!;
		expect(hg1).toMatchObject({ notes: '第二节有划痕', acquiredOn: '2024-03-05' });
		expect(seenByA.snapshot.models.find((m) => m.id === modelId)?.rates.daily).toBe(3500);
		expect(
			Object.fromEntries(seenByA.snapshot.units.map((u) => [u.code, seenByA.statuses[u.id].status]))
		).toEqual({ 'HG-0001': 'in-stock', 'HG-0002': 'workshop', 'HG-0003': 'lost' });
	});

	it('both see the conflict when each gave out R-0013 offline', async () => {
		shop = await startServer();
		const a = tablet('a');
		const b = tablet('b');
		await waitFor(() => a.provider.synced && b.provider.synced);
		const modelId = createModel(a.doc, seaRod, a.origin, NOW - 10_000);
		createUnits(a.doc, [unitDraft(modelId, 'R-0012')], a.origin, NOW - 10_000);
		await waitFor(() => readInventory(b.doc).units.length === 1);

		a.provider.disconnect();
		b.provider.disconnect();
		const [fromA] = createUnits(a.doc, [unitDraft(modelId, 'R-0013')], a.origin, NOW - 2_000);
		const [fromB] = createUnits(b.doc, [unitDraft(modelId, 'R-0013')], b.origin, NOW - 1_000);
		expect(duplicateCodes(readInventory(a.doc).units)).toEqual([]);

		a.provider.connect();
		b.provider.connect();
		await waitFor(() => readInventory(a.doc).units.length === 3 && sameState(a.doc, b.doc), {
			message: 'a and b to converge'
		});
		const conflict = { kind: 'duplicate-code', code: 'R-0013', unitIds: [fromA, fromB] };
		expect(duplicateCodes(readInventory(a.doc).units)).toEqual([conflict]);
		expect(duplicateCodes(readInventory(b.doc).units)).toEqual([conflict]);
		// Neither copy is dropped: a person relabels one of them.
		expect(readInventory(b.doc).units.map((u) => u.code)).toEqual(['R-0012', 'R-0013', 'R-0013']);
	});
});

describe('random edits on three tablets with random disconnects', () => {
	it('end equal, with every fact kept and every unit given one status', async () => {
		shop = await startServer();
		const tablets = ['a', 'b', 'c'].map(tablet);
		await waitFor(() => tablets.every((t) => t.provider.synced));
		const modelId = createModel(tablets[0].doc, seaRod, tablets[0].origin, NOW - 10_000);
		const codes = ['HG-0001', 'HG-0002', 'HG-0003', 'HG-0004'];
		const ids = createUnits(
			tablets[0].doc,
			codes.map((code) => unitDraft(modelId, code)),
			tablets[0].origin,
			NOW - 10_000
		);
		await waitFor(() => tablets.every((t) => readInventory(t.doc).units.length === 4));

		let state = 20_260_305;
		const next = (n: number) => {
			state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
			return (state >>> 8) % n;
		};
		const kinds = ['to-workshop', 'from-workshop', 'serviced', 'lost', 'found'] as const;
		let facts = 0;
		for (let step = 0; step < 120; step++) {
			const t = tablets[next(3)];
			const unit = ids[next(ids.length)];
			const action = next(10);
			if (action === 0) {
				if (t.provider.wsconnected) t.provider.disconnect();
				else t.provider.connect();
			} else if (action < 4) {
				updateUnit(t.doc, unit, { notes: `step ${step}` }, t.origin);
			} else if (action < 5) {
				updateUnit(t.doc, unit, { retired: next(2) === 0 }, t.origin);
			} else {
				const at = NOW - 9_000 + step * 10;
				recordMaintenance(t.doc, [event(unit, kinds[next(5)], at, t.origin.accountId)], t.origin);
				facts += 1;
			}
			if (next(4) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
		}
		for (const t of tablets) if (!t.provider.wsconnected) t.provider.connect();
		await waitFor(
			() =>
				tablets.every((t) => sameState(t.doc, tablets[0].doc)) &&
				readInventory(tablets[0].doc).maintenance.length === facts,
			{ message: 'three tablets to converge' }
		);
		const views = tablets.map((t) => view(t.doc));
		expect(views[1]).toEqual(views[0]);
		expect(views[2]).toEqual(views[0]);
		expect(Object.keys(views[0].statuses).sort()).toEqual([...ids].sort());
		expect(duplicateCodes(views[0].snapshot.units)).toEqual([]);
	});
});

describe('POST /api/demo', () => {
	const demo = (token: string | null, body: unknown = { size: 'shop' }) =>
		fetch(`${shop!.httpUrl}/api/demo`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(token && { authorization: `Bearer ${token}` })
			},
			body: JSON.stringify(body)
		});

	it('fills the inventory a connected staff tablet sees, once', async () => {
		shop = await startServer();
		const staff = tablet('staff-1');
		await waitFor(() => staff.provider.synced);

		expect((await demo(null)).status).toBe(401);
		expect((await demo(shop.token('staff'))).status).toBe(403);
		expect((await demo(shop.token('owner'), { size: 'huge' })).status).toBe(400);
		expect(readInventory(staff.doc).models).toEqual([]);

		const loaded = await demo(shop.token('owner'));
		expect(loaded.status).toBe(200);
		expect(await loaded.json()).toEqual({ size: 'shop', models: 41, units: 300 });
		const seen = await waitFor(
			() => {
				const snapshot = readInventory(staff.doc);
				return snapshot.units.length === 300 ? snapshot : null;
			},
			{ message: 'the staff tablet to receive 300 units' }
		);
		expect(seen.models).toHaveLength(41);
		expect(seen.units.map((u) => u.code)).toContain('HG-0001');
		expect(readInventory(storedDoc(shop, INVENTORY_DOC)).units).toHaveLength(300);

		const again = await demo(shop.token('owner'), { size: 'large' });
		expect(again.status).toBe(409);
		expect(await again.json()).toMatchObject({ error: 'inventory_not_empty' });
		expect(readInventory(storedDoc(shop, INVENTORY_DOC)).units).toHaveLength(300);
	});

	it('is what `npm run demo -- --large` asks the running server for', async () => {
		shop = await startServer();
		const staff = tablet('staff-1');
		await waitFor(() => staff.provider.synced);
		const env = { ...process.env, PORT: String(shop.port), DATA_DIR: shop.dataDir };
		const cli = path.resolve('server/demo.ts');
		const { stdout } = await promisify(execFile)(
			process.execPath,
			['--import', 'tsx', cli, '--large'],
			{ env }
		);
		expect(stdout).toContain('205 models, 2000 units');
		await waitFor(() => readInventory(staff.doc).units.length === 2_000, {
			message: 'the staff tablet to receive 2,000 units'
		});
	});
});
