import { describe, it, expect } from 'vitest';
import type { ShopCalendar } from '../../../../src/lib/domain/pricing.ts';
import {
	settle,
	type RentalUnitTerms,
	type Settlement,
	type SettlementError,
	type SettlementInput
} from '../../../../src/lib/domain/settlement.ts';

const at = (iso: string): number => {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) throw new Error(`bad test time ${iso}`);
	return ms;
};

const shanghai: ShopCalendar = { timeZone: 'Asia/Shanghai', holidays: [], graceMinutes: 60 };

/** 3.6 m 海竿: 3000 a day, 4000 at weekends, 500 a late hour; worth 80000 new. */
const seaRod: RentalUnitTerms = {
	unitId: 'unit-12',
	code: 'R-0012',
	modelName: '3.6 m 海竿',
	card: { daily: 3000, weekend: 4000, hourlyLate: 500, deposit: 50_000 },
	replacementValue: 80_000
};
/** 2.7 m 路亚竿: 2000 a day, 2500 at weekends, no late hours; worth 45000 new. */
const lureRod: RentalUnitTerms = {
	unitId: 'unit-31',
	code: 'R-0031',
	modelName: '2.7 m 路亚竿',
	card: { daily: 2000, weekend: 2500, deposit: 30_000 },
	replacementValue: 45_000
};

const friday10 = at('2026-11-27T10:00+08:00');
const sunday1050 = at('2026-11-29T10:50+08:00');

/** Out Fri 10:00 with both rods and an 80000 deposit; both back Sun 10:50 (inside grace). */
function checkIn(overrides: Partial<SettlementInput> = {}): SettlementInput {
	return {
		checkedOutAt: friday10,
		calendar: shanghai,
		units: [seaRod, lureRod],
		returns: [
			{ unitId: seaRod.unitId, returnedAt: sunday1050 },
			{ unitId: lureRod.unitId, returnedAt: sunday1050 }
		],
		asOf: sunday1050,
		damage: [],
		sales: [],
		depositHeld: 80_000,
		paid: 0,
		...overrides
	};
}

function settled(input: SettlementInput): Settlement {
	const result = settle(input);
	if (!result.ok) throw new Error(`expected a settlement, got ${JSON.stringify(result.error)}`);
	return result.settlement;
}

/** The money of a settlement, as a shop owner reads the bottom of the bill. */
const bottomLine = (s: Settlement) => ({
	unitTotals: s.units.map((u) => [u.code, u.rentTotal, u.damageTotal]),
	salesTotal: s.salesTotal,
	subtotal: s.subtotal,
	charges: s.charges,
	...(s.refund !== undefined ? { refund: s.refund } : { balanceDue: s.balanceDue })
});

interface Story {
	story: string;
	input: SettlementInput;
	expected: ReturnType<typeof bottomLine>;
}

