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
