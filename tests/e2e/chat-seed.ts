/**
 * A customer with a rental and a chat link, made the way tablets make them (stock y-websocket
 * clients in Node writing with the app's own writers), and a staff tablet's view of a thread
 * for the chat specs to check what the server holds and to answer as staff.
 */
import { addCustomer, checkOut, readLedger } from '../../src/lib/crdt/ledger.ts';
import { staffOrigin } from '../../src/lib/crdt/origin.ts';
import { readShopProfile, writeShopProfile } from '../../src/lib/crdt/settings.ts';
import { readThread, threadDocName } from '../../src/lib/crdt/thread.ts';
import type { Thread } from '../../src/lib/crdt/thread.ts';
import type { ModelId, UnitId } from '../../src/lib/domain/inventory.ts';
import type { ShopProfile } from '../../src/lib/domain/shop.ts';
import { openDoc, stored, waitFor } from './sync-client.ts';

export { openDoc, waitFor };

export const CHAT_SHOP: Pick<ShopProfile, 'name' | 'phone' | 'address' | 'hours'> = {
	name: '老王渔具租赁',
	phone: '0571-8888 6666',
	address: '千岛湖镇 环湖路 18 号',
	hours: '每天 6:00–19:00'
};

/**
 * Fills in the shop's profile (owner token), adds a customer with one rod out (due tomorrow)
 * and returns the customer's id.
 */
export async function seedChatCustomer(
	baseURL: string,
	ownerToken: string,
	name: string
): Promise<string> {
	const origin = staffOrigin('e2e-seed', 'e2e');
	const settings = openDoc(baseURL, ownerToken, 'settings');
	await settings.synced;
	writeShopProfile(settings.doc, CHAT_SHOP, origin);
	const ledger = openDoc(baseURL, ownerToken, 'ledger');
	await ledger.synced;
	const writer = { origin, device: 'e2e-seed' };
	const customerId = addCustomer(ledger.doc, writer, { name, phone: '', tags: [], note: '' });
	const now = Date.now();
	checkOut(
		ledger.doc,
		writer,
		{
			customerId,
			units: [
				{
					unitId: 'e2e-chat-unit' as UnitId,
					modelId: 'e2e-chat-model' as ModelId,
					code: 'R-0901',
					modelName: '3.6米海竿',
					card: { daily: 3000, weekend: 4000, hourlyLate: 500, deposit: 30_000 },
					replacementValue: 80_000
				}
			],
			calendar: { timeZone: 'Asia/Shanghai', holidays: [], graceMinutes: 60 },
			dueAt: now + 26 * 3_600_000,
			deposit: 30_000,
			depositMethod: 'cash'
		},
		now - 3_600_000
	);
	try {
		await stored(
			baseURL,
			ownerToken,
			'settings',
			(doc) => readShopProfile(doc).name === CHAT_SHOP.name
		);
		await stored(baseURL, ownerToken, 'ledger', (doc) =>
			readLedger(doc).customers.some((c) => c.id === customerId)
		);
	} finally {
		settings.close();
		ledger.close();
	}
	return customerId;
}

/** A staff tablet on a customer's thread: reads it, and writes as that staff member. */
export function staffThread(baseURL: string, staffToken: string, customerId: string) {
	const client = openDoc(baseURL, staffToken, threadDocName(customerId));
	return {
		...client,
		read: (): Thread => readThread(client.doc),
		awareness: client.provider.awareness
	};
}