const stories: Story[] = [
	{
		story: 'Both rods back Sun 10:50, deposit covers it: refund the rest of the deposit',
		input: checkIn(),
		expected: {
			unitTotals: [
				['R-0012', 7000, 0],
				['R-0031', 4500, 0]
			],
			salesTotal: 0,
			subtotal: 11_500,
			charges: 11_500,
			refund: 68_500
		}
	},
	{
		story: 'Small deposit of 5000 and 2000 paid up front: balance due 4500',
		input: checkIn({ depositHeld: 5000, paid: 2000 }),
		expected: {
			unitTotals: [
				['R-0012', 7000, 0],
				['R-0031', 4500, 0]
			],
			salesTotal: 0,
			subtotal: 11_500,
			charges: 11_500,
			balanceDue: 4500
		}
	},
	{
		story: 'Deposit and payment cover the charges exactly: nothing due, nothing back',
		input: checkIn({ depositHeld: 10_000, paid: 1500 }),
		expected: {
			unitTotals: [
				['R-0012', 7000, 0],
				['R-0031', 4500, 0]
			],
			salesTotal: 0,
			subtotal: 11_500,
			charges: 11_500,
			balanceDue: 0
		}
	},
	{
		story: 'Lure rod back Sat 09:00, sea rod Sun 11:30: each rod pays for its own time',
		input: checkIn({
			returns: [
				{ unitId: lureRod.unitId, returnedAt: at('2026-11-28T09:00+08:00') },
				{ unitId: seaRod.unitId, returnedAt: at('2026-11-29T11:30+08:00') }
			]
		}),
		expected: {
			unitTotals: [
				['R-0012', 8000, 0],
				['R-0031', 2000, 0]
			],
			salesTotal: 0,
			subtotal: 10_000,
			charges: 10_000,
			refund: 70_000
		}
	},
	{
		story: 'Sea rod back Sat 10:30, lure rod still out: lure rod settled as of Sun 10:50',
		input: checkIn({
			returns: [{ unitId: seaRod.unitId, returnedAt: at('2026-11-28T10:30+08:00') }]
		}),
		expected: {
			unitTotals: [
				['R-0012', 3000, 0],
				['R-0031', 4500, 0]
			],
			salesTotal: 0,
			subtotal: 7500,
			charges: 7500,
			refund: 72_500
		}
	},
	{
		story: 'Regular customer gets 500 off: charges 11000',
		input: checkIn({ discount: { amount: 500, reason: '老客户' } }),
		expected: {
			unitTotals: [
				['R-0012', 7000, 0],
				['R-0031', 4500, 0]
			],
			salesTotal: 0,
			subtotal: 11_500,
			charges: 11_000,
			refund: 69_000
		}
	},
	{
		story: 'Owner waives the whole bill: charges 0, deposit and payment back in full',
		input: checkIn({ discount: { amount: 11_500, reason: '渔具质量问题，免单' }, paid: 1000 }),
		expected: {
			unitTotals: [
				['R-0012', 7000, 0],
				['R-0031', 4500, 0]
			],
			salesTotal: 0,
			subtotal: 11_500,
			charges: 0,
			refund: 81_000
		}
	},
	{
		story: 'Sea rod tip snapped (60000) with only 50000 held: damage beyond the deposit is due',
		input: checkIn({
			depositHeld: 50_000,
			damage: [{ unitId: seaRod.unitId, description: '竿梢断了', amount: 60_000 }]
		}),
		expected: {
			unitTotals: [
				['R-0012', 7000, 60_000],
				['R-0031', 4500, 0]
			],
			salesTotal: 0,
			subtotal: 71_500,
			charges: 71_500,
			balanceDue: 21_500
		}
	},
	{
		story: 'Sea rod lost outright: damage equal to its replacement value is allowed',
		input: checkIn({ damage: [{ unitId: seaRod.unitId, description: '丢失', amount: 80_000 }] }),
		expected: {
			unitTotals: [
				['R-0012', 7000, 80_000],
				['R-0031', 4500, 0]
			],
			salesTotal: 0,
			subtotal: 91_500,
			charges: 91_500,
			balanceDue: 11_500
		}
	},
	{
		story: 'Two bags of bait at 1500 and a spool of leader at 800 sold with the rods',
		input: checkIn({
			sales: [
				{ name: '饵料', qty: 2, unitPrice: 1500 },
				{ name: '子线', qty: 1, unitPrice: 800 }
			]
		}),
		expected: {
			unitTotals: [
				['R-0012', 7000, 0],
				['R-0031', 4500, 0]
			],
			salesTotal: 3800,
			subtotal: 15_300,
			charges: 15_300,
			refund: 64_700
		}
	}
];

describe('settle: the bill at check-in', () => {
	it.each(stories)('$story', ({ input, expected }) => {
		expect(bottomLine(settled(input))).toEqual(expected);
	});

	it('has exactly one of refund and balance due', () => {
		for (const { input } of stories) {
			const s = settled(input);
			expect([s.refund, s.balanceDue].filter((v) => v !== undefined)).toHaveLength(1);
			expect('refund' in s && 'balanceDue' in s).toBe(false);
		}
	});

	it('itemises each unit: its rent lines, its damage, when its rent ran', () => {
		const backSaturday = at('2026-11-28T09:00+08:00');
		const s = settled(
			checkIn({
				returns: [{ unitId: lureRod.unitId, returnedAt: backSaturday }],
				damage: [{ unitId: lureRod.unitId, description: '导环松了', amount: 1200 }]
			})
		);
		expect(s.units.map((u) => u.rent.map((l) => [l.date, l.rate, l.amount]))).toEqual([
			[
				['2026-11-27', 'daily', 3000],
				['2026-11-28', 'weekend', 4000]
			],
			[['2026-11-27', 'daily', 2000]]
		]);
		expect(s.units).toMatchObject([
			{ code: 'R-0012', returned: false, rentUntil: sunday1050, damage: [], total: 7000 },
			{
				unitId: 'unit-31',
				code: 'R-0031',
				modelName: '2.7 m 路亚竿',
				rentFrom: friday10,
				rentUntil: backSaturday,
				returned: true,
				rent: [{ start: friday10, date: '2026-11-27', rate: 'daily', amount: 2000 }],
				rentTotal: 2000,
				damage: [{ unitId: 'unit-31', description: '导环松了', amount: 1200 }],
				damageTotal: 1200,
				total: 3200
			}
		]);
	});

	it('uses "now" only for rods still out: every rod back, a slow tablet clock does not matter', () => {
		const s = settled(checkIn({ asOf: friday10 - 3_600_000 }));
		expect(s.units.map((u) => [u.rentUntil, u.returned])).toEqual([
			[sunday1050, true],
			[sunday1050, true]
		]);
		expect(s.charges).toBe(11_500);
	});

	it('shows the sales and the discount on the bill', () => {
		const s = settled(
			checkIn({
				sales: [{ name: '饵料', qty: 3, unitPrice: 1500 }],
				discount: { amount: 1000, reason: '老客户' }
			})
		);
		expect(s.sales).toEqual([{ name: '饵料', qty: 3, unitPrice: 1500, amount: 4500 }]);
		expect(s.discount).toEqual({ amount: 1000, reason: '老客户' });
		expect(s).toMatchObject({ depositHeld: 80_000, paid: 0, charges: 15_000 });
		expect(settled(checkIn()).discount).toBeNull();
	});
});

