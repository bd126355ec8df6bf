import { describe, it, expect } from 'vitest';
import { modelId, unitId } from '../../../../src/lib/domain/inventory.ts';
import {
	countersSinceService,
	maintenanceCost,
	rentalDays,
	serviceDue,
	serviceLog,
	unitsDueForService
} from '../../../../src/lib/domain/maintenance.ts';
import type { MaintenanceEvent, UnitRentalFact } from '../../../../src/lib/domain/unit-status.ts';

const HOUR = 3_600_000;
/** A Shanghai wall-clock time in June 2026. */
const t = (dayHour: string): number => Date.parse(`2026-06-${dayHour}:00+08:00`);
const R12 = unitId('u-r12');

/** A rental of R-0012 out at `from`, back at `to` (or still out). */
const rental = (id: string, from: string, to?: string): UnitRentalFact[] => [
	{
		kind: 'out',
		unitId: R12,
		rentalId: id,
		customerId: 'c-wang',
		at: t(from),
		dueAt: t(from) + 24 * HOUR
	},
	...(to ? [{ kind: 'returned', unitId: R12, rentalId: id, at: t(to) } as const] : [])
];
const serviced = (id: string, at: string, cost?: number, note?: string): MaintenanceEvent => ({
	id,
	unitId: R12,
	kind: 'serviced',
	at: t(at),
	by: 'staff-zhao',
	...(cost !== undefined && { cost }),
	...(note && { note })
});

describe('rental-days: each started 24 hours out', () => {
	it.each([
		['back the same afternoon', 0, 5, 1],
		['exactly one day', 0, 24, 1],
		['one day and a minute', 0, 24 + 1 / 60, 2],
		['a long weekend, 3 days and 2 hours', 0, 74, 4],
		['a clock that ran backwards between tablets', 5, 0, 1]
	])('%s', (_story, fromHours, toHours, days) => {
		expect(rentalDays(fromHours * HOUR, toHours * HOUR)).toBe(days);
	});
});

describe('counters since the last service', () => {
	it.each<[string, MaintenanceEvent[], UnitRentalFact[], string, object]>([
		['a new rod', [], [], '10T12:00', { rentals: 0, rentalDays: 0 }],
		[
			'three rentals, never serviced',
			[],
			[
				...rental('r1', '01T08:00', '01T18:00'),
				...rental('r2', '02T08:00', '04T09:00'),
				...rental('r3', '05T08:00', '05T10:00')
			],
			'10T12:00',
			{ rentals: 3, rentalDays: 1 + 3 + 1 }
		],
		[
			'serviced on the 3rd: only rentals that went out after count',
			[serviced('s1', '03T12:00')],
			[...rental('r1', '01T08:00', '01T18:00'), ...rental('r2', '04T08:00', '04T18:00')],
			'10T12:00',
			{ rentals: 1, rentalDays: 1, lastServicedAt: t('03T12:00') }
		],
		[
			'a rental still out counts its days so far',
			[],
			rental('r1', '08T08:00'),
			'10T12:00',
			{ rentals: 1, rentalDays: 3 }
		],
		[
			'a return without a check-out is a conflict, not a rental',
			[],
			[{ kind: 'returned', unitId: R12, rentalId: 'r9', at: t('02T08:00') }],
			'10T12:00',
			{ rentals: 0, rentalDays: 0 }
		],
		[
			'the latest of two services counts, whatever order they merged in',
			[serviced('s2', '06T12:00'), serviced('s1', '03T12:00')],
			[...rental('r1', '04T08:00', '04T18:00'), ...rental('r2', '07T08:00', '07T18:00')],
			'10T12:00',
			{ rentals: 1, rentalDays: 1, lastServicedAt: t('06T12:00') }
		]
	])('%s', (_story, events, facts, now, expected) => {
		expect(countersSinceService(events, facts, t(now))).toEqual(expected);
	});
});

describe('service due', () => {
	it.each<[string, object, { rentals: number; rentalDays: number }, object]>([
		[
			'a model without a rule is never due',
			{},
			{ rentals: 99, rentalDays: 99 },
			{ due: false, reasons: [] }
		],
		[
			'9 of 10 rentals: one to go',
			{ everyRentals: 10 },
			{ rentals: 9, rentalDays: 12 },
			{ due: false, reasons: [], rentalsLeft: 1 }
		],
		[
			'the 10th rental makes it due',
			{ everyRentals: 10 },
			{ rentals: 10, rentalDays: 12 },
			{ due: true, reasons: ['rentals'], rentalsLeft: 0 }
		],
		[
			'30 rental-days reached before 10 rentals',
			{ everyRentals: 10, everyRentalDays: 30 },
			{ rentals: 4, rentalDays: 31 },
			{ due: true, reasons: ['rental-days'], rentalsLeft: 6, rentalDaysLeft: 0 }
		],
		[
			'both limits past',
			{ everyRentals: 10, everyRentalDays: 30 },
			{ rentals: 12, rentalDays: 30 },
			{ due: true, reasons: ['rentals', 'rental-days'], rentalsLeft: 0, rentalDaysLeft: 0 }
		]
	])('%s', (_story, rule, counters, expected) => {
		expect(serviceDue(rule, counters)).toEqual(expected);
	});

	it('lists the shop units past their rule, skipping retired units and models without one', () => {
		const seaRod = { id: modelId('m-sea'), maintenance: { everyRentals: 2 } };
		const chair = { id: modelId('m-chair'), maintenance: {} };
		const units = [
			{ id: R12, modelId: seaRod.id, retired: false },
			{ id: unitId('u-r13'), modelId: seaRod.id, retired: false },
			{ id: unitId('u-old'), modelId: seaRod.id, retired: true },
			{ id: unitId('u-chair'), modelId: chair.id, retired: false }
		];
		const twice = (id: typeof R12) =>
			[...rental('a', '01T08:00', '01T18:00'), ...rental('b', '02T08:00', '02T18:00')].map((f) => ({
				...f,
				unitId: id
			}));
		const facts = [
			...twice(R12),
			...twice(unitId('u-old')),
			...twice(unitId('u-chair')),
			...rental('c', '03T08:00').map((f) => ({ ...f, unitId: unitId('u-r13') }))
		];
		const due = unitsDueForService(units, [seaRod, chair], [], facts, t('10T12:00'));
		expect([...due.keys()]).toEqual([R12]);
		expect(due.get(R12)).toMatchObject({ due: true, counters: { rentals: 2, rentalDays: 2 } });
	});
});

describe('the service log', () => {
	it('shows the newest first with what was done, by whom and what it cost', () => {
		const events: MaintenanceEvent[] = [
			serviced('s1', '03T12:00', 1500, '换导环'),
			{ id: 'w1', unitId: R12, kind: 'to-workshop', at: t('02T09:00'), by: 'staff-li' },
			serviced('s2', '05T12:00')
		];
		const log = serviceLog(events);
		expect(log.map((e) => [e.id, e.kind, e.note, e.cost])).toEqual([
			['s2', 'serviced', '', 0],
			['s1', 'serviced', '换导环', 1500],
			['w1', 'to-workshop', '', 0]
		]);
		expect(maintenanceCost(log)).toBe(1500);
	});
});
