/**
 * A demo shop to try Yuzu with, or to measure it on: the gear a tackle-rental shop by a reservoir
 * near a Chinese city really rents out, with prices in line with what such shops charge.
 *
 * - `shop`: 41 models over the nine seed categories (手竿 3.6–7.2 m at ¥10–25 a day, 海竿
 *   2.7–4.5 m at ¥20–40, 路亚竿, 矶竿, 渔线轮 2000–5000, 钓箱, 折叠椅, 遮阳伞, 抄网) and 300
 *   units, coded by category prefix (`SG-0001`, `HG-0001`, …).
 * - `large`: five series of every model (205 models) and 2,000 units, for benchmarks.
 *
 * Pure and seeded: the same options give the same records, ids included, so a test or a
 * benchmark can name a unit. Deposits are about ten days' rent, never above the replacement
 * value; weekends cost a fifth more, holidays half as much again. Rods and reels list what a
 * broken or lost part costs (竿梢断裂 ¥80, 摇臂丢失 ¥35), never above the replacement value. A few
 * units carry condition notes and a few are retired, as on any real shelf.
 */
import { SEED_CATEGORY_IDS as CAT, seedCategories } from './categories.ts';
import type { DamagePrice } from './damage-prices.ts';
import {
	formatUnitCode,
	shopDate,
	type CategoryId,
	type MaintenanceRule,
	type Model,
	type ModelId,
	type Unit,
	type UnitId
} from './inventory.ts';

/** How big a demo shop to make. */
export type DemoShopSize = 'shop' | 'large';
export const demoShopSizes: readonly DemoShopSize[] = ['shop', 'large'];

export function isDemoShopSize(value: unknown): value is DemoShopSize {
	return value === 'shop' || value === 'large';
}

export interface DemoShopOptions {
	/** Default `shop`. */
	size?: DemoShopSize;
	/** Default 1. Picks notes, retired units and acquired dates; ids name it. */
	seed?: number;
	/** Epoch ms the records are created at; acquired dates fall in the three years before. */
	at?: number;
	/** The shop's time zone, for acquired dates. Default `Asia/Shanghai`. */
	timeZone?: string;
}

export interface DemoShop {
	models: Model[];
	units: Unit[];
}

/** One line of the catalogue: prices in whole yuan, `units` how many the `shop` size has. */
interface CatalogEntry {
	category: CategoryId;
	brand: string;
	name: string;
	specs: Record<string, string | number>;
	daily: number;
	replacement: number;
	units: number;
}

const entry = (
	category: CategoryId,
	brand: string,
	name: string,
	specs: Record<string, string | number>,
	[daily, replacement, units]: [number, number, number]
): CatalogEntry => ({
	category,
	brand,
	name: `${brand} ${name}`,
	specs,
	daily,
	replacement,
	units
});

