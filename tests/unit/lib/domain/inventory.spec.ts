import { describe, it, expect } from 'vitest';
import { SEED_CATEGORY_IDS, seedCategories } from '../../../../src/lib/domain/categories.ts';
import {
	categoryId,
	duplicateCodes,
	isCalendarDate,
	modelDraft,
	modelId,
	nextUnitCode,
	nextUnitCodes,
	normalizeUnitCode,
	shopDate,
	unitId,
	validateModel,
	validateUnit,
	type Model,
	type ModelDraft,
	type UnitDraft
} from '../../../../src/lib/domain/inventory.ts';

const seaRodDraft: ModelDraft = {
	categoryId: SEED_CATEGORY_IDS.seaRod,
	name: ' 光威 3.6米 远投海竿 ',
	brand: '光威',
	specs: { length: '3.6', sections: '4', power: '硬', castingWeight: 150 },
	photos: [],
	rates: { daily: 3000, weekend: 4000, hourlyLate: 500, deposit: 50_000, replacementValue: 38_000 },
	maintenance: { everyRentals: 10 },
	tracking: 'unit',
	retired: false
};

const seaRod: Model = {
	...seaRodDraft,
	id: modelId('m-sea'),
	name: '光威 3.6米 远投海竿',
	createdAt: 0
};
const chair: Model = {
	...seaRod,
	id: modelId('m-chair'),
	categoryId: SEED_CATEGORY_IDS.foldingChair,
	specs: {},
	tracking: 'counted'
};

describe('unit codes', () => {
	it.each([
		[' r-12 ', 'R-0012'],
		['R12', 'R-0012'],
		['r0012', 'R-0012'],
		['R-0012', 'R-0012'],
		['hg 7', 'HG-0007'],
		['Ｒ－１２', 'R-0012'],
		['R—12', 'R-0012'],
		['ZYS-12345', 'ZYS-12345']
	])('a scanner or a person typing %j means %s', (typed, code) => {
		expect(normalizeUnitCode(typed)).toBe(code);
	});

	it.each(['', '12', 'R-', 'R-0', 'ABCDE-1', 'R-1234567', 'R-1.5', '海竿-1'])(
		'%j is not a unit code',
		(typed) => {
			expect(normalizeUnitCode(typed)).toBeUndefined();
		}
	);

	it.each([
		['the first sea rod of a new shop', 'HG', [], 'HG-0001'],
		['after HG-0001 and HG-0002', 'hg', ['HG-0001', 'HG-0002'], 'HG-0003'],
		['past a gap, never reusing a retired code', 'HG', ['HG-0001', 'HG-0009'], 'HG-0010'],
		['other prefixes do not count', 'R', ['HG-0040', 'R-0002', 'bad'], 'R-0003'],
		['codes typed in old forms count', 'R', ['r12'], 'R-0013']
	])('the next code: %s', (_story, prefix, existing, next) => {
		expect(nextUnitCode(prefix, existing)).toBe(next);
	});

	it('a prefix that is not letters is a bug in the caller', () => {
		expect(() => nextUnitCode('R1', [])).toThrow(RangeError);
	});

	it.each([
		['three new rods after R-0012', 'R', ['R-0012', 'HG-0040'], 3, ['R-0013', 'R-0014', 'R-0015']],
		['the first two chairs', 'zdy', [], 2, ['ZDY-0001', 'ZDY-0002']],
		['none asked for', 'R', ['R-0001'], 0, []],
		['past 9999 the number grows a digit', 'R', ['R-9998'], 2, ['R-9999', 'R-10000']]
	])('the next codes: %s', (_story, prefix, existing, count, codes) => {
		expect(nextUnitCodes(prefix, existing, count)).toEqual(codes);
	});

	it.each([-1, 1.5, Number.NaN])('a count of %s new codes is a bug in the caller', (count) => {
		expect(() => nextUnitCodes('R', [], count)).toThrow(RangeError);
	});
});

describe('codes used twice', () => {
	const rod = (id: string, code: string, createdAt: number) => ({
		id: unitId(id),
		code,
		createdAt
	});

	it.each([
		['every code once', [rod('a', 'R-0012', 1), rod('b', 'R-0013', 2)], []],
		[
			'two tablets offline both created R-0013: oldest first',
			[rod('a', 'R-0012', 1), rod('z', 'R-0013', 5), rod('b', 'R-0013', 3)],
			[{ kind: 'duplicate-code', code: 'R-0013', unitIds: ['b', 'z'] }]
		],
		[
			'the same code written two ways, same time: by id',
			[rod('y', 'r12', 4), rod('x', 'R-0012', 4)],
			[{ kind: 'duplicate-code', code: 'R-0012', unitIds: ['x', 'y'] }]
		],
		[
			'three on one code and two on another, by code',
			[
				rod('c', 'R-0014', 1),
				rod('a', 'HG-0001', 1),
				rod('d', 'R-0014', 2),
				rod('b', 'HG-0001', 2),
				rod('e', 'R-0014', 3)
			],
			[
				{ kind: 'duplicate-code', code: 'HG-0001', unitIds: ['a', 'b'] },
				{ kind: 'duplicate-code', code: 'R-0014', unitIds: ['c', 'd', 'e'] }
			]
		]
	])('%s', (_story, units, duplicates) => {
		expect(duplicateCodes(units)).toEqual(duplicates);
		expect(duplicateCodes([...units].reverse())).toEqual(duplicates);
	});
});

