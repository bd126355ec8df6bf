/** The owner's staff management, done through the API (accounts hold secrets: not in a doc). */
import { ApiError } from '../api/client.ts';
import type { ApiClient } from '../api/client.ts';
import { sortStaff } from '../domain/staff.ts';
import type { StaffListing, StaffRole } from '../domain/staff.ts';

export class StaffAdmin {
	readonly #api: ApiClient;
	#accounts = $state<StaffListing[]>([]);
	#loaded = $state(false);
	#loading = $state(false);
	#error = $state<ApiError | null>(null);

	constructor(api: ApiClient) {
		this.#api = api;
	}

	get accounts(): readonly StaffListing[] {
		return this.#accounts;
	}

	/** True once the list came from the server at least once. */
	get loaded(): boolean {
		return this.#loaded;
	}

	get loading(): boolean {
		return this.#loading;
	}

	/** Why the last load failed (e.g. 'network' when offline); null after a good load. */
	get error(): ApiError | null {
		return this.#error;
	}

	async load(): Promise<void> {
		this.#loading = true;
		try {
			const { accounts } = await this.#api.listStaff();
			this.#accounts = sortStaff(accounts);
			this.#loaded = true;
			this.#error = null;
		} catch (error) {
			this.#error = error instanceof ApiError ? error : new ApiError('unknown', 0);
		} finally {
			this.#loading = false;
		}
	}

	/** Rejects with an ApiError (e.g. name_taken) for the form to show. */
	async add(input: { name: string; pin: string; role: StaffRole }): Promise<StaffListing> {
		const { account } = await this.#api.addStaff({ ...input, name: input.name.trim() });
		this.#put(account);
		return account;
	}

	async setActive(id: string, active: boolean): Promise<StaffListing> {
		const { account } = await this.#api.updateStaff(id, { active });
		this.#put(account);
		return account;
	}

	async resetPin(id: string, pin: string): Promise<StaffListing> {
		const { account } = await this.#api.updateStaff(id, { pin });
		this.#put(account);
		return account;
	}

	#put(account: StaffListing): void {
		const others = this.#accounts.filter((existing) => existing.id !== account.id);
		this.#accounts = sortStaff([...others, account]);
	}
}
