import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttachmentStore, type PutAttachment } from '../../../server/storage/attachment-store.ts';
import { createMemoryStore } from '../../../server/storage/memory-store.ts';
import type { Store } from '../../../server/storage/store.ts';

let dir: string;
let meta: Store;
let store: AttachmentStore;

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yuzu-attachments-'));
	meta = createMemoryStore();
	store = new AttachmentStore(dir, meta, () => 1_700_000_000_000);
});
afterEach(() => {
	fs.rmSync(dir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const photo: PutAttachment = {
	mime: 'image/jpeg',
	scope: 'inventory',
	uploader: 'acc-wang',
	maxBytes: 1024 * 1024
};
const temps = () => fs.readdirSync(path.join(dir, '.tmp'));

/** A body handed over in small chunks, as a socket would. */
function body(bytes: Uint8Array, chunk = 1000): Readable {
	const parts: Buffer[] = [];
	for (let i = 0; i < bytes.length; i += chunk)
		parts.push(Buffer.from(bytes.subarray(i, i + chunk)));
	return Readable.from(parts, { objectMode: false });
}

describe('AttachmentStore', () => {
	it('writes the bytes to <first 2 hex>/<hash> and records who sent them for which doc', async () => {
		const bytes = randomBytes(25_000);
		const hash = sha256(bytes);
		const result = await store.put(body(bytes), photo);
		expect(result).toEqual({
			ok: true,
			created: true,
			meta: {
				hash,
				mime: 'image/jpeg',
				size: 25_000,
				scopes: ['inventory'],
				createdAt: 1_700_000_000_000,
				uploader: 'acc-wang'
			}
		});
		expect(store.pathOf(hash)).toBe(path.join(dir, hash.slice(0, 2), hash));
		expect(fs.readFileSync(store.pathOf(hash)).equals(bytes)).toBe(true);
		expect(await store.sizeOnDisk(hash)).toBe(25_000);
		expect(temps()).toEqual([]);
	});

	it('takes the same bytes twice at once: one file, one row, one of them new', async () => {
		const bytes = randomBytes(50_000);
		const results = await Promise.all([
			store.put(body(bytes), photo),
			store.put(body(bytes), { ...photo, scope: 'ledger' })
		]);
		expect(results.map((r) => r.ok && r.created).sort()).toEqual([false, true]);
		expect(meta.getAttachment(sha256(bytes))?.scopes).toEqual(['inventory', 'ledger']);
		expect(fs.readFileSync(store.pathOf(sha256(bytes))).equals(bytes)).toBe(true);
		expect(temps()).toEqual([]);
	});

	it('stops reading once the body passes the limit, leaving the rest unread', async () => {
		let pulled = 0;
		const endless = new Readable({
			read() {
				pulled++;
				this.push(Buffer.alloc(64 * 1024));
			}
		});
		const result = await store.put(endless, { ...photo, maxBytes: 200 * 1024 });
		expect(result).toEqual({ ok: false, reason: 'too_large' });
		expect(pulled).toBeLessThan(10);
		expect(endless.destroyed).toBe(false);
		expect(temps()).toEqual([]);
		endless.destroy();
	});

	it('keeps nothing when the hash does not match or the body is empty', async () => {
		const bytes = randomBytes(3_000);
		const wrong = await store.put(body(bytes), { ...photo, expectedHash: sha256(randomBytes(3)) });
		expect(wrong).toEqual({ ok: false, reason: 'hash_mismatch' });
		expect(await store.sizeOnDisk(sha256(bytes))).toBeNull();
		expect(meta.getAttachment(sha256(bytes))).toBeUndefined();
		expect(await store.put(body(new Uint8Array(0)), photo)).toEqual({ ok: false, reason: 'empty' });
		expect(temps()).toEqual([]);
	});

	it('keeps nothing of an upload cut off midway', async () => {
		const cut = new PassThrough();
		const pending = store.put(cut, photo);
		cut.write(randomBytes(10_000));
		await new Promise((resolve) => setTimeout(resolve, 10));
		cut.destroy(new Error('ECONNRESET'));
		await expect(pending).rejects.toThrow('ECONNRESET');
		expect(temps()).toEqual([]);
		expect(fs.readdirSync(dir)).toEqual(['.tmp']);
	});

	it('reads a whole file or an inclusive byte range', async () => {
		const bytes = randomBytes(1_000);
		await store.put(body(bytes), photo);
		const read = async (range?: { start: number; end: number }) => {
			const chunks: Buffer[] = [];
			for await (const chunk of store.read(sha256(bytes), range)) chunks.push(chunk as Buffer);
			return Buffer.concat(chunks);
		};
		expect((await read()).equals(bytes)).toBe(true);
		expect((await read({ start: 10, end: 19 })).equals(bytes.subarray(10, 20))).toBe(true);
	});

	it('clears temp files a crash left behind, but not ones still being written', () => {
		const tmp = path.join(dir, '.tmp');
		fs.writeFileSync(path.join(tmp, 'old'), 'half a photo');
		fs.writeFileSync(path.join(tmp, 'fresh'), 'being written');
		const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
		fs.utimesSync(path.join(tmp, 'old'), twoHoursAgo, twoHoursAgo);
		new AttachmentStore(dir, meta);
		expect(temps()).toEqual(['fresh']);
	});
});
