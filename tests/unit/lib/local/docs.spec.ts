import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '../../../../src/lib/local/db.ts';
import type { YuzuDb } from '../../../../src/lib/local/db.ts';
import { LocalDocs } from '../../../../src/lib/local/docs.ts';
import { classifyStorageError, StorageError } from '../../../../src/lib/local/errors.ts';

let dbs: YuzuDb[] = [];
let counter = 0;

function database(name = `yuzu-test-${++counter}`): YuzuDb {
	const db = createDb(name);
	dbs.push(db);
	return db;
}

afterEach(async () => {
	for (const db of dbs) await db.delete();
	dbs = [];
});

describe('LocalDocs', () => {
	it('creates the row, loads the doc, and keeps what was written after a reopen', async () => {
		const name = `yuzu-test-${++counter}`;
		const local = new LocalDocs(database(name), () => {});
		const handle = await local.open('settings');
		handle.doc.getMap('profile').set('name', '东湖渔具');
		await handle.flush();
		handle.release();

		// A second database object on the same IndexedDB: as after a page reload.
		const again = new LocalDocs(database(name), () => {});
		const reopened = await again.open('settings');
		expect(reopened.doc.getMap('profile').get('name')).toBe('东湖渔具');
		reopened.release();
	});

	it('shares one doc between handles and destroys it after the last release', async () => {
		const local = new LocalDocs(database(), () => {});
		const first = await local.open('inventory');
		const second = await local.open('inventory');
		expect(second.doc).toBe(first.doc);
		let destroyed = false;
		first.doc.on('destroy', () => (destroyed = true));
		first.release();
		first.release(); // a second release of the same handle is ignored
		expect(destroyed).toBe(false);
		second.release();
		await expect.poll(() => destroyed).toBe(true);
	});

	it('rejects flush() and reports when IndexedDB refuses a write (quota)', async () => {
		const db = database();
		const reported: StorageError[] = [];
		const local = new LocalDocs(db, (error) => reported.push(error));
		const handle = await local.open('ledger');
		const updates = db.table((handle.doc.meta as { updatesTable: string }).updatesTable);
		const full = () => Promise.reject(new DOMException('disk full', 'QuotaExceededError'));
		updates.add = full as unknown as typeof updates.add;
		handle.doc.getMap('customers').set('c1', { name: '张三' });
		await expect(handle.flush()).rejects.toMatchObject({ failure: 'quota', doc: 'ledger' });
		expect(reported.map((error) => error.failure)).toEqual(['quota']);
		handle.release();
	});

	it('rejects open() when the database cannot be used', async () => {
		const db = database();
		db.close({ disableAutoOpen: true });
		const reported: StorageError[] = [];
		const local = new LocalDocs(db, (error) => reported.push(error));
		await expect(local.open('settings')).rejects.toBeInstanceOf(StorageError);
		expect(reported[0]?.failure).toBe('unavailable');
	});
});

describe('classifyStorageError', () => {
	it.each([
		[new DOMException('full', 'QuotaExceededError'), 'quota'],
		[{ name: 'AbortError', inner: { name: 'QuotaExceededError' } }, 'quota'],
		[{ name: 'DatabaseClosedError' }, 'unavailable'],
		[{ name: 'MissingAPIError' }, 'unavailable'],
		[new Error('boom'), 'unknown'],
		['text', 'unknown']
	])('%o → %s', (error, expected) => {
		expect(classifyStorageError(error)).toBe(expected);
	});
});
