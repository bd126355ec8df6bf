/**
 * Inventory in and out of a spreadsheet: one CSV file (RFC 4180, UTF-8 with or without the BOM
 * Excel writes) holding model rows and unit rows.
 *
 * Columns, by zh-CN or English header (any order; only type and model are required):
 * 类型/type (型号|model, 单件|unit) · 型号/model (a model row's name; on a unit row, the model it
 * belongs to, by name and, when given, brand) · 品牌/brand · 类别/category (zh, en name or id) ·
 * 规格/specs (`长度=3.6; 节数=4`, keys by key or zh/en label, a number may carry its unit) ·
 * 管理方式/tracking (逐件|unit, 计数|counted, 耗材|consumable; default unit) · 日租金/daily ·
 * 周末租金/weekend · 节假日租金/holiday · 超时每小时/hourly_late · 押金/deposit ·
 * 赔偿价/replacement_value · 售价/sale_price (prices in yuan, up to 2 decimals, digits only) ·
 * 保养间隔次数/service_every_rentals · 保养间隔天数/service_every_days · 编号/code (empty: the next
 * code of the category's prefix) · 购入日期/acquired_on (`2024-03-05` or Excel's `2024/3/5`) ·
 * 备注/notes · 停用/retired (是/否, yes/no, true/false, 1/0).
 *
 * Import only adds: a model already in the shop (same name and brand) is an error, not an update.
 * Photos and damage prices (`damage-prices.ts`) are not in the file: an import leaves a model
 * without damage prices and an export drops them (staff add them on the model page). A cell that
 * Excel would run as a formula (`=`, `+`, `-`, `@`) is written with a leading `'`, which import
 * removes again.
 */
import { fenToYuan, yuanToFen } from './money.ts';
import { categoryByName } from './categories.ts';
import {
	nextUnitCode,
	normalizeUnitCode,
	validateModel,
	validateUnit,
	type Category,
	type FieldErrorCode,
	type Model,
	type ModelDraft,
	type ModelId,
	type Unit,
	type UnitDraft
} from './inventory.ts';

/** The columns of an inventory CSV file, by their key. */
export type CsvColumn = keyof typeof COLUMNS;

/** Headers of each column: zh-CN first (what export writes for zh), then English. */
const COLUMNS = {
	type: ['类型', 'type'],
	model: ['型号', 'model'],
	brand: ['品牌', 'brand'],
	category: ['类别', 'category'],
	specs: ['规格', 'specs'],
	tracking: ['管理方式', 'tracking'],
	daily: ['日租金', 'daily'],
	weekend: ['周末租金', 'weekend'],
	holiday: ['节假日租金', 'holiday'],
	hourlyLate: ['超时每小时', 'hourly_late'],
	deposit: ['押金', 'deposit'],
	replacementValue: ['赔偿价', 'replacement_value'],
	salePrice: ['售价', 'sale_price'],
	everyRentals: ['保养间隔次数', 'service_every_rentals'],
	everyRentalDays: ['保养间隔天数', 'service_every_days'],
	code: ['编号', 'code'],
	acquiredOn: ['购入日期', 'acquired_on'],
	notes: ['备注', 'notes'],
	retired: ['停用', 'retired']
} as const;

const COLUMN_KEYS = Object.keys(COLUMNS) as CsvColumn[];
const PRICE_COLUMNS = [
	'daily',
	'weekend',
	'holiday',
	'hourlyLate',
	'deposit',
	'replacementValue',
	'salePrice'
] as const;
/** Words for a row's type, a model's tracking and yes/no, as [zh, en, …also accepted]. */
const WORDS = {
	model: ['型号', 'model'],
	unit: ['单件', 'unit'],
	trackUnit: ['逐件', 'unit'],
	counted: ['计数', 'counted'],
	consumable: ['耗材', 'consumable'],
	yes: ['是', 'yes', 'true', '1', 'y'],
	no: ['否', 'no', 'false', '0', 'n', '']
} as const;

