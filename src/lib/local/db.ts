/**
 * The tablet's database: one row per doc name, its Y.Doc kept by y-dexie
 * (updates in a side table, compacted in the background).
 */
import { Dexie } from 'dexie';
import type { Table } from 'dexie';
import yDexie from 'y-dexie';
import type * as Y from 'yjs';
import { ATTACHMENTS_SCHEMA } from './attachments.ts';
import type { AttachmentRow } from './attachments.ts';

export const DB_NAME = 'yuzu';

export interface DocRow {
	/** The doc name, e.g. 'settings' or 'thread:c123'; also the sync room. */
	name: string;
	/** Provided by y-dexie on every row read; never stored on the row itself. */
	readonly content: Y.Doc;
}

export type YuzuDb = Dexie & {
	docs: Table<DocRow, string, { name: string }>;
	/** Photos and voice notes by content hash, and the upload outbox (attachments.ts). */
	attachments: Table<AttachmentRow, string>;
};

export function createDb(name: string = DB_NAME): YuzuDb {
	const db = new Dexie(name, { addons: [yDexie] }) as YuzuDb;
	db.version(1).stores({ docs: 'name, content: Y.Doc' });
	db.version(2).stores({ attachments: ATTACHMENTS_SCHEMA });
	return db;
}
