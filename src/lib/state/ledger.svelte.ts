/**
 * The `ledger` doc as the pages see it: customers, reservations, rentals, money, the conflicts a
 * merge left, and every write the counter makes. Nothing here is stored but facts; rentals,
 * balances, unit status and conflicts are derived from them on every change, so a merge from
 * another tablet shows up everywhere at once.
 */
// The Maps here are built whole from each snapshot and never mutated, so plain Maps are right.
/* eslint-disable svelte/prefer-svelte-reactivity */
import * as ledgerDoc from '../crdt/ledger.ts';
import { staffOrigin } from '../crdt/origin.ts';
import {
	blockedByStatus,
	canReserve,
	modelTimeline,
	type AvailabilityContext
} from '../domain/availability.ts';
import type { ReserveRequest } from '../domain/availability.ts';
import {
	checkOutRefusal,
	quoteFor,
	unitTermsOf,
	type CheckOutRefusal,
	type Quote
} from '../domain/check-out.ts';
import {
	findCustomers,
	indexCustomers,
	validateCustomer,
	type CustomerDraft,
	type CustomerResult
} from '../domain/customers.ts';
import { dayReport } from '../domain/day-report.ts';
import type { ModelId, UnitId } from '../domain/inventory.ts';
import {
	balances,
	emptyBalance,
	entriesByRental,
	type Balance,
	type Customer,
	type MoneyEntry,
	type PaymentMethod,
	type UnitTerms
} from '../domain/ledger.ts';
import {
	ledgerConflicts,
	resolutionFacts,
	resolutions,
	swapTerms,
	type LedgerConflict,
	type Resolution
} from '../domain/ledger-conflicts.ts';
import {
	billedUnits,
	deriveRentals,
	deriveReservations,
	unitFacts,
	type Rental,
	type ReservationView
} from '../domain/ledger-rentals.ts';
import { settlementFor } from '../domain/ledger-settlement.ts';
import { calendarOf, type RentalRules } from '../domain/rental-rules.ts';
import type { Discount, Sale, SettlementResult } from '../domain/settlement.ts';
import type { StaffAccount } from '../domain/staff.ts';
import type { LocalDoc } from '../local/docs.ts';
import type { Inventory } from './inventory.svelte.ts';

export interface LedgerOptions {
	/** This tablet's id, stamped on every fact. */
	device: string;
	/** The rules as the owner set them now (grace, cleaning time, holidays). */
	rules: () => RentalRules;
	/** The shop's time zone. */
	timeZone: () => string;
	/** The inventory: units, their status and models (null while it loads). */
	inventory: () => Inventory | null;
	now?: () => number;
}

/** What the check-out form hands over. */
export interface CheckOutDraft {
	customerId: string;
	unitIds: UnitId[];
	dueAt: number;
	deposit: number;
	depositMethod: Exclude<PaymentMethod, 'none'>;
	reservationId?: string;
	/** The customer's signature (an attachment content hash). */
	signature?: string;
}

/** How often "now" moves for overdue and running rent. */
const clockTickMs = 30_000;
const MINUTE_MS = 60_000;

