/**
 * Schema of the `inventory` doc and the functions between it and domain types.
 *
 * - `models`: Y.Map modelId → Y.Map (one key per field, see records.ts; damage prices one key
 *   per row, `damagePrices.<id>`, so two tablets' rows merge: see damage-prices.ts)
 * - `units`: Y.Map unitId → Y.Map (one key per field)
 * - `categories`: Y.Map categoryId → Category (categories the owner added; seeds live in code)
 * - `maintenance`: Y.Array of MaintenanceEvent (facts: appended, never edited)
 * - `stock`: Y.Array of StockMovement (facts: appended, never edited)
 *
 * Records are never deleted (they are retired), so an edit can never land in
 * a map another tablet removed. Every write is one transaction with an origin.
 */
import * as Y from 'yjs';
import { seedCategories } from '../domain/categories.ts';
import type {
	Category,
	CategoryId,
	Model,
	ModelDraft,
	ModelId,
	Unit,
	UnitDraft,
	UnitId
} from '../domain/inventory.ts';
import type { StockMovement } from '../domain/stock.ts';
import type { MaintenanceEvent } from '../domain/unit-status.ts';
import { readDamagePrices, storedDamagePrices } from './damage-prices.ts';
import type { WriteOrigin } from './origin.ts';
import { readRecord, writeRecord } from './records.ts';

export const INVENTORY_DOC = 'inventory';

export const inventoryKeys = {
	models: 'models',
	units: 'units',
	categories: 'categories',
	maintenance: 'maintenance',
	stock: 'stock'
} as const;

/** Everything in the inventory doc, as plain data. */
export interface InventorySnapshot {
	categories: Category[];
	models: Model[];
	units: Unit[];
	maintenance: MaintenanceEvent[];
	stock: StockMovement[];
}

const models = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(inventoryKeys.models);
const units = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(inventoryKeys.units);
const categories = (doc: Y.Doc) => doc.getMap<Category>(inventoryKeys.categories);
const maintenance = (doc: Y.Doc) => doc.getArray<MaintenanceEvent>(inventoryKeys.maintenance);
const stock = (doc: Y.Doc) => doc.getArray<StockMovement>(inventoryKeys.stock);

/** Puts a new record map under `id` and writes its fields. Call inside a transaction. */
function addRecord(
	parent: Y.Map<Y.Map<unknown>>,
	id: string,
	fields: Record<string, unknown>
): void {
	const map = new Y.Map<unknown>();
	parent.set(id, map);
	writeRecord(map, fields);
}

/**
 * A model's fields as its record map stores them: the damage price list becomes rows keyed by id
 * (`storedDamagePrices`), reading their order from `map` when the model exists. A field given as
 * `undefined` stays so, which clears it.
 */
function modelFields(fields: Partial<Model>, map?: Y.Map<unknown>): Record<string, unknown> {
	if (!('damagePrices' in fields)) return fields;
	const { damagePrices, ...rest } = fields;
	return {
		...rest,
		damagePrices:
			damagePrices && storedDamagePrices(damagePrices, (id) => map?.get(`damagePrices.${id}`))
	};
}

/** A fresh random id for a record or a fact. */
export function newId(): string {
	return crypto.randomUUID();
}

function isModel(value: Record<string, unknown>): boolean {
	return (
		typeof value.name === 'string' &&
		typeof value.categoryId === 'string' &&
		typeof value.rates === 'object' &&
		value.rates !== null
	);
}

function isUnit(value: Record<string, unknown>): boolean {
	return typeof value.code === 'string' && typeof value.modelId === 'string';
}