interface Refusal {
	story: string;
	input: SettlementInput;
	error: SettlementError;
}

const refusals: Refusal[] = [
	{
		story: 'Sea rod "returned" Fri 09:00, before it went out at 10:00',
		input: checkIn({
			returns: [{ unitId: seaRod.unitId, returnedAt: at('2026-11-27T09:00+08:00') }]
		}),
		error: {
			code: 'return-before-check-out',
			unitId: seaRod.unitId,
			returnedAt: at('2026-11-27T09:00+08:00'),
			checkedOutAt: friday10
		}
	},
	{
		story: 'A rod still out, settled "as of" a tablet clock behind check-out',
		input: checkIn({ returns: [], asOf: at('2026-11-27T08:00+08:00') }),
		error: {
			code: 'as-of-before-check-out',
			asOf: at('2026-11-27T08:00+08:00'),
			checkedOutAt: friday10
		}
	},
	{
		story: 'Damage of 90000 on a sea rod worth 80000 new',
		input: checkIn({
			damage: [{ unitId: seaRod.unitId, description: '竿身裂了', amount: 90_000 }]
		}),
		error: {
			code: 'damage-over-replacement-value',
			unitId: seaRod.unitId,
			damage: 90_000,
			replacementValue: 80_000
		}
	},
	{
		story: 'Two damage items on the lure rod adding up past its 45000',
		input: checkIn({
			damage: [
				{ unitId: lureRod.unitId, description: '竿梢断了', amount: 30_000 },
				{ unitId: lureRod.unitId, description: '轮座裂了', amount: 20_000 }
			]
		}),
		error: {
			code: 'damage-over-replacement-value',
			unitId: lureRod.unitId,
			damage: 50_000,
			replacementValue: 45_000
		}
	},
	{
		story: 'A discount of 12000 on an 11500 bill',
		input: checkIn({ discount: { amount: 12_000, reason: '老客户' } }),
		error: { code: 'discount-over-charges', discount: 12_000, subtotal: 11_500 }
	},
	{
		story: 'A discount with no reason given',
		input: checkIn({ discount: { amount: 500, reason: '  ' } }),
		error: { code: 'discount-without-reason' }
	},
	{
		story: 'Damage recorded on a rod that is not on this rental',
		input: checkIn({ damage: [{ unitId: 'unit-99', description: '划痕', amount: 500 }] }),
		error: { code: 'unknown-unit', unitId: 'unit-99' }
	},
	{
		story: 'A return recorded for a rod that is not on this rental',
		input: checkIn({ returns: [{ unitId: 'unit-99', returnedAt: sunday1050 }] }),
		error: { code: 'unknown-unit', unitId: 'unit-99' }
	},
	{
		story: 'Two tablets both recorded the sea rod coming back',
		input: checkIn({
			returns: [
				{ unitId: seaRod.unitId, returnedAt: sunday1050 },
				{ unitId: seaRod.unitId, returnedAt: sunday1050 + 60_000 }
			]
		}),
		error: { code: 'unit-returned-twice', unitId: seaRod.unitId }
	}
];

describe('settle: refuses what a person must correct, as a result', () => {
	it.each(refusals)('$story', ({ input, error }) => {
		expect(settle(input)).toEqual({ ok: false, error });
	});
});

interface Broken {
	story: string;
	input: SettlementInput;
}

const broken: Broken[] = [
	{
		story: 'a damage amount in yuan (12.5)',
		input: checkIn({ damage: [{ unitId: seaRod.unitId, description: '划痕', amount: 12.5 }] })
	},
	{ story: 'a negative payment total', input: checkIn({ paid: -100 }) },
	{ story: 'a fractional deposit', input: checkIn({ depositHeld: 0.5 }) },
	{ story: 'a NaN "now"', input: checkIn({ asOf: Number.NaN }) },
	{
		story: 'a NaN return time',
		input: checkIn({ returns: [{ unitId: seaRod.unitId, returnedAt: Number.NaN }] })
	},
	{
		story: 'half a bag of bait',
		input: checkIn({ sales: [{ name: '饵料', qty: 0.5, unitPrice: 1500 }] })
	},
	{
		story: 'a fractional discount',
		input: checkIn({ discount: { amount: 0.5, reason: '老客户' } })
	},
	{
		story: 'a replacement value in yuan',
		input: checkIn({ units: [{ ...seaRod, replacementValue: 800.5 }, lureRod] })
	},
	{
		story: 'a rate card with a fractional daily price',
		input: checkIn({ units: [{ ...seaRod, card: { ...seaRod.card, daily: 30.5 } }, lureRod] })
	}
];

describe('settle: throws on broken invariants', () => {
	it.each(broken)('$story', ({ input }) => {
		expect(() => settle(input)).toThrow(RangeError);
	});

	it('one unit listed twice on a rental', () => {
		expect(() => settle(checkIn({ units: [seaRod, seaRod] }))).toThrow(/listed twice/);
	});
});