export class Ledger {
	readonly #handle: LocalDoc;
	readonly #author: () => StaffAccount;
	readonly #options: Required<LedgerOptions>;
	readonly #stop: () => void;
	readonly #timer: ReturnType<typeof setInterval>;
	#data = $state.raw<ledgerDoc.LedgerSnapshot>({
		customers: [],
		reservations: [],
		events: [],
		entries: []
	});
	#now = $state(Date.now());
	#book = $derived(deriveRentals(this.#data.events));
	#reservations = $derived(deriveReservations(this.#data.reservations, this.#data.events));
	#balances = $derived(balances(this.#data.entries));
	#entriesByRental = $derived(entriesByRental(this.#data.entries));
	#unitFacts = $derived(unitFacts(this.#book, this.#reservations));
	#customersById = $derived(new Map(this.#data.customers.map((c) => [c.id, c])));
	#customerIndex = $derived(indexCustomers(this.#data.customers));
	#rentals = $derived([...this.#book.rentals.values()].sort((a, b) => b.outAt - a.outAt));
	#openRentals = $derived(this.#rentals.filter((r) => r.status !== 'settled'));
	#conflicts = $derived(this.#computeConflicts());

	constructor(handle: LocalDoc, author: () => StaffAccount, options: LedgerOptions) {
		this.#handle = handle;
		this.#author = author;
		this.#options = { now: Date.now, ...options };
		this.#now = this.#options.now();
		this.#read();
		this.#stop = ledgerDoc.observeLedger(handle.doc, () => this.#read());
		this.#timer = setInterval(() => (this.#now = this.#options.now()), clockTickMs);
	}

	/** "Now", moving every 30 s and after every write on this tablet. */
	get now(): number {
		return this.#now;
	}

	get customers(): readonly Customer[] {
		return this.#data.customers;
	}
	customer(id: string): Customer | undefined {
		return this.#customersById.get(id);
	}
	/** Customers by name, pinyin, initials, tag or phone digits. */
	findCustomers(query: string, limit?: number): Customer[] {
		return findCustomers(this.#customerIndex, query, limit);
	}

	/** Every rental, newest first. */
	get rentals(): readonly Rental[] {
		return this.#rentals;
	}
	/** Rentals not settled yet, newest first. */
	get openRentals(): readonly Rental[] {
		return this.#openRentals;
	}
	rental(id: string): Rental | undefined {
		return this.#book.rentals.get(id);
	}
	rentalsOf(customerId: string): Rental[] {
		return this.#rentals.filter((r) => r.customerId === customerId);
	}
	/** The unsettled rental that has this unit out now (for check-in by scanning). */
	openRentalOfUnit(unitId: UnitId): Rental | undefined {
		return this.#openRentals.find((rental) =>
			billedUnits(rental).some((u) => u.terms.unitId === unitId && u.returnedAt === undefined)
		);
	}

	get reservations(): readonly ReservationView[] {
		return this.#reservations;
	}
	reservationsOf(customerId: string): ReservationView[] {
		return this.#reservations.filter((r) => r.customerId === customerId);
	}

	/** What the ledger tells the inventory about each unit (out, returned, reserved). */
	get unitFacts() {
		return this.#unitFacts;
	}

	balanceOfRental(rentalId: string): Balance {
		return this.#balances.byRental.get(rentalId) ?? emptyBalance();
	}
	balanceOfCustomer(customerId: string): Balance {
		return this.#balances.byCustomer.get(customerId) ?? emptyBalance();
	}
	entriesOf(rentalId: string): readonly MoneyEntry[] {
		return this.#entriesByRental.get(rentalId) ?? [];
	}

	/** The rental's settlement: as settled, or as of now while it is open. */
	settlementOf(rental: Rental): SettlementResult {
		return settlementFor(rental, this.entriesOf(rental.id), this.#now);
	}

	/** Everything a merge could not decide, on every tablet alike. */
	get conflicts(): readonly LedgerConflict[] {
		return this.#conflicts;
	}
	conflictsOf(rentalId: string): LedgerConflict[] {
		return this.#conflicts.filter((c) => conflictRentals(c).includes(rentalId));
	}
	resolutionsOf(conflict: LedgerConflict): Resolution[] {
		return resolutions(conflict);
	}

	/** The day-end report for a shop date. */
	dayReport(date: string) {
		const { events, entries } = this.#data;
		return dayReport({ date, timeZone: this.#options.timeZone(), events, entries, now: this.#now });
	}

	/** The terms of units as they would go out now, from the inventory's cards. */
	termsFor(unitIds: readonly UnitId[]): UnitTerms[] {
		const inventory = this.#options.inventory();
		return unitIds.flatMap((id) => {
			const unit = inventory?.unit(id);
			const model = unit && inventory?.model(unit.modelId);
			return unit && model ? [unitTermsOf(unit, model)] : [];
		});
	}

	/** The quote for units out from now until `dueAt`, under today's rules. */
	quote(unitIds: readonly UnitId[], dueAt: number): Quote {
		const calendar = calendarOf(this.#options.rules(), this.#options.timeZone());
		return quoteFor(this.termsFor(unitIds), this.#now, dueAt, calendar);
	}

	/** Why the check-out would be refused now, or null. */
	checkOutRefusal(draft: CheckOutDraft): CheckOutRefusal | null {
		const statuses = this.#options.inventory()?.statuses ?? new Map();
		return checkOutRefusal(
			{
				...draft,
				outAt: this.#options.now(),
				cardsDeposit: this.termsFor(draft.unitIds).reduce(
					(sum, terms) => sum + terms.card.deposit,
					0
				),
				mayLowerDeposit: this.#author().role === 'owner'
			},
			statuses
		);
	}

	/** How many units of a model are free for the whole window. */
	canReserve(request: ReserveRequest) {
		return canReserve(request, this.#availability());
	}

	/** A model's calendar for the coming days. */
	timeline(modelId: ModelId, startDate: string, days: number) {
		return modelTimeline(modelId, this.#availability(), {
			startDate,
			days,
			timeZone: this.#options.timeZone()
		});
	}

	async addCustomer(draft: CustomerDraft): Promise<CustomerResult & { id?: string }> {
		const checked = validateCustomer(draft);
		if (!checked.ok) return checked;
		const id = ledgerDoc.addCustomer(this.#handle.doc, this.#writer(), checked.value, this.#tick());
		await this.#handle.flush();
		return { ...checked, id };
	}

	async updateCustomer(id: string, draft: CustomerDraft): Promise<CustomerResult> {
		const checked = validateCustomer(draft);
		if (!checked.ok) return checked;
		if (ledgerDoc.updateCustomer(this.#handle.doc, this.#writer(), id, checked.value)) {
			await this.#handle.flush();
		}
		return checked;
	}

	/** Checks out units (or refuses, saying why); returns the new rental's id. */
	async checkOut(
		draft: CheckOutDraft
	): Promise<{ ok: true; rentalId: string } | { ok: false; refusal: CheckOutRefusal }> {
		const refusal = this.checkOutRefusal(draft);
		if (refusal) return { ok: false, refusal };
		const rentalId = ledgerDoc.checkOut(
			this.#handle.doc,
			this.#writer(),
			{ ...draft, units: this.termsFor(draft.unitIds), calendar: this.#calendar() },
			this.#tick()
		);
		await this.#handle.flush();
		return { ok: true, rentalId };
	}

	async extend(rentalId: string, dueAt: number): Promise<void> {
		ledgerDoc.extendRental(this.#handle.doc, this.#writer(), rentalId, dueAt, this.#tick());
		await this.#handle.flush();
	}

	/** Units scanned back, each with its condition; their rent ends now. */
	async returnUnits(
		rentalId: string,
		units: readonly { unitId: UnitId; condition?: string }[]
	): Promise<void> {
		ledgerDoc.returnUnits(this.#handle.doc, this.#writer(), rentalId, units, this.#tick());
		await this.#handle.flush();
	}

	async recordDamage(
		rentalId: string,
		damage: { unitId: UnitId; description: string; amount: number; photos: string[] }
	): Promise<void> {
		ledgerDoc.recordDamage(this.#handle.doc, this.#writer(), rentalId, damage, this.#tick());
		await this.#handle.flush();
	}

	async recordSale(rentalId: string, sale: Sale): Promise<void> {
		ledgerDoc.recordSale(this.#handle.doc, this.#writer(), rentalId, sale, this.#tick());
		await this.#handle.flush();
	}

	async applyDiscount(rentalId: string, discount: Discount): Promise<void> {
		ledgerDoc.applyDiscount(this.#handle.doc, this.#writer(), rentalId, discount, this.#tick());
		await this.#handle.flush();
	}

	/** Settles the rental now: the charge and the refund or payment by `method`. */
	async settle(rentalId: string, method: PaymentMethod) {
		const rental = this.rental(rentalId);
		if (!rental) throw new RangeError(`No rental ${rentalId}`);
		const result = ledgerDoc.settleRental(
			this.#handle.doc,
			this.#writer(),
			rental,
			method,
			this.#tick()
		);
		if (result.ok) await this.#handle.flush();
		return result;
	}

	/** Money outside a settlement: a payment, a refund, an adjustment with its reason. */
	async recordMoney(entry: Omit<MoneyEntry, 'id' | 'at' | 'by' | 'device'>): Promise<void> {
		ledgerDoc.recordMoney(this.#handle.doc, this.#writer(), entry, this.#tick());
		await this.#handle.flush();
	}

	/** Takes a reservation, refused at entry when this tablet knows it does not fit. */
	async reserve(draft: {
		customerId: string;
		modelId: ModelId;
		unitIds?: UnitId[];
		from: number;
		until: number;
		note?: string;
	}) {
		const fits = this.canReserve(draft);
		if (!fits.ok) return fits;
		const id = ledgerDoc.reserve(this.#handle.doc, this.#writer(), draft, this.#tick());
		await this.#handle.flush();
		return { ok: true as const, id };
	}

	async cancelReservation(reservationId: string, reason?: string): Promise<void> {
		ledgerDoc.cancelReservation(
			this.#handle.doc,
			this.#writer(),
			reservationId,
			reason,
			this.#tick()
		);
		await this.#handle.flush();
	}

	/**
	 * Carries out a resolution as new facts. A swap puts `replacementUnitId` on the rental under
	 * the terms the customer agreed to. Returns an error a person can act on, or null.
	 */
	async resolve(
		resolution: Resolution,
		reason: string,
		replacementUnitId?: UnitId
	): Promise<'replacement-needed' | 'unknown-rental' | null> {
		let replacement: UnitTerms | undefined;
		if (resolution.action === 'swap-unit' && replacementUnitId) {
			const from = this.rental(resolution.rentalId)?.units.find(
				(u) => u.terms.unitId === resolution.unitId
			)?.terms;
			const unit = this.#options.inventory()?.unit(replacementUnitId);
			if (from && unit) replacement = swapTerms(from, { unitId: unit.id, code: unit.code });
		}
		const author = this.#author();
		const facts = resolutionFacts(resolution, {
			book: this.#book,
			entries: this.#data.entries,
			stamp: { at: this.#tick(), by: author.id, device: this.#options.device },
			reason,
			...(replacement && { replacement })
		});
		if (!facts.ok) return facts.error;
		ledgerDoc.appendFacts(this.#handle.doc, this.#writer(), facts);
		await this.#handle.flush();
		return null;
	}

	destroy(): void {
		clearInterval(this.#timer);
		this.#stop();
		this.#handle.release();
	}

	#computeConflicts(): LedgerConflict[] {
		return ledgerConflicts(this.#availability());
	}

	#availability(): AvailabilityContext {
		const inventory = this.#options.inventory();
		return {
			units: inventory?.units ?? [],
			book: this.#book,
			reservations: this.#reservations,
			now: this.#now,
			turnaroundMs: this.#options.rules().turnaroundMinutes * MINUTE_MS,
			blocked: blockedByStatus(inventory?.statuses ?? new Map())
		};
	}

	#calendar() {
		return calendarOf(this.#options.rules(), this.#options.timeZone());
	}

	/** The time of a write; "now" moves with it so the page shows the fact at once. */
	#tick(): number {
		this.#now = this.#options.now();
		return this.#now;
	}

	#writer(): ledgerDoc.LedgerWriter {
		const author = this.#author();
		return { origin: staffOrigin(author.id, author.name), device: this.#options.device };
	}

	#read(): void {
		this.#data = ledgerDoc.readLedger(this.#handle.doc);
	}
}

/** The rentals a conflict is about. */
export function conflictRentals(conflict: LedgerConflict): string[] {
	switch (conflict.kind) {
		case 'unit-out-twice':
		case 'swapped-off-every-rental':
			return conflict.rentalIds;
		case 'settled-twice':
		case 'bill-changed':
		case 'returned-never-out':
			return [conflict.rentalId];
		case 'over-booked':
			return [];
	}
}
