import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	addCustomer,
	applyDiscount,
	cancelReservation,
	checkOut,
	extendRental,
	observeLedger,
	readLedger,
	recordDamage,
	recordMoney,
	recordSale,
	reserve,
	returnUnits,
	settleRental,
	updateCustomer,
	type LedgerWriter
} from '../../../../src/lib/crdt/ledger.ts';
import { staffOrigin } from '../../../../src/lib/crdt/origin.ts';
import { ledgerConflicts } from '../../../../src/lib/domain/ledger-conflicts.ts';
import { balances } from '../../../../src/lib/domain/ledger.ts';
import { deriveRentals, deriveReservations } from '../../../../src/lib/domain/ledger-rentals.ts';
import { DAY, FRI_10, HOUR, SEA, seaRod, shanghai, uid } from '../domain/ledger-fixtures.ts';

const wang: LedgerWriter = { origin: staffOrigin('s-wang', '老王'), device: 'tab-a' };
const li: LedgerWriter = { origin: staffOrigin('s-li', '小李'), device: 'tab-b' };

function sync(a: Y.Doc, b: Y.Doc) {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

const rodOut = (customerId: string, unit = seaRod()) => ({
	customerId,
	units: [unit],
	calendar: shanghai,
	dueAt: FRI_10 + DAY,
	deposit: 30_000,
	depositMethod: 'cash' as const
});

function rentalOf(doc: Y.Doc, rentalId: string) {
	return deriveRentals(readLedger(doc).events).rentals.get(rentalId)!;
}

describe('the ledger doc', () => {
	it('writes a check-out and its deposit in one transaction, with the staff’s origin', () => {
		const doc = new Y.Doc();
		const customerId = addCustomer(
			doc,
			wang,
			{ name: '王师傅', phone: '13800000000', tags: [], note: '' },
			1
		);
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr) => origins.push(tr.origin));
		const rentalId = checkOut(doc, wang, rodOut(customerId), FRI_10);
		expect(origins).toEqual([wang.origin]);
		const { events, entries, customers } = readLedger(doc);
		expect(customers.map((c) => [c.name, c.createdAt])).toEqual([['王师傅', 1]]);
		expect(events.map((e) => [e.kind, e.at, e.by, e.device])).toEqual([
			['checked-out', FRI_10, 's-wang', 'tab-a']
		]);
		expect(entries).toEqual([
			expect.objectContaining({
				rentalId,
				customerId,
				kind: 'deposit-in',
				amount: 30_000,
				method: 'cash',
				eventId: rentalId
			})
		]);
	});

	it('snapshots exactly the terms a unit went out under, nothing that rode along', () => {
		const doc = new Y.Doc();
		const model = { daily: 3000, weekend: undefined, deposit: 30_000, replacementValue: 80_000 };
		const unit = { ...seaRod(), card: model, shelf: 'A-3' };
		checkOut(doc, wang, { ...rodOut('c-wang'), units: [unit], reservationId: undefined });
		const [event] = readLedger(doc).events;
		expect(event.kind === 'checked-out' && event.units).toEqual([
			{ ...seaRod(), card: { daily: 3000, deposit: 30_000 } }
		]);
		expect(Object.keys(event)).not.toContain('reservationId');
	});

	it('records a whole rental and settles it so its money adds up to the bill', () => {
		const doc = new Y.Doc();
		const rentalId = checkOut(doc, wang, rodOut('c-wang'), FRI_10);
		extendRental(doc, wang, rentalId, FRI_10 + 2 * DAY, FRI_10 + HOUR);
		recordSale(doc, li, rentalId, { name: '蚯蚓', qty: 2, unitPrice: 500 }, FRI_10 + 2 * HOUR);
		recordDamage(
			doc,
			li,
			rentalId,
			{ unitId: uid('u-12'), description: '竿梢断了', amount: 5000, photos: ['hash'] },
			FRI_10 + DAY
		);
		applyDiscount(doc, li, rentalId, { amount: 1000, reason: '老客户' }, FRI_10 + DAY);
		returnUnits(doc, li, rentalId, [{ unitId: uid('u-12'), condition: '竿梢断' }], FRI_10 + DAY);
		const settled = settleRental(doc, li, rentalOf(doc, rentalId), 'wechat', FRI_10 + DAY);
		expect(settled.ok).toBe(true);
		const rental = rentalOf(doc, rentalId);
		expect([rental.status, rental.dueAt, rental.units[0].condition]).toEqual([
			'settled',
			FRI_10 + 2 * DAY,
			'竿梢断'
		]);
		const money = balances(readLedger(doc).entries).byRental.get(rentalId)!;
		expect([money.charges, money.cashIn, money.credit]).toEqual([
			3000 + 1000 + 5000 - 1000,
			8000,
			0
		]);
		expect(settleRental(doc, li, rental, 'cash')).toMatchObject({
			ok: false,
			error: { code: 'already-settled' }
		});
	});

	it('keeps a reservation’s record and its facts, and its status follows the events', () => {
		const doc = new Y.Doc();
		const id = reserve(
			doc,
			wang,
			{
				customerId: 'c-li',
				modelId: SEA,
				unitIds: [uid('u-12')],
				from: FRI_10 + DAY,
				until: FRI_10 + 2 * DAY
			},
			FRI_10
		);
		cancelReservation(doc, li, id, '天气不好', FRI_10 + HOUR);
		const { reservations, events } = readLedger(doc);
		expect(reservations).toEqual([
			{
				id,
				customerId: 'c-li',
				modelId: SEA,
				unitIds: ['u-12'],
				from: FRI_10 + DAY,
				until: FRI_10 + 2 * DAY,
				createdAt: FRI_10
			}
		]);
		expect(events.map((e) => e.kind)).toEqual(['reserved', 'reservation-cancelled']);
		expect(deriveReservations(reservations, events)[0].status).toBe('cancelled');
	});

	it('marks a reservation picked up in the same transaction as the check-out', () => {
		const doc = new Y.Doc();
		const id = reserve(
			doc,
			wang,
			{ customerId: 'c-li', modelId: SEA, from: FRI_10, until: FRI_10 + DAY },
			FRI_10 - DAY
		);
		const rentalId = checkOut(doc, li, { ...rodOut('c-li'), reservationId: id }, FRI_10);
		const { reservations, events } = readLedger(doc);
		expect(deriveReservations(reservations, events)[0]).toMatchObject({
			status: 'picked-up',
			rentalId
		});
	});

	it('keeps everything two tablets wrote offline, and both see the same conflict', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const customer = addCustomer(a, wang, { name: '王师傅', phone: '', tags: [], note: '' });
		sync(a, b);
		updateCustomer(a, wang, customer, { phone: '13800000000' });
		updateCustomer(b, li, customer, { tags: ['老客户'] });
		const ra = checkOut(a, wang, rodOut(customer), FRI_10);
		const rb = checkOut(b, li, rodOut('c-li'), FRI_10 + HOUR);
		recordMoney(a, wang, {
			rentalId: ra,
			customerId: customer,
			kind: 'payment',
			amount: 500,
			method: 'cash'
		});
		recordMoney(b, li, {
			rentalId: rb,
			customerId: 'c-li',
			kind: 'payment',
			amount: 700,
			method: 'alipay'
		});
		sync(a, b);
		for (const doc of [a, b]) {
			const ledger = readLedger(doc);
			expect(ledger.customers[0]).toMatchObject({ phone: '13800000000', tags: ['老客户'] });
			expect(ledger.entries).toHaveLength(4);
			const units = [{ id: uid('u-12'), modelId: SEA, retired: false }];
			const book = deriveRentals(ledger.events);
			const conflicts = ledgerConflicts({
				units,
				book,
				reservations: [],
				now: FRI_10 + 2 * HOUR,
				turnaroundMs: 0
			});
			expect(conflicts).toMatchObject([{ kind: 'unit-out-twice', rentalIds: [ra, rb] }]);
		}
		expect(readLedger(a)).toEqual(readLedger(b));
	});

	it('skips malformed rows another replica wrote instead of failing', () => {
		const doc = new Y.Doc();
		doc.getMap('customers').set('junk', new Y.Map());
		doc.getMap('reservations').set('junk', 'not a map' as never);
		doc.getArray('events').push([{ kind: 'checked-out' }, 42]);
		doc.getArray('entries').push([{ kind: 'payment', amount: -5 }]);
		checkOut(doc, wang, rodOut('c-wang'));
		const ledger = readLedger(doc);
		expect([
			ledger.customers.length,
			ledger.reservations.length,
			ledger.events.length,
			ledger.entries.length
		]).toEqual([0, 0, 1, 1]);
	});

	it('tells an observer about every change until it unsubscribes', () => {
		const doc = new Y.Doc();
		let calls = 0;
		const stop = observeLedger(doc, () => (calls += 1));
		checkOut(doc, wang, rodOut('c-wang'));
		addCustomer(doc, wang, { name: '李姐', phone: '', tags: [], note: '' });
		stop();
		recordMoney(doc, wang, { customerId: 'c', kind: 'payment', amount: 1, method: 'cash' });
		expect(calls).toBe(2);
	});
});
