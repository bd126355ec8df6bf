import { describe, expect, it } from 'vitest';
import {
	accessFor,
	parseDocName,
	type DocKind,
	type GroupMembership
} from '../../../../server/policy/docs.ts';
import type { Access, Peer } from '../../../../server/sync/hooks.ts';

const id64 = 'a'.repeat(64);
const id65 = 'a'.repeat(65);

describe('parseDocName', () => {
	const valid: [string, DocKind][] = [
		['settings', { kind: 'settings' }],
		['inventory', { kind: 'inventory' }],
		['ledger', { kind: 'ledger' }],
		['inbox', { kind: 'inbox' }],
		['ledger:2026-01', { kind: 'ledgerArchive', month: '2026-01' }],
		['ledger:2025-12', { kind: 'ledgerArchive', month: '2025-12' }],
		['notes:x', { kind: 'notes', threadId: 'x' }],
		['thread:c-88', { kind: 'thread', threadId: 'c-88' }],
		['thread:Group_sea', { kind: 'thread', threadId: 'Group_sea' }],
		[`thread:${id64}`, { kind: 'thread', threadId: id64 }],
		[`notes:${id64}`, { kind: 'notes', threadId: id64 }]
	];
	it.each(valid)('%s → %j', (name, kind) => {
		expect(parseDocName(name)).toEqual(kind);
	});

	const invalid: [string, string][] = [
		['', 'an empty name'],
		['Settings', 'names are case-sensitive'],
		['settings:x', 'settings takes no id'],
		['inbox:c-88', 'inbox takes no id'],
		['inventory:', 'inventory takes no id'],
		['ledger:', 'no month'],
		['ledger:2026-13', 'no 13th month'],
		['ledger:2026-00', 'no month 0'],
		['ledger:2026-1', 'month needs two digits'],
		['ledger:26-01', 'year needs four digits'],
		['ledger:c-88', 'a ledger takes a month, not an id'],
		['thread:', 'an empty thread id'],
		['thread:a/b', 'a slash in an id'],
		['thread:a:b', 'a colon in an id'],
		['thread:a b', 'a space in an id'],
		['thread:a.b', 'a dot in an id'],
		['thread:../inbox', 'a path in an id'],
		['thread:渔友', 'ids are ASCII'],
		[`thread:${id65}`, 'a 65-character id'],
		['notes:', 'an empty notes id'],
		['thread', 'thread without an id'],
		['chat:c-88', 'an unknown kind'],
		[':c-88', 'no kind'],
		[' settings', 'leading space'],
		['thread:c-88\n', 'a trailing newline']
	];
	it.each(invalid)('%j → null (%s)', (name) => {
		expect(parseDocName(name)).toBeNull();
	});
});

describe('accessFor', () => {
	const owner: Peer = { role: 'owner', id: 'boss' };
	const staff: Peer = { role: 'staff', id: 'wang' };
	const customer: Peer = { role: 'customer', id: 'c-88' };
	const nobodyIsAMember: GroupMembership = () => false;
	/** c-88 is in the 海钓爱好者 group, whose thread is thread:g-sea. */
	const seaGroup: GroupMembership = (customerId, threadId) =>
		customerId === 'c-88' && threadId === 'g-sea';

	const rows: [Peer, string, Access | null][] = [
		[owner, 'settings', 'write'],
		[owner, 'inventory', 'write'],
		[owner, 'ledger', 'write'],
		[owner, 'ledger:2026-01', 'read'],
		[owner, 'inbox', 'read'],
		[owner, 'notes:c-88', 'write'],
		[owner, 'thread:c-88', 'write'],
		[owner, 'thread:g-sea', 'write'],
		[owner, 'ledger:2026-13', null],
		[owner, 'secrets', null],
		[staff, 'settings', 'read'],
		[staff, 'inventory', 'write'],
		[staff, 'ledger', 'write'],
		[staff, 'ledger:2026-01', 'read'],
		[staff, 'inbox', 'read'],
		[staff, 'notes:c-88', 'write'],
		[staff, 'thread:c-88', 'write'],
		[staff, 'thread:a/b', null],
		[customer, 'thread:c-88', 'guarded'],
		[customer, 'thread:c-99', null],
		[customer, 'thread:g-sea', null],
		[customer, 'notes:c-88', null],
		[customer, 'settings', null],
		[customer, 'inventory', null],
		[customer, 'ledger', null],
		[customer, 'ledger:2026-01', null],
		[customer, 'inbox', null],
		[customer, 'thread:', null]
	];
	it.each(rows)('%o opens %s → %s (no group memberships)', (peer, name, access) => {
		expect(accessFor(peer, name, nobodyIsAMember)).toBe(access);
	});

	const groupRows: [Peer, string, Access | null][] = [
		[customer, 'thread:g-sea', 'guarded'],
		[customer, 'thread:c-88', 'guarded'],
		[customer, 'thread:g-lake', null],
		[customer, 'notes:g-sea', null],
		[{ role: 'customer', id: 'c-99' }, 'thread:g-sea', null],
		[staff, 'thread:g-sea', 'write']
	];
	it.each(groupRows)('%o opens %s → %s (c-88 in group g-sea)', (peer, name, access) => {
		expect(accessFor(peer, name, seaGroup)).toBe(access);
	});

	it('asks the membership function with (customer id, thread id)', () => {
		const asked: [string, string][] = [];
		const record: GroupMembership = (customerId, threadId) => {
			asked.push([customerId, threadId]);
			return true;
		};
		expect(accessFor(customer, 'thread:g-sea', record)).toBe('guarded');
		expect(asked).toEqual([['c-88', 'g-sea']]);
	});

	it('a member of every group still cannot open notes or staff docs', () => {
		const everyGroup: GroupMembership = () => true;
		for (const name of ['notes:c-88', 'inbox', 'ledger', 'settings', 'inventory', 'ledger:2026-01'])
			expect(accessFor(customer, name, everyGroup)).toBeNull();
	});
});
