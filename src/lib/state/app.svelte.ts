/**
 * The staff app's root state: session, notices, the API, and the workspace of
 * the signed-in account. Created once by the root layout and handed down by context.
 */
import { getContext, setContext } from 'svelte';
import { ApiClient } from '../api/client.ts';
import type { LoginResult } from '../api/client.ts';
import { requestPersistentStorage } from '../local/docs.ts';
import type { StorageError } from '../local/errors.ts';
import { Notices } from './notices.svelte.ts';
import { Session, SESSION_KEY } from './session.svelte.ts';
import { Workspace } from './workspace.svelte.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

/** Where the shop's time zone (from the server) is kept, so an offline start uses it too. */
const TIME_ZONE_KEY = 'yuzu.timeZone';

/** True for a zone `Intl` knows. */
function isTimeZone(zone: unknown): zone is string {
	if (typeof zone !== 'string' || zone === '') return false;
	try {
		new Intl.DateTimeFormat('en', { timeZone: zone });
		return true;
	} catch {
		return false;
	}
}

const storageKeys = {
	quota: 'storage.quota',
	unavailable: 'storage.unavailable',
	unknown: 'storage.unknown'
} as const;

export class App {
	readonly notices = new Notices();
	readonly session: Session;
	readonly api: ApiClient;
	#workspace = $state<Workspace | null>(null);

	readonly #storage: Storage;

	constructor(storage: Storage = localStorage) {
		this.#storage = storage;
		this.session = new Session(storage);
		this.api = new ApiClient({ token: () => this.session.token });
		const zone = storage.getItem(TIME_ZONE_KEY);
		if (isTimeZone(zone)) i18n.timeZone = zone;
	}

	/** The signed-in account's local data and sync; null when nobody is signed in. */
	get workspace(): Workspace | null {
		return this.#workspace;
	}

	/** Opens the workspace of the stored session (after a reload: no network needed). */
	resume(): Workspace | null {
		const { token, account } = this.session;
		if (!token || !account) return null;
		if (this.#workspace) return this.#workspace;
		const workspace = new Workspace({
			token,
			account: () => this.session.account ?? account,
			wsOrigin: `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}`,
			device: this.session.device,
			timeZone: () => i18n.timeZone,
			onStorageError: (error) => this.#storageFailed(error),
			onUnauthorized: () => this.expire()
		});
		this.#workspace = workspace;
		workspace.start().catch((error) => {
			if (this.#workspace === workspace) this.#storageFailed(error);
		});
		return workspace;
	}

	/**
	 * Follows logins and logouts made in another tab of this browser (they share
	 * localStorage and IndexedDB). Returns the unsubscribe.
	 */
	followOtherTabs(): () => void {
		const onStorage = (event: StorageEvent) => {
			if (event.key !== SESSION_KEY && event.key !== null) return;
			if (!this.session.reload()) return;
			this.#workspace?.destroy();
			this.#workspace = null;
			this.resume();
		};
		window.addEventListener('storage', onStorage);
		return () => window.removeEventListener('storage', onStorage);
	}

	/** Asks the server whether the stored session still holds; offline it simply does. */
	async verify(): Promise<void> {
		if (!this.session.signedIn) return;
		try {
			const { account, timeZone } = await this.api.me();
			this.session.refresh(account);
			if (isTimeZone(timeZone)) {
				i18n.timeZone = timeZone;
				this.#storage.setItem(TIME_ZONE_KEY, timeZone);
			}
		} catch (error) {
			const code = (error as { code?: string }).code;
			if (code === 'unauthorized') this.expire();
		}
	}

	async login(name: string, pin: string): Promise<void> {
		const result = await this.api.login({ name: name.trim(), pin, device: this.session.device });
		this.#begin(result);
	}

	async setup(code: string, name: string, pin: string): Promise<void> {
		const result = await this.api.setup({ code: code.trim(), name: name.trim(), pin });
		this.#begin(result);
	}

	/** Ends the session and deletes the shop's data from this device. */
	async logout(): Promise<void> {
		const workspace = this.#workspace;
		this.#workspace = null;
		this.session.end();
		this.notices.clear();
		await workspace?.wipe().catch((error) => this.#storageFailed(error));
	}

	/** The server no longer accepts the token: back to login, keeping unsynced local data. */
	expire(): void {
		if (!this.session.signedIn) return;
		this.#workspace?.destroy();
		this.#workspace = null;
		this.session.end();
		this.notices.push('error', 'session.expired');
	}

	#begin(result: LoginResult): void {
		this.#workspace?.destroy();
		this.#workspace = null;
		this.notices.clear();
		this.session.start(result);
		this.resume();
		void requestPersistentStorage();
	}

	#storageFailed(error: StorageError | unknown): void {
		const failure = (error as Partial<StorageError>).failure ?? 'unknown';
		this.notices.push('error', storageKeys[failure]);
	}
}

const APP_KEY = Symbol('yuzu.app');

export function setApp(app: App): App {
	return setContext(APP_KEY, app);
}

export function getApp(): App {
	const app = getContext<App | undefined>(APP_KEY);
	if (!app) throw new Error('getApp() outside the root layout');
	return app;
}
