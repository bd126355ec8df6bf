/**
 * The one seam between the server and where it keeps things. SQLite in a shop,
 * memory in tests, PostgreSQL later: each implements this and passes
 * tests/unit/server/storage/store-acceptance.ts.
 *
 * Every method is synchronous: better-sqlite3 is, and the sync core relies on
 * "written before relayed" holding when `appendUpdates` returns.
 */

/** One Yjs update for one document, as a client sent it. */
export interface DocUpdate {
	doc: string;
	update: Uint8Array;
}

export interface StoredDoc {
	/** The snapshot (if any) followed by every update appended since, in order. */
	updates: Uint8Array[];
	/** How many rows `updates` came from; compaction is due past a threshold. */
	rows: number;
}

export type Role = 'owner' | 'staff' | 'customer';

/** A person who logs in with name + PIN. Customers never have an account. */
export interface Account {
	id: string;
	name: string;
	role: 'owner' | 'staff';
	/** scrypt hash in `scrypt$N$r$p$salt$hash` form (base64url parts). */
	pinHash: string;
	active: boolean;
	createdAt: number;
}

export interface DocStore {
	/** Everything stored for a doc; an unknown doc is `{ updates: [], rows: 0 }`. */
	loadDoc(doc: string): StoredDoc;
	/** Appends all updates in ONE durable transaction (one fsync for a tick's burst). */
	appendUpdates(updates: readonly DocUpdate[]): void;
	/**
	 * Replaces every row of `doc` with `snapshot` in one transaction, but only
	 * the rows that existed when `rowsCovered` was counted: rows appended since stay.
	 */
	compactDoc(doc: string, snapshot: Uint8Array, rowsCovered: number): void;
	/** Names of all stored docs (for maintenance jobs and tests). */
	listDocs(): string[];
}

export interface AccountStore {
	listAccounts(): Account[];
	getAccount(id: string): Account | undefined;
	findAccountByName(name: string): Account | undefined;
	/** Inserts or replaces by id. Names are unique case-insensitively: throws `NameTakenError`. */
	putAccount(account: Account): void;
}

/** Small settings the server itself keeps (setup code, schema version). */
export interface MetaStore {
	getMeta(key: string): string | undefined;
	setMeta(key: string, value: string | undefined): void;
}

/** What the server knows about one stored attachment; the bytes live in files (attachment-store.ts). */
export interface AttachmentMeta {
	/** SHA-256 of the bytes, lowercase hex: the attachment's name everywhere. */
	hash: string;
	mime: string;
	size: number;
	/** Doc names it was uploaded for (`inventory`, `thread:c1`…): who may read it follows from them. */
	scopes: string[];
	createdAt: number;
	/** Peer id of the first uploader. */
	uploader: string;
}

export interface AttachmentMetaStore {
	getAttachment(hash: string): AttachmentMeta | undefined;
	/**
	 * Records an attachment under one scope in one transaction: inserts the row if the hash is
	 * new (the first upload's mime, size, time and uploader stay), and adds the scope if missing.
	 * Returns true if the row was new.
	 */
	putAttachment(meta: Omit<AttachmentMeta, 'scopes'> & { scope: string }): boolean;
}

/**
 * A customer's chat link (`/c/<token>`): the token is signed, not stored; the link's id is its
 * `jti`, and only the customer's current link is accepted. Re-issuing replaces it, revoking the
 * one before.
 */
export interface CustomerLink {
	customerId: string;
	/** The token's `jti`; unique across every link ever issued. */
	linkId: string;
	/** Epoch ms; also the token's `iat`, so the same token can be signed again to show it. */
	createdAt: number;
	/** Account id of the staff member who issued it. */
	createdBy: string;
}

export interface CustomerLinkStore {
	/** The customer's current link, if any. */
	getCustomerLink(customerId: string): CustomerLink | undefined;
	/** Makes `link` the customer's one link, replacing (revoking) any before it. */
	putCustomerLink(link: CustomerLink): void;
	/** Removes the customer's link; returns whether there was one. */
	deleteCustomerLink(customerId: string): boolean;
}

/** A topic group as stored: the server keeps groups and their members, not any doc. */
export interface StoredGroup {
	/** `g-…`, safe in a doc name (`thread:<id>`). */
	id: string;
	name: string;
	/** Epoch ms. */
	createdAt: number;
	/** Customer ids, sorted. */
	members: string[];
}

export interface GroupStore {
	/** Every group with its members, oldest first. */
	listGroups(): StoredGroup[];
	getGroup(id: string): StoredGroup | undefined;
	/** Creates a group, or renames it (members and `createdAt` of an existing group stay). */
	putGroup(group: Omit<StoredGroup, 'members'>): void;
	/** Adds members in one transaction; returns the ids that were not members before. */
	addGroupMembers(groupId: string, customerIds: readonly string[]): string[];
	/** Removes a member; returns whether they were one. */
	removeGroupMember(groupId: string, customerId: string): boolean;
	isGroupMember(groupId: string, customerId: string): boolean;
	/** The groups a customer belongs to, oldest first. */
	groupsOf(customerId: string): StoredGroup[];
}

/** One broadcast message that reached one customer (kept for the anti-spam limit). */
export interface BroadcastDelivery {
	customerId: string;
	/** The message's id in the customer's thread. */
	messageId: string;
	/** Epoch ms. */
	at: number;
	/** Account id of the staff member who sent it. */
	by: string;
}

export interface BroadcastStore {
	/** Records deliveries in one durable transaction. */
	recordBroadcasts(deliveries: readonly BroadcastDelivery[]): void;
	/** When the customer received broadcasts at or after `since` (epoch ms), oldest first. */
	broadcastTimes(customerId: string, since: number): number[];
}

export interface Store
	extends
		DocStore,
		AccountStore,
		MetaStore,
		AttachmentMetaStore,
		CustomerLinkStore,
		GroupStore,
		BroadcastStore {
	close(): void;
}

export class NameTakenError extends Error {
	constructor(name: string) {
		super(`An account named "${name}" already exists`);
		this.name = 'NameTakenError';
	}
}

/**
 * The form in which account names are compared: two names with the same key are the same
 * name ("Wang", " wang", full-width "Ｗａｎｇ"). Every store and the login limiter use this.
 */
export function accountNameKey(name: string): string {
	return name.normalize('NFKC').trim().toLowerCase();
}
