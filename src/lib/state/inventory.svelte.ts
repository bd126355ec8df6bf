/**
 * The `inventory` doc as the pages see it: models, units, their derived
 * status, what needs servicing, search, and every change staff can make.
 * Status is never stored: it is derived here from maintenance events (and,
 * once rentals exist, the ledger's facts about each unit).
 */
// The Maps here are built whole from each snapshot and never mutated, so plain Maps are right.
/* eslint-disable svelte/prefer-svelte-reactivity */
import { validateCategory, type CategoryDraft } from '../domain/categories.ts';
import {
	addCategory,
	createModel,
	createUnits,
	importInventory,
	observeInventory,
	readInventory,
	recordMaintenance,
	recordStock,
	newId,
	updateModel,
	updateUnit,
	type InventorySnapshot
} from '../crdt/inventory.ts';
import { staffOrigin } from '../crdt/origin.ts';
import {
	duplicateCodes,
	nextUnitCode,
	nextUnitCodes,
	normalizeUnitCode,
	shopDate,
	validateModel,
	validateUnit,
	type Model,
	type ModelDraft,
	type ModelId,
	type Unit,
	type UnitDraft,
	type UnitId,
	type Validated
} from '../domain/inventory.ts';
import {
	parseInventoryCsv,
	toInventoryCsv,
	type CsvLocale,
	type CsvPreview
} from '../domain/inventory-csv.ts';
import {
	countByModelAndStatus,
	countByStatus,
	emptyStatusCounts,
	type StatusCounts
} from '../domain/inventory-summary.ts';
import {
	countersSinceService,
	serviceDue,
	serviceLog,
	unitsDueForService,
	type MaintenanceCounters,
	type ServiceDue,
	type ServiceLogEntry
} from '../domain/maintenance.ts';
import { buildSearchIndex, search, type SearchFilters, type SearchHit } from '../domain/search.ts';
import {
	stockOnHand,
	validateMovement,
	type StockMovement,
	type StockReason
} from '../domain/stock.ts';
import {
	allConflicts,
	deriveAllStatuses,
	type MaintenanceEvent,
	type UnitRentalFact,
	type UnitStatusView
} from '../domain/unit-status.ts';
import type { StaffAccount } from '../domain/staff.ts';
import type { LocalDoc } from '../local/docs.ts';

export interface InventoryOptions {
	/** The shop's time zone, read at each use. */
	timeZone?: () => string;
	/** Cleaning time after a return before a unit is available again, read at each use. */
	turnaroundMs?: () => number;
	/** The ledger's facts about units (empty until rentals exist). */
	rentalFacts?: () => readonly UnitRentalFact[];
	now?: () => number;
}

export type MaintenanceKind = MaintenanceEvent['kind'];

/** How often "now" moves for overdue and service-due. */
const clockTickMs = 30_000;