/** 41 models, 300 units: category, brand, name, specs, [daily ¥, replacement ¥, units]. */
// prettier-ignore
const catalog: readonly CatalogEntry[] = [
	entry(CAT.handRod, '化氏', '鲫鱼竿 3.6米', { length: 3.6, sections: 4, power: 'soft' }, [10, 180, 12]),
	entry(CAT.handRod, '化氏', '鲫鱼竿 4.5米', { length: 4.5, sections: 5, power: 'soft' }, [12, 220, 10]),
	entry(CAT.handRod, '光威', '台钓竿 5.4米', { length: 5.4, sections: 6, power: 'medium' }, [15, 320, 10]),
	entry(CAT.handRod, '汉鼎', '鲤鱼竿 5.4米', { length: 5.4, sections: 6, power: 'hard' }, [18, 460, 8]),
	entry(CAT.handRod, '佳钓尼', '综合竿 6.3米', { length: 6.3, sections: 7, power: 'hard' }, [20, 580, 6]),
	entry(CAT.handRod, '天元', '野钓竿 7.2米', { length: 7.2, sections: 8, power: 'hard' }, [25, 680, 5]),
	entry(CAT.handRod, '光威', '溪流竿 3.9米', { length: 3.9, sections: 5, power: 'soft' }, [10, 160, 6]),
	entry(CAT.handRod, '汉鼎', '黑坑竿 4.8米', { length: 4.8, sections: 5, power: 'extra-hard' }, [20, 520, 6]),
	entry(CAT.handRod, '钓鱼王', '鲢鳙竿 6.3米', { length: 6.3, sections: 7, power: 'hard' }, [18, 360, 5]),
	entry(CAT.seaRod, '光威', '远投海竿 3.6米', { length: 3.6, sections: 4, power: 'hard', castingWeight: 150 }, [30, 380, 10]),
	entry(CAT.seaRod, '光威', '海竿 2.7米', { length: 2.7, sections: 3, power: 'medium', castingWeight: 100 }, [20, 220, 8]),
	entry(CAT.seaRod, '汉鼎', '抛竿 3.0米', { length: 3, sections: 3, power: 'medium', castingWeight: 120 }, [22, 260, 8]),
	entry(CAT.seaRod, '禧玛诺', '海竿 3.9米', { length: 3.9, sections: 4, power: 'hard', castingWeight: 150 }, [35, 650, 6]),
	entry(CAT.seaRod, '达亿瓦', '远投竿 4.2米', { length: 4.2, sections: 4, power: 'hard', castingWeight: 200 }, [40, 880, 5]),
	entry(CAT.seaRod, '天元', '矶海两用竿 4.5米', { length: 4.5, sections: 4, power: 'extra-hard', castingWeight: 250 }, [38, 560, 5]),
	entry(CAT.lureRod, '禧玛诺', '路亚竿 1.98米 ML', { length: 1.98, power: 'ML', action: 'fast' }, [30, 720, 6]),
	entry(CAT.lureRod, '达亿瓦', '路亚竿 2.1米 M', { length: 2.1, power: 'M', action: 'fast' }, [35, 860, 6]),
	entry(CAT.lureRod, '光威', '微物路亚竿 1.8米 UL', { length: 1.8, power: 'UL', action: 'regular' }, [20, 260, 5]),
	entry(CAT.lureRod, '阿布', '枪柄路亚竿 2.13米 MH', { length: 2.13, power: 'MH', action: 'fast' }, [45, 980, 4]),
	entry(CAT.lureRod, '汉鼎', '海鲈路亚竿 2.4米 M', { length: 2.4, power: 'M', action: 'extra-fast' }, [40, 760, 4]),
	entry(CAT.rockRod, '光威', '矶竿 3.6米 2号', { length: 3.6, sections: 4, power: 2 }, [25, 360, 6]),
	entry(CAT.rockRod, '达亿瓦', '矶竿 4.5米 1.5号', { length: 4.5, sections: 5, power: 1.5 }, [35, 780, 5]),
	entry(CAT.rockRod, '禧玛诺', '矶竿 5.3米 2号', { length: 5.3, sections: 5, power: 2 }, [40, 980, 4]),
	entry(CAT.rockRod, '汉鼎', '矶竿 4.5米 3号', { length: 4.5, sections: 5, power: 3 }, [28, 420, 5]),
	entry(CAT.reel, '禧玛诺', '纺车轮 2000型', { size: 2000, gearRatio: 5, lineCapacity: '2号-150m' }, [15, 460, 12]),
	entry(CAT.reel, '禧玛诺', '纺车轮 3000型', { size: 3000, gearRatio: 6.2, lineCapacity: '3号-150m' }, [18, 520, 10]),
	entry(CAT.reel, '达亿瓦', '纺车轮 4000型', { size: 4000, gearRatio: 5.3, lineCapacity: '4号-150m' }, [20, 600, 10]),
	entry(CAT.reel, '达亿瓦', '纺车轮 5000型', { size: 5000, gearRatio: 4.9, lineCapacity: '5号-200m' }, [25, 680, 8]),
	entry(CAT.reel, '光威', '纺车轮 2500型', { size: 2500, gearRatio: 5.2, lineCapacity: '2.5号-150m' }, [12, 180, 12]),
	entry(CAT.reel, '光威', '远投轮 5000型', { size: 5000, gearRatio: 4.1, lineCapacity: '4号-250m' }, [15, 240, 8]),
	entry(CAT.tackleBox, '化氏', '多功能钓箱 25L', { volume: 25 }, [10, 380, 8]),
	entry(CAT.tackleBox, '光威', '台钓箱 33L', { volume: 33 }, [15, 560, 6]),
	entry(CAT.tackleBox, '汉鼎', '加厚钓箱 40L', { volume: 40 }, [20, 780, 4]),
	entry(CAT.foldingChair, '化氏', '台钓椅', {}, [8, 260, 15]),
	entry(CAT.foldingChair, '牧高笛', '户外折叠椅', {}, [5, 120, 15]),
	entry(CAT.umbrella, '金威', '钓鱼伞 2.0米', { diameter: 2 }, [8, 160, 8]),
	entry(CAT.umbrella, '化氏', '万向钓鱼伞 2.2米', { diameter: 2.2 }, [10, 220, 8]),
	entry(CAT.umbrella, '光威', '防雨钓鱼伞 2.4米', { diameter: 2.4 }, [12, 280, 6]),
	entry(CAT.landingNet, '光威', '不锈钢抄网 3米', { length: 3 }, [6, 120, 6]),
	entry(CAT.landingNet, '汉鼎', '碳素抄网 4米', { length: 4 }, [8, 260, 5]),
	entry(CAT.landingNet, '禧玛诺', '路亚抄网 2.1米', { length: 2.1 }, [8, 200, 4])
];

