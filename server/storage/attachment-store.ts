/**
 * Attachment bytes on disk, named by their content: `<dir>/<first 2 hex>/<sha-256 hex>`.
 * A body is streamed into a temp file while it is hashed (never held whole in memory),
 * fsynced, then renamed into place, so a file at a hash path is always complete and
 * writing the same bytes twice changes nothing. Metadata (type, scopes, uploader) sits
 * in the Store, written after the file is durable: a row never points at a missing file.
 *
 * There is no thumbnailing here (the server has no image library): a client that wants
 * a thumbnail makes it on the device and uploads it as an attachment of its own.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { AttachmentMeta, AttachmentMetaStore } from './store.ts';

/** Temp files left by a crash mid-upload are removed once older than this. */
const STALE_TEMP_MS = 60 * 60 * 1000;

export interface PutAttachment {
	mime: string;
	/** Doc name the upload is for; added to the attachment's scopes. */
	scope: string;
	uploader: string;
	/** Reading stops as soon as the body passes this. */
	maxBytes: number;
	/** The hash the client says the bytes have (X-Yuzu-Hash), checked before anything is kept. */
	expectedHash?: string;
}

export type PutResult =
	| { ok: true; created: boolean; meta: AttachmentMeta }
	| { ok: false; reason: 'too_large' | 'empty' | 'hash_mismatch' };

interface Staged {
	hash: string;
	size: number;
	tempPath: string;
}

export class AttachmentStore {
	readonly #dir: string;
	readonly #tempDir: string;
	readonly #meta: AttachmentMetaStore;
	readonly #now: () => number;

	constructor(dir: string, meta: AttachmentMetaStore, now: () => number = Date.now) {
		this.#dir = dir;
		this.#tempDir = path.join(dir, '.tmp');
		this.#meta = meta;
		this.#now = now;
		fs.mkdirSync(this.#tempDir, { recursive: true });
		removeStaleTemps(this.#tempDir, now() - STALE_TEMP_MS);
	}

	/** Where the bytes of `hash` live (whether or not they are there yet). */
	pathOf(hash: string): string {
		return path.join(this.#dir, hash.slice(0, 2), hash);
	}

	get(hash: string): AttachmentMeta | undefined {
		return this.#meta.getAttachment(hash);
	}

	/** Size on disk, or null if the file is missing (a row never outlives its file, but disks do). */
	async sizeOnDisk(hash: string): Promise<number | null> {
		try {
			return (await stat(this.pathOf(hash))).size;
		} catch {
			return null;
		}
	}

	/** Reads the file; `range` is inclusive, as in a Range header. */
	read(hash: string, range?: { start: number; end: number }): Readable {
		return fs.createReadStream(this.pathOf(hash), range);
	}

	/**
	 * Streams `body` to disk and records it under `options.scope`. Stops reading (leaving the
	 * rest of the body unread) once it passes `maxBytes`.
	 */
	async put(body: Readable, options: PutAttachment): Promise<PutResult> {
		const staged = await this.#stage(body, options.maxBytes);
		if (!('hash' in staged)) return { ok: false, reason: staged.reason };
		try {
			if (options.expectedHash !== undefined && options.expectedHash !== staged.hash)
				return { ok: false, reason: 'hash_mismatch' };
			await this.#commit(staged);
		} finally {
			await rm(staged.tempPath, { force: true });
		}
		const created = this.#meta.putAttachment({
			hash: staged.hash,
			mime: options.mime,
			size: staged.size,
			scope: options.scope,
			createdAt: this.#now(),
			uploader: options.uploader
		});
		return { ok: true, created, meta: this.#meta.getAttachment(staged.hash)! };
	}

	async #stage(
		body: Readable,
		maxBytes: number
	): Promise<Staged | { reason: 'too_large' | 'empty' }> {
		const tempPath = path.join(this.#tempDir, randomUUID());
		const file = await open(tempPath, 'wx');
		const hash = createHash('sha256');
		let size = 0;
		let kept = false;
		try {
			const outcome = await consume(body, async (chunk) => {
				size += chunk.length;
				if (size > maxBytes) return false;
				hash.update(chunk);
				await writeAll(file, chunk);
				return true;
			});
			if (outcome === 'stopped') return { reason: 'too_large' };
			if (size === 0) return { reason: 'empty' };
			await file.sync();
			kept = true;
			return { hash: hash.digest('hex'), size, tempPath };
		} finally {
			await file.close();
			if (!kept) await rm(tempPath, { force: true });
		}
	}

	/** Renames the fsynced temp file into place; the same bytes already there are left alone. */
	async #commit(staged: Staged): Promise<void> {
		const final = this.pathOf(staged.hash);
		const dir = path.dirname(final);
		const createdDir = await mkdir(dir, { recursive: true });
		if (createdDir) await syncDir(this.#dir);
		if (await exists(final)) return;
		await rename(staged.tempPath, final);
		await syncDir(dir);
	}
}

/**
 * Feeds each chunk of `source` to `onChunk`, one at a time (the stream is paused meanwhile).
 * Resolves 'stopped' as soon as `onChunk` says false, without reading the rest and without
 * destroying the stream, so a response can still be sent on its socket.
 */
function consume(
	source: Readable,
	onChunk: (chunk: Buffer) => Promise<boolean>
): Promise<'end' | 'stopped'> {
	return new Promise((resolve, reject) => {
		let done = false;
		const finish = (settle: () => void) => {
			if (done) return;
			done = true;
			source.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
			settle();
		};
		const onData = (chunk: Buffer) => {
			source.pause();
			onChunk(chunk).then(
				(more) => (more ? source.resume() : finish(() => resolve('stopped'))),
				(error) => finish(() => reject(error))
			);
		};
		const onEnd = () => finish(() => resolve('end'));
		const onError = (error: Error) => finish(() => reject(error));
		const onClose = () => finish(() => reject(new Error('The upload was cut off')));
		source.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
	});
}

async function writeAll(file: fs.promises.FileHandle, chunk: Buffer): Promise<void> {
	let offset = 0;
	while (offset < chunk.length) {
		const { bytesWritten } = await file.write(chunk, offset);
		offset += bytesWritten;
	}
}

async function exists(file: string): Promise<boolean> {
	try {
		await stat(file);
		return true;
	} catch {
		return false;
	}
}

/** Makes a rename or a new entry in `dir` durable (a no-op where directories cannot be opened). */
async function syncDir(dir: string): Promise<void> {
	let handle: fs.promises.FileHandle | undefined;
	try {
		handle = await open(dir, 'r');
		await handle.sync();
	} catch {
		// Windows cannot fsync a directory; its renames are durable by other means.
	} finally {
		await handle?.close();
	}
}

function removeStaleTemps(tempDir: string, olderThan: number): void {
	for (const name of fs.readdirSync(tempDir)) {
		const file = path.join(tempDir, name);
		try {
			if (fs.statSync(file).mtimeMs < olderThan) fs.unlinkSync(file);
		} catch {
			// Another process removed it first.
		}
	}
}
