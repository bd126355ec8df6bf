import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
	CloseUnavailable,
	DocRegistry,
	serverOrigin,
	type RegistryOptions
} from '../../../../server/sync/registry.ts';
import type { SharedDoc } from '../../../../server/sync/shared-doc.ts';
import { waitFor } from '../../../helpers/wait.ts';
import {
	afterTick,
	decoded,
	docFrom,
	docFromStore,
	docWithClient,
	fakeSocket,
	recordingStore,
	updateOf,
	type EventLog,
	type FakeSocket,
	type StoreFaults
} from './fixtures.ts';

function setup(options: Partial<RegistryOptions> = {}, faults: StoreFaults = {}) {
	const log: EventLog = [];
	const store = recordingStore(log, faults);
	const registry = new DocRegistry(store, {
		unloadAfterMs: 60_000,
		compactAfterRows: 1_000,
		...options
	});
	return { log, store, registry };
}

/** A tablet's edit to the inventory: one rod unit added, as its provider would send it. */
function unitAdded(clientID: number, code: string): Uint8Array {
	const tablet = docWithClient(clientID);
	return updateOf(tablet, (d) => d.getMap('units').set(code, { model: 'm1', code }));
}

function units(doc: Y.Doc): string[] {
	return [...doc.getMap('units').keys()].sort();
}

function enqueue(registry: DocRegistry, shared: SharedDoc, from: FakeSocket, update: Uint8Array) {
	registry.enqueue(shared, from, update, decoded(update));
}

afterEach(() => {
	vi.useRealTimers();
});

describe('DocRegistry: durable before relayed', () => {
	it('stores a tick’s change before relaying it, applying it in the same synchronous step', async () => {
		let unitsAtAppend: string[] | null = null;
		let shared: SharedDoc | null = null;
		const { log, store, registry } = setup(
			{},
			{ beforeAppend: () => (unitsAtAppend = units(shared!.doc)) }
		);
		const [a, b, c] = ['A', 'B', 'C'].map((name) => fakeSocket(name, log));
		shared = await registry.acquire('inventory', a);
		await registry.acquire('inventory', b);
		await registry.acquire('inventory', c);
		enqueue(registry, shared, a, unitAdded(11, 'R-0012'));
		enqueue(registry, shared, b, unitAdded(12, 'R-0013'));
		expect(store.appendCalls).toHaveLength(0); // nothing happens before the end of the tick
		log.push('tick ends');
		await afterTick();

		// Applied in memory first (that is how the change is judged), but nobody is sent it
		// before it is on disk, and nothing can read the doc between the two.
		expect(unitsAtAppend).toEqual(['R-0012', 'R-0013']);
		expect(units(shared.doc)).toEqual(['R-0012', 'R-0013']);
		expect(log[0]).toBe('tick ends');
		expect(log[1]).toBe('append');
		expect(log.slice(2).sort()).toEqual(['send:A', 'send:B', 'send:C']);
	});
});

