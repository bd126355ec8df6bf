import { describe, it, expect } from 'vitest';
import { SEED_CATEGORY_IDS as CAT, seedCategories } from '../../../../src/lib/domain/categories.ts';
import {
	modelDraft,
	modelId,
	unitId,
	type Model,
	type Unit
} from '../../../../src/lib/domain/inventory.ts';
import {
	decodeCsvBytes,
	csvYuan,
	parseInventoryCsv,
	toInventoryCsv,
	csvPriceToFen,
	type CsvPreview,
	type InventoryCsvContext
} from '../../../../src/lib/domain/inventory-csv.ts';

const seaRod: Model = {
	id: modelId('m-sea36'),
	categoryId: CAT.seaRod,
	name: '光威 3.6米 远投海竿',
	brand: '光威',
	specs: { length: 3.6, sections: 4, power: 'hard' },
	photos: [],
	rates: { daily: 3000, deposit: 30_000, replacementValue: 38_000 },
	maintenance: { everyRentals: 10 },
	tracking: 'unit',
	retired: false,
	createdAt: 0
};
const shop: InventoryCsvContext = {
	categories: seedCategories,
	models: [seaRod],
	units: [
		{
			id: unitId('u1'),
			modelId: seaRod.id,
			code: 'HG-0001',
			notes: '',
			photos: [],
			retired: false,
			createdAt: 0
		}
	],
	today: '2026-03-05'
};
const empty: InventoryCsvContext = { categories: seedCategories, models: [], units: [] };

const ZH_HEADER = '类型,型号,品牌,类别,规格,日租金,押金,赔偿价,编号,购入日期,备注,停用';
/** A file Excel would save: BOM, CRLF, a quoted name with a comma, notes over two lines. */
const goodZh = [
	`\uFEFF${ZH_HEADER}`,
	'型号,"化氏 5.4米 鲤鱼竿, 超轻",化氏,手竿,长度=5.4米; 节数=6; 硬度=中,25,200,350.5,,,,否',
	'单件,"化氏 5.4米 鲤鱼竿, 超轻",,,,,,,sg-3,2024/3/5,"第二节有划痕,',
	'已修补",',
	'单件,光威 3.6米 远投海竿,光威,,,,,,HG-0002,,,'
].join('\r\n');

function errorsByLine(preview: CsvPreview): Record<number, string[]> {
	const out: Record<number, string[]> = {};
	for (const row of preview.rows) {
		if (row.errors.length) out[row.line] = row.errors.map((e) => `${e.column}:${e.code}`);
	}
	return out;
}

describe('yuan in a spreadsheet to fen', () => {
	it.each([
		['30', 3000],
		['350.5', 35_050],
		['0.29', 29],
		['19.99', 1999],
		['0.05', 5],
		[' 12 ', 1200],
		['１２.５', 1250]
	])('%j yuan is %d fen, exactly', (text, fen) => {
		expect(csvPriceToFen(text)).toBe(fen);
	});

	it.each(['12.5元', '¥12', '-30', '1,200', '1.005', '', '.5', '1e3', 'abc'])(
		'%j is not a price',
		(text) => {
			expect(csvPriceToFen(text)).toBeUndefined();
		}
	);

	it.each([
		[3000, '30'],
		[3050, '30.50'],
		[5, '0.05'],
		[0, '0']
	])('%d fen is written %j', (fen, text) => {
		expect(csvYuan(fen)).toBe(text);
	});
});

