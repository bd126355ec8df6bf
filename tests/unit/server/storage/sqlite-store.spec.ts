import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../../server/storage/sqlite-store.ts';
import { runStoreAcceptanceTests } from './store-acceptance.ts';

function tempDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'yuzu-sqlite-'));
}

runStoreAcceptanceTests('sqlite', () => {
	const dir = tempDir();
	const file = path.join(dir, 'yuzu.db');
	return {
		store: openSqliteStore(file),
		reopen: () => openSqliteStore(file),
		cleanup: () => fs.rmSync(dir, { recursive: true, force: true })
	};
});

describe('sqlite store', () => {
	let dir: string;
	beforeEach(() => {
		dir = tempDir();
	});
	afterEach(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('creates missing folders and leaves the file in WAL mode', () => {
		const file = path.join(dir, 'nested', 'data', 'yuzu.db');
		openSqliteStore(file).close();
		const db = new Database(file, { readonly: true });
		try {
			expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
			expect(db.pragma('user_version', { simple: true })).toBe(1);
		} finally {
			db.close();
		}
	});

	it('checkpoints the WAL on close', () => {
		const file = path.join(dir, 'yuzu.db');
		const store = openSqliteStore(file);
		store.appendUpdates([{ doc: 'ledger', update: new Uint8Array(4096) }]);
		store.close();
		store.close();
		const wal = `${file}-wal`;
		expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
	});

	it('refuses a file written by a newer schema, saying what to do', () => {
		const file = path.join(dir, 'yuzu.db');
		const db = new Database(file);
		db.pragma('user_version = 99');
		db.close();
		expect(() => openSqliteStore(file)).toThrow(/newer Yuzu.*update Yuzu/);
	});

	it('sees rows another connection committed (one writer, readers beside it)', () => {
		const file = path.join(dir, 'yuzu.db');
		const writer = openSqliteStore(file);
		const reader = openSqliteStore(file);
		try {
			writer.appendUpdates([{ doc: 'ledger', update: new Uint8Array([1]) }]);
			expect(reader.loadDoc('ledger').rows).toBe(1);
		} finally {
			writer.close();
			reader.close();
		}
	});
});
