/**
 * `POST /api/demo { size: 'shop' | 'large' }` (owner only): fills an empty shop's inventory
 * with the demo shop, written by the server into the `inventory` doc in one transaction, so
 * every tablet that is connected receives it at once and the others at their next sync.
 *
 * → 200 `{ size, models, units }`; 401 without a valid token; 403 for staff; 400 for an unknown
 * size; 409 `inventory_not_empty` when the shop has any model already (demo data never mixes
 * with real gear, and two owners pressing the button at once load it once).
 */
import { readInventory, importInventory, INVENTORY_DOC } from '../../src/lib/crdt/inventory.ts';
import { demoShop, isDemoShopSize } from '../../src/lib/domain/demo-shop.ts';
import { serverOrigin, type DocRegistry } from '../sync/registry.ts';
import type { Peer } from '../sync/hooks.ts';
import { ApiError, bearerToken, readJson } from './json.ts';
import { Router } from './router.ts';

export interface DemoDeps {
	/** The peer a token stands for, or null. */
	authenticate(token: string | null): Peer | null;
	registry: Pick<DocRegistry, 'write'>;
	/** The shop's time zone, for the units' acquired dates. */
	timeZone: string;
	now?: () => number;
}

export function demoRouter(deps: DemoDeps): Router {
	const now = deps.now ?? Date.now;
	return new Router().on('POST', '/api/demo', async ({ req }) => {
		const peer = deps.authenticate(bearerToken(req));
		if (!peer) throw new ApiError(401, 'unauthorized', 'Log in again: this session is not valid');
		if (peer.role !== 'owner')
			throw new ApiError(403, 'owner_only', 'Only the owner can load the demo shop');
		const body = await readJson(req);
		const size = body.size ?? 'shop';
		if (!isDemoShopSize(size))
			throw new ApiError(400, 'bad_input', '"size" must be "shop" or "large"');

		const shop = demoShop({ size, seed: 1, at: now(), timeZone: deps.timeZone });
		let refused = false;
		// Checked inside the write: nothing can reach the doc between the check and the import.
		await deps.registry.write(INVENTORY_DOC, (doc) => {
			if (readInventory(doc).models.length > 0) refused = true;
			else importInventory(doc, shop, serverOrigin);
		});
		if (refused)
			throw new ApiError(
				409,
				'inventory_not_empty',
				'The shop already has gear: the demo shop only goes into an empty inventory'
			);
		return { size, models: shop.models.length, units: shop.units.length };
	});
}
