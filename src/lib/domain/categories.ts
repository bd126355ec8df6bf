/**
 * The categories a new shop starts with, named in zh-CN and English, each with the specs an angler
 * asks about at the counter. Their ids are stable: demo data, CSV files and other tablets refer
 * to them, so a seed category is renamed by the owner, never re-created.
 */
import {
	categoryId,
	type Category,
	type CategoryId,
	type LocalizedText,
	type SpecChoice,
	type SpecField
} from './inventory.ts';

/** The ids of the seed categories. */
export const SEED_CATEGORY_IDS = {
	handRod: categoryId('cat-hand-rod'),
	seaRod: categoryId('cat-sea-rod'),
	lureRod: categoryId('cat-lure-rod'),
	rockRod: categoryId('cat-rock-rod'),
	reel: categoryId('cat-reel'),
	tackleBox: categoryId('cat-tackle-box'),
	foldingChair: categoryId('cat-folding-chair'),
	umbrella: categoryId('cat-umbrella'),
	landingNet: categoryId('cat-landing-net')
} as const;

const choice = (value: string, zh: string, en: string): SpecChoice => ({
	value,
	label: { zh, en }
});
const label = (zh: string, en: string): LocalizedText => ({ zh, en });

const rodLength: SpecField = {
	key: 'length',
	label: label('长度', 'Length'),
	kind: 'number',
	unit: 'm'
};
const sections: SpecField = {
	key: 'sections',
	label: label('节数', 'Sections'),
	kind: 'number',
	integer: true
};
/** How stiff a hand or sea rod is, as Chinese tackle shops grade it. */
const hardness: SpecField = {
	key: 'power',
	label: label('硬度', 'Power'),
	kind: 'choice',
	options: [
		choice('soft', '软', 'Soft'),
		choice('medium', '中', 'Medium'),
		choice('hard', '硬', 'Hard'),
		choice('extra-hard', '超硬', 'Extra hard')
	]
};
/** Lure rod power on the international UL…XH scale printed on the blank. */
const lurePower: SpecField = {
	key: 'power',
	label: label('硬度', 'Power'),
	kind: 'choice',
	options: [
		choice('UL', '超软 UL', 'Ultra light'),
		choice('L', '软 L', 'Light'),
		choice('ML', '中软 ML', 'Medium light'),
		choice('M', '中 M', 'Medium'),
		choice('MH', '中硬 MH', 'Medium heavy'),
		choice('H', '硬 H', 'Heavy'),
		choice('XH', '超硬 XH', 'Extra heavy')
	]
};
const action: SpecField = {
	key: 'action',
	label: label('调性', 'Action'),
	kind: 'choice',
	options: [
		choice('slow', '慢调', 'Slow'),
		choice('regular', '中调', 'Regular'),
		choice('fast', '快调', 'Fast'),
		choice('extra-fast', '超快调', 'Extra fast')
	]
};

/** The categories a new shop starts with, in the order the UI lists them. */
export const seedCategories: readonly Category[] = [
	{
		id: SEED_CATEGORY_IDS.handRod,
		name: label('手竿', 'Hand rod'),
		codePrefix: 'SG',
		specFields: [rodLength, sections, hardness]
	},
	{
		id: SEED_CATEGORY_IDS.seaRod,
		name: label('海竿', 'Sea rod'),
		codePrefix: 'HG',
		specFields: [
			rodLength,
			sections,
			hardness,
			{
				key: 'castingWeight',
				label: label('抛投重量', 'Casting weight'),
				kind: 'number',
				unit: 'g'
			}
		]
	},
	{
		id: SEED_CATEGORY_IDS.lureRod,
		name: label('路亚竿', 'Lure rod'),
		codePrefix: 'LY',
		specFields: [rodLength, lurePower, action]
	},
	{
		id: SEED_CATEGORY_IDS.rockRod,
		name: label('矶竿', 'Rock rod'),
		codePrefix: 'JG',
		specFields: [
			rodLength,
			sections,
			{ key: 'power', label: label('号数', 'Power number'), kind: 'number', unit: '号' }
		]
	},
	{
		id: SEED_CATEGORY_IDS.reel,
		name: label('渔线轮', 'Reel'),
		codePrefix: 'XL',
		specFields: [
			{ key: 'size', label: label('尺寸', 'Size'), kind: 'number', integer: true },
			{ key: 'gearRatio', label: label('速比', 'Gear ratio'), kind: 'number' },
			{ key: 'lineCapacity', label: label('容线量', 'Line capacity'), kind: 'text' }
		]
	},
	{
		id: SEED_CATEGORY_IDS.tackleBox,
		name: label('钓箱', 'Tackle box'),
		codePrefix: 'DX',
		specFields: [{ key: 'volume', label: label('容量', 'Volume'), kind: 'number', unit: 'L' }]
	},
	{
		id: SEED_CATEGORY_IDS.foldingChair,
		name: label('折叠椅', 'Folding chair'),
		codePrefix: 'ZDY',
		specFields: []
	},
	{
		id: SEED_CATEGORY_IDS.umbrella,
		name: label('遮阳伞', 'Umbrella'),
		codePrefix: 'ZYS',
		specFields: [{ key: 'diameter', label: label('直径', 'Diameter'), kind: 'number', unit: 'm' }]
	},
	{
		id: SEED_CATEGORY_IDS.landingNet,
		name: label('抄网', 'Landing net'),
		codePrefix: 'CW',
		specFields: [
			{ key: 'length', label: label('杆长', 'Handle length'), kind: 'number', unit: 'm' }
		]
	}
];