/** Reads the whole doc. Rows another replica wrote malformed are skipped, not thrown on. */
export function readInventory(doc: Y.Doc): InventorySnapshot {
	const modelList: Model[] = [];
	models(doc).forEach((map, id) => {
		if (!(map instanceof Y.Map)) return;
		const { damagePrices: storedPrices, ...record } = readRecord(map);
		if (!isModel(record)) return;
		const damagePrices = readDamagePrices(storedPrices);
		modelList.push({
			specs: {},
			photos: [],
			maintenance: {},
			brand: '',
			tracking: 'unit',
			retired: false,
			createdAt: 0,
			...record,
			...(damagePrices && { damagePrices }),
			id
		} as unknown as Model);
	});
	const unitList: Unit[] = [];
	units(doc).forEach((map, id) => {
		if (!(map instanceof Y.Map)) return;
		const record = readRecord(map);
		if (!isUnit(record)) return;
		unitList.push({
			notes: '',
			photos: [],
			retired: false,
			createdAt: 0,
			...record,
			id
		} as unknown as Unit);
	});
	const custom = [...categories(doc).values()].filter((c) => c && typeof c.id === 'string');
	return {
		categories: [
			...seedCategories,
			...custom.filter((c) => !seedCategories.some((s) => s.id === c.id))
		],
		models: modelList.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)),
		units: unitList.sort((a, b) => a.code.localeCompare(b.code) || a.id.localeCompare(b.id)),
		maintenance: maintenance(doc)
			.toArray()
			.filter((e) => e && typeof e.unitId === 'string'),
		stock: stock(doc)
			.toArray()
			.filter((m) => m && typeof m.modelId === 'string')
	};
}

/** Creates a model; returns its id. */
export function createModel(
	doc: Y.Doc,
	draft: ModelDraft,
	origin: WriteOrigin,
	at = Date.now()
): ModelId {
	const id = newId() as ModelId;
	doc.transact(() => addRecord(models(doc), id, modelFields({ ...draft, createdAt: at })), origin);
	return id;
}

/** Writes the fields of a model that changed; returns whether anything did. */
export function updateModel(
	doc: Y.Doc,
	id: ModelId,
	patch: Partial<ModelDraft>,
	origin: WriteOrigin
): boolean {
	const map = models(doc).get(id);
	if (!(map instanceof Y.Map)) throw new RangeError(`No model ${id}`);
	let wrote = false;
	doc.transact(() => (wrote = writeRecord(map, modelFields(patch, map))), origin);
	return wrote;
}

/** Creates units (e.g. a model's first rods with fresh codes); returns their ids in order. */
export function createUnits(
	doc: Y.Doc,
	drafts: readonly UnitDraft[],
	origin: WriteOrigin,
	at = Date.now()
): UnitId[] {
	const ids = drafts.map(() => newId() as UnitId);
	doc.transact(() => {
		drafts.forEach((draft, i) => addRecord(units(doc), ids[i], { ...draft, createdAt: at }));
	}, origin);
	return ids;
}

/** Writes the fields of a unit that changed; returns whether anything did. */
export function updateUnit(
	doc: Y.Doc,
	id: UnitId,
	patch: Partial<UnitDraft>,
	origin: WriteOrigin
): boolean {
	const map = units(doc).get(id);
	if (!(map instanceof Y.Map)) throw new RangeError(`No unit ${id}`);
	let wrote = false;
	doc.transact(() => (wrote = writeRecord(map, patch)), origin);
	return wrote;
}

/** Adds a category of the owner's (seed categories are built in). */
export function addCategory(doc: Y.Doc, category: Category, origin: WriteOrigin): CategoryId {
	doc.transact(() => categories(doc).set(category.id, category), origin);
	return category.id;
}

/** Appends maintenance facts (to the workshop and back, a service, lost, found). */
export function recordMaintenance(
	doc: Y.Doc,
	events: readonly MaintenanceEvent[],
	origin: WriteOrigin
): void {
	doc.transact(() => maintenance(doc).push([...events]), origin);
}

/** Appends stock movements (received, sold, adjusted …). */
export function recordStock(
	doc: Y.Doc,
	movements: readonly StockMovement[],
	origin: WriteOrigin
): void {
	doc.transact(() => stock(doc).push([...movements]), origin);
}

/**
 * Creates models and units together in one transaction (CSV import, demo
 * data): all of it arrives on other tablets at once or not at all.
 */
export function importInventory(
	doc: Y.Doc,
	rows: { models: readonly Model[]; units: readonly Unit[] },
	origin: WriteOrigin | symbol
): void {
	doc.transact(() => {
		for (const { id, ...fields } of rows.models) addRecord(models(doc), id, modelFields(fields));
		for (const { id, ...fields } of rows.units) addRecord(units(doc), id, fields);
	}, origin);
}

/** Calls `listener` after any transaction that touched the inventory; returns the unsubscribe. */
export function observeInventory(doc: Y.Doc, listener: () => void): () => void {
	const types = [models(doc), units(doc), categories(doc), maintenance(doc), stock(doc)];
	const onChange = () => listener();
	for (const type of types) type.observeDeep(onChange);
	return () => {
		for (const type of types) type.unobserveDeep(onChange);
	};
}
