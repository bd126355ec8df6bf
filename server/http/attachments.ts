/**
 * /api/attachments: photos and voice notes, stored by the SHA-256 of their bytes.
 *
 * - `POST /api/attachments` (Bearer token; raw body; Content-Type an accepted image or audio
 *   type; `X-Yuzu-Scope: <docName>` the doc that will reference it, which the uploader must be
 *   able to write; optional `X-Yuzu-Hash` checked against the bytes) → 201 `{ hash, mime, size }`,
 *   or 200 when those bytes were already stored (a new scope is added to them).
 * - `GET`/`HEAD /api/attachments/<hash>` (Bearer token, or `?token=` so `<img src>` and
 *   `<audio src>` work) → the bytes, immutable and cacheable, with single byte ranges (Safari
 *   plays audio only from servers that answer them). Staff and owner read any attachment; a
 *   customer reads those with a scope they may open (their thread) and gets 404 for the rest,
 *   the same answer as for a hash that does not exist, so hashes cannot be probed.
 *
 * Thumbnails are made on the device and uploaded as attachments of their own (DESIGN.md).
 */
import type { IncomingMessage } from 'node:http';
import {
	attachmentType,
	audioTypes,
	imageTypes,
	isAttachmentHash,
	maxBytesFor
} from '../../src/lib/domain/attachments.ts';
import type { AttachmentStore } from '../storage/attachment-store.ts';
import type { AttachmentMeta } from '../storage/store.ts';
import type { Access, Peer } from '../sync/hooks.ts';
import { ApiError, bearerToken } from './json.ts';
import { Router, type RouteContext } from './router.ts';

/** The bytes behind a hash never change, so a browser may keep them as long as it likes. */
const cacheControl = 'private, max-age=31536000, immutable';
const scopeHeader = 'x-yuzu-scope';
const hashHeader = 'x-yuzu-hash';

export interface AttachmentDeps {
	attachments: AttachmentStore;
	/** The peer a token stands for, or null. */
	authenticate(token: string | null): Peer | null;
	/** The same access rule the sync server applies to the doc named by a scope. */
	access(peer: Peer, docName: string): Access | null;
}

export function attachmentRouter(deps: AttachmentDeps): Router {
	return new Router()
		.on('POST', '/api/attachments', (ctx) => upload(deps, ctx))
		.on('GET', '/api/attachments/:hash', (ctx) => serve(deps, ctx))
		.on('HEAD', '/api/attachments/:hash', (ctx) => serve(deps, ctx));
}

async function upload(deps: AttachmentDeps, { req, res }: RouteContext): Promise<unknown> {
	// Until the body has been read, any answer closes the connection: the rest of a large
	// body is not worth reading only to keep the socket alive.
	res.setHeader('connection', 'close');
	const peer = deps.authenticate(bearerToken(req));
	if (!peer) throw new ApiError(401, 'unauthorized', 'Log in again: this session is not valid');
	const mime = attachmentType(req.headers['content-type']);
	if (!mime)
		throw new ApiError(415, 'bad_type', `Send one of ${[...imageTypes, ...audioTypes].join(', ')}`);
	const scope = header(req, scopeHeader);
	const access = scope === undefined ? null : deps.access(peer, scope);
	if (scope === undefined || (access !== 'write' && access !== 'guarded'))
		throw new ApiError(403, 'forbidden', `You cannot attach files to "${scope ?? ''}"`);
	const maxBytes = maxBytesFor(mime);
	if (Number(req.headers['content-length']) > maxBytes) throw tooLarge(maxBytes);

	const result = await deps.attachments
		.put(req, { mime, scope, uploader: peer.id, maxBytes, expectedHash: hashOf(req) })
		.catch((error: unknown) => {
			// A phone that lost its signal mid-upload: nothing was kept, and nobody to answer.
			if (req.destroyed) return null;
			throw error;
		});
	if (!result) {
		res.destroy();
		return undefined;
	}
	if (!result.ok) {
		if (result.reason === 'too_large') throw tooLarge(maxBytes);
		if (result.reason === 'empty') throw new ApiError(400, 'empty', 'The file is empty');
		throw new ApiError(400, 'hash_mismatch', 'The bytes arrived damaged: send the file again');
	}
	res.removeHeader('connection');
	const { hash, mime: storedMime, size } = result.meta;
	return [result.created ? 201 : 200, { hash, mime: storedMime, size }];
}

