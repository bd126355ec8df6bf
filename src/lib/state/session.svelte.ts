/**
 * Who is signed in on this tablet. Kept in localStorage so the app opens
 * without a network once someone has logged in; `end()` forgets it.
 */
import { isStaffRole } from '../domain/staff.ts';
import type { StaffAccount } from '../domain/staff.ts';

export const SESSION_KEY = 'yuzu.session';
const DEVICE_KEY = 'yuzu.device';

export interface SessionData {
	token: string;
	account: StaffAccount;
}

function parse(text: string | null): SessionData | null {
	if (!text) return null;
	try {
		const data = JSON.parse(text) as Partial<SessionData>;
		const account = data.account;
		if (
			typeof data.token !== 'string' ||
			!account ||
			typeof account.id !== 'string' ||
			typeof account.name !== 'string' ||
			!isStaffRole(account.role)
		) {
			return null;
		}
		return {
			token: data.token,
			account: { id: account.id, name: account.name, role: account.role }
		};
	} catch {
		return null;
	}
}

export class Session {
	readonly #storage: Storage;
	#data = $state<SessionData | null>(null);

	constructor(storage: Storage) {
		this.#storage = storage;
		this.#data = parse(storage.getItem(SESSION_KEY));
	}

	get signedIn(): boolean {
		return this.#data !== null;
	}

	get token(): string | null {
		return this.#data?.token ?? null;
	}

	get account(): StaffAccount | null {
		return this.#data?.account ?? null;
	}

	get isOwner(): boolean {
		return this.#data?.account.role === 'owner';
	}

	/** A random id this tablet keeps, so the server can tell devices apart in its login log. */
	get device(): string {
		let id = this.#storage.getItem(DEVICE_KEY);
		if (!id) {
			id = crypto.randomUUID();
			this.#storage.setItem(DEVICE_KEY, id);
		}
		return id;
	}

	start(data: SessionData): void {
		const { id, name, role } = data.account;
		this.#data = { token: data.token, account: { id, name, role } };
		this.#storage.setItem(SESSION_KEY, JSON.stringify(this.#data));
	}

	/** The server's current view of the account (name or role may have changed). */
	refresh(account: StaffAccount): void {
		if (!this.#data) return;
		this.start({ token: this.#data.token, account });
	}

	/** Re-reads the stored session (another tab logged in or out). Returns true if it changed. */
	reload(): boolean {
		const stored = parse(this.#storage.getItem(SESSION_KEY));
		if (stored?.token === this.#data?.token) return false;
		this.#data = stored;
		return true;
	}

	end(): void {
		this.#data = null;
		this.#storage.removeItem(SESSION_KEY);
	}
}
