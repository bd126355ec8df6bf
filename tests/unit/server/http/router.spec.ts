import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
	ApiError,
	bearerToken,
	maxJsonBytes,
	readJson,
	stringField
} from '../../../../server/http/json.ts';
import { Router } from '../../../../server/http/router.ts';

/** What the router returned for each request, in order (false: not ours, the server 404s). */
const handled: boolean[] = [];

const router = new Router()
	.on('GET', '/api/rods', () => ({ rods: ['R-0012'] }))
	.on('GET', '/api/rods/:code', ({ params }) => ({ code: params.code }))
	.on('POST', '/api/rods/:code', async ({ req, params }) => [
		201,
		{ code: params.code, body: await readJson(req) }
	])
	.on('GET', '/api/shops/:shop/rods/:code', ({ params }) => params)
	.on('GET', '/api/search', ({ url }) => ({ q: url.searchParams.get('q') }))
	.on('GET', '/api/raw', ({ res }) => {
		res.writeHead(204);
		res.end();
	})
	.on('GET', '/api/refused', () => {
		throw new ApiError(409, 'unit_out', 'R-0012 is out with another customer', {
			unit: 'R-0012'
		});
	})
	.on('GET', '/api/broken', () => {
		throw new Error('a bug');
	})
	.on('POST', '/api/echo', async ({ req }) => readJson(req))
	.on('POST', '/api/name', async ({ req }) => ({ name: stringField(await readJson(req), 'name') }))
	.on('GET', '/api/token', ({ req }) => ({ token: bearerToken(req) }))
	// One path, two methods, the POST registered first: a GET still finds its route.
	.on('POST', '/api/units/:code', () => ({ via: 'post' }))
	.on('GET', '/api/units/:code', () => ({ via: 'get' }));

let server: http.Server;
let base: string;

beforeAll(async () => {
	server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		void router.handle(req, res, url).then((ours) => {
			handled.push(ours);
			if (!ours) {
				res.writeHead(404, { 'content-type': 'text/plain' });
				res.end('not an API route');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
});

interface Reply {
	status: number;
	body: unknown;
	headers: http.IncomingHttpHeaders;
	/** What router.handle returned for this request. */
	ours: boolean;
}

/**
 * One request on its own connection (no keep-alive pool): a 413 answered before the
 * body is read ends that connection, and a pooled client would reuse it for the next row.
 */
function call(
	method: string,
	path: string,
	{ body, headers = {} }: { body?: string; headers?: Record<string, string> } = {}
): Promise<Reply> {
	const before = handled.length;
	return new Promise((resolve, reject) => {
		let answered = false;
		let failure: Error | undefined;
		const req = http.request(base + path, { method, headers, agent: false }, (res) => {
			answered = true;
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				const json = res.headers['content-type']?.startsWith('application/json');
				resolve({
					status: res.statusCode ?? 0,
					body: json ? JSON.parse(text) : text,
					headers: res.headers,
					ours: handled[before]
				});
			});
		});
		// The server may answer (413) and close while a large body is still going out:
		// a write error then is fine as long as the answer arrives.
		req.on('error', (error) => (failure = error));
		req.on('close', () => {
			if (!answered) reject(failure ?? new Error(`${method} ${path}: closed without an answer`));
		});
		req.end(body);
	});
}

describe('Router', () => {
	const rows: [string, string, number, unknown][] = [
		['GET', '/api/rods', 200, { rods: ['R-0012'] }],
		['GET', '/api/rods/', 200, { rods: ['R-0012'] }],
		['GET', '/api/rods/R-0012', 200, { code: 'R-0012' }],
		['GET', '/api/rods/%E6%B5%B7%E7%AB%BF', 200, { code: '海竿' }],
		['GET', '/api/rods/a%2Fb', 200, { code: 'a/b' }],
		['GET', '/api/shops/s1/rods/R-7', 200, { shop: 's1', code: 'R-7' }],
		['GET', '/api/search?q=%E6%B5%B7%E7%AB%BF', 200, { q: '海竿' }],
		['GET', '/api/raw', 204, ''],
		['GET', '/api/units/R-1', 200, { via: 'get' }],
		['POST', '/api/units/R-1', 200, { via: 'post' }],
		['GET', '/api/rods/R-1/history', 404, 'not an API route'],
		['GET', '/api/reels', 404, 'not an API route'],
		['GET', '/', 404, 'not an API route'],
		['GET', '/api/rods/%E0%A4%A', 404, 'not an API route'],
		[
			'DELETE',
			'/api/rods/R-1',
			405,
			{ error: 'method_not_allowed', message: 'DELETE is not allowed here' }
		],
		['PUT', '/api/rods', 405, { error: 'method_not_allowed', message: 'PUT is not allowed here' }],
		['GET', '/api/echo', 405, { error: 'method_not_allowed', message: 'GET is not allowed here' }],
		[
			'GET',
			'/api/refused',
			409,
			{ error: 'unit_out', message: 'R-0012 is out with another customer', unit: 'R-0012' }
		]
	];

	it.each(rows)('%s %s → %i', async (method, path, status, body) => {
		const res = await call(method, path);
		expect(res.status).toBe(status);
		expect(res.body).toEqual(body);
		expect(res.ours).toBe(status !== 404);
	});

	it('a handler’s [status, body] is sent with that status', async () => {
		const res = await call('POST', '/api/rods/R-9', { body: '{"note":"tip cracked"}' });
		expect(res.status).toBe(201);
		expect(res.body).toEqual({ code: 'R-9', body: { note: 'tip cracked' } });
	});

	it('sends JSON that no cache keeps', async () => {
		const res = await call('GET', '/api/rods');
		expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(res.headers['cache-control']).toBe('no-store');
	});

	it('an unexpected error is a 500 with a generic message, and is logged', async () => {
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			const res = await call('GET', '/api/broken');
			expect(res.status).toBe(500);
			expect(res.body).toEqual({
				error: 'internal',
				message: 'Something went wrong on the server'
			});
			expect(logged).toHaveBeenCalledOnce();
			expect(String(logged.mock.calls[0][0])).toBe('GET /api/broken failed');
		} finally {
			logged.mockRestore();
		}
	});
});

