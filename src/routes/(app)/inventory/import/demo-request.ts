/** Asks the server to load the demo shop (owner only); the shop's tablets receive it by sync. */

/** What became of the request; `network` when the server could not be reached. */
export type DemoOutcome =
	| { ok: true; models: number; units: number }
	| { ok: false; reason: 'not_empty' | 'forbidden' | 'unauthorized' | 'network' | 'server' };

export async function requestDemoShop(token: string | null): Promise<DemoOutcome> {
	let response: Response;
	try {
		response = await fetch('/api/demo', {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				...(token && { authorization: `Bearer ${token}` })
			},
			body: JSON.stringify({ size: 'shop' }),
			cache: 'no-store'
		});
	} catch {
		return { ok: false, reason: 'network' };
	}
	const body = (await response.json().catch(() => null)) as {
		models?: number;
		units?: number;
	} | null;
	if (response.ok && body) return { ok: true, models: body.models ?? 0, units: body.units ?? 0 };
	if (response.status === 409) return { ok: false, reason: 'not_empty' };
	if (response.status === 403) return { ok: false, reason: 'forbidden' };
	if (response.status === 401) return { ok: false, reason: 'unauthorized' };
	return { ok: false, reason: 'server' };
}
