import { createMemoryStore } from '../../../../server/storage/memory-store.ts';
import { describe, expect, it } from 'vitest';
import { runStoreAcceptanceTests } from './store-acceptance.ts';

runStoreAcceptanceTests('memory', () => ({ store: createMemoryStore() }));

describe('memory store', () => {
	it('refuses use after close, so tests catch a store used past shutdown', () => {
		const store = createMemoryStore();
		store.close();
		expect(() => store.loadDoc('ledger')).toThrow(/closed/);
	});
});