describe('DocRegistry: one write and one frame per tick', () => {
	it('two senders in one tick: ONE stored row, ONE frame per socket holding both', async () => {
		const { store, registry } = setup();
		const [a, b, c] = ['A', 'B', 'C'].map((name) => fakeSocket(name));
		const shared = await registry.acquire('inventory', a);
		await registry.acquire('inventory', b);
		await registry.acquire('inventory', c);
		const fromA = unitAdded(11, 'R-0012');
		const fromB = unitAdded(12, 'R-0013');
		enqueue(registry, shared, a, fromA);
		enqueue(registry, shared, b, fromB);
		await afterTick();

		expect(store.appendCalls).toHaveLength(1);
		expect(store.appendCalls[0]).toHaveLength(1);
		expect(store.appendCalls[0][0].doc).toBe('inventory');
		expect(units(docFrom([store.appendCalls[0][0].update]))).toEqual(['R-0012', 'R-0013']);
		for (const socket of [a, b, c]) {
			expect(socket.frames).toHaveLength(1);
			expect(units(docFrom(socket.updates()))).toEqual(['R-0012', 'R-0013']);
		}
		expect(units(shared.doc)).toEqual(['R-0012', 'R-0013']);
	});

	it('one sender gets no echo; everyone else gets one merged frame', async () => {
		const { store, registry } = setup();
		const [a, b] = ['A', 'B'].map((name) => fakeSocket(name));
		const shared = await registry.acquire('inventory', a);
		await registry.acquire('inventory', b);
		const tablet = docWithClient(11);
		const first = updateOf(tablet, (d) => d.getMap('units').set('R-0012', { code: 'R-0012' }));
		const second = updateOf(tablet, (d) => d.getMap('units').set('R-0013', { code: 'R-0013' }));
		enqueue(registry, shared, a, first);
		enqueue(registry, shared, a, second);
		await afterTick();

		expect(a.frames).toEqual([]);
		expect(b.frames).toHaveLength(1);
		expect(units(docFrom(b.updates()))).toEqual(['R-0012', 'R-0013']);
		expect(store.appendCalls).toHaveLength(1);
	});

	it('a single sender’s update is applied with that socket as the origin; several, the server', async () => {
		const { registry } = setup();
		const [a, b] = ['A', 'B'].map((name) => fakeSocket(name));
		const shared = await registry.acquire('inventory', a);
		await registry.acquire('inventory', b);
		const origins: unknown[] = [];
		shared.doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
		enqueue(registry, shared, a, unitAdded(11, 'R-1'));
		await afterTick();
		enqueue(registry, shared, a, unitAdded(12, 'R-2'));
		enqueue(registry, shared, b, unitAdded(13, 'R-3'));
		await afterTick();
		expect(origins).toEqual([a, serverOrigin]);
	});

	it('updates to two docs in one tick share the one append, each doc relays its own', async () => {
		const { store, registry } = setup();
		const a = fakeSocket('A');
		const b = fakeSocket('B');
		const inventory = await registry.acquire('inventory', a);
		const ledger = await registry.acquire('ledger', b);
		const watchInventory = fakeSocket('watch-inventory');
		const watchLedger = fakeSocket('watch-ledger');
		await registry.acquire('inventory', watchInventory);
		await registry.acquire('ledger', watchLedger);
		enqueue(registry, inventory, a, unitAdded(11, 'R-0012'));
		const rental = updateOf(docWithClient(12), (d) =>
			d.getArray('events').push([{ kind: 'checkedOut', unit: 'R-0012' }])
		);
		enqueue(registry, ledger, b, rental);
		await afterTick();
		expect(store.appendCalls).toHaveLength(1);
		expect(store.appendCalls[0].map((u) => u.doc)).toEqual(['inventory', 'ledger']);
		expect(units(docFrom(watchInventory.updates()))).toEqual(['R-0012']);
		expect(docFrom(watchLedger.updates()).getArray('events').length).toBe(1);
	});

	it('calls afterApply once per doc, after the tick’s updates are in the doc', async () => {
		const seen: [string, string[]][] = [];
		const { registry } = setup({ afterApply: (name, doc) => seen.push([name, units(doc)]) });
		const a = fakeSocket('A');
		const shared = await registry.acquire('inventory', a);
		enqueue(registry, shared, a, unitAdded(11, 'R-1'));
		enqueue(registry, shared, a, unitAdded(12, 'R-2'));
		await afterTick();
		expect(seen).toEqual([['inventory', ['R-1', 'R-2']]]);
	});
});

