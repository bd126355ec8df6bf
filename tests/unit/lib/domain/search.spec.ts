import { describe, it, expect } from 'vitest';
import { SEED_CATEGORY_IDS as CAT, seedCategories } from '../../../../src/lib/domain/categories.ts';
import {
	modelId,
	unitId,
	type CategoryId,
	type Model,
	type Unit
} from '../../../../src/lib/domain/inventory.ts';
import {
	buildSearchIndex,
	parseQuery,
	search,
	type SearchFilters,
	type SearchHit
} from '../../../../src/lib/domain/search.ts';
import type { UnitStatus } from '../../../../src/lib/domain/unit-status.ts';

const model = (
	id: string,
	categoryId: CategoryId,
	name: string,
	brand: string,
	specs: Model['specs'],
	extra: Partial<Model> = {}
): Model => ({
	id: modelId(id),
	categoryId,
	name,
	brand,
	specs,
	photos: [],
	rates: { daily: 3000, deposit: 30_000, replacementValue: 40_000 },
	maintenance: {},
	tracking: 'unit',
	retired: false,
	createdAt: 0,
	...extra
});

const models: Model[] = [
	model('sea36', CAT.seaRod, '光威 3.6米 远投海竿', '光威', {
		length: 3.6,
		sections: 4,
		power: 'hard'
	}),
	model('sea45', CAT.seaRod, '4.5米 矶钓两用竿', 'Daiwa 达亿瓦', { length: 4.5 }),
	model('hand54', CAT.handRod, '化氏 5.4米 鲤鱼竿', '化氏', { length: 5.4, sections: 6 }),
	model('hand36', CAT.handRod, '汉鼎 3.6米 鲫鱼竿', '汉鼎', { length: 3.6 }),
	model('lure', CAT.lureRod, 'Vanford 1.98m 直柄', '禧玛诺', {
		length: 1.98,
		power: 'ML',
		action: 'fast'
	}),
	model('reel', CAT.reel, '纺车轮 3000型', '禧玛诺', { size: 3000, gearRatio: 5.2 }),
	model('chair', CAT.foldingChair, '户外折叠椅', '', {}, { tracking: 'counted' }),
	model('old', CAT.seaRod, '老款 2.7米 海竿', '光威', { length: 2.7 }, { retired: true })
];

const unit = (code: string, of: string, extra: Partial<Unit> = {}): Unit => ({
	id: unitId(`u-${code}`),
	modelId: modelId(of),
	code,
	notes: '',
	photos: [],
	retired: false,
	createdAt: 0,
	...extra
});

const units: Unit[] = [
	unit('HG-0001', 'sea36'),
	unit('HG-0002', 'sea36', { notes: '竿梢有划痕' }),
	unit('R-0012', 'sea36'),
	unit('HG-0003', 'sea45'),
	unit('SG-0001', 'hand54'),
	unit('SG-0012', 'hand36'),
	unit('LY-0001', 'lure'),
	unit('XL-0001', 'reel'),
	unit('HG-0009', 'sea36', { retired: true })
];

const index = buildSearchIndex(models, units, seedCategories);

/** The hits as `model:id` or the unit's code, in ranked order. */
function find(query: string, filters?: SearchFilters, context = {}): string[] {
	return search(index, query, filters, context).hits.map(label);
}
const label = (hit: SearchHit): string =>
	hit.kind === 'model' ? `model:${hit.modelId}` : hit.unitId.replace('u-', '');
const modelsOf = (query: string): string[] =>
	find(query)
		.filter((h) => h.startsWith('model:'))
		.sort();

describe('search in Chinese, pinyin and English', () => {
	it.each([
		['海竿', ['model:sea36', 'model:sea45']],
		['haigan', ['model:sea36', 'model:sea45']],
		['hai gan', ['model:sea36', 'model:sea45']],
		['haig', ['model:sea36', 'model:sea45']],
		['hg', ['model:sea36', 'model:sea45']],
		['Sea Rod', ['model:sea36', 'model:sea45']],
		['手竿', ['model:hand36', 'model:hand54']],
		['shougan', ['model:hand36', 'model:hand54']],
		['鲫鱼', ['model:hand36']],
		['jiyu', ['model:hand36']],
		['禧玛诺', ['model:lure', 'model:reel']],
		['ximanuo', ['model:lure', 'model:reel']],
		['xmn', ['model:lure', 'model:reel']],
		['daiwa', ['model:sea45']],
		['reel', ['model:reel']],
		['lure', ['model:lure']],
		['中软', ['model:lure']],
		['ml', ['model:lure']],
		['快调', ['model:lure']],
		['folding chair', ['model:chair']],
		['zdy', ['model:chair']]
	])('%j finds %j', (query, expected) => {
		expect(modelsOf(query)).toEqual(expected);
	});

	it('finds the units of what it finds: models first in name order, then units by code', () => {
		expect(find('海竿')).toEqual([
			'model:sea45',
			'model:sea36',
			'HG-0001',
			'HG-0002',
			'HG-0003',
			'R-0012'
		]);
	});
});

