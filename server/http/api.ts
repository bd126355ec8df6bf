/** The JSON API under /api: first-run setup, login, and the owner's staff list. */
import type { IncomingMessage } from 'node:http';
import type { Accounts, PublicAccount } from '../auth/accounts.ts';
import { NameTakenError } from '../storage/store.ts';
import type { Peer } from '../sync/hooks.ts';
import { ApiError, bearerToken, readJson, stringField } from './json.ts';
import { Router } from './router.ts';

export interface ApiDeps {
	accounts: Accounts;
	/** Mirrors the staff list (no secrets) into the `settings` doc. */
	publishStaff: (accounts: PublicAccount[]) => Promise<void>;
	/** Closes the live sockets of an account that was deactivated. */
	disconnectAccount: (id: string) => void;
	/** The shop's time zone: tablets answer every calendar question in it. */
	timeZone: string;
}

function pinField(body: Record<string, unknown>, key = 'pin'): string {
	const pin = body[key];
	if (typeof pin !== 'string')
		throw new ApiError(400, 'bad_input', `"${key}" must be 4 to 8 digits`);
	return pin;
}

function roleField(body: Record<string, unknown>): 'owner' | 'staff' {
	const role = body.role ?? 'staff';
	if (role !== 'owner' && role !== 'staff')
		throw new ApiError(400, 'bad_input', '"role" must be "staff" or "owner"');
	return role;
}

function badPin(error: unknown): never {
	if (error instanceof RangeError) throw new ApiError(400, 'bad_input', error.message);
	if (error instanceof NameTakenError) throw new ApiError(409, 'name_taken', error.message);
	throw error;
}

export function apiRouter({
	accounts,
	publishStaff,
	disconnectAccount,
	timeZone
}: ApiDeps): Router {
	const peerOf = (req: IncomingMessage): Peer => {
		const peer = accounts.authenticate(bearerToken(req));
		if (!peer) throw new ApiError(401, 'unauthorized', 'Log in again: this session is not valid');
		return peer;
	};
	const ownerOf = (req: IncomingMessage): Peer => {
		const peer = peerOf(req);
		if (peer.role !== 'owner') throw new ApiError(403, 'owner_only', 'Only the owner can do this');
		return peer;
	};

	return new Router()
		.on('GET', '/api/setup', () => ({ needed: accounts.setupNeeded }))
		.on('POST', '/api/setup', async ({ req }) => {
			const body = await readJson(req);
			const result = await accounts
				.setup(stringField(body, 'code', 20), stringField(body, 'name', 40), pinField(body))
				.catch(badPin);
			if (result === 'bad_code')
				throw new ApiError(403, 'bad_code', 'That setup code is not right');
			if (result === 'already_set_up')
				throw new ApiError(409, 'already_set_up', 'This shop already has an owner');
			await publishStaff(accounts.list());
			return result;
		})
		.on('POST', '/api/login', async ({ req }) => {
			const body = await readJson(req);
			const device =
				typeof body.device === 'string' && body.device
					? body.device.slice(0, 100)
					: (req.socket.remoteAddress ?? '?');
			const result = await accounts.login(stringField(body, 'name', 40), pinField(body), device);
			if (result.ok) return { token: result.token, account: result.account };
			if (result.reason === 'too_many_attempts')
				throw new ApiError(429, 'too_many_attempts', 'Too many wrong PINs; wait and try again', {
					retryAfterMs: result.retryAfterMs
				});
			throw new ApiError(401, 'bad_credentials', 'Name or PIN is not right');
		})
		.on('GET', '/api/me', ({ req }) => {
			const peer = peerOf(req);
			if (peer.role === 'customer') return { customer: { id: peer.id } };
			const account = accounts.get(peer.id) ?? {
				id: peer.id,
				name: peer.id,
				role: peer.role,
				active: true,
				createdAt: 0
			};
			return { account, timeZone };
		})
		.on('GET', '/api/staff', ({ req }) => {
			ownerOf(req);
			return { accounts: accounts.list() };
		})
		.on('POST', '/api/staff', async ({ req }) => {
			ownerOf(req);
			const body = await readJson(req);
			const account = await accounts
				.add(stringField(body, 'name', 40), pinField(body), roleField(body))
				.catch(badPin);
			await publishStaff(accounts.list());
			return [201, { account }];
		})
		.on('PATCH', '/api/staff/:id', async ({ req, params }) => {
			const me = ownerOf(req);
			const body = await readJson(req);
			const change: { active?: boolean; pin?: string } = {};
			if (body.active !== undefined) {
				if (typeof body.active !== 'boolean')
					throw new ApiError(400, 'bad_input', '"active" must be true or false');
				change.active = body.active;
			}
			if (body.pin !== undefined) change.pin = pinField(body);
			const lastOwner = accounts.list().filter((a) => a.role === 'owner' && a.active);
			if (change.active === false && lastOwner.length === 1 && lastOwner[0].id === params.id)
				throw new ApiError(409, 'last_owner', 'The shop needs at least one active owner');
			const account = await accounts.update(params.id, change).catch(badPin);
			if (!account) throw new ApiError(404, 'not_found', 'No such account');
			if (change.active === false && account.id !== me.id) disconnectAccount(account.id);
			await publishStaff(accounts.list());
			return { account };
		});
}
