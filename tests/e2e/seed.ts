/**
 * Puts gear into the shop the way a tablet would: a stock y-websocket client in Node writes the
 * `inventory` doc with the app's own writers, and waits until the server has it. Used where a
 * spec needs known codes (R-0011…R-0014) without clicking through the inventory first.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createModel, createUnits, readInventory } from '../../src/lib/crdt/inventory.ts';
import { staffOrigin } from '../../src/lib/crdt/origin.ts';
import { SEED_CATEGORY_IDS } from '../../src/lib/domain/categories.ts';
import type { ModelDraft } from '../../src/lib/domain/inventory.ts';

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

function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const poll = () => {
			if (check()) resolve();
			else if (Date.now() - started > timeoutMs) reject(new Error(`timed out: ${what}`));
			else setTimeout(poll, 50);
		};
		poll();
	});
}

/** Adds the sea rod model with units R-0011…R-0014 unless R-0012 exists already. */
export async function seedSeaRods(baseURL: string, token: string): Promise<void> {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(
		`${baseURL.replace(/^http/, 'ws')}/sync`,
		'inventory',
		doc,
		{
			params: { token },
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true
		}
	);
	try {
		await waitFor(() => provider.synced, 'inventory synced');
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
		// A second client sees the units only once the server holds them.
		const check = new Y.Doc();
		const reader = new WebsocketProvider(
			`${baseURL.replace(/^http/, 'ws')}/sync`,
			'inventory',
			check,
			{
				params: { token },
				WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
				disableBc: true
			}
		);
		await waitFor(
			() => readInventory(check).units.some((unit) => unit.code === 'R-0014'),
			'units stored'
		);
		reader.destroy();
	} finally {
		provider.destroy();
	}
}