export class Inventory {
	readonly #handle: LocalDoc;
	readonly #author: () => StaffAccount;
	readonly #options: Required<InventoryOptions>;
	readonly #stop: () => void;
	readonly #timer: ReturnType<typeof setInterval>;
	#data = $state.raw<InventorySnapshot>({
		categories: [],
		models: [],
		units: [],
		maintenance: [],
		stock: []
	});
	#now = $state(Date.now());
	#statuses = $derived(
		deriveAllStatuses(
			this.#data.units,
			this.#data.maintenance,
			this.#facts(),
			this.#now,
			this.#turnaroundMs()
		)
	);
	#due = $derived(
		unitsDueForService(
			this.#data.units,
			this.#data.models,
			this.#data.maintenance,
			this.#facts(),
			this.#now
		)
	);
	#index = $derived(buildSearchIndex(this.#data.models, this.#data.units, this.#data.categories));
	#onHand = $derived(stockOnHand(this.#data.stock));
	#modelsById = $derived(new Map(this.#data.models.map((m) => [m.id, m])));
	#unitsById = $derived(new Map(this.#data.units.map((u) => [u.id, u])));
	#unitsByCode = $derived(groupBy(this.#data.units, (u) => u.code));
	#unitsByModel = $derived(groupBy(this.#data.units, (u) => u.modelId));
	#statusCounts = $derived(countByStatus(this.#data.units, this.#statuses));
	#statusCountsByModel = $derived(countByModelAndStatus(this.#data.units, this.#statuses));

	constructor(handle: LocalDoc, author: () => StaffAccount, options: InventoryOptions = {}) {
		this.#handle = handle;
		this.#author = author;
		this.#options = {
			timeZone: options.timeZone ?? (() => 'Asia/Shanghai'),
			turnaroundMs: options.turnaroundMs ?? (() => 0),
			rentalFacts: options.rentalFacts ?? (() => []),
			now: options.now ?? Date.now
		};
		this.#now = this.#options.now();
		this.#read();
		this.#stop = observeInventory(handle.doc, () => this.#read());
		this.#timer = setInterval(() => (this.#now = this.#options.now()), clockTickMs);
	}

	get categories() {
		return this.#data.categories;
	}
	get models(): readonly Model[] {
		return this.#data.models;
	}
	get units(): readonly Unit[] {
		return this.#data.units;
	}
	get statuses(): ReadonlyMap<UnitId, UnitStatusView> {
		return this.#statuses;
	}
	/** Units that need a service now, with why. */
	get serviceDue() {
		return this.#due;
	}
	/** Everything the merge could not decide: status contradictions and codes used twice. */
	get conflicts() {
		return [...allConflicts(this.#statuses), ...duplicateCodes(this.#data.units)];
	}

	model(id: ModelId): Model | undefined {
		return this.#modelsById.get(id);
	}
	unit(id: UnitId): Unit | undefined {
		return this.#unitsById.get(id);
	}
	/** The unit a scanned or typed code names (`r12`, `R-0012`), if exactly one has it. */
	unitByCode(raw: string): Unit | undefined {
		const code = normalizeUnitCode(raw);
		const units = code ? this.#unitsByCode.get(code) : undefined;
		return units?.[0];
	}
	unitsOf(modelId: ModelId): readonly Unit[] {
		return this.#unitsByModel.get(modelId) ?? [];
	}
	/** How many units of the whole shop are in each status. */
	get statusCounts(): StatusCounts {
		return this.#statusCounts;
	}
	/** How many units of a model are in each status. */
	statusCountsOf(modelId: ModelId): StatusCounts {
		return this.#statusCountsByModel.get(modelId) ?? emptyStatusCounts();
	}
	onHand(modelId: ModelId): number {
		return this.#onHand.get(modelId) ?? 0;
	}
	/** A unit's maintenance events, oldest first. */
	eventsOf(unitId: UnitId): MaintenanceEvent[] {
		return this.#data.maintenance.filter((e) => e.unitId === unitId);
	}

	/** A unit's service log, newest first. */
	serviceLogOf(unitId: UnitId): ServiceLogEntry[] {
		return serviceLog(this.eventsOf(unitId));
	}

	/** A unit's use since its last service and what its model's rule says about it. */
	maintenanceOf(unitId: UnitId): { counters: MaintenanceCounters; due: ServiceDue } | undefined {
		const unit = this.unit(unitId);
		const model = unit && this.model(unit.modelId);
		if (!unit || !model) return undefined;
		const facts = this.#facts().filter((f) => f.unitId === unitId);
		const counters = countersSinceService(this.eventsOf(unitId), facts, this.#now);
		return { counters, due: serviceDue(model.maintenance, counters) };
	}

	/** A counted or consumable model's stock movements, newest first. */
	movementsOf(modelId: ModelId): StockMovement[] {
		return this.#data.stock
			.filter((m) => m.modelId === modelId)
			.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
	}

	search(query: string, filters: SearchFilters = {}): { hits: SearchHit[]; total: number } {
		return search(this.#index, query, filters, { statuses: this.#statuses, due: this.#due });
	}

	/** The next free code with a prefix (retired units' codes are never reused). */
	nextCode(prefix: string): string {
		return nextUnitCode(
			prefix,
			this.#data.units.map((u) => u.code)
		);
	}

	async createModel(draft: ModelDraft): Promise<Validated<ModelId>> {
		const checked = validateModel(draft, this.#data.categories);
		if (!checked.ok) return checked;
		const id = createModel(this.#handle.doc, checked.value, this.#origin());
		await this.#handle.flush();
		return { ok: true, value: id };
	}

	async updateModel(id: ModelId, draft: ModelDraft): Promise<Validated<ModelId>> {
		const checked = validateModel(draft, this.#data.categories);
		if (!checked.ok) return checked;
		if (
			updateModel(
				this.#handle.doc,
				id,
				withClearedOptionals(checked.value, modelOptionals),
				this.#origin()
			)
		)
			await this.#handle.flush();
		return { ok: true, value: id };
	}

	/** A copy of a model (same card and specs) to edit into a new one. */
	async duplicateModel(id: ModelId, name: string): Promise<Validated<ModelId>> {
		const model = this.model(id);
		if (!model) throw new RangeError(`No model ${id}`);
		const { id: _id, createdAt: _at, ...draft } = model;
		return this.createModel({ ...draft, name, retired: false });
	}

	async setModelRetired(id: ModelId, retired: boolean): Promise<void> {
		if (updateModel(this.#handle.doc, id, { retired }, this.#origin())) await this.#handle.flush();
	}

	/** Adds `count` units with the next free codes of `prefix`; all or nothing. */
	async addUnits(
		modelId: ModelId,
		prefix: string,
		count: number,
		acquiredOn?: string
	): Promise<Validated<UnitId[]>> {
		const codes = nextUnitCodes(
			prefix,
			this.#data.units.map((u) => u.code),
			count
		);
		const drafts: UnitDraft[] = [];
		for (const code of codes) {
			const checked = validateUnit(
				{ modelId, code, notes: '', photos: [], retired: false, ...(acquiredOn && { acquiredOn }) },
				{
					models: this.#data.models,
					units: [
						...this.#data.units,
						...drafts.map((d, i) => ({ id: `new-${i}` as UnitId, code: d.code }))
					],
					today: this.#today()
				}
			);
			if (!checked.ok) return checked;
			drafts.push(checked.value);
		}
		const ids = createUnits(this.#handle.doc, drafts, this.#origin());
		await this.#handle.flush();
		return { ok: true, value: ids };
	}

	async updateUnit(id: UnitId, draft: UnitDraft): Promise<Validated<UnitId>> {
		const checked = validateUnit(draft, {
			models: this.#data.models,
			units: this.#data.units,
			self: id,
			today: this.#today()
		});
		if (!checked.ok) return checked;
		if (
			updateUnit(
				this.#handle.doc,
				id,
				withClearedOptionals(checked.value, unitOptionals),
				this.#origin()
			)
		)
			await this.#handle.flush();
		return { ok: true, value: id };
	}

	/** Replaces a unit's photos (content hashes from the attachment store). */
	async setUnitPhotos(id: UnitId, photos: string[]): Promise<void> {
		if (updateUnit(this.#handle.doc, id, { photos }, this.#origin())) await this.#handle.flush();
	}

	/** Replaces a model's photos (content hashes from the attachment store). */
	async setModelPhotos(id: ModelId, photos: string[]): Promise<void> {
		if (updateModel(this.#handle.doc, id, { photos }, this.#origin())) await this.#handle.flush();
	}

	async setUnitRetired(id: UnitId, retired: boolean): Promise<void> {
		if (updateUnit(this.#handle.doc, id, { retired }, this.#origin())) await this.#handle.flush();
	}

	/** The owner adds a category of the shop's own (seed categories are built in). */
	async addCategory(draft: CategoryDraft) {
		const checked = validateCategory(draft, this.#data.categories, newId);
		if (!checked.ok) return checked;
		addCategory(this.#handle.doc, checked.value, this.#origin());
		await this.#handle.flush();
		return checked;
	}

	/** Records a maintenance fact: to the workshop and back, a service, lost, found. */
	async recordMaintenance(
		unitId: UnitId,
		kind: MaintenanceKind,
		details: { note?: string; cost?: number; photos?: string[] } = {}
	): Promise<void> {
		const event: MaintenanceEvent = {
			id: newId(),
			unitId,
			kind,
			at: this.#options.now(),
			by: this.#author().id,
			...(details.note && { note: details.note.trim() }),
			...(details.cost && { cost: details.cost }),
			...(details.photos?.length && { photos: details.photos })
		};
		recordMaintenance(this.#handle.doc, [event], this.#origin());
		this.#now = this.#options.now();
		await this.#handle.flush();
	}

	/** Counted stock and consumables: received, sold, adjusted …; refuses going below zero. */
	async moveStock(modelId: ModelId, delta: number, reason: StockReason, note?: string) {
		const checked = validateMovement({ delta, reason }, this.onHand(modelId));
		if (!checked.ok) return checked;
		const movement = {
			id: newId(),
			modelId,
			delta,
			reason,
			at: this.#options.now(),
			by: this.#author().id,
			...(note && { note })
		};
		recordStock(this.#handle.doc, [movement], this.#origin());
		await this.#handle.flush();
		return checked;
	}

	/** Writes already-validated models and units in one transaction (CSV import, demo shop). */
	async importRecords(rows: { models: readonly Model[]; units: readonly Unit[] }): Promise<void> {
		importInventory(this.#handle.doc, rows, this.#origin());
		await this.#handle.flush();
	}

	/** What importing a CSV file's text would add, row by row with errors; writes nothing. */
	previewCsv(text: string): CsvPreview {
		const { categories, models, units } = this.#data;
		return parseInventoryCsv(text, { categories, models, units, today: this.#today() });
	}

	/**
	 * Imports a CSV file's text, all rows in one transaction, or nothing: it is checked again
	 * against the inventory as it is now (another tablet may have used a code since the preview).
	 */
	async importCsv(
		text: string
	): Promise<{ ok: true; models: number; units: number } | { ok: false; preview: CsvPreview }> {
		const preview = this.previewCsv(text);
		if (!preview.canImport) return { ok: false, preview };
		const rows = recordsOf(preview, this.#options.now());
		await this.importRecords(rows);
		return { ok: true, models: rows.models.length, units: rows.units.length };
	}

	/** The whole inventory as a CSV file Excel opens as it is (BOM, CRLF), in `locale`. */
	toCsv(locale: CsvLocale): string {
		const { models, units, categories } = this.#data;
		return toInventoryCsv(models, units, categories, locale);
	}

	destroy(): void {
		clearInterval(this.#timer);
		this.#stop();
		this.#handle.release();
	}

	// Methods, not fields: the $derived initializers above run lazily, after the constructor.
	#facts(): readonly UnitRentalFact[] {
		return this.#options.rentalFacts();
	}

	#turnaroundMs(): number {
		return this.#options.turnaroundMs();
	}

	#origin() {
		const author = this.#author();
		return staffOrigin(author.id, author.name);
	}

	#today(): string {
		return shopDate(this.#options.now(), this.#options.timeZone());
	}

	#read(): void {
		this.#data = readInventory(this.#handle.doc);
	}
}

const unitOptionals = ['acquiredOn'] as const;
/** Saving a model without them removes them (an emptied damage price list too). */
const modelOptionals = ['salePrice', 'damagePrices'] as const;

/** A validated draft with its unset optional fields named as undefined, so saving clears them. */
function withClearedOptionals<T extends object>(draft: T, keys: readonly string[]): T {
	const cleared: Record<string, unknown> = {};
	for (const key of keys) if (!(key in draft)) cleared[key] = undefined;
	return { ...cleared, ...draft } as T;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
	const groups = new Map<K, T[]>();
	for (const item of items) {
		const k = key(item);
		const group = groups.get(k);
		if (group) group.push(item);
		else groups.set(k, [item]);
	}
	return groups;
}

/** The models and units an importable preview adds, with fresh ids; units find their model. */
function recordsOf(preview: CsvPreview, at: number): { models: Model[]; units: Unit[] } {
	const models: Model[] = [];
	const units: Unit[] = [];
	const newModels = new Map<number, ModelId>();
	for (const row of preview.rows) {
		if (row.kind !== 'model' || !row.model) continue;
		const id = newId() as ModelId;
		newModels.set(row.line, id);
		models.push({ ...row.model, id, createdAt: at });
	}
	for (const row of preview.rows) {
		if (row.kind !== 'unit' || !row.unit) continue;
		const { model, ...unit } = row.unit;
		const modelId = model.kind === 'existing' ? model.modelId : newModels.get(model.line);
		if (!modelId) throw new RangeError(`Line ${row.line} names a model row that is not imported`);
		units.push({ ...unit, modelId, id: newId() as UnitId, createdAt: at });
	}
	return { models, units };
}