/** When a unit of each category is due for a service. */
const serviceRules: Partial<Record<CategoryId, MaintenanceRule>> = {
	[CAT.handRod]: { everyRentals: 20 },
	[CAT.seaRod]: { everyRentals: 15 },
	[CAT.lureRod]: { everyRentals: 15 },
	[CAT.rockRod]: { everyRentals: 15 },
	[CAT.reel]: { everyRentals: 10, everyRentalDays: 30 },
	[CAT.umbrella]: { everyRentals: 30 }
};

/** What a broken or lost part costs, per category, as [name, whole yuan]. */
const damageCharges: Partial<Record<CategoryId, readonly [string, number][]>> = {
	[CAT.handRod]: [
		['竿梢断裂', 80],
		['中间竿节断裂', 150],
		['竿尾堵头丢失', 10]
	],
	[CAT.seaRod]: [
		['竿梢断裂', 80],
		['导环损坏', 30],
		['轮座损坏', 60]
	],
	[CAT.lureRod]: [
		['竿梢断裂', 120],
		['导环损坏', 40]
	],
	[CAT.rockRod]: [
		['竿梢断裂', 100],
		['导环损坏', 30],
		['中间竿节断裂', 200]
	],
	[CAT.reel]: [
		['摇臂丢失', 35],
		['线杯损坏', 60],
		['导线轮损坏', 25]
	]
};

/** A model's damage prices: its category's charges, capped at what the whole unit is worth. */
function damagePricesFor(item: CatalogEntry, id: ModelId): DamagePrice[] {
	return (damageCharges[item.category] ?? []).map(([name, amount], i) => ({
		id: `${id}-d${i + 1}`,
		name,
		amount: yuan(Math.min(amount, item.replacement))
	}));
}

/** What staff write about a unit's condition, per category (any category: the last list). */
const conditionNotes: Partial<Record<CategoryId, readonly string[]>> & { any: readonly string[] } =
	{
		[CAT.handRod]: ['第二节有轻微划痕', '竿梢换过', '握把有磨损'],
		[CAT.seaRod]: ['导环有一处松动，已粘牢', '竿身有划痕'],
		[CAT.reel]: ['线杯有划痕', '摇臂有点松，已上油', '新换了 3 号线'],
		[CAT.umbrella]: ['一根伞骨修过', '伞面褪色'],
		any: ['外观有使用痕迹', '配件齐全']
	};
const retiredNotes = ['竿梢断裂，已停用', '顾客丢失，已赔偿', '老化严重，已停用'];