function hashOf(req: IncomingMessage): string | undefined {
	return header(req, hashHeader)?.toLowerCase();
}

function tooLarge(maxBytes: number): ApiError {
	const mib = Math.round(maxBytes / 1024 / 1024);
	return new ApiError(413, 'too_large', `The file is larger than ${mib} MB`, { maxBytes });
}

async function serve(deps: AttachmentDeps, { req, res, params, url }: RouteContext) {
	const peer = deps.authenticate(bearerToken(req) ?? url.searchParams.get('token'));
	if (!peer) throw new ApiError(401, 'unauthorized', 'Log in again: this session is not valid');
	const notFound = new ApiError(404, 'not_found', 'No such attachment');
	const hash = params.hash;
	const meta = isAttachmentHash(hash) ? deps.attachments.get(hash) : undefined;
	if (!meta || !mayRead(deps, peer, meta)) throw notFound;
	const size = await deps.attachments.sizeOnDisk(hash);
	if (size === null) throw notFound;

	const etag = `"${hash}"`;
	res.setHeader('content-type', meta.mime);
	res.setHeader('cache-control', cacheControl);
	res.setHeader('etag', etag);
	res.setHeader('accept-ranges', 'bytes');
	res.setHeader('x-content-type-options', 'nosniff');
	if (matchesEtag(req.headers['if-none-match'], etag)) {
		res.writeHead(304).end();
		return undefined;
	}
	const range = rangeOf(req, etag, size);
	if (range === 'unsatisfiable') {
		res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
		return undefined;
	}
	const length = range ? range.end - range.start + 1 : size;
	res.setHeader('content-length', length);
	if (range) res.setHeader('content-range', `bytes ${range.start}-${range.end}/${size}`);
	res.writeHead(range ? 206 : 200);
	if (req.method === 'HEAD' || length === 0) {
		res.end();
		return undefined;
	}
	const stream = deps.attachments.read(hash, range ?? undefined);
	stream.on('error', () => res.destroy());
	stream.pipe(res);
	return undefined;
}

/** Staff and owner read everything; a customer reads what was attached to a doc they may open. */
function mayRead(deps: AttachmentDeps, peer: Peer, meta: AttachmentMeta): boolean {
	if (peer.role !== 'customer') return true;
	return meta.scopes.some((scope) => deps.access(peer, scope) !== null);
}

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	const first = Array.isArray(value) ? value[0] : value;
	return first?.trim() || undefined;
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch
		.split(',')
		.map((tag) => tag.trim().replace(/^W\//, ''))
		.some((tag) => tag === etag || tag === '*');
}

/**
 * The one byte range asked for (`bytes=a-b`, `bytes=a-`, `bytes=-n`), null to send the whole
 * file (no Range, several ranges, or an If-Range for other bytes), or 'unsatisfiable'.
 */
function rangeOf(
	req: IncomingMessage,
	etag: string,
	size: number
): { start: number; end: number } | null | 'unsatisfiable' {
	const header = req.headers.range;
	if (!header) return null;
	const ifRange = req.headers['if-range'];
	if (ifRange && ifRange !== etag) return null;
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!match || (match[1] === '' && match[2] === '')) return null;
	let start: number;
	let end: number;
	if (match[1] === '') {
		start = Math.max(0, size - Number(match[2]));
		end = size - 1;
	} else {
		start = Number(match[1]);
		end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
	}
	if (start > end || start >= size) return 'unsatisfiable';
	return { start, end };
}
