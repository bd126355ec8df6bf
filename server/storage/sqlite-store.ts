import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { NameTakenError, accountNameKey } from './store.ts';
import type {
	Account,
	AttachmentMeta,
	BroadcastDelivery,
	CustomerLink,
	DocUpdate,
	Store,
	StoredDoc,
	StoredGroup
} from './store.ts';

/**
 * Schema version kept in `PRAGMA user_version`; bump it with a migration. Tables added with
 * `CREATE TABLE IF NOT EXISTS` (attachments, customer links, groups, broadcasts) need no bump: an older file gains them on open.
 */
const SCHEMA_VERSION = 1;
/** How long a statement waits for another connection's lock before failing. */
const BUSY_TIMEOUT_MS = 5_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS doc_updates (
	id INTEGER PRIMARY KEY,
	doc TEXT NOT NULL,
	data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS doc_updates_by_doc ON doc_updates (doc, id);
CREATE TABLE IF NOT EXISTS accounts (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	name_key TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
	pin_hash TEXT NOT NULL,
	active INTEGER NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attachments (
	hash TEXT PRIMARY KEY,
	mime TEXT NOT NULL,
	size INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	uploader TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attachment_scopes (
	hash TEXT NOT NULL REFERENCES attachments (hash),
	scope TEXT NOT NULL,
	PRIMARY KEY (hash, scope)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS customer_links (
	customer_id TEXT PRIMARY KEY,
	link_id TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL,
	created_by TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS groups (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS group_members (
	group_id TEXT NOT NULL REFERENCES groups (id),
	customer_id TEXT NOT NULL,
	PRIMARY KEY (group_id, customer_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS group_members_by_customer ON group_members (customer_id);
CREATE TABLE IF NOT EXISTS broadcasts (
	id INTEGER PRIMARY KEY,
	customer_id TEXT NOT NULL,
	message_id TEXT NOT NULL,
	at INTEGER NOT NULL,
	by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS broadcasts_by_customer ON broadcasts (customer_id, at);
`;

interface AccountRow {
	id: string;
	name: string;
	role: 'owner' | 'staff';
	pin_hash: string;
	active: number;
	created_at: number;
}

type Db = Database.Database;

/**
 * Opens (creating if needed) the shop's SQLite file as a `Store`: WAL, `synchronous=FULL`,
 * so every `appendUpdates` is on disk when it returns.
 */
export function openSqliteStore(file: string): Store {
	if (file !== ':memory:' && file !== '') fs.mkdirSync(path.dirname(file), { recursive: true });
	const db = new Database(file);
	try {
		configure(db);
		migrate(db);
	} catch (error) {
		db.close();
		throw error;
	}
	return {
		...docStore(db),
		...accountStore(db),
		...metaStore(db),
		...attachmentMetaStore(db),
		...customerLinkStore(db),
		...groupStore(db),
		...broadcastStore(db),
		close: () => closeDb(db)
	};
}

function configure(db: Db): void {
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

function migrate(db: Db): void {
	const version = db.pragma('user_version', { simple: true }) as number;
	if (version > SCHEMA_VERSION) {
		throw new Error(
			`${db.name} was written by a newer Yuzu (schema ${version}); update Yuzu before opening it`
		);
	}
	db.transaction(() => {
		db.exec(SCHEMA);
		db.pragma(`user_version = ${SCHEMA_VERSION}`);
	})();
}

function closeDb(db: Db): void {
	if (!db.open) return;
	db.pragma('wal_checkpoint(TRUNCATE)');
	db.close();
}

/** A Uint8Array view of a Buffer from SQLite, so callers never meet Buffer's odd `slice`. */
function bytes(data: Buffer): Uint8Array {
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function docStore(db: Db): Pick<Store, 'loadDoc' | 'appendUpdates' | 'compactDoc' | 'listDocs'> {
	const load = db
		.prepare<[string], Buffer>('SELECT data FROM doc_updates WHERE doc = ? ORDER BY id')
		.pluck();
	const insert = db.prepare<[string, Uint8Array]>(
		'INSERT INTO doc_updates (doc, data) VALUES (?, ?)'
	);
	const list = db.prepare<[], string>('SELECT DISTINCT doc FROM doc_updates ORDER BY doc').pluck();
	const append = db.transaction((updates: readonly DocUpdate[]) => {
		for (const { doc, update } of updates) insert.run(doc, update);
	});
	const compact = compactor(db);
	return {
		loadDoc(doc: string): StoredDoc {
			const updates = load.all(doc).map(bytes);
			return { updates, rows: updates.length };
		},
		appendUpdates(updates: readonly DocUpdate[]): void {
			if (updates.length > 0) append(updates);
		},
		compactDoc(doc: string, snapshot: Uint8Array, rowsCovered: number): void {
			if (!Number.isInteger(rowsCovered) || rowsCovered < 0) {
				throw new RangeError(`rowsCovered must be a whole number, got ${rowsCovered}`);
			}
			if (rowsCovered > 0) compact(doc, snapshot, rowsCovered);
		},
		listDocs: () => list.all()
	};
}

/**
 * The snapshot takes the id of the last row it replaces, so it sorts before every row
 * appended after `rowsCovered` was counted (those have larger ids).
 */
function compactor(db: Db): (doc: string, snapshot: Uint8Array, rowsCovered: number) => void {
	const nth = db
		.prepare<[string, number], number>(
			'SELECT id FROM doc_updates WHERE doc = ? ORDER BY id LIMIT 1 OFFSET ?'
		)
		.pluck();
	const last = db
		.prepare<[string], number | null>('SELECT max(id) FROM doc_updates WHERE doc = ?')
		.pluck();
	const remove = db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc = ? AND id <= ?');
	const insert = db.prepare<[number | null, string, Uint8Array]>(
		'INSERT INTO doc_updates (id, doc, data) VALUES (?, ?, ?)'
	);
	return db.transaction((doc: string, snapshot: Uint8Array, rowsCovered: number) => {
		// Fewer rows than counted (another compaction got there first): replace them all.
		const lastCovered = nth.get(doc, rowsCovered - 1) ?? last.get(doc) ?? null;
		if (lastCovered !== null) remove.run(doc, lastCovered);
		insert.run(lastCovered, doc, snapshot);
	});
}

function toAccount(row: AccountRow): Account {
	return {
		id: row.id,
		name: row.name,
		role: row.role,
		pinHash: row.pin_hash,
		active: row.active !== 0,
		createdAt: row.created_at
	};
}

function isUniqueViolation(error: unknown): boolean {
	return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function accountStore(
	db: Db
): Pick<Store, 'listAccounts' | 'getAccount' | 'findAccountByName' | 'putAccount'> {
	const columns = 'id, name, role, pin_hash, active, created_at';
	const list = db.prepare<[], AccountRow>(
		`SELECT ${columns} FROM accounts ORDER BY created_at, id`
	);
	const byId = db.prepare<[string], AccountRow>(`SELECT ${columns} FROM accounts WHERE id = ?`);
	const byName = db.prepare<[string], AccountRow>(
		`SELECT ${columns} FROM accounts WHERE name_key = ?`
	);
	const upsert = db.prepare<[string, string, string, string, string, number, number]>(
		`INSERT INTO accounts (id, name, name_key, role, pin_hash, active, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key,
			role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active,
			created_at = excluded.created_at`
	);
	return {
		listAccounts: () => list.all().map(toAccount),
		getAccount(id: string): Account | undefined {
			const row = byId.get(id);
			return row && toAccount(row);
		},
		findAccountByName(name: string): Account | undefined {
			const row = byName.get(accountNameKey(name));
			return row && toAccount(row);
		},
		putAccount(a: Account): void {
			const key = accountNameKey(a.name);
			try {
				upsert.run(a.id, a.name, key, a.role, a.pinHash, a.active ? 1 : 0, a.createdAt);
			} catch (error) {
				throw isUniqueViolation(error) ? new NameTakenError(a.name) : error;
			}
		}
	};
}

function metaStore(db: Db): Pick<Store, 'getMeta' | 'setMeta'> {
	const get = db.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck();
	const set = db.prepare<[string, string]>(
		'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
	);
	const remove = db.prepare<[string]>('DELETE FROM meta WHERE key = ?');
	return {
		getMeta: (key: string) => get.get(key),
		setMeta(key: string, value: string | undefined): void {
			if (value === undefined) remove.run(key);
			else set.run(key, value);
		}
	};
}

interface AttachmentRow {
	hash: string;
	mime: string;
	size: number;
	created_at: number;
	uploader: string;
}

function attachmentMetaStore(db: Db): Pick<Store, 'getAttachment' | 'putAttachment'> {
	const get = db.prepare<[string], AttachmentRow>(
		'SELECT hash, mime, size, created_at, uploader FROM attachments WHERE hash = ?'
	);
	const scopes = db
		.prepare<[string], string>('SELECT scope FROM attachment_scopes WHERE hash = ? ORDER BY scope')
		.pluck();
	const insert = db.prepare<[string, string, number, number, string]>(
		`INSERT INTO attachments (hash, mime, size, created_at, uploader) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (hash) DO NOTHING`
	);
	const addScope = db.prepare<[string, string]>(
		'INSERT INTO attachment_scopes (hash, scope) VALUES (?, ?) ON CONFLICT DO NOTHING'
	);
	const put = db.transaction((m: Omit<AttachmentMeta, 'scopes'> & { scope: string }) => {
		const created = insert.run(m.hash, m.mime, m.size, m.createdAt, m.uploader).changes > 0;
		addScope.run(m.hash, m.scope);
		return created;
	});
	return {
		getAttachment(hash: string): AttachmentMeta | undefined {
			const row = get.get(hash);
			if (!row) return undefined;
			const { mime, size, created_at: createdAt, uploader } = row;
			return { hash, mime, size, scopes: scopes.all(hash), createdAt, uploader };
		},
		putAttachment: (meta) => put(meta)
	};
}

interface CustomerLinkRow {
	customer_id: string;
	link_id: string;
	created_at: number;
	created_by: string;
}

function customerLinkStore(
	db: Db
): Pick<Store, 'getCustomerLink' | 'putCustomerLink' | 'deleteCustomerLink'> {
	const get = db.prepare<[string], CustomerLinkRow>(
		'SELECT customer_id, link_id, created_at, created_by FROM customer_links WHERE customer_id = ?'
	);
	const put = db.prepare<[string, string, number, string]>(
		`INSERT INTO customer_links (customer_id, link_id, created_at, created_by) VALUES (?, ?, ?, ?)
		ON CONFLICT (customer_id) DO UPDATE SET link_id = excluded.link_id,
			created_at = excluded.created_at, created_by = excluded.created_by`
	);
	const remove = db.prepare<[string]>('DELETE FROM customer_links WHERE customer_id = ?');
	return {
		getCustomerLink(customerId: string): CustomerLink | undefined {
			const row = get.get(customerId);
			if (!row) return undefined;
			const { link_id: linkId, created_at: createdAt, created_by: createdBy } = row;
			return { customerId: row.customer_id, linkId, createdAt, createdBy };
		},
		putCustomerLink(link: CustomerLink): void {
			put.run(link.customerId, link.linkId, link.createdAt, link.createdBy);
		},
		deleteCustomerLink: (customerId: string) => remove.run(customerId).changes > 0
	};
}

interface GroupRow {
	id: string;
	name: string;
	created_at: number;
}

type GroupMethods =
	| 'listGroups'
	| 'getGroup'
	| 'putGroup'
	| 'addGroupMembers'
	| 'removeGroupMember'
	| 'isGroupMember'
	| 'groupsOf';

function groupStore(db: Db): Pick<Store, GroupMethods> {
	const all = db.prepare<[], GroupRow>(
		'SELECT id, name, created_at FROM groups ORDER BY created_at, id'
	);
	const one = db.prepare<[string], GroupRow>(
		'SELECT id, name, created_at FROM groups WHERE id = ?'
	);
	const ofCustomer = db.prepare<[string], GroupRow>(
		`SELECT g.id, g.name, g.created_at FROM groups g
		JOIN group_members m ON m.group_id = g.id WHERE m.customer_id = ? ORDER BY g.created_at, g.id`
	);
	const members = db
		.prepare<[string], string>(
			'SELECT customer_id FROM group_members WHERE group_id = ? ORDER BY customer_id'
		)
		.pluck();
	const put = db.prepare<[string, string, number]>(
		`INSERT INTO groups (id, name, created_at) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name`
	);
	const addOne = db.prepare<[string, string]>(
		'INSERT INTO group_members (group_id, customer_id) VALUES (?, ?) ON CONFLICT DO NOTHING'
	);
	const removeOne = db.prepare<[string, string]>(
		'DELETE FROM group_members WHERE group_id = ? AND customer_id = ?'
	);
	const isMember = db
		.prepare<[string, string], number>(
			'SELECT 1 FROM group_members WHERE group_id = ? AND customer_id = ?'
		)
		.pluck();
	const withMembers = (row: GroupRow): StoredGroup => ({
		id: row.id,
		name: row.name,
		createdAt: row.created_at,
		members: members.all(row.id)
	});
	const add = db.transaction((groupId: string, customerIds: readonly string[]) => {
		if (!one.get(groupId)) return [];
		return [...new Set(customerIds)].filter((id) => addOne.run(groupId, id).changes > 0);
	});
	return {
		listGroups: () => all.all().map(withMembers),
		getGroup: (id) => {
			const row = one.get(id);
			return row && withMembers(row);
		},
		putGroup: ({ id, name, createdAt }) => void put.run(id, name, createdAt),
		addGroupMembers: (groupId, customerIds) => add(groupId, customerIds),
		removeGroupMember: (groupId, customerId) => removeOne.run(groupId, customerId).changes > 0,
		isGroupMember: (groupId, customerId) => isMember.get(groupId, customerId) !== undefined,
		groupsOf: (customerId) => ofCustomer.all(customerId).map(withMembers)
	};
}

function broadcastStore(db: Db): Pick<Store, 'recordBroadcasts' | 'broadcastTimes'> {
	const insert = db.prepare<[string, string, number, string]>(
		'INSERT INTO broadcasts (customer_id, message_id, at, by) VALUES (?, ?, ?, ?)'
	);
	const times = db
		.prepare<[string, number], number>(
			'SELECT at FROM broadcasts WHERE customer_id = ? AND at >= ? ORDER BY at'
		)
		.pluck();
	const record = db.transaction((deliveries: readonly BroadcastDelivery[]) => {
		for (const d of deliveries) insert.run(d.customerId, d.messageId, d.at, d.by);
	});
	return {
		recordBroadcasts: (deliveries) => {
			if (deliveries.length > 0) record(deliveries);
		},
		broadcastTimes: (customerId, since) => times.all(customerId, since)
	};
}