/** Why a file as a whole cannot be read. */
export type CsvFileErrorCode =
	'empty' | 'unterminated_quote' | 'missing_column' | 'unknown_column' | 'duplicate_column';

/** A problem with the file, e.g. `{ code: 'unknown_column', header: '价格' }`. */
export interface CsvFileError {
	code: CsvFileErrorCode;
	header?: string;
	line?: number;
}

/** Why a cell was refused; the UI turns each into a sentence. */
export type CsvErrorCode =
	| FieldErrorCode
	| 'bad_type'
	| 'bad_price'
	| 'bad_yes_no'
	| 'ambiguous_model'
	| 'duplicate_model'
	| 'model_exists';

/** One refused cell of a row. */
export interface CsvRowError {
	column: CsvColumn;
	code: CsvErrorCode;
}

/** Which model a unit row belongs to: one in the shop, or the model row on `line`. */
export type CsvModelRef = { kind: 'existing'; modelId: ModelId } | { kind: 'new'; line: number };

/** One row of the preview, with its cells as written and, when it has no errors, what it adds. */
export type CsvPreviewRow = {
	/** Line in the file the row starts on (the header is line 1). */
	line: number;
	cells: Partial<Record<CsvColumn, string>>;
	errors: CsvRowError[];
} & (
	| { kind: 'model'; model?: ModelDraft }
	| {
			kind: 'unit';
			unit?: Omit<UnitDraft, 'modelId'> & { model: CsvModelRef };
			codeAssigned: boolean;
	  }
	| { kind: 'unknown' }
);

/** What an import would do; `canImport` is false when any row or the file has an error. */
export interface CsvPreview {
	canImport: boolean;
	fileErrors: CsvFileError[];
	rows: CsvPreviewRow[];
}

/** What is in the shop already. */
export interface InventoryCsvContext {
	categories: readonly Category[];
	models: readonly Model[];
	units: readonly Unit[];
	/** Today in the shop's time zone (`shopDate`); an acquired date after it is refused. */
	today?: string;
}

const fold = (text: string): string => text.normalize('NFKC').trim().toLowerCase();
const isWord = (words: readonly string[], text: string): boolean => words.includes(fold(text));

/** A price cell: plain digits with up to two decimals; no sign, `元`, `¥` or thousands comma. */
const CSV_PRICE = /^\d{1,10}(?:\.\d{1,2})?$/;

/** A CSV price cell in fen, exactly (money.ts reads the digits), or `undefined`. */
export function csvPriceToFen(text: string): number | undefined {
	const clean = text.normalize('NFKC').trim();
	return CSV_PRICE.test(clean) ? yuanToFen(clean) : undefined;
}

/** Fen as a spreadsheet cell: `3000` → `'30'`, `3050` → `'30.50'`. */
export function csvYuan(fen: number): string {
	return fenToYuan(fen).replace(/\.00$/, '');
}

/** A file's text from its bytes: UTF-8 (BOM or not), else GB18030 as older Excel saves "CSV". */
export function decodeCsvBytes(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('gb18030').decode(bytes);
	}
}

/** One record of a CSV file and the line it starts on. */
interface CsvRecord {
	line: number;
	fields: string[];
}

/**
 * Reads CSV text (RFC 4180: `"` quotes a field, `""` is a quote in it, quoted fields hold commas
 * and line breaks; CRLF, LF or CR end a record). A stray quote inside an unquoted field is kept.
 */
