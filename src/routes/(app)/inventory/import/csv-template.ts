/**
 * The template to fill in: every column, in the staff's language, with two sample models (one
 * with every price and a service rule) and units with and without a code.
 */
import { SEED_CATEGORY_IDS as CAT } from '$lib/domain/categories.ts';
import type { Category, Model, ModelId, Unit, UnitId } from '$lib/domain/inventory.ts';
import { toInventoryCsv, type CsvLocale } from '$lib/domain/inventory-csv.ts';

const rod = 'template-rod' as ModelId;
const reel = 'template-reel' as ModelId;
const sample = (id: string, model: Omit<Model, 'id' | 'photos' | 'retired' | 'createdAt'>) =>
	({ ...model, id: id as ModelId, photos: [], retired: false, createdAt: 0 }) satisfies Model;
const unit = (id: string, modelId: ModelId, fields: Partial<Unit>): Unit => ({
	id: id as UnitId,
	modelId,
	code: '',
	notes: '',
	photos: [],
	retired: false,
	createdAt: 0,
	...fields
});

const models: Model[] = [
	sample(rod, {
		categoryId: CAT.seaRod,
		name: '光威 远投海竿 3.6米',
		brand: '光威',
		specs: { length: 3.6, sections: 4, power: 'hard', castingWeight: 150 },
		rates: {
			daily: 3000,
			weekend: 3500,
			holiday: 4500,
			hourlyLate: 500,
			deposit: 30_000,
			replacementValue: 38_000
		},
		maintenance: { everyRentals: 15 },
		tracking: 'unit'
	}),
	sample(reel, {
		categoryId: CAT.reel,
		name: '禧玛诺 纺车轮 3000型',
		brand: '禧玛诺',
		specs: { size: 3000, gearRatio: 6.2, lineCapacity: '3号-150m' },
		rates: { daily: 1800, deposit: 18_000, replacementValue: 52_000 },
		maintenance: { everyRentals: 10, everyRentalDays: 30 },
		tracking: 'unit'
	})
];

const units: Unit[] = [
	unit('t1', rod, { code: 'HG-0101', acquiredOn: '2024-03-05', notes: '第二节有轻微划痕' }),
	unit('t2', rod, {}),
	unit('t3', reel, {})
];

/** The template as a CSV file (BOM, CRLF) with headers in `locale`. */
export function templateCsv(categories: readonly Category[], locale: CsvLocale): string {
	return toInventoryCsv(models, units, categories, locale);
}
