/**
 * Sending one attachment to the shop server: `POST /api/attachments` with the bytes, their
 * type, the doc they belong to (X-Yuzu-Scope) and their hash (X-Yuzu-Hash, so bytes damaged
 * on the way are refused rather than stored under another name).
 */

/** Progress of one upload: bytes sent so far and in all. */
export type UploadProgress = (loaded: number, total: number) => void;

/** Sends one file for one scope; resolves on 2xx, rejects with an UploadError otherwise. */
export type Upload = (
	hash: string,
	blob: Blob,
	scope: string,
	onProgress: UploadProgress
) => Promise<void>;

/** A failed upload: `status` 0 when no answer came (offline, server down). */
export class UploadError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		readonly retryAfterMs: number | null = null
	) {
		super(`Upload failed: ${code} (${status})`);
		this.name = 'UploadError';
	}
}

/** Where and as whom to upload. */
export interface UploadTarget {
	/** Origin of the shop server, '' for the page's own. */
	base: string;
	token: () => string | null;
}

function uploadHeaders(target: UploadTarget, hash: string, blob: Blob, scope: string) {
	const headers: Record<string, string> = {
		'content-type': blob.type,
		'x-yuzu-scope': scope,
		'x-yuzu-hash': hash
	};
	const token = target.token();
	if (token) headers.authorization = `Bearer ${token}`;
	return headers;
}

function uploadError(status: number, body: unknown): UploadError {
	const data = (typeof body === 'object' && body ? body : {}) as Record<string, unknown>;
	const fallback = status === 429 ? 'too_many_attempts' : status >= 500 ? 'server' : 'unknown';
	const code = typeof data.error === 'string' ? data.error : fallback;
	const retry = typeof data.retryAfterMs === 'number' ? data.retryAfterMs : null;
	return new UploadError(status, code, retry);
}

/** The browser's upload: XMLHttpRequest, the one API that reports upload progress. */
export function xhrUpload(target: UploadTarget): Upload {
	return (hash, blob, scope, onProgress) =>
		new Promise((resolve, reject) => {
			const xhr = new XMLHttpRequest();
			xhr.open('POST', `${target.base}/api/attachments`);
			for (const [name, value] of Object.entries(uploadHeaders(target, hash, blob, scope)))
				xhr.setRequestHeader(name, value);
			xhr.responseType = 'json';
			xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total || blob.size);
			xhr.onload = () => {
				if (xhr.status >= 200 && xhr.status < 300) resolve();
				else reject(uploadError(xhr.status, xhr.response));
			};
			xhr.onerror = xhr.ontimeout = () => reject(new UploadError(0, 'network'));
			xhr.send(blob);
		});
}

/** An upload through fetch (no progress until done): for Node, tests and scripts. */
export function fetchUpload(target: UploadTarget, fetchFn: typeof fetch = fetch): Upload {
	return async (hash, blob, scope, onProgress) => {
		let response: Response;
		try {
			response = await fetchFn(`${target.base}/api/attachments`, {
				method: 'POST',
				headers: uploadHeaders(target, hash, blob, scope),
				body: blob
			});
		} catch {
			throw new UploadError(0, 'network');
		}
		const body: unknown = await response.json().catch(() => null);
		if (!response.ok) throw uploadError(response.status, body);
		onProgress(blob.size, blob.size);
	};
}
