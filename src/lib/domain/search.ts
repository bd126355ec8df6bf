/**
 * Finding gear while the staff type: models and units by code, name, brand, category and spec, in
 * Chinese, pinyin (full `haigan` or initials `hg`) and English.
 *
 * `buildSearchIndex` does the slow part once (pinyin, lower-casing, spec numbers) and `search` only
 * compares prepared strings, so a query over 2,000 units answers within a keystroke.
 *
 * A query is split into words (at spaces and where Chinese meets Latin or digits: `3.6海竿` is two
 * words); every word must match. Each word is read every way it can be:
 * - a unit code in any form the scanner or a person types (`R-12`, `r12`, `R-0012`): that unit;
 * - a length: `3.6m`, `3.6 m`, `3.6米`, `3米6` (3.6 m), `360cm`, `360厘米`: a metre spec equal to it;
 * - a bare number: any number spec equal to it (`3.6`, reel size `3000`), a unit's code number
 *   (`12` → `R-0012`), and, from 100 up, centimetres of a metre spec (`360` → 3.6 m);
 * - text: a part of the name, brand, category (zh, en, pinyin, initials), spec, code or notes
 *   (a length too: a name that says `3.6米` is found by `3.6米` even without a length spec).
 * Chinese numerals (`三米六`) and ranges (`3.6-4.5m`) are not read.
 *
 * Ranking: an exact code first; then the sum over words of the best field each matched, a field
 * weighing more when the word is all of it or starts it; models before their units on a tie.
 */
import { pinyin } from 'pinyin-pro';
import {
	parseUnitCode,
	type Category,
	type CategoryId,
	type Model,
	type ModelId,
	type Unit,
	type UnitId
} from './inventory.ts';
import type { UnitStatus } from './unit-status.ts';

/** A prepared, lower-cased string a word is looked for in, and what a match there is worth. */
interface Haystack {
	text: string;
	weight: number;
}

/** A model as search sees it. */
export interface ModelEntry {
	readonly model: Model;
	readonly fields: readonly Haystack[];
	readonly numbers: readonly { value: number; metres: boolean }[];
	readonly sortKey: string;
	readonly units: readonly UnitEntry[];
}

/** A unit as search sees it. */
export interface UnitEntry {
	readonly unit: Unit;
	readonly model: ModelEntry;
	readonly code: string;
	readonly codeNumber: number | undefined;
	readonly fields: readonly Haystack[];
	readonly sortKey: string;
}

/** Everything `search` needs, prepared once per change of the inventory. */
export interface SearchIndex {
	readonly models: readonly ModelEntry[];
	readonly units: readonly UnitEntry[];
}

/** What the results are narrowed to; status and service due apply to units (a model: any unit). */
export interface SearchFilters {
	categoryId?: CategoryId;
	statuses?: readonly UnitStatus[];
	serviceDue?: boolean;
	/** Show retired models and units too (also when `statuses` asks for `'retired'`). */
	includeRetired?: boolean;
	/** Most hits returned; `total` still counts them all. Default 200. */
	limit?: number;
}

/** The derived state the status and service-due filters read. */
export interface SearchContext {
	statuses?: ReadonlyMap<UnitId, { status: UnitStatus }>;
	due?: { has(unitId: UnitId): boolean };
}

/** One result. */
export type SearchHit =
	| { kind: 'model'; modelId: ModelId; score: number }
	| { kind: 'unit'; unitId: UnitId; modelId: ModelId; score: number };

/** What a word is worth in each kind of field. */
const WEIGHT = { code: 10, name: 10, category: 8, brand: 6, spec: 4, initials: 0.7, notes: 2 };
/** An exact code beats any sum of other matches. */
const EXACT_CODE = 1000;
const HAN_RUNS = /\p{Script=Han}+/gu;
const PINYIN = { toneType: 'none', type: 'array', v: true } as const;
const WORDS = /\p{Script=Han}+|[^\s\p{Script=Han},;/|、]+/gu;
const NUMBER = /^\d+(?:\.\d+)?$/;
const LENGTHS: readonly [RegExp, (m: RegExpMatchArray) => number][] = [
	[/(\d+)\s*米\s*(\d{1,2})(?!\d)/g, (m) => Number(`${m[1]}.${m[2]}`)],
	[/(\d+(?:\.\d+)?)\s*(?:厘米|cm)(?![a-z])/g, (m) => Number(m[1]) / 100],
	[/(\d+(?:\.\d+)?)\s*(?:米|m)(?![a-z])/g, (m) => Number(m[1])]
];

const fold = (text: string): string => text.normalize('NFKC').toLowerCase().trim();

