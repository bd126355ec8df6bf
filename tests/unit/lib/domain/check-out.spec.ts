import { describe, expect, it } from 'vitest';
import {
	checkOutRefusal,
	quoteFor,
	unitTermsOf,
	type CheckOutRequest
} from '../../../../src/lib/domain/check-out.ts';
import type { Model, UnitId } from '../../../../src/lib/domain/inventory.ts';
import type { UnitStatusView } from '../../../../src/lib/domain/unit-status.ts';
import { DAY, FRI_10, HOUR, lureRod, seaRod, shanghai, uid } from './ledger-fixtures.ts';

describe('unitTermsOf', () => {
	it("snapshots the model's card, name and replacement value with the unit's code", () => {
		const model = {
			id: 'm-sea',
			name: '3.6 m 海竿',
			rates: { daily: 3000, weekend: 4000, deposit: 30_000, replacementValue: 80_000 }
		} as unknown as Model;
		const terms = unitTermsOf({ id: uid('u-12'), code: 'R-0012' }, model);
		expect(terms).toMatchObject({
			unitId: 'u-12',
			modelId: 'm-sea',
			code: 'R-0012',
			modelName: '3.6 m 海竿',
			replacementValue: 80_000,
			card: { daily: 3000, weekend: 4000, deposit: 30_000 }
		});
		expect(terms.card.hourlyLate).toBeUndefined();
	});
});

describe('quoteFor', () => {
	it.each([
		// story, units, out, due, rent, deposit
		[
			'a sea rod Friday to Sunday: a weekday and a Saturday',
			[seaRod()],
			FRI_10,
			FRI_10 + 2 * DAY,
			7000,
			30_000
		],
		['a sea rod for one afternoon: one day', [seaRod()], FRI_10, FRI_10 + 5 * HOUR, 3000, 30_000],
		[
			'two rods for two days, deposits summed',
			[seaRod(), lureRod()],
			FRI_10,
			FRI_10 + 2 * DAY,
			7000 + 4500,
			50_000
		]
	])('%s', (_story, units, out, due, rent, deposit) => {
		const quote = quoteFor(units, out, due, shanghai);
		expect(quote.rent).toBe(rent);
		expect(quote.deposit).toBe(deposit);
		expect(quote.units.map((u) => u.rent).reduce((a, b) => a + b, 0)).toBe(rent);
	});

	it('quotes a due time before the check-out as the first day only', () => {
		expect(quoteFor([seaRod()], FRI_10, FRI_10 - HOUR, shanghai).rent).toBe(3000);
	});
});

const inStock = (unitId: string): UnitStatusView => ({
	unitId: uid(unitId),
	status: 'in-stock',
	conflicts: []
});

function statuses(...views: UnitStatusView[]): Map<UnitId, UnitStatusView> {
	return new Map(views.map((v) => [v.unitId, v]));
}

const request = (patch: Partial<CheckOutRequest> = {}): CheckOutRequest => ({
	customerId: 'c-wang',
	unitIds: [uid('u-12')],
	outAt: FRI_10,
	dueAt: FRI_10 + DAY,
	deposit: 30_000,
	cardsDeposit: 30_000,
	mayLowerDeposit: false,
	...patch
});

const reservedFor = (customerId: string, from: number, until: number): UnitStatusView => ({
	unitId: uid('u-12'),
	status: 'in-stock',
	nextReservation: { reservationId: 'res-1', customerId, from, until },
	conflicts: []
});

describe('checkOutRefusal', () => {
	it.each<[string, Partial<CheckOutRequest>, UnitStatusView, string | null]>([
		['a rod on the shelf goes out', {}, inStock('u-12'), null],
		['no customer chosen', { customerId: '' }, inStock('u-12'), 'no-customer'],
		['nothing scanned', { unitIds: [] }, inStock('u-12'), 'no-units'],
		[
			'the same rod scanned twice',
			{ unitIds: [uid('u-12'), uid('u-12')] },
			inStock('u-12'),
			'unit-twice'
		],
		[
			'a rod already out with someone',
			{},
			{
				unitId: uid('u-12'),
				status: 'out',
				rental: { rentalId: 'r-1', customerId: 'c-li', outAt: 0, dueAt: 1 },
				conflicts: []
			},
			'unit-out'
		],
		[
			'a rod in the workshop',
			{},
			{ unitId: uid('u-12'), status: 'workshop', since: 0, conflicts: [] },
			'unit-unavailable'
		],
		['a rod not in the inventory', { unitIds: [uid('u-99')] }, inStock('u-12'), 'unit-unavailable'],
		[
			'a rod held for another customer during the rental',
			{},
			reservedFor('c-li', FRI_10 + HOUR, FRI_10 + 3 * HOUR),
			'unit-reserved'
		],
		['a rod held for this customer', {}, reservedFor('c-wang', FRI_10, FRI_10 + DAY), null],
		[
			'a rod held for someone only after it is due back',
			{},
			reservedFor('c-li', FRI_10 + 2 * DAY, FRI_10 + 3 * DAY),
			null
		],
		['due at the moment it goes out', { dueAt: FRI_10 }, inStock('u-12'), 'due-not-after-out'],
		['a deposit in fractions of a fen', { deposit: 10.5 }, inStock('u-12'), 'bad-deposit'],
		['more deposit than the cards ask', { deposit: 40_000 }, inStock('u-12'), 'deposit-over-cards'],
		['staff lowering the deposit', { deposit: 10_000 }, inStock('u-12'), 'deposit-below-cards'],
		[
			'the owner lowering it for a trusted customer',
			{ deposit: 0, mayLowerDeposit: true },
			inStock('u-12'),
			null
		]
	])('%s', (_story, patch, view, code) => {
		expect(checkOutRefusal(request(patch), statuses(view))?.code ?? null).toBe(code);
	});

	it('lets a reservation pick up the unit it holds for another name on the booking', () => {
		const view = reservedFor('c-li', FRI_10, FRI_10 + DAY);
		expect(checkOutRefusal(request({ reservationId: 'res-1' }), statuses(view))).toBeNull();
	});
});
