// Runes for `tsc -p server/tsconfig.json`, which checks every test but knows only Node types.
/// <reference types="svelte" />
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchUpload } from '../../../../src/lib/local/attachment-upload.ts';
import { createDb } from '../../../../src/lib/local/db.ts';
import type { YuzuDb } from '../../../../src/lib/local/db.ts';
import type { StorageError } from '../../../../src/lib/local/errors.ts';
import { Attachments } from '../../../../src/lib/state/attachments.svelte.ts';
import { startServer, type TestShop } from '../../../helpers/server.ts';
import { waitFor } from '../../../helpers/wait.ts';

let shop: TestShop;
let db: YuzuDb;
let state: Attachments;
let counter = 0;
let online = false;
const events = new EventTarget();
const storageErrors: StorageError[] = [];

beforeEach(async () => {
	shop = await startServer();
	db = createDb(`yuzu-attachments-state-${++counter}`);
	online = false;
	const token = () => shop.token('staff');
	state = new Attachments({
		db,
		token,
		base: shop.httpUrl,
		connectivity: { isOnline: () => online, events },
		upload: fetchUpload({ base: shop.httpUrl, token }),
		onStorageError: (error) => storageErrors.push(error),
		onUnauthorized: () => {}
	});
	state.start();
});
afterEach(async () => {
	state.destroy();
	await db.delete();
	await shop.stop();
});

describe('Attachments (state)', () => {
	it('counts files waiting offline, then shows them sent once online', async () => {
		const photo = new Blob([randomBytes(1_000)], { type: 'image/webp' });
		const hash = await state.save(photo, 'inventory');
		await waitFor(() => state.pendingCount === 1);
		expect(state.status(hash)).toBe('waiting');
		expect(await state.url(hash)).toMatch(/^blob:/);

		online = true;
		events.dispatchEvent(new Event('online'));
		await waitFor(() => state.pendingCount === 0);
		expect(state.status(hash)).toBe('sent');
		expect(state.progress(hash)).toBeNull();
		expect(storageErrors).toEqual([]);
	});

	it('lists a file the server refused, with the reason to show', async () => {
		online = true;
		const gif = await state.save(new Blob([randomBytes(10)], { type: 'image/gif' }), 'inventory');
		await waitFor(() => state.failed.length === 1);
		expect(state.failed).toEqual([{ hash: gif, error: 'bad_type' }]);
		expect(state.status(gif)).toBe('failed');
		expect(state.error(gif)).toBe('bad_type');
		expect(state.pendingCount).toBe(0);
	});
});