/** The text as itself, and as full pinyin and initials when it has Chinese. */
function haystacks(text: string, weight: number): Haystack[] {
	const folded = fold(text);
	if (folded === '') return [];
	const fields = [{ text: folded, weight }];
	// Each run of Chinese on its own, so initials never span a gap: 5.4米 鲤鱼竿 is m + lyg, not ml.
	for (const [run] of folded.matchAll(HAN_RUNS)) {
		const full = pinyin(run, PINYIN).join('');
		const initials = pinyin(run, { ...PINYIN, pattern: 'first' }).join('');
		fields.push({ text: full, weight }, { text: initials, weight: weight * WEIGHT.initials });
	}
	return fields;
}

/** The forms a text is found by: itself folded, and its pinyin and initials when it has Chinese. */
export function searchForms(text: string): string[] {
	return haystacks(text, 1).map((field) => field.text);
}

/** A query folded the way `searchForms` folds what it searches. */
export const foldQuery = fold;

function modelEntry(model: Model, category: Category | undefined, rank: number): ModelEntry {
	const fields = [...haystacks(model.name, WEIGHT.name), ...haystacks(model.brand, WEIGHT.brand)];
	const numbers: { value: number; metres: boolean }[] = [];
	if (category) {
		fields.push(...haystacks(category.name.zh, WEIGHT.category));
		fields.push(...haystacks(category.name.en, WEIGHT.category));
	}
	for (const field of category?.specFields ?? []) {
		const value = model.specs[field.key];
		if (value === undefined) continue;
		if (field.kind === 'number' && typeof value === 'number') {
			numbers.push({ value, metres: field.unit === 'm' });
		} else if (field.kind === 'choice') {
			const option = field.options.find((o) => o.value === value);
			for (const text of option
				? [option.value, option.label.zh, option.label.en]
				: [String(value)]) {
				fields.push(...haystacks(text, WEIGHT.spec));
			}
		} else fields.push(...haystacks(String(value), WEIGHT.spec));
	}
	const sortKey = String(rank).padStart(8, '0');
	return { model, fields, numbers, sortKey, units: [] };
}

function unitEntry(unit: Unit, model: ModelEntry): UnitEntry {
	const parts = parseUnitCode(unit.code);
	const code = fold(unit.code);
	const fields = [{ text: code, weight: WEIGHT.code }, ...haystacks(unit.notes, WEIGHT.notes)];
	if (parts)
		fields.push({ text: `${parts.prefix.toLowerCase()}${parts.number}`, weight: WEIGHT.code });
	return { unit, model, code: unit.code, codeNumber: parts?.number, fields, sortKey: code };
}

/**
 * Prepares models and units for searching. Units of models not listed are left out; models of
 * unknown categories are found by their own fields only.
 */
export function buildSearchIndex(
	models: readonly Model[],
	units: readonly Unit[],
	categories: readonly Category[]
): SearchIndex {
	const category = new Map(categories.map((c, index) => [c.id, { c, index }]));
	const order = (model: Model) => category.get(model.categoryId)?.index ?? categories.length;
	const collator = new Intl.Collator('zh-CN');
	const sorted = [...models].sort(
		(a, b) => order(a) - order(b) || collator.compare(a.name, b.name)
	);
	const byId = new Map<ModelId, ModelEntry>();
	const modelEntries = sorted.map((model, rank) => {
		const entry = modelEntry(model, category.get(model.categoryId)?.c, rank);
		byId.set(model.id, entry);
		return entry;
	});
	const unitEntries: UnitEntry[] = [];
	for (const unit of units) {
		const model = byId.get(unit.modelId);
		if (!model) continue;
		const entry = unitEntry(unit, model);
		(model.units as UnitEntry[]).push(entry);
		unitEntries.push(entry);
	}
	return { models: modelEntries, units: unitEntries };
}

/** One word of a query, read every way it can be. */
interface Word {
	text: string;
	number?: number;
	/** Metres, when the word was written as a length. */
	metres?: number;
	code?: { prefix: string; number: number };
}

/** Splits a query into words, lengths (`3米6`, `3.6m`, `360cm`) taken out first. */
export function parseQuery(query: string): Word[] {
	let rest = fold(query);
	const words: Word[] = [];
	for (const [pattern, metres] of LENGTHS) {
		for (const match of rest.matchAll(pattern)) {
			words.push({ text: match[0].replace(/\s+/g, ''), metres: metres(match) });
		}
		rest = rest.replace(pattern, ' ');
	}
	for (const text of rest.match(WORDS) ?? []) {
		const code = parseUnitCode(text);
		words.push({ text, ...(NUMBER.test(text) && { number: Number(text) }), ...(code && { code }) });
	}
	return words;
}

const same = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