/** The category with `id`, or `undefined`. */
export function categoryById(
	categories: readonly Category[],
	id: CategoryId
): Category | undefined {
	return categories.find((category) => category.id === id);
}

/**
 * The category a name typed by a person refers to: its id, its zh-CN or English name, ignoring
 * case and surrounding spaces (how a CSV file or a search names it).
 */
export function categoryByName(
	categories: readonly Category[],
	name: string
): Category | undefined {
	const wanted = name.normalize('NFKC').trim().toLowerCase();
	return categories.find((c) =>
		[c.id, c.name.zh, c.name.en].some((n) => n.normalize('NFKC').toLowerCase() === wanted)
	);
}

/** Spec fields an owner can give a category of their own, by key. */
export const commonSpecFields: readonly SpecField[] = [
	rodLength,
	sections,
	hardness,
	{ key: 'size', label: label('型号大小', 'Size'), kind: 'text' },
	{ key: 'volume', label: label('容量', 'Volume'), kind: 'number', unit: 'L' },
	{ key: 'weight', label: label('重量', 'Weight'), kind: 'number', unit: 'kg' }
];

/** What an owner types to add a category. */
export interface CategoryDraft {
	zh: string;
	en: string;
	codePrefix: string;
	/** Keys of `commonSpecFields`. */
	specKeys: readonly string[];
}

export type CategoryErrorCode = 'required' | 'too_long' | 'bad_prefix' | 'name_taken';

/**
 * Checks an owner's new category against the ones the shop has: a zh-CN name
 * (English optional, falls back to it), a 1–4 letter code prefix, names not
 * already used. Returns the category with a fresh id from `newId`.
 */
export function validateCategory(
	draft: CategoryDraft,
	existing: readonly Category[],
	newId: () => string
):
	| { ok: true; value: Category }
	| { ok: false; errors: { field: keyof CategoryDraft; code: CategoryErrorCode }[] } {
	const errors: { field: keyof CategoryDraft; code: CategoryErrorCode }[] = [];
	const zh = draft.zh.trim();
	const en = draft.en.trim() || zh;
	const prefix = draft.codePrefix.normalize('NFKC').trim().toUpperCase();
	if (zh === '') errors.push({ field: 'zh', code: 'required' });
	else if ([...zh].length > 20) errors.push({ field: 'zh', code: 'too_long' });
	if ([...en].length > 40) errors.push({ field: 'en', code: 'too_long' });
	if (!/^[A-Z]{1,4}$/.test(prefix)) errors.push({ field: 'codePrefix', code: 'bad_prefix' });
	if (zh && categoryByName(existing, zh)) errors.push({ field: 'zh', code: 'name_taken' });
	if (draft.en.trim() && categoryByName(existing, en))
		errors.push({ field: 'en', code: 'name_taken' });
	if (errors.length > 0) return { ok: false, errors };
	const specFields = commonSpecFields.filter((f) => draft.specKeys.includes(f.key));
	return {
		ok: true,
		value: { id: categoryId(`cat-${newId()}`), name: { zh, en }, codePrefix: prefix, specFields }
	};
}
