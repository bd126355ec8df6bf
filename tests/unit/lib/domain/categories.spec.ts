import { describe, it, expect } from 'vitest';
import {
	SEED_CATEGORY_IDS,
	categoryById,
	categoryByName,
	seedCategories,
	validateCategory
} from '../../../../src/lib/domain/categories.ts';
import { nextUnitCode } from '../../../../src/lib/domain/inventory.ts';

describe('seed categories', () => {
	it('are the nine the issue names, in zh-CN and English, with stable ids', () => {
		expect(seedCategories.map((c) => [c.id, c.name.zh, c.name.en])).toEqual([
			['cat-hand-rod', '手竿', 'Hand rod'],
			['cat-sea-rod', '海竿', 'Sea rod'],
			['cat-lure-rod', '路亚竿', 'Lure rod'],
			['cat-rock-rod', '矶竿', 'Rock rod'],
			['cat-reel', '渔线轮', 'Reel'],
			['cat-tackle-box', '钓箱', 'Tackle box'],
			['cat-folding-chair', '折叠椅', 'Folding chair'],
			['cat-umbrella', '遮阳伞', 'Umbrella'],
			['cat-landing-net', '抄网', 'Landing net']
		]);
	});

	it.each([
		['手竿', ['length', 'sections', 'power']],
		['海竿', ['length', 'sections', 'power', 'castingWeight']],
		['路亚竿', ['length', 'power', 'action']],
		['矶竿', ['length', 'sections', 'power']],
		['渔线轮', ['size', 'gearRatio', 'lineCapacity']],
		['钓箱', ['volume']],
		['折叠椅', []],
		['遮阳伞', ['diameter']],
		['抄网', ['length']]
	])('%s asks for the specs anglers ask about: %j', (name, keys) => {
		expect(categoryByName(seedCategories, name)?.specFields.map((f) => f.key)).toEqual(keys);
	});

	it('give rods their length in metres and every field a label in both languages', () => {
		const rods = [SEED_CATEGORY_IDS.handRod, SEED_CATEGORY_IDS.seaRod, SEED_CATEGORY_IDS.rockRod];
		for (const id of rods) {
			const length = categoryById(seedCategories, id)?.specFields.find((f) => f.key === 'length');
			expect(length).toMatchObject({ kind: 'number', unit: 'm' });
		}
		const labels = seedCategories.flatMap((c) => c.specFields.map((f) => f.label));
		expect(labels.every((l) => l.zh !== '' && l.en !== '')).toBe(true);
	});

	it('have distinct code prefixes that make valid codes', () => {
		const prefixes = seedCategories.map((c) => c.codePrefix ?? '');
		expect(new Set(prefixes).size).toBe(seedCategories.length);
		expect(prefixes.map((p) => nextUnitCode(p, []))).toContain('HG-0001');
	});

	it.each([
		['海竿', 'cat-sea-rod'],
		['sea rod', 'cat-sea-rod'],
		[' SEA ROD ', 'cat-sea-rod'],
		['cat-reel', 'cat-reel'],
		['船', undefined]
	])('%j names category %s', (name, id) => {
		expect(categoryByName(seedCategories, name)?.id).toBe(id);
	});
});

describe('an owner adds a category', () => {
	const id = () => 'x1';
	it.each([
		[
			'鱼护 with a prefix',
			{ zh: '鱼护', en: 'Keep net', codePrefix: 'yh', specKeys: ['length'] },
			null
		],
		[
			'no English name: the Chinese one is used',
			{ zh: '饵料盆', en: '', codePrefix: 'EL', specKeys: [] },
			null
		],
		['no name', { zh: ' ', en: 'Net', codePrefix: 'N', specKeys: [] }, 'zh:required'],
		[
			'a prefix with digits',
			{ zh: '鱼护', en: '', codePrefix: 'Y1', specKeys: [] },
			'codePrefix:bad_prefix'
		],
		[
			'a prefix too long',
			{ zh: '鱼护', en: '', codePrefix: 'ABCDE', specKeys: [] },
			'codePrefix:bad_prefix'
		],
		['a seed name again', { zh: '海竿', en: '', codePrefix: 'HX', specKeys: [] }, 'zh:name_taken'],
		[
			'an English seed name again',
			{ zh: '新竿', en: 'sea rod', codePrefix: 'HX', specKeys: [] },
			'en:name_taken'
		]
	])('%s', (_story, draft, error) => {
		const result = validateCategory(draft, seedCategories, id);
		if (error === null) {
			expect(result.ok).toBe(true);
			if (result.ok) {
				expect(result.value.codePrefix).toBe(draft.codePrefix.toUpperCase());
				expect(result.value.name.en).toBe(draft.en || draft.zh);
				expect(result.value.specFields.map((f) => f.key)).toEqual(draft.specKeys);
			}
		} else {
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.errors.map((e) => `${e.field}:${e.code}`)).toContain(error);
		}
	});
});