function textScore(fields: readonly Haystack[], text: string): number {
	let best = 0;
	for (const field of fields) {
		const at = field.text.indexOf(text);
		if (at < 0) continue;
		const score = field.weight * (field.text.length === text.length ? 3 : at === 0 ? 2 : 1);
		if (score > best) best = score;
	}
	return best;
}

function modelWordScore(entry: ModelEntry, word: Word): number {
	let best = textScore(entry.fields, word.text);
	for (const { value, metres } of entry.numbers) {
		const asLength = word.metres !== undefined && metres && same(value, word.metres);
		const asNumber = word.number !== undefined && same(value, word.number);
		const cm = word.number !== undefined && word.number >= 100 && metres ? word.number : NaN;
		if (asLength || asNumber) best = Math.max(best, WEIGHT.spec * 3);
		else if (same(value, cm / 100)) best = Math.max(best, WEIGHT.spec * 2);
	}
	return best;
}

function unitWordScore(entry: UnitEntry, word: Word, modelScore: number): number {
	const code = word.code;
	if (code && entry.codeNumber === code.number && entry.code.startsWith(`${code.prefix}-`)) {
		return EXACT_CODE;
	}
	let best = modelScore;
	best = Math.max(best, textScore(entry.fields, word.text));
	if (word.number !== undefined && same(word.number, entry.codeNumber ?? NaN)) {
		best = Math.max(best, WEIGHT.code);
	}
	return best;
}

/** Sum of each word's score, or 0 when any word did not match. */
function total(scores: readonly number[]): number {
	let sum = 0;
	for (const score of scores) {
		if (score === 0) return 0;
		sum += score;
	}
	return sum;
}

/** Whether a unit passes the filters that are about units. */
function unitPasses(entry: UnitEntry, filters: SearchFilters, context: SearchContext): boolean {
	const { statuses, serviceDue } = filters;
	if (entry.unit.retired && !filters.includeRetired && !statuses?.includes('retired')) return false;
	if (statuses) {
		const status = context.statuses?.get(entry.unit.id)?.status;
		if (!status || !statuses.includes(status)) return false;
	}
	return serviceDue === undefined || (context.due?.has(entry.unit.id) ?? false) === serviceDue;
}

function modelPasses(entry: ModelEntry, filters: SearchFilters, context: SearchContext): boolean {
	if (filters.categoryId && entry.model.categoryId !== filters.categoryId) return false;
	if (entry.model.retired && !filters.includeRetired && !filters.statuses?.includes('retired')) {
		return false;
	}
	if (!filters.statuses && filters.serviceDue === undefined) return true;
	return entry.units.some((unit) => unitPasses(unit, filters, context));
}

function compareHits(a: Scored, b: Scored): number {
	return (
		b.hit.score - a.hit.score ||
		(a.hit.kind === b.hit.kind ? 0 : a.hit.kind === 'model' ? -1 : 1) ||
		(a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0)
	);
}

interface Scored {
	hit: SearchHit;
	sortKey: string;
}

/**
 * The models and units matching `query` and `filters`, best first. An empty query lists all that
 * pass the filters. The status and service-due filters read `context` (from `deriveAllStatuses`
 * and `unitsDueForService`).
 * @throws {RangeError} when a status or service-due filter is set without its context.
 */
export function search(
	index: SearchIndex,
	query: string,
	filters: SearchFilters = {},
	context: SearchContext = {}
): { hits: SearchHit[]; total: number } {
	if (
		(filters.statuses && !context.statuses) ||
		(filters.serviceDue !== undefined && !context.due)
	) {
		throw new RangeError('A status or service-due filter needs the derived statuses in context');
	}
	const words = parseQuery(query);
	const found: Scored[] = [];
	for (const entry of index.models) {
		if (!modelPasses(entry, filters, context)) continue;
		const wordScores = words.map((word) => modelWordScore(entry, word));
		const score = words.length === 0 ? 0 : total(wordScores);
		if (score > 0 || words.length === 0) {
			found.push({
				hit: { kind: 'model', modelId: entry.model.id, score },
				sortKey: entry.sortKey
			});
		}
		for (const unit of entry.units) {
			if (!unitPasses(unit, filters, context)) continue;
			const unitScore = total(words.map((word, i) => unitWordScore(unit, word, wordScores[i])));
			if (unitScore === 0 && words.length > 0) continue;
			const hit: SearchHit = {
				kind: 'unit',
				unitId: unit.unit.id,
				modelId: entry.model.id,
				score: unitScore
			};
			found.push({ hit, sortKey: unit.sortKey });
		}
	}
	found.sort(compareHits);
	return { hits: found.slice(0, filters.limit ?? 200).map((s) => s.hit), total: found.length };
}
