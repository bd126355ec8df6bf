import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_AUDIO_BYTES, MAX_IMAGE_BYTES } from '../../src/lib/domain/attachments.ts';
import { startServer, type TestShop } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

let shop: TestShop;
beforeEach(async () => {
	shop = await startServer();
});
afterEach(async () => {
	await shop.stop();
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface UploadOptions {
	token?: string | null;
	type?: string | null;
	scope?: string | null;
	hash?: string;
}

async function upload(body: BodyInit, options: UploadOptions = {}) {
	const token = options.token === undefined ? shop.token('staff') : options.token;
	const type = options.type === undefined ? 'image/jpeg' : options.type;
	const scope = options.scope === undefined ? 'inventory' : options.scope;
	const headers: Record<string, string> = {};
	if (token) headers.authorization = `Bearer ${token}`;
	if (type) headers['content-type'] = type;
	if (scope) headers['x-yuzu-scope'] = scope;
	if (options.hash) headers['x-yuzu-hash'] = options.hash;
	const res = await fetch(`${shop.httpUrl}/api/attachments`, {
		method: 'POST',
		headers,
		body,
		...(body instanceof ReadableStream ? { duplex: 'half' } : {})
	});
	return { status: res.status, body: (await res.json()) as Record<string, any> };
}

function download(hash: string, token: string | null, init: RequestInit = {}) {
	const headers = new Headers(init.headers);
	if (token) headers.set('authorization', `Bearer ${token}`);
	return fetch(`${shop.httpUrl}/api/attachments/${hash}`, { ...init, headers });
}

function fileOf(hash: string): string {
	return path.join(shop.dataDir, 'attachments', hash.slice(0, 2), hash);
}

function leftoverTemps(): string[] {
	return fs.readdirSync(path.join(shop.dataDir, 'attachments', '.tmp'));
}

/** A body of `size` bytes that arrives in chunks with no Content-Length. */
function chunked(size: number): ReadableStream<Uint8Array> {
	let sent = 0;
	return new ReadableStream({
		pull(controller) {
			if (sent >= size) return controller.close();
			const chunk = new Uint8Array(Math.min(256 * 1024, size - sent));
			sent += chunk.length;
			controller.enqueue(chunk);
		}
	});
}

describe('uploading and fetching back', () => {
	it('stores a damage photo by content hash and gives the same bytes back', async () => {
		const photo = randomBytes(300_000);
		const hash = sha256(photo);
		const res = await upload(photo, { type: 'image/jpeg', scope: 'ledger' });
		expect(res).toEqual({ status: 201, body: { hash, mime: 'image/jpeg', size: photo.length } });

		const back = await download(hash, shop.token('owner'));
		expect(back.status).toBe(200);
		expect(back.headers.get('content-type')).toBe('image/jpeg');
		expect(back.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
		expect(back.headers.get('etag')).toBe(`"${hash}"`);
		expect(Buffer.from(await back.arrayBuffer()).equals(photo)).toBe(true);

		expect(fs.readFileSync(fileOf(hash)).equals(photo)).toBe(true);
		expect(leftoverTemps()).toEqual([]);
	});

	it('serves <img src> with ?token=, HEAD without a body, ranges and revalidation', async () => {
		const note = randomBytes(2_000);
		const { body } = await upload(note, { type: 'audio/webm;codecs=opus' });
		expect(body.mime).toBe('audio/webm');
		const url = `${shop.httpUrl}/api/attachments/${body.hash}`;

		const viaQuery = await fetch(`${url}?token=${shop.token('staff')}`);
		expect(Buffer.from(await viaQuery.arrayBuffer()).equals(note)).toBe(true);

		const head = await download(body.hash, shop.token('staff'), { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(head.headers.get('content-length')).toBe('2000');
		expect(await head.text()).toBe('');

		const part = await download(body.hash, shop.token('staff'), {
			headers: { range: 'bytes=0-3' }
		});
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe('bytes 0-3/2000');
		expect(Buffer.from(await part.arrayBuffer()).equals(note.subarray(0, 4))).toBe(true);
		const tail = await download(body.hash, shop.token('staff'), {
			headers: { range: 'bytes=-10' }
		});
		expect(Buffer.from(await tail.arrayBuffer()).equals(note.subarray(-10))).toBe(true);
		const beyond = await download(body.hash, shop.token('staff'), {
			headers: { range: 'bytes=5000-' }
		});
		expect(beyond.status).toBe(416);

		const cached = await download(body.hash, shop.token('staff'), {
			headers: { 'if-none-match': `"${body.hash}"` }
		});
		expect(cached.status).toBe(304);
	});

	it('takes the same bytes again without a second copy, adding the new scope', async () => {
		const photo = randomBytes(10_000);
		const first = await upload(photo, { scope: 'inventory' });
		expect(first.status).toBe(201);
		const again = await upload(photo, { scope: 'inventory' });
		expect(again).toEqual({ status: 200, body: first.body });
		// Sent again as PNG: the bytes are the same attachment, and keep the type they came with.
		const elsewhere = await upload(photo, { scope: 'ledger', type: 'image/png' });
		expect(elsewhere).toEqual({ status: 200, body: first.body });
		expect(shop.server.store.getAttachment(first.body.hash)?.scopes).toEqual([
			'inventory',
			'ledger'
		]);
		expect(fs.readdirSync(path.dirname(fileOf(first.body.hash)))).toEqual([first.body.hash]);
	});
});

describe('refusals', () => {
	it('refuses photos over 10 MiB and voice notes over 5 MiB with the limit, and keeps nothing', async () => {
		const photo = await upload(new Uint8Array(MAX_IMAGE_BYTES + 1), { type: 'image/png' });
		expect(photo).toMatchObject({
			status: 413,
			body: { error: 'too_large', maxBytes: MAX_IMAGE_BYTES }
		});
		const voice = await upload(new Uint8Array(MAX_AUDIO_BYTES + 1), { type: 'audio/ogg' });
		expect(voice).toMatchObject({
			status: 413,
			body: { error: 'too_large', maxBytes: MAX_AUDIO_BYTES }
		});
		// Without a Content-Length the server counts as it reads, and stops reading at the limit.
		const streamed = await upload(chunked(MAX_AUDIO_BYTES + 300_000), { type: 'audio/mp4' });
		expect(streamed).toMatchObject({ status: 413, body: { error: 'too_large' } });
		expect(leftoverTemps()).toEqual([]);

		const atLimit = await upload(new Uint8Array(MAX_AUDIO_BYTES).fill(7), { type: 'audio/mpeg' });
		expect(atLimit.status).toBe(201);
		expect((await upload(chunked(1000), { type: 'audio/mpeg' })).status).toBe(201);
	});

	it('refuses types it does not serve, and empty files', async () => {
		const html = await upload('<script>alert(1)</script>', { type: 'text/html' });
		expect(html).toMatchObject({ status: 415, body: { error: 'bad_type' } });
		expect((await upload(new Uint8Array(10), { type: 'image/gif' })).status).toBe(415);
		expect((await upload(new Uint8Array(10), { type: null })).status).toBe(415);
		expect(await upload(new Uint8Array(0))).toMatchObject({
			status: 400,
			body: { error: 'empty' }
		});
	});

	it('keeps nothing when the bytes do not match X-Yuzu-Hash', async () => {
		const photo = randomBytes(5_000);
		const hash = sha256(photo);
		const damaged = await upload(photo, { hash: sha256(randomBytes(8)) });
		expect(damaged).toMatchObject({ status: 400, body: { error: 'hash_mismatch' } });
		expect(fs.existsSync(fileOf(hash))).toBe(false);
		expect((await download(hash, shop.token('staff'))).status).toBe(404);
		expect(leftoverTemps()).toEqual([]);

		expect((await upload(photo, { hash: hash.toUpperCase() })).status).toBe(201);
	});

	it('keeps nothing of an upload cut off by a dropped connection, and stays quiet about it', async () => {
		const errors = vi.spyOn(console, 'error');
		let sent = 0;
		const stalling = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent >= 3) return new Promise(() => {}); // the signal is gone
				sent++;
				controller.enqueue(randomBytes(64 * 1024));
			}
		});
		const pending = upload(stalling, { type: 'audio/webm' }).catch(() => 'cut off');
		await waitFor(() => leftoverTemps().length === 1);
		// Closing the server drops the stalled socket, as a phone leaving coverage would.
		shop.server.http.closeAllConnections();
		expect(await pending).toBe('cut off');
		await waitFor(() => leftoverTemps().length === 0);
		expect(errors).not.toHaveBeenCalled();
		errors.mockRestore();
	});

	it('wants a valid token to upload or to read', async () => {
		const photo = randomBytes(100);
		expect(await upload(photo, { token: null })).toMatchObject({
			status: 401,
			body: { error: 'unauthorized' }
		});
		expect((await upload(photo, { token: 'forged.token' })).status).toBe(401);
		const { body } = await upload(photo);
		expect((await download(body.hash, null)).status).toBe(401);
		expect((await fetch(`${shop.httpUrl}/api/attachments/${body.hash}?token=nope`)).status).toBe(
			401
		);
	});
});

describe('scopes', () => {
	it('lets a customer upload to and read their own thread, and nothing else', async () => {
		const wang = shop.token('customer', 'c-wang');
		const li = shop.token('customer', 'c-li');
		const fishPhoto = randomBytes(4_000);
		const mine = await upload(fishPhoto, { token: wang, scope: 'thread:c-wang' });
		expect(mine.status).toBe(201);
		const read = await download(mine.body.hash, wang);
		expect(Buffer.from(await read.arrayBuffer()).equals(fishPhoto)).toBe(true);
		// Staff read what customers send.
		expect((await download(mine.body.hash, shop.token('staff'))).status).toBe(200);

		expect(await upload(randomBytes(10), { token: wang, scope: 'thread:c-li' })).toMatchObject({
			status: 403,
			body: { error: 'forbidden' }
		});
		expect((await upload(randomBytes(10), { token: wang, scope: 'inventory' })).status).toBe(403);

		// Another customer's photo, a shelf photo and a hash that does not exist all look alike.
		const shelf = await upload(randomBytes(4_000), { scope: 'inventory' });
		for (const hash of [mine.body.hash, shelf.body.hash, sha256(randomBytes(4))]) {
			const res = await download(hash, li);
			expect(res.status).toBe(404);
			expect(await res.json()).toMatchObject({ error: 'not_found' });
		}
		expect((await download(shelf.body.hash, wang)).status).toBe(404);
		expect((await download('not-a-hash', li)).status).toBe(404);
	});

	it('lets a customer read bytes they sent themselves, even if staff had them first', async () => {
		const priceList = randomBytes(3_000);
		const { body } = await upload(priceList, { scope: 'inventory' });
		const wang = shop.token('customer', 'c-wang');
		expect((await download(body.hash, wang)).status).toBe(404);
		expect((await upload(priceList, { token: wang, scope: 'thread:c-wang' })).status).toBe(200);
		expect((await download(body.hash, wang)).status).toBe(200);
	});

	it('refuses staff an upload to a doc that does not exist, or that they cannot write', async () => {
		for (const scope of ['nonsense', 'thread:no spaces', 'thread:', null, 'inbox']) {
			const res = await upload(randomBytes(10), { scope });
			expect(res, `scope ${scope}`).toMatchObject({ status: 403, body: { error: 'forbidden' } });
		}
		expect((await upload(randomBytes(10), { scope: 'thread:c-wang' })).status).toBe(201);
		expect((await upload(randomBytes(10), { scope: 'notes:c-wang' })).status).toBe(201);
		expect(
			(await upload(randomBytes(10), { scope: 'settings', token: shop.token('owner') })).status
		).toBe(201);
		expect((await upload(randomBytes(10), { scope: 'settings' })).status).toBe(403);
	});
});
