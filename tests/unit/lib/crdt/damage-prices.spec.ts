import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readDamagePrices, storedDamagePrices } from '../../../../src/lib/crdt/damage-prices.ts';
import {
	createModel,
	importInventory,
	readInventory,
	updateModel
} from '../../../../src/lib/crdt/inventory.ts';
import { staffOrigin } from '../../../../src/lib/crdt/origin.ts';
import { SEED_CATEGORY_IDS } from '../../../../src/lib/domain/categories.ts';
import type { DamagePrice } from '../../../../src/lib/domain/damage-prices.ts';
import { modelId, type ModelDraft, type ModelId } from '../../../../src/lib/domain/inventory.ts';

const wang = staffOrigin('s-wang', '老王');
const li = staffOrigin('s-li', '小李');

const tip: DamagePrice = { id: 'd-tip', name: '竿梢断裂', amount: 8000 };
const guide: DamagePrice = { id: 'd-guide', name: '导环损坏', amount: 3000 };
const seat: DamagePrice = { id: 'd-seat', name: '轮座损坏', amount: 6000 };
const handle: DamagePrice = { id: 'd-handle', name: '摇臂丢失', amount: 3500 };

const seaRod: ModelDraft = {
	categoryId: SEED_CATEGORY_IDS.seaRod,
	name: '光威 3.6米海竿',
	brand: '光威',
	specs: { length: 3.6 },
	photos: [],
	rates: { daily: 3000, deposit: 30_000, replacementValue: 38_000 },
	maintenance: {},
	tracking: 'unit',
	retired: false
};

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const pricesOf = (doc: Y.Doc, id: ModelId) =>
	readInventory(doc).models.find((m) => m.id === id)?.damagePrices;

/** Two tablets that both have the sea rod with `list`, then go offline. */
function twoTablets(list: DamagePrice[]): { a: Y.Doc; b: Y.Doc; id: ModelId } {
	const a = new Y.Doc();
	const id = createModel(a, { ...seaRod, damagePrices: list }, wang);
	const b = new Y.Doc();
	sync(a, b);
	return { a, b, id };
}

describe('damage prices in the inventory doc', () => {
	it.each<[string, DamagePrice[]]>([
		['one row', [tip]],
		['three rows in the order the shop listed them', [seat, tip, guide]],
		[
			'rows whose ids have dots',
			[
				{ ...tip, id: 'd.1' },
				{ ...guide, id: 'd.2.x' }
			]
		]
	])('reads back %s as written', (_story, list) => {
		const doc = new Y.Doc();
		const id = createModel(doc, { ...seaRod, damagePrices: list }, wang, 1000);
		expect(readInventory(doc).models).toEqual([
			{ ...seaRod, damagePrices: list, id, createdAt: 1000 }
		]);
	});

	it('stores one key per row, not the list as one value', () => {
		const doc = new Y.Doc();
		const id = createModel(doc, { ...seaRod, damagePrices: [tip, guide] }, wang);
		const map = doc.getMap<Y.Map<unknown>>('models').get(id)!;
		expect(map.get('damagePrices.d-tip')).toEqual({ name: '竿梢断裂', amount: 8000, order: 1 });
		expect(map.get('damagePrices.d-guide')).toEqual({ name: '导环损坏', amount: 3000, order: 2 });
		expect(map.has('damagePrices')).toBe(false);
	});

	it('reads back what an import (the demo shop) wrote', () => {
		const doc = new Y.Doc();
		const id = modelId('m-demo');
		importInventory(
			doc,
			{ models: [{ ...seaRod, damagePrices: [tip, guide], id, createdAt: 5 }], units: [] },
			wang
		);
		expect(pricesOf(doc, id)).toEqual([tip, guide]);
	});

	it('writes nothing when the list is saved unchanged, and only the row that changed', () => {
		const doc = new Y.Doc();
		const id = createModel(doc, { ...seaRod, damagePrices: [tip, guide] }, wang);
		expect(updateModel(doc, id, { damagePrices: [tip, guide] }, wang)).toBe(false);
		const changed: string[] = [];
		doc
			.getMap<Y.Map<unknown>>('models')
			.get(id)!
			.observe((e) => changed.push(...e.keysChanged));
		updateModel(doc, id, { damagePrices: [tip, { ...guide, amount: 4000 }, seat] }, wang);
		expect(changed.sort()).toEqual(['damagePrices.d-guide', 'damagePrices.d-seat']);
		expect(pricesOf(doc, id)).toEqual([tip, { ...guide, amount: 4000 }, seat]);
	});

	it('removes a row taken off the list, and every row when the list is cleared', () => {
		const doc = new Y.Doc();
		const id = createModel(doc, { ...seaRod, damagePrices: [tip, guide, seat] }, wang);
		updateModel(doc, id, { damagePrices: [tip, seat] }, wang);
		expect(pricesOf(doc, id)).toEqual([tip, seat]);
		updateModel(doc, id, { damagePrices: undefined }, wang);
		expect(pricesOf(doc, id)).toBeUndefined();
		expect([...doc.getMap<Y.Map<unknown>>('models').get(id)!.keys()]).not.toContainEqual(
			expect.stringMatching(/^damagePrices/)
		);
	});

	it('leaves the list alone when another field is saved', () => {
		const doc = new Y.Doc();
		const id = createModel(doc, { ...seaRod, damagePrices: [tip] }, wang);
		updateModel(doc, id, { retired: true }, wang);
		expect(pricesOf(doc, id)).toEqual([tip]);
	});
});

