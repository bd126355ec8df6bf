import { describe, expect, it } from 'vitest';
import { SEED_CATEGORY_IDS, seedCategories } from '../../../../src/lib/domain/categories.ts';
import {
	DAMAGE_PRICES_MAX,
	checkDamagePrices,
	damagePricesOf,
	type DamagePrice
} from '../../../../src/lib/domain/damage-prices.ts';
import { validateModel, type ModelDraft } from '../../../../src/lib/domain/inventory.ts';

/** A 3.6 m sea rod worth ¥380 if lost whole. */
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

const tip: DamagePrice = { id: 'd-tip', name: '竿梢断裂', amount: 8000 };
const guide: DamagePrice = { id: 'd-guide', name: '导环损坏', amount: 3000 };

const rows = (n: number): DamagePrice[] =>
	Array.from({ length: n }, (_, i) => ({ id: `d${i}`, name: `配件 ${i + 1}`, amount: 1000 }));

describe('damage prices of a model', () => {
	it.each<[string, DamagePrice[], DamagePrice[]]>([
		['a broken tip and a broken guide, in the order listed', [guide, tip], [guide, tip]],
		[
			'a name typed with spaces around it',
			[{ ...tip, name: '  竿梢断裂 ' }],
			[{ ...tip, name: '竿梢断裂' }]
		],
		[
			'a charge of the whole replacement value',
			[{ ...tip, amount: 38_000 }],
			[{ ...tip, amount: 38_000 }]
		],
		['the smallest charge, one fen', [{ ...tip, amount: 1 }], [{ ...tip, amount: 1 }]],
		[
			'a name of 40 characters',
			[{ ...tip, name: '断'.repeat(40) }],
			[{ ...tip, name: '断'.repeat(40) }]
		],
		[`as many as ${DAMAGE_PRICES_MAX}`, rows(DAMAGE_PRICES_MAX), rows(DAMAGE_PRICES_MAX)]
	])('accepts %s', (_story, list, cleaned) => {
		expect(validateModel({ ...seaRod, damagePrices: list }, seedCategories)).toEqual({
			ok: true,
			value: { ...seaRod, damagePrices: cleaned }
		});
	});

	it.each<[string, DamagePrice[], { field: string; code: string }[]]>([
		[
			'a row without a name',
			[{ ...tip, name: ' ' }],
			[{ field: 'damagePrices.d-tip.name', code: 'required' }]
		],
		[
			'a name longer than 40 characters',
			[{ ...tip, name: '断'.repeat(41) }],
			[{ field: 'damagePrices.d-tip.name', code: 'too_long' }]
		],
		[
			'a charge of nothing',
			[{ ...tip, amount: 0 }],
			[{ field: 'damagePrices.d-tip.amount', code: 'zero_amount' }]
		],
		[
			'a charge in yuan with decimals',
			[{ ...tip, amount: 80.5 }],
			[{ field: 'damagePrices.d-tip.amount', code: 'not_fen' }]
		],
		[
			'a negative charge',
			[{ ...tip, amount: -8000 }],
			[{ field: 'damagePrices.d-tip.amount', code: 'not_fen' }]
		],
		[
			'an amount the form could not read',
			[{ ...tip, amount: NaN }],
			[{ field: 'damagePrices.d-tip.amount', code: 'not_fen' }]
		],
		[
			'a broken tip dearer than the whole rod',
			[{ ...tip, amount: 38_001 }],
			[{ field: 'damagePrices.d-tip.amount', code: 'over_replacement_value' }]
		],
		[
			`${DAMAGE_PRICES_MAX + 1} rows`,
			rows(DAMAGE_PRICES_MAX + 1),
			[{ field: 'damagePrices', code: 'too_many' }]
		],
		[
			'two bad rows, each named by its id',
			[
				{ ...tip, name: '' },
				{ ...guide, amount: 0 }
			],
			[
				{ field: 'damagePrices.d-tip.name', code: 'required' },
				{ field: 'damagePrices.d-guide.amount', code: 'zero_amount' }
			]
		]
	])('refuses %s', (_story, list, errors) => {
		expect(validateModel({ ...seaRod, damagePrices: list }, seedCategories)).toEqual({
			ok: false,
			errors
		});
	});

	it('leaves an empty list out of the model, like any unset optional', () => {
		const result = validateModel({ ...seaRod, damagePrices: [] }, seedCategories);
		expect(result).toEqual({ ok: true, value: seaRod });
	});

	it('does not compare against a replacement value that is itself wrong', () => {
		const rates = { ...seaRod.rates, replacementValue: NaN };
		const result = validateModel({ ...seaRod, rates, damagePrices: [tip] }, seedCategories);
		expect(result.ok ? [] : result.errors).toEqual([
			{ field: 'rates.replacementValue', code: 'not_fen' }
		]);
	});

	it.each<[string, DamagePrice[]]>([
		['two rows with one id', [tip, { ...guide, id: tip.id }]],
		['a row without an id', [{ ...tip, id: ' ' }]]
	])('throws on %s: a bug in the caller, not a typing mistake', (_story, list) => {
		expect(() => checkDamagePrices(list, 38_000)).toThrow(RangeError);
		expect(() => validateModel({ ...seaRod, damagePrices: list }, seedCategories)).toThrow(
			RangeError
		);
	});

	it('reads a model without damage prices as an empty list', () => {
		expect(damagePricesOf(seaRod)).toEqual([]);
		expect(damagePricesOf({ damagePrices: [tip] })).toEqual([tip]);
	});
});
