import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { staffOrigin } from '../../../../src/lib/crdt/origin.ts';
import {
	addQuickReply,
	moveQuickReply,
	observeSettings,
	readQuickReplies,
	removeQuickReply,
	updateQuickReply,
	readRentalRules,
	readShopProfile,
	readStaffList,
	staffMap,
	writeRentalRules,
	writeShopProfile
} from '../../../../src/lib/crdt/settings.ts';
import { defaultRentalRules } from '../../../../src/lib/domain/rental-rules.ts';

const owner = staffOrigin('acc-1', '老王');

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('shop profile in the settings doc', () => {
	it('reads an empty doc as an empty profile', () => {
		expect(readShopProfile(new Y.Doc())).toEqual({ name: '', phone: '', address: '', hours: '' });
	});

	it('writes fields in one transaction whose origin names the staff member', () => {
		const doc = new Y.Doc();
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr) => origins.push(tr.origin));
		const written = writeShopProfile(doc, { name: '东湖渔具', phone: '0571-8888 8888' }, owner);
		expect(written).toEqual(['name', 'phone']);
		expect(origins).toEqual([owner]);
		expect(readShopProfile(doc)).toMatchObject({ name: '东湖渔具', phone: '0571-8888 8888' });
	});

	it('writes nothing (no update at all) when the values are already stored', () => {
		const doc = new Y.Doc();
		writeShopProfile(doc, { name: '东湖渔具' }, owner);
		let updates = 0;
		doc.on('update', () => updates++);
		expect(writeShopProfile(doc, { name: '东湖渔具', phone: undefined }, owner)).toEqual([]);
		expect(updates).toBe(0);
	});

	it('keeps both edits when two tablets change different fields offline', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		writeShopProfile(a, { name: '东湖渔具', phone: '111' }, owner);
		sync(a, b);
		writeShopProfile(a, { name: '东湖渔具行' }, owner);
		writeShopProfile(b, { phone: '13800000000' }, staffOrigin('acc-2', '店长2'));
		sync(a, b);
		expect(readShopProfile(a)).toEqual(readShopProfile(b));
		expect(readShopProfile(a)).toMatchObject({ name: '东湖渔具行', phone: '13800000000' });
	});

	it('ignores values of the wrong type', () => {
		const doc = new Y.Doc();
		doc.getMap('profile').set('name', 42);
		expect(readShopProfile(doc).name).toBe('');
	});

	it('tells observers about profile and staff changes, until unsubscribed', () => {
		const doc = new Y.Doc();
		let calls = 0;
		const stop = observeSettings(doc, () => calls++);
		writeShopProfile(doc, { name: 'x' }, owner);
		staffMap(doc).set('s1', { name: '小李', role: 'staff', active: true });
		stop();
		writeShopProfile(doc, { name: 'y' }, owner);
		expect(calls).toBe(2);
	});
});

describe('staff list mirrored by the server', () => {
	it('reads plain rows and nested maps, skipping malformed ones, owners first', () => {
		const doc = new Y.Doc();
		const staff = staffMap(doc);
		const nested = new Y.Map<unknown>();
		staff.set('s2', { name: '小李', role: 'staff', active: false });
		staff.set('o1', { name: '老王', role: 'owner', active: true });
		staff.set('s3', nested);
		nested.set('name', '阿强');
		nested.set('role', 'staff');
		staff.set('bad1', { name: 5, role: 'staff' });
		staff.set('bad2', { name: '无角色' });
		staff.set('bad3', 'text');
		expect(readStaffList(doc)).toEqual([
			{ id: 'o1', name: '老王', role: 'owner', active: true },
			{ id: 's3', name: '阿强', role: 'staff', active: true },
			{ id: 's2', name: '小李', role: 'staff', active: false }
		]);
	});
});