describe('DocRegistry: storage failures', () => {
	it('a failed append: nothing relayed, sockets closed 4503, the doc reloads from disk', async () => {
		let failing = false;
		const logged: string[] = [];
		const { store, registry } = setup(
			{ log: (message) => logged.push(message) },
			{
				beforeAppend: () => {
					if (failing) throw new Error('disk full');
				}
			}
		);
		const [a, b] = ['A', 'B'].map((name) => fakeSocket(name));
		const shared = await registry.acquire('inventory', a);
		await registry.acquire('inventory', b);
		enqueue(registry, shared, a, unitAdded(11, 'R-0012'));
		await afterTick();
		expect(b.frames).toHaveLength(1);

		failing = true;
		enqueue(registry, shared, a, unitAdded(12, 'R-0013'));
		let flushed = false;
		registry.whenFlushed(shared, () => (flushed = true));
		await afterTick();

		expect(a.frames).toHaveLength(0);
		expect(b.frames).toHaveLength(1);
		expect(a.closes.map((c) => c.code)).toEqual([4503]);
		expect(b.closes.map((c) => c.code)).toEqual([CloseUnavailable]);
		expect(flushed).toBe(false);
		expect(logged).toHaveLength(1);
		expect(registry.isLoaded('inventory')).toBe(false);

		failing = false;
		const reloaded = await registry.acquire('inventory', fakeSocket('C'));
		expect(reloaded).not.toBe(shared);
		expect(store.loads).toBe(2);
		expect(units(reloaded.doc)).toEqual(['R-0012']);
		expect(store.loadDoc('inventory').rows).toBe(1);
	});

	it('a failed append drops every doc in that tick, and only those', async () => {
		let failing = false;
		const { registry } = setup(
			{},
			{
				beforeAppend: () => {
					if (failing) throw new Error('disk full');
				}
			}
		);
		const a = fakeSocket('A');
		const idle = fakeSocket('idle');
		const inventory = await registry.acquire('inventory', a);
		const ledger = await registry.acquire('ledger', a);
		await registry.acquire('settings', idle);
		failing = true;
		enqueue(registry, inventory, a, unitAdded(11, 'R-1'));
		enqueue(registry, ledger, a, unitAdded(12, 'R-2'));
		await afterTick();
		expect(registry.isLoaded('inventory')).toBe(false);
		expect(registry.isLoaded('ledger')).toBe(false);
		expect(registry.isLoaded('settings')).toBe(true);
		expect(idle.closes).toEqual([]);
	});

	it('a failed load rejects the acquire, and a later acquire tries again', async () => {
		let failures = 1;
		const { store, registry } = setup(
			{},
			{
				beforeLoad: () => {
					if (failures-- > 0) throw new Error('database is locked');
				}
			}
		);
		await expect(registry.acquire('ledger', fakeSocket('A'))).rejects.toThrow('database is locked');
		expect(registry.isLoaded('ledger')).toBe(false);
		const shared = await registry.acquire('ledger', fakeSocket('B'));
		expect(registry.isLoaded('ledger')).toBe(true);
		expect(shared.sockets.size).toBe(1);
		expect(store.loads).toBe(2);
	});

	it('acquires that arrive while a doc loads share the one load', async () => {
		const { store, registry } = setup();
		const [first, second] = await Promise.all([
			registry.acquire('ledger', fakeSocket('A')),
			registry.acquire('ledger', fakeSocket('B'))
		]);
		expect(first).toBe(second);
		expect(first.sockets.size).toBe(2);
		expect(store.loads).toBe(1);
	});

	it('loads what the store holds before anyone sees the doc', async () => {
		const { store, registry } = setup();
		store.appendUpdates([
			{ doc: 'inventory', update: unitAdded(11, 'R-1') },
			{ doc: 'inventory', update: unitAdded(12, 'R-2') }
		]);
		const shared = await registry.acquire('inventory', fakeSocket('A'));
		expect(units(shared.doc)).toEqual(['R-1', 'R-2']);
		expect(shared.rows).toBe(2);
	});
});

describe('DocRegistry: compaction and unload', () => {
	it('past compactAfterRows the rows become one snapshot that loads into an equal doc', async () => {
		const { store, registry } = setup({ compactAfterRows: 3 });
		const a = fakeSocket('A');
		const shared = await registry.acquire('inventory', a);
		for (const [i, code] of ['R-1', 'R-2', 'R-3'].entries()) {
			enqueue(registry, shared, a, unitAdded(11 + i, code));
			await afterTick();
		}
		expect(store.loadDoc('inventory').rows).toBe(3);
		enqueue(registry, shared, a, unitAdded(14, 'R-4'));
		await afterTick();

		expect(store.loadDoc('inventory').rows).toBe(1);
		const loaded = docFromStore(store, 'inventory');
		expect(loaded.getMap('units').toJSON()).toEqual(shared.doc.getMap('units').toJSON());
		expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(shared.doc));
		expect(shared.rows).toBe(1);
	});

	it('a doc with no sockets leaves memory after unloadAfterMs, compacted', async () => {
		const { store, registry } = setup({ unloadAfterMs: 20 });
		const a = fakeSocket('A');
		const shared = await registry.acquire('inventory', a);
		enqueue(registry, shared, a, unitAdded(11, 'R-1'));
		enqueue(registry, shared, a, unitAdded(12, 'R-2'));
		await afterTick();
		enqueue(registry, shared, a, unitAdded(13, 'R-3'));
		await afterTick();
		expect(store.loadDoc('inventory').rows).toBe(2); // one row per tick

		registry.release(shared, a);
		expect(registry.isLoaded('inventory')).toBe(true);
		await waitFor(() => !registry.isLoaded('inventory'), { message: 'the doc to unload' });
		expect(registry.size).toBe(0);
		expect(store.loadDoc('inventory').rows).toBe(1);
		expect(units(docFromStore(store, 'inventory'))).toEqual(['R-1', 'R-2', 'R-3']);
	});

	it('waits the full delay, and a new socket in the meantime keeps the doc', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const { registry } = setup({ unloadAfterMs: 1_000 });
		const [a, b] = ['A', 'B'].map((name) => fakeSocket(name));
		const shared = await registry.acquire('inventory', a);
		registry.release(shared, a);
		vi.advanceTimersByTime(999);
		expect(registry.isLoaded('inventory')).toBe(true);
		await registry.acquire('inventory', b);
		vi.advanceTimersByTime(5_000);
		expect(registry.isLoaded('inventory')).toBe(true);
		registry.release(shared, b);
		vi.advanceTimersByTime(1_000);
		expect(registry.isLoaded('inventory')).toBe(false);
	});

	it('a doc with one socket left stays', async () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const { registry } = setup({ unloadAfterMs: 10 });
		const [a, b] = ['A', 'B'].map((name) => fakeSocket(name));
		const shared = await registry.acquire('inventory', a);
		await registry.acquire('inventory', b);
		registry.release(shared, a);
		vi.advanceTimersByTime(1_000);
		expect(registry.isLoaded('inventory')).toBe(true);
	});

	it('closeAll stores what is queued and compacts before letting go', async () => {
		const { store, registry } = setup();
		const a = fakeSocket('A');
		const shared = await registry.acquire('inventory', a);
		enqueue(registry, shared, a, unitAdded(11, 'R-1'));
		await afterTick();
		enqueue(registry, shared, a, unitAdded(12, 'R-2'));
		registry.closeAll();
		expect(registry.size).toBe(0);
		expect(store.loadDoc('inventory').rows).toBe(1);
		expect(units(docFromStore(store, 'inventory'))).toEqual(['R-1', 'R-2']);
	});
});