describe('reading a good file', () => {
	it('reads Excel zh-CN with a BOM, quoted commas and a line break in a cell', () => {
		const preview = parseInventoryCsv(goodZh, shop);
		expect(errorsByLine(preview)).toEqual({});
		expect(preview.canImport).toBe(true);
		const [model, unit, existing] = preview.rows;
		expect(model).toMatchObject({
			kind: 'model',
			line: 2,
			model: {
				name: '化氏 5.4米 鲤鱼竿, 超轻',
				categoryId: CAT.handRod,
				specs: { length: 5.4, sections: 6, power: 'medium' },
				rates: { daily: 2500, deposit: 20_000, replacementValue: 35_050 },
				tracking: 'unit',
				retired: false
			}
		});
		expect(unit).toMatchObject({
			kind: 'unit',
			line: 3,
			codeAssigned: false,
			unit: {
				code: 'SG-0003',
				acquiredOn: '2024-03-05',
				notes: '第二节有划痕,\n已修补',
				model: { kind: 'new', line: 2 }
			}
		});
		expect(existing).toMatchObject({
			line: 5,
			unit: { code: 'HG-0002', model: { kind: 'existing', modelId: 'm-sea36' } }
		});
	});

	it('reads English headers in any order, LF line ends, no BOM', () => {
		const text = [
			'code,type,model,category,daily,deposit,replacement_value,tracking,sale_price',
			',model,Sabiki hooks,Tackle box,,,,consumable,5.5',
			'HG-7,unit,光威 3.6米 远投海竿,,,,,,'
		].join('\n');
		const preview = parseInventoryCsv(text, shop);
		expect(errorsByLine(preview)).toEqual({});
		expect(preview.rows[0]).toMatchObject({
			model: {
				tracking: 'consumable',
				salePrice: 550,
				rates: { daily: 0, deposit: 0, replacementValue: 0 }
			}
		});
	});

	it('gives a unit without a code the next code of its category', () => {
		const text = [
			'type,model,code',
			'unit,光威 3.6米 远投海竿,',
			'unit,光威 3.6米 远投海竿,HG-0005',
			'unit,光威 3.6米 远投海竿,'
		].join('\n');
		const rows = parseInventoryCsv(text, shop).rows;
		expect(rows.map((r) => (r.kind === 'unit' ? [r.unit?.code, r.codeAssigned] : []))).toEqual([
			['HG-0006', true],
			['HG-0005', false],
			['HG-0007', true]
		]);
	});

	it('decodes UTF-8 files, and GB18030 files from older Excel', () => {
		const utf8 = new TextEncoder().encode('\uFEFF类型,型号');
		expect(parseInventoryCsv(decodeCsvBytes(utf8), empty).fileErrors).toEqual([{ code: 'empty' }]);
		const gbk = Uint8Array.from([0xc0, 0xe0, 0xd0, 0xcd, 0x2c, 0xd0, 0xcd, 0xba, 0xc5]);
		expect(decodeCsvBytes(gbk)).toBe('类型,型号');
	});
});

