/** The `settings` doc as the pages see it: the shop profile and the staff list, live. */
import { staffOrigin } from '../crdt/origin.ts';
import {
	observeSettings,
	readRentalRules,
	readShopProfile,
	readStaffList,
	writeRentalRules,
	writeShopProfile
} from '../crdt/settings.ts';
import {
	defaultRentalRules,
	validateRentalRules,
	type RentalRules,
	type RentalRulesResult
} from '../domain/rental-rules.ts';
import { changedShopFields, validateShopProfile } from '../domain/shop.ts';
import type { ShopProfile, ShopProfileErrors } from '../domain/shop.ts';
import type { StaffAccount, StaffListing } from '../domain/staff.ts';
import type { LocalDoc } from '../local/docs.ts';
import { QuickReplies } from './quick-replies.svelte.ts';

export type SaveProfileResult =
	{ ok: true; changed: (keyof ShopProfile)[] } | { ok: false; errors: ShopProfileErrors };

export class ShopSettings {
	readonly #handle: LocalDoc;
	/** Read at each use: the server may change the account's role while the app runs. */
	readonly #author: () => StaffAccount;
	readonly #stop: () => void;
	#profile = $state<ShopProfile>({ name: '', phone: '', address: '', hours: '' });
	#staff = $state<StaffListing[]>([]);
	#rules = $state.raw<RentalRules>({ ...defaultRentalRules });
	/** The owner's quick replies for the inbox's composer, kept in this doc. */
	readonly quickReplies: QuickReplies;

	constructor(handle: LocalDoc, author: () => StaffAccount) {
		this.#handle = handle;
		this.#author = author;
		this.quickReplies = new QuickReplies(handle, author);
		this.#read();
		this.#stop = observeSettings(handle.doc, () => this.#read());
	}

	get profile(): ShopProfile {
		return this.#profile;
	}

	/** The staff list the server mirrors into the doc (available offline). */
	get staff(): readonly StaffListing[] {
		return this.#staff;
	}

	/** Grace, cleaning time, default rental length and holidays. */
	get rules(): RentalRules {
		return this.#rules;
	}

	get canEdit(): boolean {
		return this.#author().role === 'owner';
	}

	/**
	 * Validates `next` and writes only the fields that differ from the stored
	 * profile, then waits until IndexedDB has them (rejects with a StorageError).
	 */
	async save(next: ShopProfile): Promise<SaveProfileResult> {
		const result = validateShopProfile(next);
		if (!result.ok) return result;
		const patch = changedShopFields(readShopProfile(this.#handle.doc), result.value);
		const author = this.#author();
		const origin = staffOrigin(author.id, author.name);
		const changed = writeShopProfile(this.#handle.doc, patch, origin);
		if (changed.length > 0) await this.#handle.flush();
		return { ok: true, changed };
	}

	/** Validates and writes the rental rules (owner only), then waits until IndexedDB has them. */
	async saveRules(next: RentalRules): Promise<RentalRulesResult> {
		const result = validateRentalRules(next);
		if (!result.ok) return result;
		const author = this.#author();
		if (writeRentalRules(this.#handle.doc, result.value, staffOrigin(author.id, author.name))) {
			await this.#handle.flush();
		}
		return result;
	}

	destroy(): void {
		this.quickReplies.destroy();
		this.#stop();
		this.#handle.release();
	}

	#read(): void {
		this.#profile = readShopProfile(this.#handle.doc);
		this.#staff = readStaffList(this.#handle.doc);
		this.#rules = readRentalRules(this.#handle.doc);
	}
}
