import type { Peer } from '../sync/hooks.ts';
import type { Role } from '../storage/store.ts';

/** What a signed token says about its bearer. */
export interface Claims {
	role: Role;
	/** Account id for owner/staff, customer id for a customer. */
	sub: string;
	/** Issued at, epoch ms. */
	iat: number;
	/** Expires at, epoch ms; absent means until revoked. */
	exp?: number;
	/** Link id for a customer link, so one link can be revoked. */
	jti?: string;
}

/**
 * What a token says about its bearer: the peer, or why it is refused. `link_revoked` is a
 * genuine customer link that was revoked or replaced by a newer one: the customer page shows
 * "ask the shop for a new link" instead of a generic error.
 */
export type Authentication =
	{ ok: true; peer: Peer } | { ok: false; reason: 'no_token' | 'invalid' | 'link_revoked' };