describe('specs as the counter says them', () => {
	it.each([
		['3.6', ['model:hand36', 'model:sea36']],
		['3米6', ['model:hand36', 'model:sea36']],
		['3.6m', ['model:hand36', 'model:sea36']],
		['3.6 m', ['model:hand36', 'model:sea36']],
		['3.6米', ['model:hand36', 'model:sea36']],
		['360', ['model:hand36', 'model:sea36']],
		['360cm', ['model:hand36', 'model:sea36']],
		['3.6 海竿', ['model:sea36']],
		['3.6海竿', ['model:sea36']],
		['3米6 海竿', ['model:sea36']],
		['haigan 3.6m', ['model:sea36']],
		['5米4', ['model:hand54']],
		['4.5m hg', ['model:sea45']],
		['3000', ['model:reel']],
		['1.98m', ['model:lure']],
		['老款 2.7米', []]
	])('%j finds %j', (query, expected) => {
		expect(modelsOf(query)).toEqual(expected);
	});

	it.each([
		['3米6', [{ text: '3米6', metres: 3.6 }]],
		['3.6M 海竿', [{ text: '3.6m', metres: 3.6 }, { text: '海竿' }]],
		['360厘米', [{ text: '360厘米', metres: 3.6 }]],
		['3.6mm', [{ text: '3.6mm' }]],
		['R-12', [{ text: 'r-12', code: { prefix: 'R', number: 12 } }]]
	])('reads %j as %j', (query, words) => {
		expect(parseQuery(query)).toEqual(words);
	});
});

describe('unit codes as a scanner or a person types them', () => {
	it.each(['R-12', 'r12', 'R-0012', ' r-0012 ', 'Ｒ１２'])('%j opens R-0012 alone', (query) => {
		expect(find(query)).toEqual(['R-0012']);
	});

	it('a code ranks above everything else', () => {
		const [first] = search(index, 'hg-0002').hits;
		expect(first).toMatchObject({ kind: 'unit', unitId: 'u-HG-0002' });
		expect(first.score).toBeGreaterThanOrEqual(1000);
	});

	it('a word that starts a code ranks above the same letters inside pinyin initials', () => {
		// "xl" starts XL-0001's code, and is inside yxl, the initials of 渔线轮 (reel).
		expect(find('xl')).toEqual(['XL-0001', 'model:reel']);
	});

	it('a bare number finds units with that number', () => {
		expect(find('12')).toEqual(['R-0012', 'SG-0012']);
	});

	it('a half-typed code lists the units it could become', () => {
		expect(find('hg-000')).toEqual(['HG-0001', 'HG-0002', 'HG-0003']);
	});

	it('condition notes are searched too', () => {
		expect(find('划痕')).toEqual(['HG-0002']);
	});
});

describe('filters', () => {
	const statuses = new Map<string, { status: UnitStatus }>([
		['u-HG-0001', { status: 'out' }],
		['u-HG-0002', { status: 'in-stock' }],
		['u-R-0012', { status: 'workshop' }],
		['u-SG-0001', { status: 'out' }]
	]);
	const context = { statuses, due: new Set(['u-HG-0002']) } as never;

	it('by category, with an empty query listing all of it', () => {
		expect(find('', { categoryId: CAT.handRod })).toEqual([
			'model:hand36',
			'model:hand54',
			'SG-0001',
			'SG-0012'
		]);
	});

	it('by status: the units out, and the models they belong to', () => {
		expect(find('', { statuses: ['out'] }, context)).toEqual([
			'model:hand54',
			'model:sea36',
			'HG-0001',
			'SG-0001'
		]);
		expect(find('海竿', { statuses: ['out', 'workshop'] }, context)).toEqual([
			'model:sea36',
			'HG-0001',
			'R-0012'
		]);
	});

	it('by service due', () => {
		expect(find('', { serviceDue: true }, context)).toEqual(['model:sea36', 'HG-0002']);
	});

	it('a status filter without derived statuses is a bug in the caller', () => {
		expect(() => search(index, '', { statuses: ['out'] })).toThrow(RangeError);
	});

	it('retired gear is hidden unless asked for', () => {
		expect(find('老款')).toEqual([]);
		expect(find('老款', { includeRetired: true })).toEqual(['model:old']);
		expect(find('hg-0009')).toEqual([]);
		expect(find('hg-0009', { includeRetired: true })).toEqual(['HG-0009']);
	});

	it('a limit cuts the list but the total counts every match', () => {
		const result = search(index, '竿', { limit: 2 });
		expect(result.hits).toHaveLength(2);
		expect(result.total).toBe(12);
	});
});