describe('DocRegistry.whenFlushed', () => {
	it('runs after the queued updates are stored and applied, not before', async () => {
		const { store, registry } = setup();
		const a = fakeSocket('A');
		const shared = await registry.acquire('inventory', a);
		enqueue(registry, shared, a, unitAdded(11, 'R-1'));
		const seen: { units: string[]; rows: number }[] = [];
		registry.whenFlushed(shared, () =>
			seen.push({ units: units(shared.doc), rows: store.loadDoc('inventory').rows })
		);
		expect(seen).toEqual([]);
		await afterTick();
		expect(seen).toEqual([{ units: ['R-1'], rows: 1 }]);
	});

	it('runs at once when nothing is queued', async () => {
		const { registry } = setup();
		const shared = await registry.acquire('inventory', fakeSocket('A'));
		let ran = false;
		registry.whenFlushed(shared, () => (ran = true));
		expect(ran).toBe(true);
	});

	// An update that only deletes has no structs, so no clocks: whenFlushed must count
	// queued updates, not clocks, or a step 1 answered in that tick misses the deletion.
	it('waits for a queued update that only deletes', async () => {
		const { registry } = setup();
		const a = fakeSocket('A');
		const tablet = docWithClient(11);
		const added = updateOf(tablet, (d) => d.getMap('units').set('R-1', { code: 'R-1' }));
		const shared = await registry.acquire('inventory', a);
		enqueue(registry, shared, a, added);
		await afterTick();
		const removed = updateOf(tablet, (d) => d.getMap('units').delete('R-1'));
		expect(decoded(removed).structs).toHaveLength(0);
		enqueue(registry, shared, a, removed);
		const seen: string[][] = [];
		registry.whenFlushed(shared, () => seen.push(units(shared.doc)));
		await afterTick();
		expect(seen).toEqual([[]]);
	});
});