describe('rental rules in the settings doc', () => {
	it('reads defaults from an empty doc and skips malformed numbers', () => {
		const doc = new Y.Doc();
		expect(readRentalRules(doc)).toEqual(defaultRentalRules);
		doc.getMap('rules').set('graceMinutes', 'lots');
		expect(readRentalRules(doc).graceMinutes).toBe(defaultRentalRules.graceMinutes);
	});

	it('writes only what changed, and nothing when nothing did', () => {
		const doc = new Y.Doc();
		let updates = 0;
		doc.on('update', () => updates++);
		expect(writeRentalRules(doc, { ...defaultRentalRules }, owner)).toBe(false);
		expect(updates).toBe(0);
		const next = { ...defaultRentalRules, graceMinutes: 30, holidays: ['2026-10-01'] };
		expect(writeRentalRules(doc, next, owner)).toBe(true);
		expect(updates).toBe(1);
		expect(readRentalRules(doc)).toEqual(next);
	});

	it('keeps holidays two tablets added offline, and a removal', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		writeRentalRules(a, { ...defaultRentalRules, holidays: ['2026-01-01'] }, owner);
		sync(a, b);
		writeRentalRules(a, { ...defaultRentalRules, holidays: ['2026-01-01', '2026-10-01'] }, owner);
		writeRentalRules(b, { ...defaultRentalRules, holidays: ['2026-05-01'] }, owner);
		sync(a, b);
		expect(readRentalRules(a).holidays).toEqual(['2026-05-01', '2026-10-01']);
		expect(readRentalRules(b)).toEqual(readRentalRules(a));
	});
});

describe('quick replies in the settings doc', () => {
	const QR = 'b'.repeat(64);

	it('adds replies at the end of the menu, in one transaction each, by the owner', () => {
		const doc = new Y.Doc();
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr) => origins.push(tr.origin));
		const hours = addQuickReply(doc, { text: '每天 6:00–19:00' }, owner);
		const pay = addQuickReply(doc, { text: '扫码付款', image: QR }, owner);
		expect(readQuickReplies(doc)).toEqual([
			{ id: hours, text: '每天 6:00–19:00', order: 1 },
			{ id: pay, text: '扫码付款', image: QR, order: 2 }
		]);
		expect(origins).toEqual([owner, owner]);
	});

	it('edits keep the place; an edit that changes nothing writes nothing', () => {
		const doc = new Y.Doc();
		const id = addQuickReply(doc, { text: '营业时间' }, owner);
		addQuickReply(doc, { text: '价目表', image: QR }, owner);
		expect(updateQuickReply(doc, id, { text: '营业时间：每天', image: QR }, owner)).toBe(true);
		expect(readQuickReplies(doc)[0]).toEqual({ id, text: '营业时间：每天', image: QR, order: 1 });
		let updates = 0;
		doc.on('update', () => updates++);
		expect(updateQuickReply(doc, id, { text: '营业时间：每天', image: QR }, owner)).toBe(false);
		expect(updateQuickReply(doc, 'nope', { text: 'x' }, owner)).toBe(false);
		expect(updates).toBe(0);
	});

	it('moves a reply up and down, and removes one', () => {
		const doc = new Y.Doc();
		const [a, b, c] = ['a', 'b', 'c'].map((text) => addQuickReply(doc, { text }, owner));
		expect(moveQuickReply(doc, c, -1, owner)).toBe(true);
		expect(readQuickReplies(doc).map((r) => r.text)).toEqual(['a', 'c', 'b']);
		expect(moveQuickReply(doc, a, -1, owner)).toBe(false);
		expect(removeQuickReply(doc, b, owner)).toBe(true);
		expect(removeQuickReply(doc, b, owner)).toBe(false);
		expect(readQuickReplies(doc).map((r) => r.text)).toEqual(['a', 'c']);
	});

	it('replies added on two devices offline are both kept, and a swap of equal places moves', () => {
		const phone = new Y.Doc();
		const pc = new Y.Doc();
		const fromPhone = addQuickReply(phone, { text: '手机上加的' }, owner);
		const fromPc = addQuickReply(pc, { text: '电脑上加的' }, owner);
		sync(phone, pc);
		const merged = readQuickReplies(phone);
		expect(merged.map((r) => r.id).sort()).toEqual([fromPhone, fromPc].sort());
		expect(readQuickReplies(pc)).toEqual(merged);
		const last = merged[1].id;
		expect(moveQuickReply(phone, last, -1, owner)).toBe(true);
		expect(readQuickReplies(phone)[0].id).toBe(last);
	});

	it('skips malformed rows and tells observers of changes', () => {
		const doc = new Y.Doc();
		doc.getMap('quickReplies').set('bad', { order: 1 });
		expect(readQuickReplies(doc)).toEqual([]);
		let calls = 0;
		const stop = observeSettings(doc, () => calls++);
		addQuickReply(doc, { text: '你好' }, owner);
		stop();
		expect(calls).toBe(1);
	});
});
