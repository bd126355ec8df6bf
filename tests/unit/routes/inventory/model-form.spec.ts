import { describe, expect, it } from 'vitest';
import { SEED_CATEGORY_IDS as CAT, seedCategories } from '../../../../src/lib/domain/categories.ts';
import { validateModel } from '../../../../src/lib/domain/inventory.ts';
import {
	blankForm,
	draftFromForm,
	formFromDraft,
	mergeErrors,
	type ModelForm
} from '../../../../src/routes/(app)/inventory/model/model-form.ts';

const seaRod = seedCategories.find((c) => c.id === CAT.seaRod)!;
const chair = seedCategories.find((c) => c.id === CAT.foldingChair)!;

/** The sea rod of the issue, typed the way a shop owner would. */
function typed(patch: Partial<ModelForm> = {}, rates: Partial<ModelForm['rates']> = {}): ModelForm {
	const form = blankForm(seaRod);
	return {
		...form,
		name: '光威 3.6米海竿',
		brand: '光威',
		specs: { length: '3.6', sections: '4' },
		rates: {
			...form.rates,
			daily: '30',
			weekend: '40',
			deposit: '300',
			replacementValue: '450',
			...rates
		},
		...patch
	};
}

describe('the model form in yuan, the draft in fen', () => {
	it.each([
		['whole yuan', { daily: '30' }, 3000],
		['half a yuan', { daily: '30.5' }, 3050],
		['0.29, which a float multiply gets wrong', { daily: '0.29' }, 29],
		['with the yuan sign', { daily: '¥12.80' }, 1280]
	])('%s', (_story, rates, fen) => {
		const { draft, errors } = draftFromForm(typed({}, rates), seaRod);
		expect(errors).toEqual([]);
		expect(draft.rates.daily).toBe(fen);
		expect(validateModel(draft, seedCategories).ok).toBe(true);
	});

	it('leaves empty optional prices out and refuses empty required ones', () => {
		const { draft, errors } = draftFromForm(typed({}, { weekend: '', deposit: '' }), seaRod);
		expect('weekend' in draft.rates).toBe(false);
		expect(errors).toEqual([{ field: 'rates.deposit', code: 'required' }]);
	});

	it('says which price is not an amount, before the rules say it is not fen', () => {
		const { draft, errors } = draftFromForm(
			typed({}, { daily: '30.555', holiday: '五十' }),
			seaRod
		);
		const checked = validateModel(draft, seedCategories);
		expect(checked.ok).toBe(false);
		expect(mergeErrors(errors, checked.ok ? [] : checked.errors)).toEqual({
			'rates.daily': 'not_fen',
			'rates.holiday': 'not_fen'
		});
	});

	it('reads the service rule as whole numbers and refuses anything else', () => {
		const ok = draftFromForm(typed({ everyRentals: '10', everyRentalDays: '' }), seaRod).draft;
		expect(ok.maintenance).toEqual({ everyRentals: 10 });
		const bad = draftFromForm(typed({ everyRentalDays: '2.5' }), seaRod).draft;
		const checked = validateModel(bad, seedCategories);
		expect(checked.ok ? [] : checked.errors).toEqual([
			{ field: 'maintenance.everyRentalDays', code: 'not_positive_whole' }
		]);
	});

	it('drops specs of another category when the category changes', () => {
		const form = typed({ categoryId: chair.id, specs: { length: '3.6' } });
		expect(draftFromForm(form, chair).draft.specs).toEqual({});
	});

	it('prices a consumable at its sale price and leaves the rent at 0', () => {
		const form = {
			...blankForm(chair),
			name: '蚯蚓饵',
			tracking: 'consumable' as const,
			salePrice: '8'
		};
		const { draft, errors } = draftFromForm(form, chair);
		expect(errors).toEqual([]);
		expect(draft).toMatchObject({
			salePrice: 800,
			rates: { daily: 0, deposit: 0, replacementValue: 0 }
		});
		expect(validateModel(draft, seedCategories).ok).toBe(true);
	});

	it('shows a saved model again as it was typed', () => {
		const { draft } = draftFromForm(typed({}, { daily: '30.5' }), seaRod);
		const again = formFromDraft(draft);
		expect(again.rates).toMatchObject({ daily: '30.50', weekend: '40.00', holiday: '' });
		expect(draftFromForm(again, seaRod).draft).toEqual(draft);
	});
});

describe('damage prices typed in yuan', () => {
	const row = (id: string, name: string, amount: string) => ({ id, name, amount });

	it.each([
		[
			'a broken tip at 80 yuan',
			[row('d1', '竿梢断裂', '80')],
			[{ id: 'd1', name: '竿梢断裂', amount: 8000 }]
		],
		[
			'35.5 yuan for a lost handle',
			[row('d1', '摇臂丢失', '35.5')],
			[{ id: 'd1', name: '摇臂丢失', amount: 3550 }]
		],
		[
			'a row added and left blank, which is dropped',
			[row('d1', '竿梢断裂', '80'), row('d2', ' ', '')],
			[{ id: 'd1', name: '竿梢断裂', amount: 8000 }]
		]
	])('%s', (_story, damagePrices, fen) => {
		const { draft, errors } = draftFromForm(typed({ damagePrices }), seaRod);
		expect(errors).toEqual([]);
		expect(draft.damagePrices).toEqual(fen);
		expect(validateModel(draft, seedCategories).ok).toBe(true);
	});

	it.each([
		['a name without an amount', row('d1', '竿梢断裂', ''), 'required'],
		['an amount that is not yuan', row('d1', '竿梢断裂', '八十'), 'not_fen'],
		['an amount with three decimals', row('d1', '竿梢断裂', '80.555'), 'not_fen']
	])('says which row has %s', (_story, typedRow, code) => {
		const { draft, errors } = draftFromForm(typed({ damagePrices: [typedRow] }), seaRod);
		expect(errors).toEqual([{ field: 'damagePrices.d1.amount', code }]);
		expect(validateModel(draft, seedCategories).ok).toBe(false);
	});

	it('a list emptied in the form leaves the draft without one', () => {
		const { draft } = draftFromForm(typed({ damagePrices: [row('d1', '', '')] }), seaRod);
		expect('damagePrices' in draft).toBe(false);
	});

	it('a consumable has no damage prices', () => {
		const form = {
			...blankForm(chair),
			name: '蚯蚓饵',
			tracking: 'consumable' as const,
			salePrice: '8',
			damagePrices: [row('d1', '洒了', '5')]
		};
		expect('damagePrices' in draftFromForm(form, chair).draft).toBe(false);
	});

	it('shows saved damage prices again as they were typed', () => {
		const damagePrices = [row('d1', '竿梢断裂', '80'), row('d2', '导环损坏', '30.5')];
		const { draft } = draftFromForm(typed({ damagePrices }), seaRod);
		const again = formFromDraft(draft);
		expect(again.damagePrices).toEqual([
			row('d1', '竿梢断裂', '80.00'),
			row('d2', '导环损坏', '30.50')
		]);
		expect(draftFromForm(again, seaRod).draft).toEqual(draft);
	});
});
