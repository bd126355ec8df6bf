/**
 * Puts gear into the shop the way a tablet would: a stock y-websocket client in Node writes the
 * `inventory` doc with the app's own writers, and waits until the server has it. Used where a
 * spec needs known codes (R-0011…R-0014) without clicking through the inventory first.
 */
import { createModel, createUnits, readInventory } from '../../src/lib/crdt/inventory.ts';
import { staffOrigin } from '../../src/lib/crdt/origin.ts';
import { SEED_CATEGORY_IDS } from '../../src/lib/domain/categories.ts';
import type { ModelDraft } from '../../src/lib/domain/inventory.ts';
import { openSynced, stored } from './sync-client.ts';

export const SEA_ROD = '租赁测试 3.6米海竿';

const seaRod: ModelDraft = {
	categoryId: SEED_CATEGORY_IDS.seaRod,
	name: SEA_ROD,
	brand: '光威',
	specs: {},
	photos: [],
	rates: { daily: 3000, weekend: 4000, hourlyLate: 500, deposit: 30_000, replacementValue: 80_000 },
	damagePrices: [
		{ id: 'tip', name: '竿梢断裂', amount: 8000 },
		{ id: 'guide', name: '导环损坏', amount: 3000 }
	],
	maintenance: {},
	tracking: 'unit',
	retired: false
};

/** Adds the sea rod model with units R-0011…R-0014 unless R-0012 exists already. */
export async function seedSeaRods(baseURL: string, token: string): Promise<void> {
	const inventory = await openSynced(baseURL, token, 'inventory');
	try {
		const doc = inventory.doc;
		if (readInventory(doc).units.some((unit) => unit.code === 'R-0012')) return;
		const origin = staffOrigin('e2e-seed', 'e2e');
		const modelId = createModel(doc, seaRod, origin);
		const units = ['R-0011', 'R-0012', 'R-0013', 'R-0014'].map((code) => ({
			modelId,
			code,
			notes: '',
			photos: [],
			retired: false
		}));
		createUnits(doc, units, origin);
		await stored(baseURL, token, 'inventory', (stored) =>
			readInventory(stored).units.some((unit) => unit.code === 'R-0014')
		);
	} finally {
		inventory.close();
	}
}