describe('two tablets editing damage prices offline', () => {
	it.each<[string, DamagePrice[], DamagePrice[], DamagePrice[], DamagePrice[]]>([
		[
			'each adds a row: both rows are kept',
			[tip],
			[tip, guide],
			[tip, handle],
			// Both new rows come after the tip; the two are listed by id.
			[tip, guide, handle]
		],
		[
			'one edits a row, the other another row: both edits land',
			[tip, guide],
			[{ ...tip, amount: 9000 }, guide],
			[tip, { ...guide, name: '导环脱落' }],
			[
				{ ...tip, amount: 9000 },
				{ ...guide, name: '导环脱落' }
			]
		],
		[
			'one removes a row, the other adds one: the removal and the new row both land',
			[tip, guide],
			[tip],
			[tip, guide, seat],
			[tip, seat]
		],
		[
			'one removes a row the other edits: the edit brings it back',
			[tip, guide],
			[tip],
			[tip, { ...guide, amount: 3500 }],
			[tip, { ...guide, amount: 3500 }]
		]
	])('%s', (_story, start, onA, onB, merged) => {
		const { a, b, id } = twoTablets(start);
		updateModel(a, id, { damagePrices: onA }, wang);
		updateModel(b, id, { damagePrices: onB }, li);
		sync(a, b);
		expect(pricesOf(a, id)).toEqual(merged);
		expect(pricesOf(b, id)).toEqual(merged);
	});

	it('both change the same row: one whole version wins, the same on both tablets', () => {
		const { a, b, id } = twoTablets([tip]);
		updateModel(a, id, { damagePrices: [{ ...tip, amount: 9000 }] }, wang);
		updateModel(b, id, { damagePrices: [{ ...tip, name: '竿梢折断' }] }, li);
		sync(a, b);
		const merged = pricesOf(a, id);
		expect(merged).toEqual(pricesOf(b, id));
		expect([[{ ...tip, amount: 9000 }], [{ ...tip, name: '竿梢折断' }]]).toContainEqual(merged);
	});

	it('keeps the damage prices and a price-card edit made on the other tablet', () => {
		const { a, b, id } = twoTablets([]);
		updateModel(a, id, { damagePrices: [tip] }, wang);
		updateModel(b, id, { rates: { ...seaRod.rates, replacementValue: 40_000 } }, li);
		sync(a, b);
		const model = readInventory(b).models[0];
		expect([model.damagePrices, model.rates.replacementValue]).toEqual([[tip], 40_000]);
	});
});

describe('reading damage prices another replica wrote', () => {
	it.each<[string, unknown, DamagePrice[] | undefined]>([
		['nothing', undefined, undefined],
		['an array instead of rows by id', [tip], undefined],
		['rows that are all malformed', { a: 'x', b: { name: '', amount: 100, order: 1 } }, undefined],
		[
			'a row without a name, among good ones',
			{ 'd-tip': { name: '竿梢断裂', amount: 8000, order: 1 }, bad: { amount: 100, order: 2 } },
			[tip]
		],
		[
			'rows with amounts that are not fen above 0',
			{
				'd-tip': { name: '竿梢断裂', amount: 8000, order: 1 },
				zero: { name: '零', amount: 0, order: 2 },
				half: { name: '半', amount: 80.5, order: 3 },
				text: { name: '字', amount: '80', order: 4 }
			},
			[tip]
		],
		[
			'a row without an order, listed last',
			{
				'd-guide': { name: '导环损坏', amount: 3000 },
				'd-tip': { name: '竿梢断裂', amount: 8000, order: 7 }
			},
			[tip, guide]
		]
	])('%s', (_story, stored, read) => {
		expect(readDamagePrices(stored)).toEqual(read);
	});

	it('skips a malformed row written straight into a model map, and keeps the model', () => {
		const doc = new Y.Doc();
		const id = createModel(doc, { ...seaRod, damagePrices: [tip] }, wang);
		doc.getMap<Y.Map<unknown>>('models').get(id)!.set('damagePrices.junk', 42);
		expect(pricesOf(doc, id)).toEqual([tip]);
	});
});

describe('keeping the order of a list', () => {
	it('gives a new row the place after the one before it, and keeps the others', () => {
		const stored = storedDamagePrices([tip, guide]);
		const existing = (id: string) => stored[id];
		expect(storedDamagePrices([tip, guide, seat], existing)).toEqual({
			'd-tip': { name: '竿梢断裂', amount: 8000, order: 1 },
			'd-guide': { name: '导环损坏', amount: 3000, order: 2 },
			'd-seat': { name: '轮座损坏', amount: 6000, order: 3 }
		});
		// Moved rows get new places, so the list reads back in the new order.
		const moved = storedDamagePrices([guide, tip], existing);
		expect(readDamagePrices(moved)).toEqual([guide, tip]);
	});
});
