import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	createModel,
	createUnits,
	readInventory,
	recordMaintenance,
	updateModel,
	updateUnit
} from '../../../../src/lib/crdt/inventory.ts';
import { staffOrigin } from '../../../../src/lib/crdt/origin.ts';
import { SEED_CATEGORY_IDS } from '../../../../src/lib/domain/categories.ts';
import type { ModelDraft, UnitId } from '../../../../src/lib/domain/inventory.ts';
import { deriveAllStatuses } from '../../../../src/lib/domain/unit-status.ts';

const wang = staffOrigin('s-wang', '老王');
const li = staffOrigin('s-li', '小李');

const seaRod: ModelDraft = {
	categoryId: SEED_CATEGORY_IDS.seaRod,
	name: '光威 3.6米海竿',
	brand: '光威',
	specs: { length: 3.6, sections: 4 },
	photos: [],
	rates: { daily: 3000, weekend: 4000, deposit: 30000, replacementValue: 45000 },
	maintenance: { everyRentals: 10 },
	tracking: 'unit',
	retired: false
};

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('the inventory doc', () => {
	it('reads back a model and its units as written', () => {
		const doc = new Y.Doc();
		const id = createModel(doc, seaRod, wang, 1000);
		createUnits(
			doc,
			[{ modelId: id, code: 'R-0001', notes: '', photos: [], retired: false }],
			wang,
			2000
		);
		const { models, units } = readInventory(doc);
		expect(models).toEqual([{ ...seaRod, id, createdAt: 1000 }]);
		expect(units.map((u) => [u.code, u.modelId, u.createdAt])).toEqual([['R-0001', id, 2000]]);
	});

	it('keeps both edits when two tablets change different fields of one unit offline', () => {
		const a = new Y.Doc();
		const modelId = createModel(a, seaRod, wang);
		const [unitId] = createUnits(
			a,
			[{ modelId, code: 'R-0012', notes: '', photos: [], retired: false }],
			wang
		);
		const b = new Y.Doc();
		sync(a, b);
		updateUnit(a, unitId, { notes: '竿梢有划痕' }, wang);
		updateUnit(b, unitId, { acquiredOn: '2026-03-01' }, li);
		sync(a, b);
		for (const doc of [a, b]) {
			const unit = readInventory(doc).units[0];
			expect([unit.notes, unit.acquiredOn]).toEqual(['竿梢有划痕', '2026-03-01']);
		}
	});

	it('keeps both price edits when two tablets change different rates of one model offline', () => {
		const a = new Y.Doc();
		const id = createModel(a, seaRod, wang);
		const b = new Y.Doc();
		sync(a, b);
		updateModel(a, id, { rates: { ...seaRod.rates, daily: 3500 } }, wang);
		updateModel(b, id, { rates: { ...seaRod.rates, deposit: 20000 } }, li);
		sync(a, b);
		expect(readInventory(a).models[0].rates).toEqual({
			...seaRod.rates,
			daily: 3500,
			deposit: 20000
		});
		expect(readInventory(b).models[0].rates).toEqual(readInventory(a).models[0].rates);
	});

	it('derives the same statuses on both tablets from maintenance facts appended offline', () => {
		const a = new Y.Doc();
		const modelId = createModel(a, seaRod, wang);
		const ids = createUnits(
			a,
			['R-0001', 'R-0002'].map((code) => ({
				modelId,
				code,
				notes: '',
				photos: [],
				retired: false
			})),
			wang
		);
		const b = new Y.Doc();
		sync(a, b);
		recordMaintenance(
			a,
			[{ id: 'e1', unitId: ids[0], kind: 'to-workshop', at: 10, by: 's-wang' }],
			wang
		);
		recordMaintenance(b, [{ id: 'e2', unitId: ids[1], kind: 'lost', at: 11, by: 's-li' }], li);
		sync(a, b);
		const status = (doc: Y.Doc) => {
			const inv = readInventory(doc);
			const all = deriveAllStatuses(inv.units, inv.maintenance, [], 100);
			return ids.map((id: UnitId) => all.get(id)!.status);
		};
		expect(status(a)).toEqual(['workshop', 'lost']);
		expect(status(b)).toEqual(status(a));
	});

	it('skips a malformed row another replica wrote instead of failing', () => {
		const doc = new Y.Doc();
		doc.getMap('models').set('junk', new Y.Map());
		doc.getMap('units').set('junk', 'not a map' as never);
		createModel(doc, seaRod, wang);
		expect(readInventory(doc).models).toHaveLength(1);
		expect(readInventory(doc).units).toHaveLength(0);
	});
});

describe('clearing an optional field', () => {
	it('removes an acquired date given as undefined, and leaves fields not named alone', () => {
		const doc = new Y.Doc();
		const modelId = createModel(doc, seaRod, wang);
		const [id] = createUnits(
			doc,
			[
				{
					modelId,
					code: 'R-0001',
					notes: 'ok',
					photos: [],
					retired: false,
					acquiredOn: '2026-01-02'
				}
			],
			wang
		);
		expect(updateUnit(doc, id, { acquiredOn: undefined }, wang)).toBe(true);
		const unit = readInventory(doc).units[0];
		expect(unit.acquiredOn).toBeUndefined();
		expect(unit.notes).toBe('ok');
		expect(updateUnit(doc, id, { acquiredOn: undefined }, wang)).toBe(false);
	});
});
