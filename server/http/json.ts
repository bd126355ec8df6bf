/** Small helpers for the JSON API: bodies in, errors out, one shape everywhere. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest JSON body the API reads. */
export const maxJsonBytes = 64 * 1024;

/** An expected failure: becomes `{ error: code, message }` with this status. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly extra: Record<string, unknown> = {}
	) {
		super(message);
		this.name = 'ApiError';
	}
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		'cache-control': 'no-store'
	});
	res.end(text);
}

export function sendError(res: ServerResponse, error: ApiError): void {
	sendJson(res, error.status, { error: error.code, message: error.message, ...error.extra });
}

/** Reads a JSON object body; rejects with an ApiError on anything else. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > maxJsonBytes) throw new ApiError(413, 'too_large', 'Request body too large');
		chunks.push(chunk as Buffer);
	}
	let body: unknown;
	try {
		body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
	} catch {
		throw new ApiError(400, 'bad_input', 'Body is not JSON');
	}
	if (!body || typeof body !== 'object' || Array.isArray(body))
		throw new ApiError(400, 'bad_input', 'Body must be a JSON object');
	return body as Record<string, unknown>;
}

/** A required string field, trimmed, within a length. */
export function stringField(body: Record<string, unknown>, key: string, max = 100): string {
	const value = body[key];
	if (typeof value !== 'string' || value.trim() === '' || value.trim().length > max)
		throw new ApiError(400, 'bad_input', `"${key}" must be a text of 1–${max} characters`);
	return value.trim();
}

export function bearerToken(req: IncomingMessage): string | null {
	const header = req.headers.authorization;
	if (!header?.startsWith('Bearer ')) return null;
	return header.slice('Bearer '.length).trim() || null;
}