function readCsv(text: string): { records: CsvRecord[]; unterminatedAt?: number } {
	const records: CsvRecord[] = [];
	let fields: string[] = [];
	let field: string | undefined; // undefined: nothing read yet, so a quote opens a quoted field
	let quoted = false;
	let line = 1;
	let recordLine = 1;
	for (let i = 0; i < text.length; i += 1) {
		const ch = text[i];
		const lineBreak = ch === '\n' || ch === '\r';
		if (lineBreak && text[i + 1] === '\n' && ch === '\r') i += 1;
		if (quoted && ch === '"' && text[i + 1] === '"') {
			field += '"';
			i += 1;
		} else if (quoted && ch === '"') quoted = false;
		else if (quoted) {
			field += lineBreak ? '\n' : ch;
			if (lineBreak) line += 1;
		} else if (ch === '"' && field === undefined) {
			quoted = true;
			field = '';
		} else if (ch === ',') {
			fields.push(field ?? '');
			field = undefined;
		} else if (lineBreak) {
			records.push({ line: recordLine, fields: [...fields, field ?? ''] });
			fields = [];
			field = undefined;
			line += 1;
			recordLine = line;
		} else field = (field ?? '') + ch;
	}
	if (quoted) return { records, unterminatedAt: recordLine };
	if (field !== undefined || fields.length > 0) {
		records.push({ line: recordLine, fields: [...fields, field ?? ''] });
	}
	return { records };
}