describe('ids and dates', () => {
	it('brands ids and refuses empty ones', () => {
		expect(modelId('m1')).toBe('m1');
		expect(unitId('u1')).toBe('u1');
		expect(() => categoryId(' ')).toThrow(RangeError);
	});

	it.each([
		['2024-02-29', true],
		['2026-02-29', false],
		['2026-13-01', false],
		['2026-1-5', false]
	])('%s is a calendar date: %s', (text, ok) => {
		expect(isCalendarDate(text)).toBe(ok);
	});

	it("a shop's date comes from its time zone: 23:30 UTC is the next day in Shanghai", () => {
		const at = Date.parse('2026-03-04T23:30Z');
		expect(shopDate(at, 'Asia/Shanghai')).toBe('2026-03-05');
		expect(shopDate(at, 'UTC')).toBe('2026-03-04');
	});
});

describe('validateModel', () => {
	it('cleans a good sea rod: trimmed name, number specs as numbers, the choice as stored', () => {
		const result = validateModel(seaRodDraft, seedCategories);
		expect(result).toEqual({
			ok: true,
			value: {
				...seaRodDraft,
				name: '光威 3.6米 远投海竿',
				specs: { length: 3.6, sections: 4, power: 'hard', castingWeight: 150 }
			}
		});
	});

	it.each<[string, Partial<ModelDraft>, { field: string; code: string }[]]>([
		['no name', { name: '  ' }, [{ field: 'name', code: 'required' }]],
		[
			'a name longer than a label',
			{ name: '竿'.repeat(61) },
			[{ field: 'name', code: 'too_long' }]
		],
		[
			'a category the shop does not have',
			{ categoryId: categoryId('cat-boat') },
			[{ field: 'categoryId', code: 'unknown_category' }]
		],
		[
			'a daily price in yuan with decimals',
			{ rates: { ...seaRodDraft.rates, daily: 30.5 } },
			[{ field: 'rates.daily', code: 'not_fen' }]
		],
		[
			'a negative weekend price',
			{ rates: { ...seaRodDraft.rates, weekend: -100 } },
			[{ field: 'rates.weekend', code: 'not_fen' }]
		],
		[
			'a length written with its unit',
			{ specs: { length: '3.6m' } },
			[{ field: 'specs.length', code: 'not_a_number' }]
		],
		[
			'4.5 sections',
			{ specs: { sections: 4.5 } },
			[{ field: 'specs.sections', code: 'not_a_number' }]
		],
		[
			'a power the category does not offer',
			{ specs: { power: 'XH' } },
			[{ field: 'specs.power', code: 'not_an_option' }]
		],
		[
			'a spec of another category',
			{ specs: { volume: 30 } },
			[{ field: 'specs.volume', code: 'unknown_spec' }]
		],
		[
			'a service every 0 rentals',
			{ maintenance: { everyRentals: 0 } },
			[{ field: 'maintenance.everyRentals', code: 'not_positive_whole' }]
		],
		[
			'bait sold without a price',
			{ tracking: 'consumable' },
			[{ field: 'salePrice', code: 'required' }]
		]
	])('refuses %s', (_story, change, errors) => {
		expect(validateModel({ ...seaRodDraft, ...change }, seedCategories)).toEqual({
			ok: false,
			errors
		});
	});

	it('drops empty specs and unset optionals instead of storing blanks', () => {
		const result = validateModel(
			{
				...seaRodDraft,
				specs: { length: '', power: ' ' },
				rates: { daily: 1000, deposit: 0, replacementValue: 0, weekend: undefined }
			},
			seedCategories
		);
		expect(result.ok && result.value.specs).toEqual({});
		expect(result.ok && Object.keys(result.value.rates)).toEqual([
			'daily',
			'deposit',
			'replacementValue'
		]);
	});

	it('a duplicate starts from a copy that does not share arrays with the original', () => {
		const copy = modelDraft(seaRod);
		copy.photos.push('hash');
		expect(seaRod.photos).toEqual([]);
		expect(copy).not.toHaveProperty('id');
	});
});

describe('validateUnit', () => {
	const draft: UnitDraft = {
		modelId: seaRod.id,
		code: 'hg7',
		notes: ' 竿梢有划痕 ',
		photos: [],
		acquiredOn: '2025-04-01',
		retired: false
	};
	const context = {
		models: [seaRod, chair],
		units: [{ id: unitId('u1'), code: 'HG-0001' }],
		today: '2026-03-05'
	};

	it('cleans a new rod: canonical code, trimmed notes', () => {
		expect(validateUnit(draft, context)).toEqual({
			ok: true,
			value: { ...draft, code: 'HG-0007', notes: '竿梢有划痕' }
		});
	});

	it.each<[string, Partial<UnitDraft>, { field: string; code: string }[]]>([
		['no code', { code: ' ' }, [{ field: 'code', code: 'required' }]],
		['a code that is not one', { code: '海竿一号' }, [{ field: 'code', code: 'bad_code' }]],
		['a code another rod has', { code: 'hg-1' }, [{ field: 'code', code: 'duplicate_code' }]],
		[
			'a model the shop does not have',
			{ modelId: modelId('gone') },
			[{ field: 'modelId', code: 'unknown_model' }]
		],
		[
			'a unit of counted chairs',
			{ modelId: chair.id },
			[{ field: 'modelId', code: 'not_tracked_by_unit' }]
		],
		[
			'a date that does not exist',
			{ acquiredOn: '2025-02-30' },
			[{ field: 'acquiredOn', code: 'bad_date' }]
		],
		[
			'a date after today',
			{ acquiredOn: '2026-03-06' },
			[{ field: 'acquiredOn', code: 'future_date' }]
		]
	])('refuses %s', (_story, change, errors) => {
		expect(validateUnit({ ...draft, ...change }, context)).toEqual({ ok: false, errors });
	});

	it('editing a unit keeps its own code', () => {
		const result = validateUnit({ ...draft, code: 'HG-0001' }, { ...context, self: unitId('u1') });
		expect(result.ok).toBe(true);
	});
});
