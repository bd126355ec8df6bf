/**
 * Customer links under /api (see auth/links.ts for what a link is).
 *
 * - `POST /api/customers/:id/link` (staff or owner) → 201 `{ token, path, createdAt }`: a new
 *   link for a customer in the ledger (404 `no_customer` otherwise). The customer's previous link
 *   stops working at once, and sockets opened with it are closed (4401).
 * - `GET /api/customers/:id/link` (staff or owner) → the current link, or 404 `no_link`.
 * - `DELETE /api/customers/:id/link` (staff or owner) → `{ revoked }` (false if there was none;
 *   a second tap does no harm); open sockets of the customer are closed (4401).
 * - `GET /api/link` (the customer's link token) → `{ customerId, threadId, shop, groups }`: what the
 *   customer page shows before its thread has synced; `groups` lists `{ id, name }` of the topic
 *   groups the customer belongs to (each a thread `thread:<id>` they may open).
 *
 * Any /api request made with a revoked or replaced link is answered 401 `link_revoked`
 * (`revokedLinkError`), so the customer page can say "ask the shop for a new link".
 */
import type { IncomingMessage } from 'node:http';
import type { ShopProfile } from '../../src/lib/domain/shop.ts';
import type { CustomerLinks, IssuedLink } from '../auth/links.ts';
import type { Authentication } from '../auth/types.ts';
import type { Peer } from '../sync/hooks.ts';
import { ApiError, bearerToken } from './json.ts';
import { Router } from './router.ts';

export interface LinkDeps {
	links: CustomerLinks;
	/** The peer a token stands for, or why it is refused. */
	verify(token: string | null): Authentication;
	/** Whether the ledger holds this customer. */
	customerExists(customerId: string): Promise<boolean>;
	/** The shop's profile from the `settings` doc. */
	shopProfile(): Promise<ShopProfile>;
	/** Closes the open sockets of a customer whose link was revoked or replaced. */
	disconnectCustomer(customerId: string): void;
	/** A customer was given a link (their thread gets its portal). */
	customerLinked?(customerId: string): void;
	/** The topic groups the customer belongs to. */
	groupsOf?(customerId: string): { id: string; name: string }[];
}

/** The answer to any request made with a revoked link; null for every other token. */
export function revokedLinkError(auth: Authentication): ApiError | null {
	if (auth.ok || auth.reason !== 'link_revoked') return null;
	return new ApiError(
		401,
		'link_revoked',
		'This link no longer works: ask the shop to send you a new one'
	);
}

function peerOf(deps: LinkDeps, req: IncomingMessage): Peer {
	const auth = deps.verify(bearerToken(req));
	if (auth.ok) return auth.peer;
	throw (
		revokedLinkError(auth) ??
		new ApiError(401, 'unauthorized', 'Log in again: this session is not valid')
	);
}

function staffOf(deps: LinkDeps, req: IncomingMessage): Peer {
	const peer = peerOf(deps, req);
	if (peer.role === 'customer')
		throw new ApiError(403, 'staff_only', 'Only the shop’s staff can manage customer links');
	return peer;
}

function shown(link: IssuedLink) {
	return { token: link.token, path: link.path, createdAt: link.createdAt };
}

export function linkRouter(deps: LinkDeps): Router {
	return new Router()
		.on('POST', '/api/customers/:id/link', async ({ req, params }) => {
			const peer = staffOf(deps, req);
			if (!(await deps.customerExists(params.id)))
				throw new ApiError(404, 'no_customer', 'No such customer: add them first');
			const link = deps.links.issue(params.id, peer.id);
			deps.disconnectCustomer(params.id);
			deps.customerLinked?.(params.id);
			return [201, shown(link)];
		})
		.on('GET', '/api/customers/:id/link', ({ req, params }) => {
			staffOf(deps, req);
			const link = deps.links.current(params.id);
			if (!link) throw new ApiError(404, 'no_link', 'This customer has no link yet');
			return shown(link);
		})
		.on('DELETE', '/api/customers/:id/link', ({ req, params }) => {
			staffOf(deps, req);
			const revoked = deps.links.revoke(params.id);
			if (revoked) deps.disconnectCustomer(params.id);
			return { revoked };
		})
		.on('GET', '/api/link', async ({ req }) => {
			const peer = peerOf(deps, req);
			if (peer.role !== 'customer')
				throw new ApiError(403, 'customer_only', 'Open this with a customer link');
			const { name, phone, address, hours } = await deps.shopProfile();
			const groups = (deps.groupsOf?.(peer.id) ?? []).map(({ id, name }) => ({ id, name }));
			const shop = { name, phone, address, hours };
			return { customerId: peer.id, threadId: peer.id, shop, groups };
		});
}
