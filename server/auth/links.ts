/**
 * Customer links: `/c/<token>`, where the token is a customer token (role `customer`, `sub` the
 * customer id) with a `jti` naming the link. A customer has at most one link; issuing a new one
 * replaces (revokes) the old, and `Accounts.verify` refuses any token whose `jti` is not the
 * customer's current link. The token itself is never stored: it is signed again from the stored
 * link when staff ask to see it (HMAC signing is deterministic), so a copy of the database holds
 * no working links.
 */
import { randomBytes } from 'node:crypto';
import type { CustomerLink, CustomerLinkStore } from '../storage/store.ts';
import type { TokenSigner } from './tokens.ts';

/** Random bytes in a link id: 128 bits, 22 characters in base64url (a short QR code). */
const LINK_ID_BYTES = 16;
/** The customer page's path, followed by the token. */
export const customerLinkPrefix = '/c/';

/** A link as staff see it: what to send the customer, and when it was made. */
export interface IssuedLink {
	customerId: string;
	token: string;
	/** `/c/<token>`, to put after the shop's address. */
	path: string;
	createdAt: number;
	createdBy: string;
}

export class CustomerLinks {
	readonly #store: CustomerLinkStore;
	readonly #signer: TokenSigner;
	readonly #now: () => number;

	constructor(store: CustomerLinkStore, signer: TokenSigner, now: () => number = Date.now) {
		this.#store = store;
		this.#signer = signer;
		this.#now = now;
	}

	/** Makes a new link for the customer, revoking the one they had. */
	issue(customerId: string, createdBy: string): IssuedLink {
		const link: CustomerLink = {
			customerId,
			linkId: randomBytes(LINK_ID_BYTES).toString('base64url'),
			createdAt: this.#now(),
			createdBy
		};
		this.#store.putCustomerLink(link);
		return this.#present(link);
	}

	/** The customer's current link, if they have one. */
	current(customerId: string): IssuedLink | undefined {
		const link = this.#store.getCustomerLink(customerId);
		return link && this.#present(link);
	}

	/** Revokes the customer's link; returns whether there was one. */
	revoke(customerId: string): boolean {
		return this.#store.deleteCustomerLink(customerId);
	}

	#present(link: CustomerLink): IssuedLink {
		const token = this.#signer.sign({
			role: 'customer',
			sub: link.customerId,
			iat: link.createdAt,
			jti: link.linkId
		});
		const { customerId, createdAt, createdBy } = link;
		return { customerId, token, path: customerLinkPrefix + token, createdAt, createdBy };
	}
}