describe('bad rows: nothing is imported', () => {
	const HEADER =
		'type,model,brand,category,specs,daily,deposit,replacement_value,code,acquired_on,retired,tracking';
	it.each<[string, string[], Record<number, string[]>]>([
		[
			'a price written with 元',
			['model,鲫鱼竿,,手竿,,12.5元,100,200,,,'],
			{ 2: ['daily:bad_price'] }
		],
		['a negative deposit', ['model,鲫鱼竿,,手竿,,12,-100,200,,,'], { 2: ['deposit:bad_price'] }],
		[
			'a price with a thousands comma',
			['model,鲫鱼竿,,手竿,,12,"1,000",200,,,'],
			{ 2: ['deposit:bad_price'] }
		],
		['fen below a cent', ['model,鲫鱼竿,,手竿,,12.345,100,200,,,'], { 2: ['daily:bad_price'] }],
		['no daily price', ['model,鲫鱼竿,,手竿,,,100,200,,,'], { 2: ['daily:required'] }],
		[
			'a category the shop lacks',
			['model,船竿,,船竿,,12,100,200,,,'],
			{ 2: ['category:unknown_category'] }
		],
		[
			'an unknown category and no name: both shown at once',
			['model,,,船竿,,12,100,200,,,'],
			{ 2: ['category:unknown_category', 'model:required'] }
		],
		[
			'a spec the category lacks',
			['model,鲫鱼竿,,手竿,重量=3,12,100,200,,,'],
			{ 2: ['specs:unknown_spec'] }
		],
		[
			'a length in words',
			['model,鲫鱼竿,,手竿,长度=三米六,12,100,200,,,'],
			{ 2: ['specs:not_a_number'] }
		],
		['retired "maybe"', ['model,鲫鱼竿,,手竿,,12,100,200,,,maybe'], { 2: ['retired:bad_yes_no'] }],
		['a row that is neither', ['配件,鱼钩,,,,,,,,,'], { 2: ['type:bad_type'] }],
		[
			'a model the shop has (so a unit naming it cannot tell which)',
			['model,光威 3.6米 远投海竿,光威,海竿,,30,300,380,,,'],
			{ 2: ['model:model_exists'], 3: ['model:ambiguous_model'] }
		],
		[
			'the same model twice',
			['model,鲫鱼竿,汉鼎,手竿,,12,100,200,,,', 'model,鲫鱼竿,汉鼎,手竿,,15,100,200,,,'],
			{ 2: ['model:duplicate_model'], 3: ['model:duplicate_model'] }
		],
		['a unit of a model nowhere', ['unit,不存在的竿,,,,,,,R-1,,'], { 2: ['model:unknown_model'] }],
		[
			'one code on two rows',
			['unit,光威 3.6米 远投海竿,,,,,,,R-12,,', 'unit,光威 3.6米 远投海竿,,,,,,,r0012,,'],
			{ 2: ['code:duplicate_code'], 3: ['code:duplicate_code'] }
		],
		[
			'a code the shop has',
			['unit,光威 3.6米 远投海竿,,,,,,,hg1,,'],
			{ 2: ['code:duplicate_code'] }
		],
		['a code that is not one', ['unit,光威 3.6米 远投海竿,,,,,,,一号,,'], { 2: ['code:bad_code'] }],
		[
			'a date that does not exist',
			['unit,光威 3.6米 远投海竿,,,,,,,R-3,2024/2/30,'],
			{ 2: ['acquiredOn:bad_date'] }
		],
		[
			'a date after today',
			['unit,光威 3.6米 远投海竿,,,,,,,R-3,2026-03-06,'],
			{ 2: ['acquiredOn:future_date'] }
		],
		[
			'a unit of counted chairs',
			['model,折叠椅,,折叠椅,,5,50,80,,,,counted', 'unit,折叠椅,,,,,,,ZDY-1,,'],
			{ 3: ['model:not_tracked_by_unit'] }
		],
		[
			'a name two brands share, without the brand',
			[
				'model,鲫鱼竿,汉鼎,手竿,,12,100,200,,,',
				'model,鲫鱼竿,化氏,手竿,,12,100,200,,,',
				'unit,鲫鱼竿,,,,,,,R-5,,'
			],
			{ 4: ['model:ambiguous_model'] }
		]
	])('%s', (_story, body, errors) => {
		const good = 'unit,光威 3.6米 远投海竿,,,,,,,R-99,,';
		const preview = parseInventoryCsv([HEADER, ...body, good].join('\n'), shop);
		expect(errorsByLine(preview)).toEqual(errors);
		expect(preview.canImport).toBe(false);
	});

	it.each<[string, string, object[]]>([
		['an empty file', '', [{ code: 'empty' }]],
		['only a header', '\uFEFF类型,型号\r\n', [{ code: 'empty' }]],
		[
			'a column it does not know',
			'type,model,价格\nmodel,x,1',
			[{ code: 'unknown_column', header: '价格' }]
		],
		['no type column', 'model,daily\nx,1', [{ code: 'missing_column', header: 'type' }]],
		[
			'a column twice',
			'type,model,型号\nmodel,x,y',
			[{ code: 'duplicate_column', header: 'model' }]
		],
		[
			'a quote never closed',
			'type,model\nmodel,"x\nunit,y',
			[{ code: 'unterminated_quote', line: 2 }]
		]
	])('refuses %s as a whole', (_story, text, fileErrors) => {
		expect(parseInventoryCsv(text, shop)).toEqual({ canImport: false, fileErrors, rows: [] });
	});
});

