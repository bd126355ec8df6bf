/**
 * People who log in: the owner (created once, at first run, with a setup
 * code) and the staff the owner adds. Tokens last long because a tablet
 * must keep working offline; deactivating an account refuses its tokens.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Account, Store } from '../storage/store.ts';
import { accountNameKey, NameTakenError } from '../storage/store.ts';
import { hashPin, isValidPin, verifyPin } from './pin.ts';
import { AttemptLimiter } from './rate-limit.ts';
import type { TokenSigner } from './tokens.ts';
import type { Authentication, Claims } from './types.ts';
import type { Peer } from '../sync/hooks.ts';

/** How long a staff or owner token stays valid. */
export const sessionMs = 180 * 24 * 3600 * 1000;
const setupCodeKey = 'setupCode';
/** Letters that cannot be misread for each other on a label or a screen. */
const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface PublicAccount {
	id: string;
	name: string;
	role: Account['role'];
	active: boolean;
	createdAt: number;
}

export type LoginResult =
	| { ok: true; token: string; account: PublicAccount }
	| { ok: false; reason: 'bad_credentials' }
	| { ok: false; reason: 'too_many_attempts'; retryAfterMs: number };

export function publicAccount(a: Account): PublicAccount {
	return { id: a.id, name: a.name, role: a.role, active: a.active, createdAt: a.createdAt };
}

function newSetupCode(): string {
	const bytes = randomBytes(8);
	const chars = [...bytes].map((b) => codeAlphabet[b % codeAlphabet.length]);
	return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

export class Accounts {
	readonly #store: Store;
	readonly #signer: TokenSigner;
	readonly #now: () => number;
	// 5 failures in 15 minutes locks that device, and that name, for 15 minutes.
	readonly #byDevice: AttemptLimiter;
	readonly #byName: AttemptLimiter;
	#dummyHash: string | null = null;

	constructor(store: Store, signer: TokenSigner, now: () => number = Date.now) {
		this.#store = store;
		this.#signer = signer;
		this.#now = now;
		const limits = { maxAttempts: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000, now };
		this.#byDevice = new AttemptLimiter(limits);
		this.#byName = new AttemptLimiter(limits);
	}

	get setupNeeded(): boolean {
		return !this.#store.listAccounts().some((a) => a.role === 'owner');
	}

	/** The one-time code that creates the owner; made on first run, gone once used. */
	setupCode(preset?: string): string | null {
		if (!this.setupNeeded) return null;
		let code = this.#store.getMeta(setupCodeKey);
		if (preset && code !== preset) code = undefined;
		if (!code) {
			code = preset || newSetupCode();
			this.#store.setMeta(setupCodeKey, code);
		}
		return code;
	}

	async setup(
		code: string,
		name: string,
		pin: string
	): Promise<{ token: string; account: PublicAccount } | 'bad_code' | 'already_set_up'> {
		if (!this.setupNeeded) return 'already_set_up';
		const expected = this.#store.getMeta(setupCodeKey);
		if (!expected || code.trim().toUpperCase() !== expected) return 'bad_code';
		const account = await this.add(name, pin, 'owner');
		this.#store.setMeta(setupCodeKey, undefined);
		return { token: this.#issue(account), account };
	}

	async login(name: string, pin: string, device: string): Promise<LoginResult> {
		const nameKey = accountNameKey(name);
		for (const check of [this.#byDevice.check(device), this.#byName.check(nameKey)]) {
			if (!check.allowed)
				return { ok: false, reason: 'too_many_attempts', retryAfterMs: check.retryAfterMs };
		}
		const account = this.#store.findAccountByName(name.trim());
		// Verify against a dummy hash for unknown names, so the time taken does not tell which names exist.
		const hash = account?.pinHash ?? (this.#dummyHash ??= await hashPin('0000'));
		const ok = (await verifyPin(pin, hash)) && account?.active === true;
		if (!ok || !account) {
			this.#byDevice.fail(device);
			this.#byName.fail(nameKey);
			return { ok: false, reason: 'bad_credentials' };
		}
		this.#byDevice.succeed(device);
		this.#byName.succeed(nameKey);
		const pub = publicAccount(account);
		return { ok: true, token: this.#issue(pub), account: pub };
	}

	#issue(account: PublicAccount): string {
		const now = this.#now();
		return this.#signer.sign({
			role: account.role,
			sub: account.id,
			iat: now,
			exp: now + sessionMs
		});
	}

	/** The peer a token stands for; null if the token is bad, revoked, or its account deactivated. */
	authenticate(token: string | null): Peer | null {
		const result = this.verify(token);
		return result.ok ? result.peer : null;
	}

	/** Like `authenticate`, saying why a token is refused. */
	verify(token: string | null): Authentication {
		if (!token) return { ok: false, reason: 'no_token' };
		const claims: Claims | null = this.#signer.verify(token, this.#now());
		if (!claims) return { ok: false, reason: 'invalid' };
		if (claims.role === 'customer') {
			// A link (a token with a jti) counts while it is the customer's current one. A customer
			// token without one comes from `npm run token` (scripts and tests) and is not a link.
			if (
				claims.jti !== undefined &&
				this.#store.getCustomerLink(claims.sub)?.linkId !== claims.jti
			)
				return { ok: false, reason: 'link_revoked' };
		} else {
			// Tokens from `npm run token` name no account; any account named must still be active.
			const account = this.#store.getAccount(claims.sub);
			if (account && (!account.active || account.role !== claims.role))
				return { ok: false, reason: 'invalid' };
		}
		return { ok: true, peer: { role: claims.role, id: claims.sub } };
	}

	list(): PublicAccount[] {
		return this.#store.listAccounts().map(publicAccount);
	}

	get(id: string): PublicAccount | undefined {
		const account = this.#store.getAccount(id);
		return account && publicAccount(account);
	}

	/** Adds an account; throws NameTakenError or RangeError (bad PIN). */
	async add(name: string, pin: string, role: Account['role']): Promise<PublicAccount> {
		if (!isValidPin(pin)) throw new RangeError('PIN must be 4 to 8 digits');
		if (this.#store.findAccountByName(name)) throw new NameTakenError(name);
		const account: Account = {
			id: randomUUID(),
			name,
			role,
			pinHash: await hashPin(pin),
			active: true,
			createdAt: this.#now()
		};
		this.#store.putAccount(account);
		return publicAccount(account);
	}

	/** Deactivates/reactivates or resets a PIN; returns undefined for an unknown id. */
	async update(
		id: string,
		change: { active?: boolean; pin?: string }
	): Promise<PublicAccount | undefined> {
		const account = this.#store.getAccount(id);
		if (!account) return undefined;
		if (change.pin !== undefined && !isValidPin(change.pin))
			throw new RangeError('PIN must be 4 to 8 digits');
		const next: Account = { ...account };
		if (change.active !== undefined) next.active = change.active;
		if (change.pin !== undefined) next.pinHash = await hashPin(change.pin);
		this.#store.putAccount(next);
		return publicAccount(next);
	}
}