describe('readJson (through a real request)', () => {
	const notJson = { error: 'bad_input', message: 'Body is not JSON' };
	const notObject = { error: 'bad_input', message: 'Body must be a JSON object' };
	const tooLarge = { error: 'too_large', message: 'Request body too large' };
	/** A JSON object body of exactly `bytes` UTF-8 bytes. */
	const bodyOf = (bytes: number) => `{"x":"${'a'.repeat(bytes - 8)}"}`;

	const rows: [string, number, string, unknown][] = [
		['an object', 200, '{"name":"王师傅","pin":"2468"}', { name: '王师傅', pin: '2468' }],
		['an empty body (read as {})', 200, '', {}],
		['an empty object', 200, '{}', {}],
		['text that is not JSON', 400, 'name=wang', notJson],
		['truncated JSON', 400, '{"name":', notJson],
		['an array', 400, '[{"name":"wang"}]', notObject],
		['null', 400, 'null', notObject],
		['a string', 400, '"wang"', notObject],
		['a number', 400, '42', notObject],
		['exactly the limit', 200, bodyOf(maxJsonBytes), { x: 'a'.repeat(maxJsonBytes - 8) }],
		['one byte past the limit', 413, bodyOf(maxJsonBytes + 1), tooLarge],
		[
			'under the limit in characters, past it in UTF-8 bytes',
			413,
			`{"x":"${'鱼'.repeat(22_000)}"}`,
			tooLarge
		],
		['far past the limit', 413, bodyOf(1024 * 1024), tooLarge]
	];

	it.each(rows)('%s → %i', async (_name, status, body, expected) => {
		expect(Buffer.byteLength(body) > maxJsonBytes).toBe(status === 413);
		const res = await call('POST', '/api/echo', {
			body,
			headers: { 'content-type': 'application/json' }
		});
		expect(res.status).toBe(status);
		expect(res.body).toEqual(expected);
	});
});

describe('stringField', () => {
	const rows: [string, unknown, string | null][] = [
		['a name', '王师傅', '王师傅'],
		['a name with spaces around it', '  Wang  ', 'Wang'],
		['exactly 100 characters', 'x'.repeat(100), 'x'.repeat(100)],
		['101 characters', 'x'.repeat(101), null],
		['only spaces', '   ', null],
		['an empty string', '', null],
		['a number', 42, null],
		['missing', undefined, null]
	];

	it.each(rows)('%s', (_name, value, expected) => {
		const body = value === undefined ? {} : { name: value };
		if (expected === null) {
			expect(() => stringField(body, 'name')).toThrow(ApiError);
			expect(() => stringField(body, 'name')).toThrow('"name" must be a text of 1–100 characters');
		} else expect(stringField(body, 'name')).toBe(expected);
	});

	it('reaches the client as a 400', async () => {
		const res = await call('POST', '/api/name', { body: '{"name":"  "}' });
		expect(res.status).toBe(400);
		expect(res.body).toEqual({
			error: 'bad_input',
			message: '"name" must be a text of 1–100 characters'
		});
	});
});

describe('bearerToken', () => {
	const rows: [string, Record<string, string>, string | null][] = [
		['a bearer token', { authorization: 'Bearer abc.def' }, 'abc.def'],
		['extra spaces after Bearer', { authorization: 'Bearer    abc.def  ' }, 'abc.def'],
		['no header', {}, null],
		['an empty token', { authorization: 'Bearer ' }, null],
		['another scheme', { authorization: 'Basic d2FuZzoxMjM0' }, null],
		['a lower-case scheme', { authorization: 'bearer abc.def' }, null]
	];

	it.each(rows)('%s', async (_name, headers, token) => {
		const res = await call('GET', '/api/token', { headers });
		expect(res.body).toEqual({ token });
	});
});
