import { describe, expect, it } from 'vitest';
import { SEED_CATEGORY_IDS as CAT, seedCategories } from '../../../../src/lib/domain/categories.ts';
import { demoShop, isDemoShopSize } from '../../../../src/lib/domain/demo-shop.ts';
import { damagePricesOf } from '../../../../src/lib/domain/damage-prices.ts';
import {
	parseUnitCode,
	shopDate,
	validateModel,
	validateUnit,
	type Model
} from '../../../../src/lib/domain/inventory.ts';
import { parseInventoryCsv, toInventoryCsv } from '../../../../src/lib/domain/inventory-csv.ts';
import { isFen } from '../../../../src/lib/domain/money.ts';

const at = Date.UTC(2026, 2, 5, 2, 0);
const shop = demoShop({ size: 'shop', seed: 7, at });
const large = demoShop({ size: 'large', seed: 7, at });
const today = shopDate(at, 'Asia/Shanghai');
const ofCategory = (models: Model[], id: string) => models.filter((m) => m.categoryId === id);

describe('the demo shop', () => {
	it('has about 40 models over every seed category and 300 units', () => {
		expect(shop.models).toHaveLength(41);
		expect(shop.units).toHaveLength(300);
		for (const category of seedCategories) {
			expect(ofCategory(shop.models, category.id).length, category.name.zh).toBeGreaterThan(0);
		}
	});

	it('passes the same checks as a model or unit a person enters', () => {
		for (const model of shop.models) {
			const { id: _id, createdAt: _at, ...draft } = model;
			expect(validateModel(draft, seedCategories), model.name).toEqual({ ok: true, value: draft });
		}
		for (const unit of shop.units) {
			const { id: _id, createdAt: _at, ...draft } = unit;
			const checked = validateUnit(draft, {
				models: shop.models,
				units: shop.units,
				self: unit.id,
				today
			});
			expect(checked, unit.code).toEqual({ ok: true, value: draft });
		}
	});

	it('codes every unit once, with its category prefix, numbered from 1', () => {
		const codes = shop.units.map((u) => u.code);
		expect(new Set(codes).size).toBe(codes.length);
		for (const unit of shop.units) {
			const model = shop.models.find((m) => m.id === unit.modelId)!;
			const prefix = seedCategories.find((c) => c.id === model.categoryId)!.codePrefix;
			expect(parseUnitCode(unit.code)?.prefix).toBe(prefix);
		}
		expect(codes).toContain('SG-0001');
		expect(codes).toContain('HG-0001');
		expect(codes).toContain('XL-0060');
		expect(codes).not.toContain('XL-0061');
	});

	it.each([
		['手竿', CAT.handRod, [3.6, 7.2], [1_000, 2_500]],
		['海竿', CAT.seaRod, [2.7, 4.5], [2_000, 4_000]],
		['路亚竿', CAT.lureRod, [1.8, 2.4], [2_000, 5_000]],
		['矶竿', CAT.rockRod, [3.6, 5.3], [2_500, 4_000]]
	])('prices %s by length as shops do', (_name, category, [shortest, longest], [low, high]) => {
		const rods = ofCategory(shop.models, category);
		const lengths = rods.map((m) => m.specs.length as number);
		expect(Math.min(...lengths)).toBe(shortest);
		expect(Math.max(...lengths)).toBe(longest);
		for (const rod of rods) {
			expect(rod.rates.daily).toBeGreaterThanOrEqual(low);
			expect(rod.rates.daily).toBeLessThanOrEqual(high);
		}
	});

	it('asks a deposit of about ten days, never more than the gear is worth', () => {
		for (const { name, rates } of shop.models) {
			for (const fen of Object.values(rates)) expect(isFen(fen), name).toBe(true);
			expect(rates.deposit, name).toBe(Math.min(rates.daily * 10, rates.replacementValue));
			expect(rates.weekend!, name).toBeGreaterThan(rates.daily);
			expect(rates.holiday!, name).toBeGreaterThan(rates.weekend!);
			expect(rates.replacementValue, name).toBeGreaterThan(rates.daily * 5);
		}
	});

	it('has reels from size 2000 to 5000 and a service rule for them', () => {
		const reels = ofCategory(shop.models, CAT.reel);
		expect(reels.map((m) => m.specs.size)).toEqual([2000, 3000, 4000, 5000, 2500, 5000]);
		for (const reel of reels)
			expect(reel.maintenance).toEqual({ everyRentals: 10, everyRentalDays: 30 });
	});

	it.each([
		['手竿', CAT.handRod, '竿梢断裂', 8_000],
		['海竿', CAT.seaRod, '竿梢断裂', 8_000],
		['路亚竿', CAT.lureRod, '竿梢断裂', 12_000],
		['矶竿', CAT.rockRod, '竿梢断裂', 10_000],
		['渔线轮', CAT.reel, '摇臂丢失', 3_500]
	])('lists 2–3 damage prices for every %s, e.g. %s', (_name, category, damage, fen) => {
		for (const model of ofCategory(shop.models, category)) {
			const prices = damagePricesOf(model);
			expect(prices.length, model.name).toBeGreaterThanOrEqual(2);
			expect(prices.length, model.name).toBeLessThanOrEqual(3);
			expect(prices.find((p) => p.name === damage)?.amount, model.name).toBe(fen);
		}
	});

	it('lists no damage prices for gear without parts that break off', () => {
		for (const category of [CAT.tackleBox, CAT.foldingChair, CAT.umbrella, CAT.landingNet]) {
			for (const model of ofCategory(shop.models, category)) {
				expect(damagePricesOf(model), model.name).toEqual([]);
			}
		}
	});

	it('notes the condition of some units and has retired a few', () => {
		const noted = shop.units.filter((u) => u.notes !== '' && !u.retired).length;
		const retired = shop.units.filter((u) => u.retired);
		expect(noted).toBeGreaterThan(10);
		expect(noted).toBeLessThan(60);
		expect(retired.length).toBeGreaterThan(0);
		expect(retired.length).toBeLessThan(20);
		for (const unit of retired) expect(unit.notes).not.toBe('');
		for (const unit of shop.units) expect(unit.acquiredOn! < today).toBe(true);
	});

	it('is the same for the same seed, ids included, and differs in detail for another', () => {
		expect(demoShop({ size: 'shop', seed: 7, at })).toEqual(shop);
		const other = demoShop({ size: 'shop', seed: 8, at });
		expect(other.models.map((m) => m.name)).toEqual(shop.models.map((m) => m.name));
		expect(other.units.map((u) => u.acquiredOn)).not.toEqual(shop.units.map((u) => u.acquiredOn));
		expect(new Set([...shop.units, ...other.units].map((u) => u.id)).size).toBe(600);
	});

	it('goes through a CSV export and import unchanged in number', () => {
		const csv = toInventoryCsv(shop.models, shop.units, seedCategories);
		const preview = parseInventoryCsv(csv, {
			categories: seedCategories,
			models: [],
			units: [],
			today
		});
		expect(preview.rows.filter((r) => r.errors.length > 0)).toEqual([]);
		expect(preview.canImport).toBe(true);
		expect(preview.rows.filter((r) => r.kind === 'model')).toHaveLength(41);
		expect(preview.rows.filter((r) => r.kind === 'unit')).toHaveLength(300);
	});
});

describe('the large demo shop', () => {
	it('has 2,000 units over five series of every model, each code once', () => {
		expect(large.models).toHaveLength(205);
		expect(large.units).toHaveLength(2_000);
		expect(new Set(large.units.map((u) => u.code)).size).toBe(2_000);
		expect(new Set(large.models.map((m) => m.name)).size).toBe(205);
		for (const model of large.models) {
			expect(
				large.units.some((u) => u.modelId === model.id),
				model.name
			).toBe(true);
		}
	});

	it('starts with the models of the small shop', () => {
		expect(large.models.slice(0, 41).map((m) => m.name)).toEqual(shop.models.map((m) => m.name));
	});
});

it.each([
	['shop', true],
	['large', true],
	['huge', false],
	[undefined, false]
])('knows %s is a size: %s', (size, known) => {
	expect(isDemoShopSize(size)).toBe(known);
});
