import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttachmentOutbox } from '../../../../src/lib/local/attachment-outbox.ts';
import type { OutboxEvent, OutboxOptions } from '../../../../src/lib/local/attachment-outbox.ts';
import { fetchUpload } from '../../../../src/lib/local/attachment-upload.ts';
import type { Upload } from '../../../../src/lib/local/attachment-upload.ts';
import { AttachmentUrls, hashBlob, saveAttachment } from '../../../../src/lib/local/attachments.ts';
import { createDb } from '../../../../src/lib/local/db.ts';
import type { YuzuDb } from '../../../../src/lib/local/db.ts';
import { startServer, type TestShop } from '../../../helpers/server.ts';
import { waitFor } from '../../../helpers/wait.ts';

let shop: TestShop;
let db: YuzuDb;
let counter = 0;
const outboxes: AttachmentOutbox[] = [];

beforeEach(async () => {
	shop = await startServer();
	db = createDb(`yuzu-attachments-${++counter}`);
});
afterEach(async () => {
	for (const outbox of outboxes.splice(0)) outbox.stop();
	await db.delete();
	await shop.stop();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const photo = (size = 2_000) => new Blob([randomBytes(size)], { type: 'image/jpeg' });

/** A switchable network, as `navigator.onLine` plus the window's `online` events. */
function network(online: boolean) {
	const events = new EventTarget();
	return {
		isOnline: () => online,
		events,
		goOnline() {
			online = true;
			events.dispatchEvent(new Event('online'));
		}
	};
}

/** The real upload over fetch, counting what it sends. */
function countingUpload(token = shop.token('staff')) {
	const sent: { hash: string; scope: string }[] = [];
	const real = fetchUpload({ base: shop.httpUrl, token: () => token });
	const upload: Upload = (hash, blob, scope, onProgress) => {
		sent.push({ hash, scope });
		return real(hash, blob, scope, onProgress);
	};
	return { upload, sent };
}

function outbox(options: Partial<OutboxOptions> & Pick<OutboxOptions, 'upload' | 'connectivity'>) {
	const events: OutboxEvent[] = [];
	const box = new AttachmentOutbox({
		db,
		locks: null,
		backoff: { firstMs: 5, maxMs: 20 },
		onEvent: (event) => events.push(event),
		...options
	});
	outboxes.push(box);
	return { box, events };
}

async function onServer(hash: string): Promise<Buffer | null> {
	const res = await fetch(`${shop.httpUrl}/api/attachments/${hash}`, {
		headers: { authorization: `Bearer ${shop.token('owner')}` }
	});
	return res.ok ? Buffer.from(await res.arrayBuffer()) : null;
}

describe('saving on the device', () => {
	it('keeps the blob under its SHA-256 before anything is sent', async () => {
		const bytes = randomBytes(3_000);
		const hash = await saveAttachment(
			db,
			new Blob([bytes], { type: 'audio/webm;codecs=opus' }),
			'thread:c1',
			() => 42
		);
		expect(hash).toBe(sha256(bytes));
		const row = (await db.attachments.get(hash))!;
		expect(row).toMatchObject({
			mime: 'audio/webm',
			size: 3_000,
			scopes: ['thread:c1'],
			sentScopes: [],
			uploaded: 0,
			failed: 0,
			createdAt: 42,
			attempts: 0,
			lastError: null
		});
		expect(Buffer.from(await row.blob.arrayBuffer()).equals(bytes)).toBe(true);
	});

	it('hashes without crypto.subtle too (a tablet on plain http to the shop box)', async () => {
		const bytes = randomBytes(5_000);
		vi.stubGlobal('crypto', undefined);
		try {
			expect(await hashBlob(new Blob([bytes]))).toBe(sha256(bytes));
		} finally {
			vi.unstubAllGlobals();
		}
	});

	it('adds a scope to bytes saved before, and queues them for it', async () => {
		const priceList = photo();
		const hash = await saveAttachment(db, priceList, 'thread:c1');
		await db.attachments.update(hash, { sentScopes: ['thread:c1'], uploaded: 1 });
		expect(await saveAttachment(db, priceList, 'thread:c1')).toBe(hash);
		expect((await db.attachments.get(hash))?.uploaded).toBe(1);
		await saveAttachment(db, priceList, 'thread:c2');
		expect(await db.attachments.get(hash)).toMatchObject({
			scopes: ['thread:c1', 'thread:c2'],
			uploaded: 0
		});
	});
});

describe('the outbox, against a real server', () => {
	it('sends nothing while offline, then each file exactly once when online', async () => {
		const net = network(false);
		const { upload, sent } = countingUpload();
		const { box, events } = outbox({ upload, connectivity: net });
		box.start();
		const bytes = randomBytes(40_000);
		const hash = await saveAttachment(db, new Blob([bytes], { type: 'image/jpeg' }), 'ledger');
		await box.flush();
		expect(sent).toEqual([]);
		expect(await onServer(hash)).toBeNull();

		net.goOnline();
		await waitFor(async () => (await db.attachments.get(hash))?.uploaded === 1);
		expect((await onServer(hash))?.equals(bytes)).toBe(true);
		expect(events).toContainEqual({ type: 'uploaded', hash });
		expect(events).toContainEqual({ type: 'progress', hash, loaded: 40_000, total: 40_000 });

		// Nothing more to do: more flushes and `online` events send nothing again.
		await box.flush();
		net.goOnline();
		await box.flush();
		expect(sent).toEqual([{ hash, scope: 'ledger' }]);
	});

	it('marks a file the server refuses as failed with its reason, and sends the rest', async () => {
		const net = network(true);
		const { upload, sent } = countingUpload();
		const { box, events } = outbox({ upload, connectivity: net });
		const gif = await saveAttachment(
			db,
			new Blob([randomBytes(100)], { type: 'image/gif' }),
			'inventory',
			() => 1
		);
		const jpeg = await saveAttachment(db, photo(), 'inventory', () => 2);
		box.start();
		await waitFor(async () => (await db.attachments.get(jpeg))?.uploaded === 1);
		expect(await db.attachments.get(gif)).toMatchObject({
			uploaded: 0,
			failed: 1,
			lastError: 'bad_type',
			attempts: 1
		});
		expect(events).toContainEqual({ type: 'failed', hash: gif, error: 'bad_type' });

		await box.flush();
		expect(sent.filter((s) => s.hash === gif)).toHaveLength(1);
		// Asked to try again, it does, once.
		await box.retry(gif);
		expect(sent.filter((s) => s.hash === gif)).toHaveLength(2);
		expect((await db.attachments.get(gif))?.failed).toBe(1);
	});

	it('sends the same bytes once per doc they were saved for', async () => {
		const { upload, sent } = countingUpload();
		const { box } = outbox({ upload, connectivity: network(true) });
		const priceList = photo();
		const hash = await saveAttachment(db, priceList, 'thread:c1');
		await saveAttachment(db, priceList, 'thread:c2');
		box.start();
		await waitFor(async () => (await db.attachments.get(hash))?.uploaded === 1);
		expect(sent.map((s) => s.scope)).toEqual(['thread:c1', 'thread:c2']);
		expect(shop.server.store.getAttachment(hash)?.scopes).toEqual(['thread:c1', 'thread:c2']);
	});

	it('waits and tries again when no answer comes, then gets through', async () => {
		const { upload: real, sent } = countingUpload();
		let drops = 2;
		const upload: Upload = (...args) =>
			drops-- > 0 ? Promise.reject(new TypeError('fetch failed')) : real(...args);
		const { box, events } = outbox({ upload, connectivity: network(true) });
		const hash = await saveAttachment(db, photo(), 'inventory');
		box.start();
		await waitFor(async () => (await db.attachments.get(hash))?.uploaded === 1);
		const waits = events.filter((e) => e.type === 'waiting');
		expect(waits).toHaveLength(2);
		expect(waits[0]).toMatchObject({ hash, error: 'network' });
		expect(sent).toHaveLength(1);
	});

	it('stops at a 401 and keeps the files for after the next login', async () => {
		const { upload } = countingUpload('expired.token');
		const { box, events } = outbox({ upload, connectivity: network(true) });
		const hash = await saveAttachment(db, photo(), 'inventory');
		box.start();
		await waitFor(() => events.some((e) => e.type === 'unauthorized'));
		expect(await db.attachments.get(hash)).toMatchObject({ uploaded: 0, failed: 0 });

		const after = countingUpload();
		const next = outbox({ upload: after.upload, connectivity: network(true) });
		next.box.start();
		await waitFor(async () => (await db.attachments.get(hash))?.uploaded === 1);
	});

	it('lets only one of two tabs send a file at a time (Web Locks)', async () => {
		const locks = fakeLocks();
		const { upload, sent } = countingUpload();
		const slow: Upload = async (...args) => {
			await new Promise((resolve) => setTimeout(resolve, 30));
			return upload(...args);
		};
		const hashes = [
			await saveAttachment(db, photo(), 'inventory', () => 1),
			await saveAttachment(db, photo(), 'inventory', () => 2)
		];
		const tabs = [0, 1].map(() => outbox({ upload: slow, connectivity: network(true), locks }));
		for (const tab of tabs) tab.box.start();
		await waitFor(async () => (await db.attachments.where('uploaded').equals(1).count()) === 2);
		await Promise.all(tabs.map((tab) => tab.box.flush()));
		expect(sent.map((s) => s.hash).sort()).toEqual([...hashes].sort());
	});
});

describe('showing attachments', () => {
	it('shows a file on this device from an object URL', async () => {
		const urls = new AttachmentUrls(db, { base: shop.httpUrl, token: () => 'tok' });
		const hash = await saveAttachment(db, photo(), 'inventory');
		const url = await urls.url(hash);
		expect(url).toMatch(/^blob:/);
		expect(await urls.url(hash)).toBe(url);
		urls.revokeAll();
	});

	it('shows a file from the server with the token, and keeps a checked copy for offline', async () => {
		const bytes = randomBytes(6_000);
		const hash = sha256(bytes);
		const res = await fetch(`${shop.httpUrl}/api/attachments`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${shop.token('staff')}`,
				'content-type': 'image/png',
				'x-yuzu-scope': 'thread:c-wang'
			},
			body: bytes
		});
		expect(res.status).toBe(201);

		const stranger = new AttachmentUrls(db, {
			base: shop.httpUrl,
			token: () => shop.token('customer', 'c-li')
		});
		await stranger.keep(hash);
		expect(await db.attachments.get(hash)).toBeUndefined();

		const token = shop.token('customer', 'c-wang');
		const urls = new AttachmentUrls(db, { base: shop.httpUrl, token: () => token });
		const url = await urls.url(hash);
		expect(url).toBe(`${shop.httpUrl}/api/attachments/${hash}?token=${encodeURIComponent(token)}`);
		await urls.keep(hash);
		const row = (await db.attachments.get(hash))!;
		expect(row).toMatchObject({ mime: 'image/png', uploaded: 1, scopes: [] });
		expect(Buffer.from(await row.blob.arrayBuffer()).equals(bytes)).toBe(true);
		expect(await urls.url(hash)).toMatch(/^blob:/);
		urls.revokeAll();
	});
});

/** Web Locks with `ifAvailable`, as two tabs of one browser share them. */
function fakeLocks(): Pick<LockManager, 'request'> {
	const held = new Set<string>();
	const request = async (
		name: string,
		_options: LockOptions,
		callback: (lock: Lock | null) => unknown
	) => {
		if (held.has(name)) return callback(null);
		held.add(name);
		try {
			return await callback({ name, mode: 'exclusive' } as Lock);
		} finally {
			held.delete(name);
		}
	};
	return { request } as Pick<LockManager, 'request'>;
}
