/**
 * The staff app's HTTP API: typed calls, and every failure turned into an
 * ApiError with a code the UI translates (never the server's English text).
 */
import type { BroadcastResult, Group } from '../domain/groups.ts';
import type { StaffAccount, StaffListing, StaffRole } from '../domain/staff.ts';

/** Error codes the server sends, plus the ones the client itself detects. */
export type ApiErrorCode =
	| 'bad_code'
	| 'already_set_up'
	| 'bad_input'
	| 'bad_credentials'
	| 'too_many_attempts'
	| 'name_taken'
	| 'unauthorized'
	| 'forbidden'
	| 'not_found'
	/** No answer at all: offline, server down, DNS. */
	| 'network'
	| 'server'
	| 'unknown';

const knownCodes = new Set<string>([
	'bad_code',
	'already_set_up',
	'bad_input',
	'bad_credentials',
	'too_many_attempts',
	'name_taken',
	'unauthorized',
	'forbidden',
	'not_found'
]);

export class ApiError extends Error {
	readonly code: ApiErrorCode;
	readonly status: number;
	/** For `too_many_attempts`: how long to wait before trying again. */
	readonly retryAfterMs: number | null;

	constructor(
		code: ApiErrorCode,
		status: number,
		message: string = code,
		retryAfterMs: number | null = null
	) {
		super(message);
		this.name = 'ApiError';
		this.code = code;
		this.status = status;
		this.retryAfterMs = retryAfterMs;
	}
}

export function isApiError(error: unknown): error is ApiError {
	return error instanceof ApiError;
}

function codeFor(status: number, code: unknown): ApiErrorCode {
	if (typeof code === 'string' && knownCodes.has(code)) return code as ApiErrorCode;
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not_found';
	if (status === 429) return 'too_many_attempts';
	if (status >= 500) return 'server';
	return 'unknown';
}

/** A customer's chat link as staff see it: `path` is `/c/<token>`, to put after the shop's address. */
export interface CustomerLink {
	token: string;
	path: string;
	/** Epoch ms. */
	createdAt: number;
}

export interface LoginResult {
	token: string;
	account: StaffAccount;
}

type Fetch = typeof fetch;

export class ApiClient {
	readonly #fetch: Fetch;
	readonly #base: string;
	readonly #token: () => string | null;

	constructor(options: { fetch?: Fetch; base?: string; token?: () => string | null } = {}) {
		this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
		this.#base = options.base ?? '';
		this.#token = options.token ?? (() => null);
	}

	setupNeeded(): Promise<{ needed: boolean }> {
		return this.#call('GET', '/api/setup');
	}

	setup(body: { code: string; name: string; pin: string }): Promise<LoginResult> {
		return this.#call('POST', '/api/setup', body);
	}

	login(body: { name: string; pin: string; device: string }): Promise<LoginResult> {
		return this.#call('POST', '/api/login', body);
	}

	/** The account as the server knows it now, and the shop's time zone. */
	me(): Promise<{ account: StaffAccount; timeZone?: string }> {
		return this.#call('GET', '/api/me');
	}

	listStaff(): Promise<{ accounts: StaffListing[] }> {
		return this.#call('GET', '/api/staff');
	}

	addStaff(body: {
		name: string;
		pin: string;
		role: StaffRole;
	}): Promise<{ account: StaffListing }> {
		return this.#call('POST', '/api/staff', body);
	}

	updateStaff(
		id: string,
		body: { active?: boolean; pin?: string }
	): Promise<{ account: StaffListing }> {
		return this.#call('PATCH', `/api/staff/${encodeURIComponent(id)}`, body);
	}

	/** The customer's current chat link, or null when they have none. */
	async getCustomerLink(customerId: string): Promise<CustomerLink | null> {
		try {
			return await this.#call('GET', customerLinkPath(customerId));
		} catch (error) {
			if (error instanceof ApiError && error.status === 404) return null;
			throw error;
		}
	}

	/**
	 * A new chat link for the customer; their previous link stops working at once. Refused with
	 * `not_found` while the customer has not reached the server yet (made offline, still syncing).
	 */
	createCustomerLink(customerId: string): Promise<CustomerLink> {
		return this.#call('POST', customerLinkPath(customerId));
	}

	/** Revokes the customer's chat link; `revoked` is false when there was none. */
	revokeCustomerLink(customerId: string): Promise<{ revoked: boolean }> {
		return this.#call('DELETE', customerLinkPath(customerId));
	}

	// Topic groups and broadcasts (server/http/groups.ts, server/http/broadcasts.ts).

	/** Every group with its member ids, oldest first. */
	listGroups(): Promise<{ groups: Group[] }> {
		return this.#call('GET', '/api/groups');
	}

	createGroup(name: string): Promise<{ group: Group }> {
		return this.#call('POST', '/api/groups', { name });
	}

	renameGroup(id: string, name: string): Promise<{ group: Group }> {
		return this.#call('PATCH', groupPath(id), { name });
	}

	/** Adds customers; those the server's ledger does not hold yet come back in `unknown`. */
	addGroupMembers(
		id: string,
		customerIds: string[]
	): Promise<{ group: Group; added: string[]; unknown: string[] }> {
		return this.#call('POST', `${groupPath(id)}/members`, { customerIds });
	}

	/** Removes a member; their open chat on the group closes at once. */
	removeGroupMember(id: string, customerId: string): Promise<{ removed: boolean; group: Group }> {
		return this.#call('DELETE', `${groupPath(id)}/members/${encodeURIComponent(customerId)}`);
	}

	/** Posts `text` into each customer's own thread; those over the anti-spam limit are skipped. */
	broadcast(text: string, customerIds: string[]): Promise<BroadcastResult> {
		return this.#call('POST', '/api/broadcasts', { text, customerIds });
	}

	async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		const token = this.#token();
		if (token) headers.authorization = `Bearer ${token}`;
		let response: Response;
		try {
			response = await this.#fetch(this.#base + path, {
				method,
				headers,
				body: body === undefined ? undefined : JSON.stringify(body),
				cache: 'no-store'
			});
		} catch (error) {
			throw new ApiError('network', 0, error instanceof Error ? error.message : 'network');
		}
		const data = (await response.json().catch(() => null)) as Record<string, unknown> | null;
		if (response.ok && data) return data as T;
		const retry = data?.retryAfterMs;
		throw new ApiError(
			codeFor(response.status, data?.error),
			response.status,
			typeof data?.message === 'string' ? data.message : `HTTP ${response.status}`,
			typeof retry === 'number' ? retry : null
		);
	}
}

function groupPath(id: string): string {
	return `/api/groups/${encodeURIComponent(id)}`;
}

function customerLinkPath(customerId: string): string {
	return `/api/customers/${encodeURIComponent(customerId)}/link`;
}
