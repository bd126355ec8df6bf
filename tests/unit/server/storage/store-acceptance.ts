import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NameTakenError } from '../../../../server/storage/store.ts';
import type { Account, Store } from '../../../../server/storage/store.ts';

/** What a store implementation hands the suite: a fresh store, and optionally a way to reopen it. */
export interface StoreSetup {
	store: Store;
	/** Opens the same data again after `store.close()`; given only by durable stores. */
	reopen?: () => Store;
	cleanup?: () => void;
}

const bytes = (...values: number[]) => new Uint8Array(values);

function account(overrides: Partial<Account> = {}): Account {
	return {
		id: 'acc-wang',
		name: 'Wang',
		role: 'staff',
		pinHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA',
		active: true,
		createdAt: 1_700_000_000_000,
		...overrides
	};
}

/** Records every update a Y.Doc emits, as a client would send them. */
function recordUpdates(doc: Y.Doc): Uint8Array[] {
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	return updates;
}

function docFrom(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

/** What a shop would see in the doc: the top-level types `typeRentals` writes. */
function contentOf(doc: Y.Doc): unknown {
	return { events: doc.getArray('events').toJSON(), units: doc.getMap('units').toJSON() };
}

/** Rentals typed on a tablet one by one: each push is one update. */
function typeRentals(doc: Y.Doc, from: number, to: number): void {
	for (let i = from; i < to; i++) {
		doc.transact(() => {
			doc.getArray('events').push([{ id: `e${i}`, kind: 'checkedOut', unit: `R-${i}` }]);
			doc.getMap('units').set(`R-${i}`, { code: `R-${i}` });
			if (i % 3 === 0) doc.getMap('units').delete(`R-${i - 1}`);
		});
	}
}

/**
 * The contract every `Store` keeps (automerge-repo's `runStorageAdapterTests` pattern):
 * call it from one spec per implementation.
 */
export function runStoreAcceptanceTests(name: string, setup: () => StoreSetup): void {
	describe(`Store acceptance: ${name}`, () => {
		let ctx: StoreSetup;
		let store: Store;

		beforeEach(() => {
			ctx = setup();
			store = ctx.store;
		});
		afterEach(() => {
			store.close();
			ctx.cleanup?.();
		});

		describe('documents', () => {
			it('loads an unknown doc as empty', () => {
				expect(store.loadDoc('inventory')).toEqual({ updates: [], rows: 0 });
			});

			it('keeps append order across batches', () => {
				store.appendUpdates([{ doc: 'ledger', update: bytes(1) }]);
				store.appendUpdates([
					{ doc: 'ledger', update: bytes(2) },
					{ doc: 'ledger', update: bytes(3, 3) }
				]);
				store.appendUpdates([]);
				expect(store.loadDoc('ledger')).toEqual({
					updates: [bytes(1), bytes(2), bytes(3, 3)],
					rows: 3
				});
			});

			it('stores several docs of one batch apart', () => {
				store.appendUpdates([
					{ doc: 'ledger', update: bytes(1) },
					{ doc: 'thread:c1', update: bytes(2) },
					{ doc: 'ledger', update: bytes(3) }
				]);
				expect(store.loadDoc('ledger').updates).toEqual([bytes(1), bytes(3)]);
				expect(store.loadDoc('thread:c1').updates).toEqual([bytes(2)]);
				expect(store.listDocs().sort()).toEqual(['ledger', 'thread:c1']);
			});

			it('returns plain Uint8Arrays and is not changed through them', () => {
				const sent = bytes(7, 8, 9);
				store.appendUpdates([{ doc: 'ledger', update: sent.subarray(1) }]);
				sent[1] = 0;
				const [loaded] = store.loadDoc('ledger').updates;
				expect(loaded).toBeInstanceOf(Uint8Array);
				expect(loaded).toEqual(bytes(8, 9));
				loaded[0] = 0;
				expect(store.loadDoc('ledger').updates).toEqual([bytes(8, 9)]);
			});

			it('lists no docs when empty', () => {
				expect(store.listDocs()).toEqual([]);
			});
		});

		describe('compaction', () => {
			it('replaces the covered rows and keeps rows appended after the count', () => {
				store.appendUpdates([1, 2, 3].map((n) => ({ doc: 'ledger', update: bytes(n) })));
				const { rows } = store.loadDoc('ledger');
				store.appendUpdates([{ doc: 'ledger', update: bytes(4) }]);
				store.appendUpdates([{ doc: 'ledger', update: bytes(5) }]);
				store.compactDoc('ledger', bytes(9, 9), rows);
				expect(store.loadDoc('ledger')).toEqual({
					updates: [bytes(9, 9), bytes(4), bytes(5)],
					rows: 3
				});
				store.appendUpdates([{ doc: 'ledger', update: bytes(6) }]);
				expect(store.loadDoc('ledger').updates.at(-1)).toEqual(bytes(6));
			});

			it('leaves other docs alone even when their rows interleave', () => {
				store.appendUpdates([
					{ doc: 'ledger', update: bytes(1) },
					{ doc: 'inbox', update: bytes(2) },
					{ doc: 'ledger', update: bytes(3) },
					{ doc: 'inbox', update: bytes(4) },
					{ doc: 'ledger', update: bytes(5) }
				]);
				store.compactDoc('ledger', bytes(13), 2);
				expect(store.loadDoc('ledger').updates).toEqual([bytes(13), bytes(5)]);
				expect(store.loadDoc('inbox').updates).toEqual([bytes(2), bytes(4)]);
			});

			it('replaces what is there when fewer rows remain than were counted', () => {
				store.appendUpdates([1, 2].map((n) => ({ doc: 'ledger', update: bytes(n) })));
				store.compactDoc('ledger', bytes(12), 5);
				expect(store.loadDoc('ledger')).toEqual({ updates: [bytes(12)], rows: 1 });
			});

			it('treats a count of zero as nothing to do and rejects a negative one', () => {
				store.appendUpdates([{ doc: 'ledger', update: bytes(1) }]);
				store.compactDoc('ledger', bytes(9), 0);
				expect(store.loadDoc('ledger').updates).toEqual([bytes(1)]);
				expect(() => store.compactDoc('ledger', bytes(9), -1)).toThrow(RangeError);
			});

			it('loads a compacted doc equal to the uncompacted one', () => {
				const tablet = new Y.Doc();
				const sent = recordUpdates(tablet);
				typeRentals(tablet, 0, 20);
				const batch = (doc: string, from: number, to: number) =>
					store.appendUpdates(sent.slice(from, to).map((update) => ({ doc, update })));
				for (const doc of ['ledger', 'ledger-plain']) batch(doc, 0, 20);

				const counted = store.loadDoc('ledger');
				typeRentals(tablet, 20, 30);
				for (const doc of ['ledger', 'ledger-plain']) batch(doc, 20, 30);
				store.compactDoc('ledger', Y.mergeUpdates(counted.updates), counted.rows);
				typeRentals(tablet, 30, 35);
				for (const doc of ['ledger', 'ledger-plain']) batch(doc, 30, 35);

				const compacted = store.loadDoc('ledger');
				expect(compacted.rows).toBe(1 + 10 + 5);
				expect(tablet.getArray('events').length).toBe(35);
				const fromCompacted = docFrom(compacted.updates);
				const fromPlain = docFrom(store.loadDoc('ledger-plain').updates);
				expect(contentOf(fromCompacted)).toEqual(contentOf(tablet));
				expect(contentOf(fromCompacted)).toEqual(contentOf(fromPlain));
				expect(Y.encodeStateVector(fromCompacted)).toEqual(Y.encodeStateVector(tablet));
			});

			it('compacts a doc that already holds a snapshot', () => {
				const tablet = new Y.Doc();
				const sent = recordUpdates(tablet);
				typeRentals(tablet, 0, 10);
				store.appendUpdates(sent.map((update) => ({ doc: 'inventory', update })));
				for (let round = 0; round < 3; round++) {
					const { updates, rows } = store.loadDoc('inventory');
					store.compactDoc('inventory', Y.mergeUpdates(updates), rows);
					sent.length = 0;
					typeRentals(tablet, 10 + round * 5, 15 + round * 5);
					store.appendUpdates(sent.map((update) => ({ doc: 'inventory', update })));
				}
				const loaded = store.loadDoc('inventory');
				expect(loaded.rows).toBe(1 + 5);
				expect(contentOf(docFrom(loaded.updates))).toEqual(contentOf(tablet));
			});
		});

		describe('accounts', () => {
			it('puts, gets, lists and replaces accounts by id', () => {
				expect(store.listAccounts()).toEqual([]);
				expect(store.getAccount('acc-wang')).toBeUndefined();
				const owner = account({ id: 'acc-li', name: '李老板', role: 'owner', createdAt: 1 });
				store.putAccount(account());
				store.putAccount(owner);
				expect(store.getAccount('acc-wang')).toEqual(account());
				expect(store.listAccounts()).toEqual([owner, account()]);

				const renamed = account({ name: 'Wang Wei', active: false, pinHash: 'scrypt$x' });
				store.putAccount(renamed);
				expect(store.getAccount('acc-wang')).toEqual(renamed);
				expect(store.listAccounts()).toHaveLength(2);
			});

			it('finds an account by name whatever its case', () => {
				store.putAccount(account({ name: 'Wang Wei' }));
				store.putAccount(account({ id: 'acc-zhang', name: '张师傅' }));
				expect(store.findAccountByName('wang wei')?.id).toBe('acc-wang');
				expect(store.findAccountByName('WANG WEI ')?.id).toBe('acc-wang');
				expect(store.findAccountByName('张师傅')?.id).toBe('acc-zhang');
				expect(store.findAccountByName('Wang')).toBeUndefined();
			});

			it('refuses a second account whose name differs only in case', () => {
				store.putAccount(account({ name: 'Wang' }));
				const clash = account({ id: 'acc-other', name: 'WANG' });
				expect(() => store.putAccount(clash)).toThrow(NameTakenError);
				expect(store.getAccount('acc-other')).toBeUndefined();
				expect(store.getAccount('acc-wang')?.name).toBe('Wang');
			});

			it('lets an account change the case of its own name', () => {
				store.putAccount(account({ name: 'wang' }));
				store.putAccount(account({ name: 'Wang' }));
				expect(store.listAccounts().map((a) => a.name)).toEqual(['Wang']);
			});

			it('hands out copies', () => {
				const sent = account();
				store.putAccount(sent);
				sent.active = false;
				const got = store.getAccount('acc-wang')!;
				got.name = 'Mallory';
				expect(store.getAccount('acc-wang')).toEqual(account());
			});
		});

		describe('meta', () => {
			it('sets, gets, overwrites and deletes', () => {
				expect(store.getMeta('setupCode')).toBeUndefined();
				store.setMeta('setupCode', '123456');
				store.setMeta('setupCode', '654321');
				store.setMeta('schema', '');
				expect(store.getMeta('setupCode')).toBe('654321');
				expect(store.getMeta('schema')).toBe('');
				store.setMeta('setupCode', undefined);
				store.setMeta('never-set', undefined);
				expect(store.getMeta('setupCode')).toBeUndefined();
			});
		});

		describe('attachments', () => {
			const photo = {
				hash: 'ab'.repeat(32),
				mime: 'image/jpeg',
				size: 1234,
				createdAt: 1_700_000_000_000,
				uploader: 'acc-wang'
			};

			it('knows nothing of an unknown hash', () => {
				expect(store.getAttachment(photo.hash)).toBeUndefined();
			});

			it('records an attachment once and says whether it was new', () => {
				expect(store.putAttachment({ ...photo, scope: 'inventory' })).toBe(true);
				expect(store.getAttachment(photo.hash)).toEqual({ ...photo, scopes: ['inventory'] });
				expect(store.putAttachment({ ...photo, scope: 'inventory' })).toBe(false);
				expect(store.getAttachment(photo.hash)?.scopes).toEqual(['inventory']);
			});

			it('adds a new scope to the same bytes and keeps what the first upload said', () => {
				store.putAttachment({ ...photo, scope: 'thread:c2' });
				const later = { ...photo, mime: 'image/png', createdAt: 2, uploader: 'c1' };
				expect(store.putAttachment({ ...later, scope: 'thread:c1' })).toBe(false);
				expect(store.getAttachment(photo.hash)).toEqual({
					...photo,
					scopes: ['thread:c1', 'thread:c2']
				});
			});

			it('keeps attachments apart and hands out copies', () => {
				const voice = { ...photo, hash: 'cd'.repeat(32), mime: 'audio/webm', size: 99 };
				store.putAttachment({ ...photo, scope: 'inventory' });
				store.putAttachment({ ...voice, scope: 'thread:c1' });
				const got = store.getAttachment(voice.hash)!;
				got.scopes.push('inventory');
				expect(store.getAttachment(voice.hash)).toEqual({ ...voice, scopes: ['thread:c1'] });
				expect(store.getAttachment(photo.hash)?.scopes).toEqual(['inventory']);
			});
		});

		describe('customer links', () => {
			const link = {
				customerId: 'c1',
				linkId: 'link-1',
				createdAt: 1_700_000_000_000,
				createdBy: 'acc-wang'
			};

			it('knows no link for a customer who was never given one', () => {
				expect(store.getCustomerLink('c1')).toBeUndefined();
				expect(store.deleteCustomerLink('c1')).toBe(false);
			});

			it('keeps one link per customer: a new one replaces the old', () => {
				store.putCustomerLink(link);
				store.putCustomerLink({ ...link, customerId: 'c2', linkId: 'link-2' });
				expect(store.getCustomerLink('c1')).toEqual(link);
				const reissued = { ...link, linkId: 'link-3', createdAt: 2, createdBy: 'acc-li' };
				store.putCustomerLink(reissued);
				expect(store.getCustomerLink('c1')).toEqual(reissued);
				expect(store.getCustomerLink('c2')?.linkId).toBe('link-2');
			});

			it('revokes a link and says whether there was one', () => {
				store.putCustomerLink(link);
				expect(store.deleteCustomerLink('c1')).toBe(true);
				expect(store.getCustomerLink('c1')).toBeUndefined();
				expect(store.deleteCustomerLink('c1')).toBe(false);
				store.putCustomerLink({ ...link, linkId: 'link-4' });
				expect(store.getCustomerLink('c1')?.linkId).toBe('link-4');
			});

			it('hands out copies', () => {
				const sent = { ...link };
				store.putCustomerLink(sent);
				sent.linkId = 'changed';
				store.getCustomerLink('c1')!.linkId = 'changed too';
				expect(store.getCustomerLink('c1')).toEqual(link);
			});
		});

		describe('groups', () => {
			const seaAnglers = { id: 'g-sea', name: '海钓爱好者', createdAt: 1_700_000_000_000 };
			const beginners = { id: 'g-new', name: '野钓新手群', createdAt: 1_700_000_000_001 };

			it('knows no groups at first', () => {
				expect(store.listGroups()).toEqual([]);
				expect(store.getGroup('g-sea')).toBeUndefined();
				expect(store.groupsOf('c1')).toEqual([]);
				expect(store.isGroupMember('g-sea', 'c1')).toBe(false);
			});

			it('creates groups, lists them oldest first, and renames one keeping its members', () => {
				store.putGroup(beginners);
				store.putGroup(seaAnglers);
				store.addGroupMembers('g-sea', ['c2', 'c1']);
				store.putGroup({ ...seaAnglers, name: '海钓群', createdAt: 5 });
				expect(store.listGroups()).toEqual([
					{ ...seaAnglers, name: '海钓群', members: ['c1', 'c2'] },
					{ ...beginners, members: [] }
				]);
			});

			it('adds members once, says who is new, and adds nobody to an unknown group', () => {
				store.putGroup(seaAnglers);
				expect(store.addGroupMembers('g-sea', ['c3', 'c1', 'c3']).sort()).toEqual(['c1', 'c3']);
				expect(store.addGroupMembers('g-sea', ['c1', 'c2'])).toEqual(['c2']);
				expect(store.getGroup('g-sea')?.members).toEqual(['c1', 'c2', 'c3']);
				expect(store.addGroupMembers('g-none', ['c1'])).toEqual([]);
				expect(store.getGroup('g-none')).toBeUndefined();
			});

			it('removes a member and says whether they were one', () => {
				store.putGroup(seaAnglers);
				store.addGroupMembers('g-sea', ['c1', 'c2']);
				expect(store.removeGroupMember('g-sea', 'c1')).toBe(true);
				expect(store.removeGroupMember('g-sea', 'c1')).toBe(false);
				expect(store.removeGroupMember('g-none', 'c2')).toBe(false);
				expect(store.isGroupMember('g-sea', 'c1')).toBe(false);
				expect(store.isGroupMember('g-sea', 'c2')).toBe(true);
			});

			it('lists the groups a customer belongs to', () => {
				store.putGroup(seaAnglers);
				store.putGroup(beginners);
				store.addGroupMembers('g-new', ['c1']);
				store.addGroupMembers('g-sea', ['c1', 'c2']);
				expect(store.groupsOf('c1').map((g) => g.id)).toEqual(['g-sea', 'g-new']);
				expect(store.groupsOf('c2')).toEqual([{ ...seaAnglers, members: ['c1', 'c2'] }]);
				expect(store.isGroupMember('g-new', 'c2')).toBe(false);
			});

			it('hands out copies', () => {
				store.putGroup(seaAnglers);
				store.addGroupMembers('g-sea', ['c1']);
				const got = store.getGroup('g-sea')!;
				got.members.push('c9');
				got.name = 'changed';
				store.listGroups()[0].members.push('c8');
				expect(store.getGroup('g-sea')).toEqual({ ...seaAnglers, members: ['c1'] });
			});
		});

		describe('broadcasts', () => {
			const delivery = { customerId: 'c1', messageId: 'm1', at: 1_000, by: 'acc-wang' };

			it('records deliveries and answers when a customer received them since a time', () => {
				expect(store.broadcastTimes('c1', 0)).toEqual([]);
				store.recordBroadcasts([
					{ ...delivery, at: 3_000, messageId: 'm3' },
					delivery,
					{ ...delivery, customerId: 'c2', messageId: 'm2', at: 2_000 }
				]);
				store.recordBroadcasts([]);
				expect(store.broadcastTimes('c1', 0)).toEqual([1_000, 3_000]);
				expect(store.broadcastTimes('c1', 1_000)).toEqual([1_000, 3_000]);
				expect(store.broadcastTimes('c1', 1_001)).toEqual([3_000]);
				expect(store.broadcastTimes('c2', 0)).toEqual([2_000]);
				expect(store.broadcastTimes('c3', 0)).toEqual([]);
			});
		});

		it('keeps everything across close and reopen', ({ skip }) => {
			if (!ctx.reopen) skip('this store does not outlive close()');
			store.appendUpdates([
				{ doc: 'ledger', update: bytes(1) },
				{ doc: 'ledger', update: bytes(2) }
			]);
			store.compactDoc('ledger', bytes(12), 2);
			store.appendUpdates([{ doc: 'ledger', update: bytes(3) }]);
			store.putAccount(account());
			store.setMeta('schema', '1');
			store.putAttachment({
				hash: 'ef'.repeat(32),
				mime: 'audio/ogg',
				size: 7,
				createdAt: 5,
				uploader: 'c1',
				scope: 'thread:c1'
			});
			store.putCustomerLink({
				customerId: 'c1',
				linkId: 'l1',
				createdAt: 3,
				createdBy: 'acc-wang'
			});
			store.putGroup({ id: 'g-sea', name: '海钓爱好者', createdAt: 4 });
			store.addGroupMembers('g-sea', ['c1']);
			store.recordBroadcasts([{ customerId: 'c1', messageId: 'm1', at: 6, by: 'acc-wang' }]);
			store.close();
			store = ctx.reopen!();
			expect(store.loadDoc('ledger').updates).toEqual([bytes(12), bytes(3)]);
			expect(store.findAccountByName('wang')).toEqual(account());
			expect(store.getMeta('schema')).toBe('1');
			expect(store.getAttachment('ef'.repeat(32))?.scopes).toEqual(['thread:c1']);
			expect(store.getCustomerLink('c1')?.linkId).toBe('l1');
			expect(store.groupsOf('c1')).toEqual([
				{ id: 'g-sea', name: '海钓爱好者', createdAt: 4, members: ['c1'] }
			]);
			expect(store.broadcastTimes('c1', 0)).toEqual([6]);
			store.appendUpdates([{ doc: 'ledger', update: bytes(4) }]);
			expect(store.loadDoc('ledger').updates).toEqual([bytes(12), bytes(3), bytes(4)]);
		});
	});
}