/** Writes one CSV field: quoted when it must be, and guarded against running as a formula. */
function writeField(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A cell as written, the formula guard that export added taken off. */
const unguard = (value: string): string => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

/** The column each header names; a file whose headers cannot all be placed is refused. */
function readHeader(fields: string[]): {
	columns: (CsvColumn | undefined)[];
	errors: CsvFileError[];
} {
	const errors: CsvFileError[] = [];
	const columns = fields.map((header) => {
		const wanted = fold(header).replace(/\s+/g, '_');
		if (wanted === '') return undefined;
		const column = COLUMN_KEYS.find((key) => COLUMNS[key].some((name) => name === wanted));
		if (!column) errors.push({ code: 'unknown_column', header });
		return column;
	});
	for (const key of COLUMN_KEYS) {
		const count = columns.filter((column) => column === key).length;
		if (count > 1) errors.push({ code: 'duplicate_column', header: COLUMNS[key][1] });
		if (count === 0 && (key === 'type' || key === 'model')) {
			errors.push({ code: 'missing_column', header: COLUMNS[key][1] });
		}
	}
	return { columns, errors };
}

/** Splits `text` at `separator`s that a backslash does not escape; unescapes the parts. */
function splitEscaped(text: string, separator: string): string[] {
	const parts = [''];
	for (let i = 0; i < text.length; i += 1) {
		if (text[i] === '\\' && i + 1 < text.length) parts[parts.length - 1] += text[(i += 1)];
		else if (text[i] === separator) parts.push('');
		else parts[parts.length - 1] += text[i];
	}
	return parts;
}

/** The CSV column a validator's field error belongs to. */
function columnOf(field: string): CsvColumn {
	const [head, tail] = field.split('.');
	if (head === 'name' || head === 'modelId') return 'model';
	if (head === 'categoryId') return 'category';
	if (head === 'specs') return 'specs';
	if ((head === 'rates' || head === 'maintenance') && tail) return tail as CsvColumn;
	return head as CsvColumn;
}

/** Collects a row's errors, one per column: the first reason found is the one shown. */
class RowErrors {
	readonly list: CsvRowError[] = [];
	add(column: CsvColumn, code: CsvErrorCode): void {
		if (!this.has(column)) this.list.push({ column, code });
	}
	has(column: CsvColumn): boolean {
		return this.list.some((error) => error.column === column);
	}
}

type Cells = Partial<Record<CsvColumn, string>>;
const cell = (cells: Cells, column: CsvColumn): string => cells[column]?.trim() ?? '';

function readYesNo(cells: Cells, errors: RowErrors): boolean {
	const text = cell(cells, 'retired');
	if (!isWord(WORDS.yes, text) && !isWord(WORDS.no, text)) errors.add('retired', 'bad_yes_no');
	return isWord(WORDS.yes, text);
}

/** A price cell in fen: `undefined` when empty, `fallback` when empty and one is given. */
function readPrice(cells: Cells, column: CsvColumn, errors: RowErrors, fallback?: number) {
	const text = cell(cells, column);
	if (text === '') return fallback;
	const fen = csvPriceToFen(text);
	if (fen === undefined) errors.add(column, 'bad_price');
	return fen;
}

function readWhole(cells: Cells, column: CsvColumn, errors: RowErrors): number | undefined {
	const text = cell(cells, column).normalize('NFKC');
	if (text === '') return undefined;
	if (!/^\d{1,9}$/.test(text) || Number(text) === 0) errors.add(column, 'not_positive_whole');
	return Number(text);
}

/** `长度=3.6米; 节数=4` read against the category's spec fields (keys or zh/en labels). */
function readSpecs(text: string, category: Category, errors: RowErrors): Model['specs'] {
	const specs: Model['specs'] = {};
	for (const pair of splitEscaped(text.replace(/；/g, ';'), ';')) {
		if (pair.trim() === '') continue;
		const at = pair.search(/[=:：]/);
		const name = fold(pair.slice(0, Math.max(at, 0)));
		const field = category.specFields.find((f) =>
			[f.key, f.label.zh, f.label.en].some((n) => fold(n) === name)
		);
		if (at < 0 || !field) {
			errors.add('specs', 'unknown_spec');
			continue;
		}
		let value = pair.slice(at + 1).trim();
		if (field.kind === 'number' && field.unit) {
			const units = field.unit === 'm' ? ['m', '米'] : [field.unit];
			const unit = units.find((u) => value.toLowerCase().endsWith(u.toLowerCase()));
			if (unit) value = value.slice(0, -unit.length).trim();
		}
		specs[field.key] = value;
	}
	return specs;
}

function readTracking(cells: Cells, errors: RowErrors): Model['tracking'] {
	const text = cell(cells, 'tracking');
	if (text === '' || isWord(WORDS.trackUnit, text)) return 'unit';
	if (isWord(WORDS.counted, text)) return 'counted';
	if (isWord(WORDS.consumable, text)) return 'consumable';
	errors.add('tracking', 'not_an_option');
	return 'unit';
}

/** A model row as a draft, with every cell's error. */
function readModelRow(
	cells: Cells,
	context: InventoryCsvContext
): { draft: ModelDraft; errors: RowErrors } {
	const errors = new RowErrors();
	const category = categoryByName(context.categories, cell(cells, 'category'));
	if (!category) errors.add('category', cell(cells, 'category') ? 'unknown_category' : 'required');
	const tracking = readTracking(cells, errors);
	const free = tracking === 'consumable' ? 0 : undefined;
	const price = (column: CsvColumn, fallback?: number) =>
		readPrice(cells, column, errors, fallback);
	const required = (column: CsvColumn) => {
		const fen = price(column, free);
		if (fen === undefined) errors.add(column, 'required');
		return fen ?? 0;
	};
	const draft: ModelDraft = {
		categoryId: category?.id ?? ('' as ModelDraft['categoryId']),
		name: cell(cells, 'model'),
		brand: cell(cells, 'brand'),
		specs: category ? readSpecs(cell(cells, 'specs'), category, errors) : {},
		photos: [],
		rates: {
			daily: required('daily'),
			deposit: required('deposit'),
			replacementValue: required('replacementValue'),
			...optional('weekend', price('weekend')),
			...optional('holiday', price('holiday')),
			...optional('hourlyLate', price('hourlyLate'))
		},
		maintenance: {
			...optional('everyRentals', readWhole(cells, 'everyRentals', errors)),
			...optional('everyRentalDays', readWhole(cells, 'everyRentalDays', errors))
		},
		tracking,
		...optional('salePrice', price('salePrice')),
		retired: readYesNo(cells, errors)
	};
	// Without its category the specs cannot be read, but every other cell is still checked.
	const bare: Category = { id: draft.categoryId, name: { zh: '', en: '' }, specFields: [] };
	const checked = validateModel(draft, category ? context.categories : [bare]);
	if (!checked.ok) {
		for (const error of checked.errors) errors.add(columnOf(error.field), error.code);
	}
	return { draft: checked.ok ? checked.value : draft, errors };
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
	(value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** A model a unit row can name: one in the shop or a model row of the file. */
interface KnownModel {
	ref: CsvModelRef;
	model: Model;
	category?: Category;
	key: string;
}

const modelKey = (name: string, brand: string): string => `${fold(name)}\u0001${fold(brand)}`;

function knownModels(
	context: InventoryCsvContext,
	fileModels: Map<number, ModelDraft>
): KnownModel[] {
	const category = (id: string) => context.categories.find((c) => c.id === id);
	const known = context.models.map((model): KnownModel => ({
		ref: { kind: 'existing', modelId: model.id },
		model,
		category: category(model.categoryId),
		key: modelKey(model.name, model.brand)
	}));
	for (const [line, draft] of fileModels) {
		const model: Model = { ...draft, id: `csv-line-${line}` as ModelId, createdAt: 0 };
		const ref = { kind: 'new', line } as const;
		known.push({
			ref,
			model,
			category: category(draft.categoryId),
			key: modelKey(draft.name, draft.brand)
		});
	}
	return known;
}

/** The one model a unit row names by name (and brand, when the row gives one). */
function findModel(cells: Cells, known: readonly KnownModel[]): KnownModel | CsvErrorCode {
	if (cell(cells, 'model') === '') return 'required';
	const [name, brand] = modelKey(cell(cells, 'model'), cell(cells, 'brand')).split('\u0001');
	const matches = known.filter(
		(k) => k.key.startsWith(`${name}\u0001`) && (!brand || k.key === `${name}\u0001${brand}`)
	);
	if (matches.length === 1) return matches[0];
	return matches.length === 0 ? 'unknown_model' : 'ambiguous_model';
}

/** A date as Excel in China shows it (`2024/3/5`) or as written (`2024-03-05`), as `YYYY-MM-DD`. */
function readDate(text: string): string {
	const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.normalize('NFKC'));
	return match ? `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}` : text;
}

/** Codes the file gives, and every code a new unit must not take. */
interface CodeBook {
	inFile: Map<string, number>;
	taken: string[];
}

function readUnitRow(
	cells: Cells,
	known: readonly KnownModel[],
	context: InventoryCsvContext,
	codes: CodeBook
): {
	unit?: Extract<CsvPreviewRow, { kind: 'unit' }>['unit'];
	errors: RowErrors;
	codeAssigned: boolean;
} {
	const errors = new RowErrors();
	const found = findModel(cells, known);
	if (typeof found === 'string') errors.add('model', found);
	const model = typeof found === 'string' ? undefined : found;
	let code = cell(cells, 'code');
	const codeAssigned = code === '' && model !== undefined;
	if (codeAssigned) code = nextUnitCode(model.category?.codePrefix ?? 'U', codes.taken);
	codes.taken.push(code);
	const draft: UnitDraft = {
		modelId: model?.model.id ?? ('' as ModelId),
		code,
		notes: cell(cells, 'notes'),
		photos: [],
		...optional('acquiredOn', readDate(cell(cells, 'acquiredOn')) || undefined),
		retired: readYesNo(cells, errors)
	};
	if ((codes.inFile.get(normalizeUnitCode(code) ?? '') ?? 0) > 1)
		errors.add('code', 'duplicate_code');
	const checked = validateUnit(draft, {
		models: model ? [model.model] : [],
		units: context.units,
		today: context.today
	});
	if (!checked.ok)
		for (const error of checked.errors) errors.add(columnOf(error.field), error.code);
	if (!checked.ok || !model) return { errors, codeAssigned };
	const { modelId: _modelId, ...unit } = checked.value;
	return { unit: { ...unit, model: model.ref }, errors, codeAssigned };
}

/** The kind of row its type cell says. */
function rowKind(cells: Cells): CsvPreviewRow['kind'] {
	if (isWord(WORDS.model, cell(cells, 'type'))) return 'model';
	return isWord(WORDS.unit, cell(cells, 'type')) ? 'unit' : 'unknown';
}

/** Marks model rows that repeat one another, or a model the shop has, by name and brand. */
function flagDuplicateModels(
	models: Map<number, { draft: ModelDraft; errors: RowErrors }>,
	context: InventoryCsvContext
): void {
	const existing = new Set(context.models.map((m) => modelKey(m.name, m.brand)));
	const counts = new Map<string, number>();
	for (const { draft } of models.values()) {
		const key = modelKey(draft.name, draft.brand);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	for (const { draft, errors } of models.values()) {
		const key = modelKey(draft.name, draft.brand);
		if (existing.has(key)) errors.add('model', 'model_exists');
		else if ((counts.get(key) ?? 0) > 1) errors.add('model', 'duplicate_model');
	}
}

function previewRows(
	rows: { line: number; cells: Cells }[],
	context: InventoryCsvContext
): CsvPreviewRow[] {
	const models = new Map<number, { draft: ModelDraft; errors: RowErrors }>();
	for (const row of rows)
		if (rowKind(row.cells) === 'model') models.set(row.line, readModelRow(row.cells, context));
	flagDuplicateModels(models, context);
	const known = knownModels(context, new Map([...models].map(([line, m]) => [line, m.draft])));
	const codes: CodeBook = { inFile: new Map(), taken: context.units.map((u) => u.code) };
	for (const row of rows) {
		const code =
			rowKind(row.cells) === 'unit' ? normalizeUnitCode(cell(row.cells, 'code')) : undefined;
		if (code) codes.inFile.set(code, (codes.inFile.get(code) ?? 0) + 1);
		if (code) codes.taken.push(code);
	}
	return rows.map(({ line, cells }): CsvPreviewRow => {
		const kind = rowKind(cells);
		if (kind === 'model') {
			const { draft, errors } = models.get(line)!;
			return {
				kind,
				line,
				cells,
				errors: errors.list,
				...(errors.list.length === 0 && { model: draft })
			};
		}
		if (kind === 'unknown')
			return { kind, line, cells, errors: [{ column: 'type', code: 'bad_type' }] };
		const { unit, errors, codeAssigned } = readUnitRow(cells, known, context, codes);
		return {
			kind,
			line,
			cells,
			errors: errors.list,
			codeAssigned,
			...(errors.list.length === 0 && { unit })
		};
	});
}

const refused = (fileErrors: CsvFileError[]): CsvPreview => ({
	canImport: false,
	fileErrors,
	rows: []
});

/**
 * Reads an inventory CSV into a preview of what importing it would add, with every row's errors
 * (bad price, duplicate code in the file or the shop, unknown category, a unit whose model is
 * neither in the file nor the shop). `canImport` is true only when no row has an error: an import
 * is all or nothing. The caller creates the ids and writes the rows in one transaction.
 */
export function parseInventoryCsv(text: string, context: InventoryCsvContext): CsvPreview {
	const { records, unterminatedAt } = readCsv(text.replace(/^\uFEFF/, ''));
	if (unterminatedAt !== undefined)
		return refused([{ code: 'unterminated_quote', line: unterminatedAt }]);
	const [head, ...body] = records.filter((r) => r.fields.some((field) => field.trim() !== ''));
	if (!head || body.length === 0) return refused([{ code: 'empty' }]);
	const { columns, errors } = readHeader(head.fields);
	if (errors.length > 0) return refused(errors);
	const rows = body.map(({ line, fields }) => {
		const cells: Cells = {};
		columns.forEach((column, i) => {
			if (column) cells[column] = unguard(fields[i] ?? '');
		});
		return { line, cells };
	});
	const previews = previewRows(rows, context);
	return {
		canImport: previews.every((row) => row.errors.length === 0),
		fileErrors: [],
		rows: previews
	};
}

/** The language an export writes its headers and words in. */
export type CsvLocale = 'zh' | 'en';

function specsCell(model: Model, category: Category | undefined, locale: CsvLocale): string {
	const pairs: string[] = [];
	for (const field of category?.specFields ?? []) {
		const value = model.specs[field.key];
		if (value === undefined) continue;
		const option =
			field.kind === 'choice' ? field.options.find((o) => o.value === value) : undefined;
		const text = option ? option.label[locale] : String(value);
		pairs.push(`${field.label[locale]}=${text.replace(/[\\;]/g, '\\$&')}`);
	}
	return pairs.join('; ');
}

function modelCells(model: Model, category: Category | undefined, locale: CsvLocale): Cells {
	const li = locale === 'zh' ? 0 : 1;
	const yuan = (fen: number | undefined) => (fen === undefined ? '' : csvYuan(fen));
	const tracking = { unit: WORDS.trackUnit, counted: WORDS.counted, consumable: WORDS.consumable };
	return {
		type: WORDS.model[li],
		model: model.name,
		brand: model.brand,
		category: category ? category.name[locale] : model.categoryId,
		specs: specsCell(model, category, locale),
		tracking: tracking[model.tracking][li],
		...Object.fromEntries(
			PRICE_COLUMNS.map((c) => [c, yuan(c === 'salePrice' ? model.salePrice : model.rates[c])])
		),
		everyRentals: String(model.maintenance.everyRentals ?? ''),
		everyRentalDays: String(model.maintenance.everyRentalDays ?? ''),
		retired: (model.retired ? WORDS.yes : WORDS.no)[li]
	};
}

function unitCells(unit: Unit, model: Model, locale: CsvLocale): Cells {
	const li = locale === 'zh' ? 0 : 1;
	return {
		type: WORDS.unit[li],
		model: model.name,
		brand: model.brand,
		code: unit.code,
		acquiredOn: unit.acquiredOn ?? '',
		notes: unit.notes,
		retired: (unit.retired ? WORDS.yes : WORDS.no)[li]
	};
}

/**
 * The inventory as a CSV file Excel in China opens as it is: UTF-8 with a BOM, CRLF, headers and
 * words in `locale`. Each model row is followed by its units, models in category order then by
 * name, units by code; retired ones are included. Units of models not listed are left out.
 * `parseInventoryCsv` reads it back to the same models and units (less ids, times and photos).
 */
export function toInventoryCsv(
	models: readonly Model[],
	units: readonly Unit[],
	categories: readonly Category[],
	locale: CsvLocale = 'zh'
): string {
	const li = locale === 'zh' ? 0 : 1;
	const order = (model: Model) => {
		const index = categories.findIndex((c) => c.id === model.categoryId);
		return index < 0 ? categories.length : index;
	};
	const collator = new Intl.Collator('zh-CN');
	const sorted = [...models].sort(
		(a, b) => order(a) - order(b) || collator.compare(a.name, b.name)
	);
	const byModel = groupBy(units, (unit) => unit.modelId);
	const lines: string[][] = [COLUMN_KEYS.map((key) => COLUMNS[key][li])];
	for (const model of sorted) {
		const category = categories.find((c) => c.id === model.categoryId);
		lines.push(row(modelCells(model, category, locale)));
		const own = (byModel.get(model.id) ?? []).sort((a, b) => (a.code < b.code ? -1 : 1));
		for (const unit of own) lines.push(row(unitCells(unit, model, locale)));
	}
	return `\uFEFF${lines.map((fields) => fields.map(writeField).join(',')).join('\r\n')}\r\n`;
}

const row = (cells: Cells): string[] => COLUMN_KEYS.map((key) => cells[key] ?? '');

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
	const groups = new Map<K, T[]>();
	for (const item of items) {
		const group = groups.get(key(item));
		if (group) group.push(item);
		else groups.set(key(item), [item]);
	}
	return groups;
}
