import { describe, expect, it } from 'vitest';
import { SEED_CATEGORY_IDS as CAT, seedCategories } from '../../../../src/lib/domain/categories.ts';
import { demoShop } from '../../../../src/lib/domain/demo-shop.ts';
import type { ModelId } from '../../../../src/lib/domain/inventory.ts';
import { pickerGroups } from '../../../../src/routes/(app)/inventory/labels/label-picker.ts';
import {
	labelDetail,
	parseIdList,
	pickerPath,
	qrCache,
	qrDataUrl,
	sheetsOf
} from '../../../../src/routes/(app)/inventory/labels/label-sheet.ts';

const shop = demoShop({ size: 'shop', seed: 1 });
const model = (name: string) => shop.models.find((m) => m.name === name)!;
const category = (id: string) => seedCategories.find((c) => c.id === id);

describe('label sheets', () => {
	it.each([
		[3, 0, [3]],
		[24, 0, [24]],
		[25, 0, [24, 1]],
		[3, 22, [24, 1]],
		[3, 99, [24, 2]],
		[0, 5, [5]]
	])('%d labels after %d used cells fill sheets of %j cells', (count, skip, sizes) => {
		const sheets = sheetsOf(
			Array.from({ length: count }, (_, i) => i),
			skip
		);
		expect(sheets.map((s) => s.length)).toEqual(sizes);
		expect(sheets.flat().filter((c) => c !== null)).toHaveLength(count);
	});

	it('leaves the used cells of the first sheet blank', () => {
		expect(sheetsOf(['HG-0001'], 2)).toEqual([[null, null, 'HG-0001']]);
	});

	it('reads the ids of a link in order, once each', () => {
		expect(parseIdList(' a, b,,a ,c')).toEqual(['a', 'b', 'c']);
		expect(parseIdList(null)).toEqual([]);
		expect(pickerPath(['u 1', 'u2'])).toBe('/inventory/labels?picked=u%201,u2');
	});

	it('draws the code as a QR code in SVG, once per code', () => {
		const url = qrDataUrl('HG-0012');
		expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
		expect(decodeURIComponent(url)).toContain('<svg');
		expect(qrDataUrl('HG-0013')).not.toBe(url);
		const cached = qrCache();
		expect(cached('HG-0012')).toBe(url);
		expect(cached('HG-0012')).toBe(cached('HG-0012'));
	});

	it.each([
		['光威 远投海竿 3.6米', 'zh', '海竿 · 3.6 m · 节数 4'],
		['光威 远投海竿 3.6米', 'en', 'Sea rod · 3.6 m · Sections 4'],
		['光威 矶竿 3.6米 2号', 'zh', '矶竿 · 3.6 m · 节数 4'],
		['禧玛诺 路亚竿 1.98米 ML', 'en', 'Lure rod · 1.98 m · Power Medium light'],
		['化氏 台钓椅', 'zh', '折叠椅']
	] as const)('says what %s is in %s: %s', (name, locale, detail) => {
		const m = model(name);
		expect(labelDetail(m, category(m.categoryId), locale)).toBe(detail);
	});
});

describe('the label picker', () => {
	const source = {
		models: shop.models,
		categories: seedCategories,
		unitsOf: (id: ModelId) => shop.units.filter((u) => u.modelId === id)
	};

	it('lists every model with its units in category order', () => {
		const groups = pickerGroups(source, null, 'zh');
		expect(groups).toHaveLength(41);
		expect(groups.flatMap((g) => g.units)).toHaveLength(300);
		expect(groups[0].category).toBe('手竿');
		expect(groups.at(-1)?.model.categoryId).toBe(CAT.landingNet);
	});

	it('shows a found model whole and a found unit alone', () => {
		const rod = model('光威 远投海竿 3.6米');
		const reel = model('禧玛诺 纺车轮 3000型');
		const reelUnit = source.unitsOf(reel.id)[2];
		const groups = pickerGroups(
			source,
			[
				{ kind: 'model', modelId: rod.id, score: 10 },
				{ kind: 'unit', unitId: reelUnit.id, modelId: reel.id, score: 1000 }
			],
			'en'
		);
		expect(groups.map((g) => [g.category, g.units.length])).toEqual([
			['Sea rod', 10],
			['Reel', 1]
		]);
	});
});
