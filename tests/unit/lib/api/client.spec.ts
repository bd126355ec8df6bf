import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../../../../src/lib/api/client.ts';

function answering(status: number, body: unknown, seen: RequestInit[] = []): typeof fetch {
	return async (_input, init) => {
		seen.push(init ?? {});
		return new Response(body === undefined ? '' : JSON.stringify(body), { status });
	};
}

describe('ApiClient', () => {
	it('sends the token as a bearer header and JSON bodies', async () => {
		const seen: RequestInit[] = [];
		const api = new ApiClient({
			fetch: answering(201, { account: { id: 'a' } }, seen),
			token: () => 'tok'
		});
		await api.addStaff({ name: '小李', pin: '1357', role: 'staff' });
		const headers = seen[0].headers as Record<string, string>;
		expect(headers.authorization).toBe('Bearer tok');
		expect(seen[0].method).toBe('POST');
		expect(JSON.parse(String(seen[0].body))).toEqual({ name: '小李', pin: '1357', role: 'staff' });
	});

	it.each([
		[409, { error: 'name_taken', message: 'exists' }, 'name_taken'],
		[401, { error: 'bad_credentials' }, 'bad_credentials'],
		[403, { error: 'owner_only', message: 'Only the owner can do this' }, 'forbidden'],
		[401, undefined, 'unauthorized'],
		[502, undefined, 'server'],
		[418, { error: 'teapot' }, 'unknown']
	])('maps HTTP %d %j to %s', async (status, body, code) => {
		const api = new ApiClient({ fetch: answering(status, body) });
		await expect(api.me()).rejects.toMatchObject({ code, status });
	});

	it('carries how long to wait after too many attempts', async () => {
		const api = new ApiClient({
			fetch: answering(429, { error: 'too_many_attempts', retryAfterMs: 90_000 })
		});
		const error = await api.login({ name: 'x', pin: '0000', device: 'd' }).catch((e) => e);
		expect(error).toBeInstanceOf(ApiError);
		expect(error.retryAfterMs).toBe(90_000);
	});

	it('reports a request that got no answer as a network error', async () => {
		const api = new ApiClient({
			fetch: () => Promise.reject(new TypeError('Failed to fetch'))
		});
		await expect(api.setupNeeded()).rejects.toMatchObject({ code: 'network', status: 0 });
	});
});