describe('export and import again', () => {
	const lure: Model = {
		...seaRod,
		id: modelId('m-lure'),
		categoryId: CAT.lureRod,
		name: '=Vanford "1.98m", 直柄',
		brand: '禧玛诺',
		specs: { length: 1.98, power: 'ML', action: 'fast' },
		rates: {
			daily: 5050,
			weekend: 6000,
			holiday: 8000,
			hourlyLate: 500,
			deposit: 100_000,
			replacementValue: 129_900
		},
		maintenance: { everyRentals: 8, everyRentalDays: 20 },
		salePrice: 129_900
	};
	const reel: Model = {
		...seaRod,
		id: modelId('m-reel'),
		categoryId: CAT.reel,
		name: '纺车轮 3000型',
		specs: { size: 3000, gearRatio: 5.2, lineCapacity: '3号-150m; 4号=100m' },
		maintenance: {}
	};
	const hooks: Model = {
		...seaRod,
		id: modelId('m-hooks'),
		categoryId: CAT.tackleBox,
		name: '伊势尼 鱼钩',
		brand: '',
		specs: {},
		rates: { daily: 0, deposit: 0, replacementValue: 0 },
		maintenance: {},
		tracking: 'consumable',
		salePrice: 800,
		retired: true
	};
	const units: Unit[] = [
		{
			...shop.units[0],
			id: unitId('u2'),
			modelId: lure.id,
			code: 'LY-0002',
			notes: '-手柄松动\n已换',
			acquiredOn: '2025-06-01'
		},
		{ ...shop.units[0], id: unitId('u1'), modelId: lure.id, code: 'LY-0001', retired: true },
		{ ...shop.units[0], id: unitId('u3'), modelId: seaRod.id, code: 'HG-0001', notes: ' 备用 ' }
	];
	const models = [reel, lure, seaRod, hooks];

	it.each(['zh', 'en'] as const)(
		'round-trips every field but ids, times and photos (%s)',
		(locale) => {
			const csv = toInventoryCsv(models, units, seedCategories, locale);
			const preview = parseInventoryCsv(csv, empty);
			expect(errorsByLine(preview)).toEqual({});
			const back = preview.rows.flatMap((r) => (r.kind === 'model' && r.model ? [r.model] : []));
			const order = [seaRod, lure, reel, hooks];
			expect(back).toEqual(order.map(modelDraft));
			const backUnits = preview.rows.flatMap((r) => (r.kind === 'unit' && r.unit ? [r.unit] : []));
			expect(backUnits.map(({ model: _m, ...u }) => u)).toEqual(
				[units[2], units[1], units[0]].map(({ id: _i, createdAt: _c, modelId: _mid, ...u }) => ({
					...u,
					notes: u.notes.trim()
				}))
			);
		}
	);

	it('writes what Excel in China opens: BOM, CRLF, zh headers, guarded formulas', () => {
		const csv = toInventoryCsv([lure], units.slice(0, 1), seedCategories);
		const lines = csv.split('\r\n');
		expect(lines[0].startsWith('\uFEFF类型,型号,品牌,类别,规格,管理方式,日租金')).toBe(true);
		expect(lines[1]).toContain(`"'=Vanford ""1.98m"", 直柄"`);
		expect(lines[1]).toContain('长度=1.98; 硬度=中软 ML; 调性=快调');
		expect(lines[1]).toContain(',50.50,60,80,5,1000,1299,1299,8,20,');
		expect(csv).toContain(`"'-手柄松动\n已换"`);
		expect(csv.endsWith('\r\n')).toBe(true);
	});
});