describe('DocRegistry.write (a change the server makes itself)', () => {
	it('stores, then relays to every socket, a server-originated change', async () => {
		const { log, store, registry } = setup();
		const [a, b] = ['A', 'B'].map((name) => fakeSocket(name, log));
		await registry.acquire('inbox', a);
		await registry.acquire('inbox', b);
		await registry.write('inbox', (doc) =>
			doc.getMap('threads').set('c-88', { last: '明早八点开门', unread: 1 })
		);
		expect(log[0]).toBe('append');
		expect(log.slice(1).sort()).toEqual(['send:A', 'send:B']);
		for (const socket of [a, b]) {
			expect(docFrom(socket.updates()).getMap('threads').get('c-88')).toEqual({
				last: '明早八点开门',
				unread: 1
			});
		}
		expect(docFromStore(store, 'inbox').getMap('threads').size).toBe(1);
	});

	it('applies with the server origin, and writes nothing for no change', async () => {
		const { store, registry } = setup();
		const a = fakeSocket('A');
		const shared = await registry.acquire('inbox', a);
		const origins: unknown[] = [];
		shared.doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
		await registry.write('inbox', (doc) => doc.getMap('threads').set('c-88', { unread: 0 }));
		await registry.write('inbox', () => {});
		expect(origins).toEqual([serverOrigin]);
		expect(store.appendCalls).toHaveLength(1);
		expect(a.frames).toHaveLength(1);
	});

	it('loads a doc nobody has open, and lets it go afterwards', async () => {
		const { store, registry } = setup({ unloadAfterMs: 10 });
		await registry.write('inbox', (doc) => doc.getMap('threads').set('c-88', { unread: 2 }));
		expect(store.loadDoc('inbox').rows).toBe(1);
		await waitFor(() => !registry.isLoaded('inbox'), { message: 'the inbox to unload' });
		expect(docFromStore(store, 'inbox').getMap('threads').get('c-88')).toEqual({ unread: 2 });
	});

	it('a failed store rejects, relays nothing, closes 4503 and reloads from disk', async () => {
		let failing = false;
		const { registry } = setup(
			{},
			{
				beforeAppend: () => {
					if (failing) throw new Error('disk full');
				}
			}
		);
		const a = fakeSocket('A');
		await registry.acquire('inbox', a);
		await registry.write('inbox', (doc) => doc.getMap('threads').set('c-1', { unread: 1 }));
		failing = true;
		await expect(
			registry.write('inbox', (doc) => doc.getMap('threads').set('c-2', { unread: 1 }))
		).rejects.toThrow('disk full');
		expect(a.frames).toHaveLength(1);
		expect(a.closes.map((c) => c.code)).toEqual([CloseUnavailable]);
		expect(registry.isLoaded('inbox')).toBe(false);
		failing = false;
		const reloaded = await registry.acquire('inbox', null);
		expect([...reloaded.doc.getMap('threads').keys()]).toEqual(['c-1']);
	});
});

describe('DocRegistry.claimClients', () => {
	it('remembers a guarded peer’s client ids across an unload', async () => {
		const { registry } = setup({ unloadAfterMs: 10 });
		const a = fakeSocket('A');
		const shared = await registry.acquire('thread:c-88', a);
		registry.claimClients(shared, 'c-88', [500, 501]);
		registry.claimClients(shared, 'c-99', [500, 600]); // 500 is taken: only 600 is new
		expect([...shared.ownClientsOf('c-88')]).toEqual([500, 501]);
		registry.release(shared, a);
		await waitFor(() => !registry.isLoaded('thread:c-88'), { message: 'the thread to unload' });
		const reloaded = await registry.acquire('thread:c-88', null);
		expect(reloaded).not.toBe(shared);
		expect([...reloaded.ownClientsOf('c-88')].sort()).toEqual([500, 501]);
		expect([...reloaded.ownClientsOf('c-99')]).toEqual([600]);
	});
});

describe('DocRegistry: what a writer’s update really changes', () => {
	it('a resent update that adds nothing costs no row and no frame', async () => {
		const { store, registry } = setup();
		const [a, b] = ['A', 'B'].map((name) => fakeSocket(name));
		const shared = await registry.acquire('inventory', a);
		await registry.acquire('inventory', b);
		const update = unitAdded(11, 'R-0012');
		enqueue(registry, shared, a, update);
		await afterTick();
		enqueue(registry, shared, a, update); // a reconnecting tablet sends it again
		enqueue(registry, shared, a, Y.encodeStateAsUpdate(new Y.Doc())); // and an empty step 2
		await afterTick();
		expect(store.loadDoc('inventory').rows).toBe(1);
		expect(b.frames).toHaveLength(1);
	});

	it('closes a writer whose bytes are no Yjs update with 4400 and stores nothing of it', async () => {
		const { store, registry } = setup();
		const [a, b] = ['A', 'B'].map((name) => fakeSocket(name));
		const shared = await registry.acquire('inventory', a);
		await registry.acquire('inventory', b);
		registry.enqueue(shared, a, Uint8Array.from([3, 255, 255, 255, 1])); // a writer: not decoded first
		enqueue(registry, shared, b, unitAdded(12, 'R-0013'));
		await afterTick();
		expect(a.closes.map((c) => c.code)).toEqual([4400]);
		expect(units(docFromStore(store, 'inventory'))).toEqual(['R-0013']);
		expect(units(shared.doc)).toEqual(['R-0013']);
	});

	it('stores nothing of a lone update Yjs cannot read', async () => {
		const { store, registry } = setup();
		const a = fakeSocket('A');
		const shared = await registry.acquire('inventory', a);
		registry.enqueue(shared, a, Uint8Array.from([1, 1, 200, 1, 0, 9, 9]));
		await afterTick();
		expect(a.closes.map((c) => c.code)).toEqual([4400]);
		expect(store.loadDoc('inventory').rows).toBe(0);
	});
});