/** Series of a model in the `large` shop: the first is the `shop` model itself. */
const largeSeries = ['', ' 二代', ' Pro', ' 经典款', ' 竞技版'];
const LARGE_UNITS = 2_000;
const DAY_MS = 86_400_000;
/** Demo records are made on 2025-03-01 08:00 Shanghai time unless told otherwise. */
const DEFAULT_AT = Date.UTC(2025, 2, 1, 0, 0);

/** mulberry32: a small, fast, well-spread PRNG; returns floats in [0, 1). */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const yuan = (amount: number): number => Math.round(amount) * 100;

function modelOf(item: CatalogEntry, series: string, id: ModelId, at: number): Model {
	const deposit = Math.min(item.daily * 10, item.replacement);
	const damagePrices = damagePricesFor(item, id);
	return {
		id,
		categoryId: item.category,
		name: `${item.name}${series}`,
		brand: item.brand,
		specs: { ...item.specs },
		photos: [],
		rates: {
			daily: yuan(item.daily),
			weekend: yuan(item.daily * 1.2),
			holiday: yuan(item.daily * 1.5),
			hourlyLate: yuan(Math.max(2, item.daily / 5)),
			deposit: yuan(deposit),
			replacementValue: yuan(item.replacement)
		},
		maintenance: { ...serviceRules[item.category] },
		tracking: 'unit',
		...(damagePrices.length > 0 && { damagePrices }),
		retired: false,
		createdAt: at
	};
}

/** Splits `total` over `weights` in proportion, largest remainders first; sums to `total`. */
function apportion(weights: readonly number[], total: number): number[] {
	const sum = weights.reduce((a, b) => a + b, 0);
	const exact = weights.map((w) => (w * total) / sum);
	const counts = exact.map(Math.floor);
	const order = exact.map((x, i) => [x - counts[i], i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	const missing = total - counts.reduce((a, b) => a + b, 0);
	for (let k = 0; k < missing; k++) counts[order[k][1]] += 1;
	return counts;
}

/** The category's code prefix (`HG` for 海竿). */
function prefixOf(category: CategoryId): string {
	return seedCategories.find((c) => c.id === category)?.codePrefix ?? 'U';
}

/**
 * A demo shop: models over the seed categories and their units, ready for `importInventory`.
 * @example demoShop({ size: 'shop', seed: 1 }).units.length // 300
 */
export function demoShop(options: DemoShopOptions = {}): DemoShop {
	const size = options.size ?? 'shop';
	const seed = options.seed ?? 1;
	const at = options.at ?? DEFAULT_AT;
	const timeZone = options.timeZone ?? 'Asia/Shanghai';
	const next = random(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
	const series = size === 'shop' ? [''] : largeSeries;
	const lines = series.flatMap((name) => catalog.map((item) => ({ item, series: name })));
	const counts =
		size === 'shop'
			? lines.map((line) => line.item.units)
			: apportion(
					lines.map((line) => line.item.units),
					LARGE_UNITS
				);
	const idPrefix = `demo-${size}-${seed}`;
	const numbers = new Map<string, number>();
	const models: Model[] = [];
	const units: Unit[] = [];
	lines.forEach((line, m) => {
		const model = modelOf(line.item, line.series, `${idPrefix}-m${m + 1}` as ModelId, at);
		models.push(model);
		const prefix = prefixOf(line.item.category);
		for (let k = 0; k < counts[m]; k++) {
			const number = (numbers.get(prefix) ?? 0) + 1;
			numbers.set(prefix, number);
			const retired = next() < 0.02;
			const noted = next() < 0.1;
			const notes = retired
				? pick(retiredNotes)
				: noted
					? pick(conditionNotes[line.item.category] ?? conditionNotes.any)
					: '';
			const daysAgo = 7 + Math.floor(next() * 1_090);
			units.push({
				id: `${idPrefix}-u${units.length + 1}` as UnitId,
				modelId: model.id,
				code: formatUnitCode(prefix, number),
				notes,
				photos: [],
				acquiredOn: shopDate(at - daysAgo * DAY_MS, timeZone),
				retired,
				createdAt: at
			});
		}
	});
	return { models, units };
}
