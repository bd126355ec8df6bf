import { describe, it, expect } from 'vitest';
import { unitId, type UnitId } from '../../../../src/lib/domain/inventory.ts';
import {
	allConflicts,
	deriveAllStatuses,
	deriveUnitStatus,
	type MaintenanceEvent,
	type UnitRentalFact,
	type UnitStatusView
} from '../../../../src/lib/domain/unit-status.ts';

const HOUR = 3_600_000;
/** A Shanghai wall-clock time on the weekend of 2026-05-02 (Sat) and 2026-05-03 (Sun). */
const t = (dayHour: string): number => Date.parse(`2026-05-${dayHour}:00+08:00`);

const R12 = unitId('u-r12');
const rod = { id: R12, retired: false };

const out = (rentalId: string, at: string, due: string, customerId = 'c-wang'): UnitRentalFact => ({
	kind: 'out',
	unitId: R12,
	rentalId,
	customerId,
	at: t(at),
	dueAt: t(due)
});
const back = (rentalId: string, at: string): UnitRentalFact => ({
	kind: 'returned',
	unitId: R12,
	rentalId,
	at: t(at)
});
const reserve = (id: string, from: string, until: string): UnitRentalFact => ({
	kind: 'reserved',
	unitId: R12,
	reservationId: id,
	customerId: 'c-li',
	from: t(from),
	until: t(until)
});
const endReservation = (id: string): UnitRentalFact => ({
	kind: 'reservation-ended',
	unitId: R12,
	reservationId: id
});
const event = (id: string, kind: MaintenanceEvent['kind'], at: string): MaintenanceEvent => ({
	id,
	unitId: R12,
	kind,
	at: t(at),
	by: 'staff-zhao'
});

interface Story {
	story: string;
	events?: MaintenanceEvent[];
	facts?: UnitRentalFact[];
	retired?: boolean;
	now: string;
	turnaroundHours?: number;
	expected: Partial<UnitStatusView>;
}

const saturdayRental = out('rent-1', '02T07:00', '03T18:00');

const stories: Story[] = [
	{
		story: 'a new rod nobody touched is in stock',
		now: '02T09:00',
		expected: { status: 'in-stock', conflicts: [] }
	},
	{
		story: 'out Saturday 07:00, due Sunday 18:00, looked at Sunday noon',
		facts: [saturdayRental],
		now: '03T12:00',
		expected: {
			status: 'out',
			rental: {
				rentalId: 'rent-1',
				customerId: 'c-wang',
				outAt: t('02T07:00'),
				dueAt: t('03T18:00')
			}
		}
	},
	{
		story: 'still out Sunday 18:01: overdue',
		facts: [saturdayRental],
		now: '03T18:01',
		expected: { status: 'overdue' }
	},
	{
		story: 'back Sunday 17:00, cleaned for 2 h: in stock, ready 19:00',
		facts: [saturdayRental, back('rent-1', '03T17:00')],
		now: '03T17:30',
		turnaroundHours: 2,
		expected: { status: 'in-stock', readyAt: t('03T19:00') }
	},
	{
		story: 'back Sunday 17:00, looked at 20:00: in stock and ready',
		facts: [saturdayRental, back('rent-1', '03T17:00')],
		now: '03T20:00',
		turnaroundHours: 2,
		expected: { status: 'in-stock', conflicts: [] }
	},
	{
		story: 'reserved for Sunday 06:00, looked at Saturday: in stock, reservation next',
		facts: [reserve('res-1', '03T06:00', '03T18:00')],
		now: '02T10:00',
		turnaroundHours: 2,
		expected: {
			status: 'in-stock',
			nextReservation: {
				reservationId: 'res-1',
				customerId: 'c-li',
				from: t('03T06:00'),
				until: t('03T18:00')
			}
		}
	},
	{
		story: 'reserved for 06:00 with 2 h to prepare, looked at 05:00: reserved',
		facts: [reserve('res-1', '03T06:00', '03T18:00')],
		now: '03T05:00',
		turnaroundHours: 2,
		expected: { status: 'reserved' }
	},
	{
		story: 'picked up on the reservation: out, not reserved',
		facts: [
			reserve('res-1', '03T06:00', '03T18:00'),
			endReservation('res-1'),
			out('rent-2', '03T06:10', '03T18:00')
		],
		now: '03T07:00',
		expected: { status: 'out', conflicts: [] }
	},
	{
		story: 'a cancelled reservation holds nothing',
		facts: [reserve('res-1', '03T06:00', '03T18:00'), endReservation('res-1')],
		now: '03T07:00',
		expected: { status: 'in-stock' }
	},
	{
		story: 'a customer who never came: the reservation lapses at its end',
		facts: [reserve('res-1', '02T06:00', '02T18:00')],
		now: '02T18:00',
		expected: { status: 'in-stock' }
	},
	{
		story: 'taken to the workshop Saturday 09:00',
		events: [event('e1', 'to-workshop', '02T09:00')],
		now: '02T12:00',
		expected: { status: 'workshop', since: t('02T09:00') }
	},
	{
		story: 'back from the workshop',
		events: [event('e1', 'to-workshop', '02T09:00'), event('e2', 'from-workshop', '02T16:00')],
		now: '02T17:00',
		expected: { status: 'in-stock' }
	},
	{
		story: 'lost on the dam',
		events: [event('e1', 'lost', '02T09:00')],
		now: '02T12:00',
		expected: { status: 'lost', since: t('02T09:00') }
	},
	{
		story: 'lost, then found behind the counter',
		events: [event('e1', 'lost', '02T09:00'), event('e2', 'found', '02T10:00')],
		now: '02T12:00',
		expected: { status: 'in-stock' }
	},
	{
		story: 'retired',
		retired: true,
		now: '02T12:00',
		expected: { status: 'retired', conflicts: [] }
	},
	{
		story: 'lost and then written off: retired',
		retired: true,
		events: [event('e1', 'lost', '02T09:00')],
		now: '02T12:00',
		expected: { status: 'retired' }
	},
	{
		story:
			'same instant: from-workshop (id a) then to-workshop (id b) by id order: in the workshop',
		events: [event('b', 'to-workshop', '02T09:00'), event('a', 'from-workshop', '02T09:00')],
		now: '02T12:00',
		expected: { status: 'workshop' }
	},
	{
		story: 'a retried check-out and an extension are one rental, due at the later time',
		facts: [saturdayRental, saturdayRental, out('rent-1', '02T07:00', '04T18:00')],
		now: '03T19:00',
		expected: { status: 'out', conflicts: [] }
	}
];

/** The conflict stories: contradictions two tablets created offline. */
const conflicts: Story[] = [
	{
		story: 'A sent it to the workshop while B, offline, rented it out: out, with the conflict',
		events: [event('e1', 'to-workshop', '02T08:00')],
		facts: [saturdayRental],
		now: '02T12:00',
		expected: {
			status: 'out',
			conflicts: [
				{
					kind: 'workshop-and-out',
					unitId: R12,
					rentalIds: ['rent-1'],
					workshopSince: t('02T08:00')
				}
			]
		}
	},
	{
		story: 'two tablets rented R-0012 to two customers: out on the earlier rental',
		facts: [out('rent-b', '02T07:30', '03T18:00', 'c-zhang'), saturdayRental],
		now: '02T12:00',
		expected: {
			status: 'out',
			rental: {
				rentalId: 'rent-1',
				customerId: 'c-wang',
				outAt: t('02T07:00'),
				dueAt: t('03T18:00')
			},
			conflicts: [{ kind: 'out-twice', unitId: R12, rentalIds: ['rent-1', 'rent-b'] }]
		}
	},
	{
		story: 'two rentals out at the same minute: the smaller rental id is shown',
		facts: [
			out('rent-b', '02T07:00', '03T18:00', 'c-zhang'),
			out('rent-a', '02T07:00', '02T09:00')
		],
		now: '02T12:00',
		expected: {
			status: 'overdue',
			conflicts: [{ kind: 'out-twice', unitId: R12, rentalIds: ['rent-a', 'rent-b'] }]
		}
	},
	{
		story: 'returned on a rental it never went out on: in stock, the stray return listed',
		facts: [back('rent-9', '02T10:00')],
		now: '02T12:00',
		expected: {
			status: 'in-stock',
			conflicts: [
				{ kind: 'returned-never-out', unitId: R12, rentalId: 'rent-9', returnedAt: t('02T10:00') }
			]
		}
	},
	{
		story: 'marked lost while a customer still has it: lost, with the rental',
		events: [event('e1', 'lost', '02T10:00')],
		facts: [saturdayRental],
		now: '02T12:00',
		expected: {
			status: 'lost',
			since: t('02T10:00'),
			conflicts: [
				{ kind: 'lost-and-out', unitId: R12, rentalIds: ['rent-1'], lostSince: t('02T10:00') }
			]
		}
	},
	{
		story: 'retired while it was out: out, until the rental comes back',
		retired: true,
		facts: [saturdayRental],
		now: '02T12:00',
		expected: {
			status: 'out',
			conflicts: [{ kind: 'retired-and-out', unitId: R12, rentalIds: ['rent-1'] }]
		}
	}
];

function derive(
	story: Story,
	events = story.events ?? [],
	facts = story.facts ?? []
): UnitStatusView {
	return deriveUnitStatus({
		unit: { ...rod, retired: story.retired ?? false },
		events,
		facts,
		now: t(story.now),
		turnaroundMs: (story.turnaroundHours ?? 0) * HOUR
	});
}

/** A seeded shuffle, so a failure names an order that can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
	const copy = [...items];
	let state = seed;
	for (let i = copy.length - 1; i > 0; i -= 1) {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		const j = state % (i + 1);
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

describe('a unit status derived from events', () => {
	it.each(stories.map((s) => [s.story, s] as const))('%s', (_name, story) => {
		expect(derive(story)).toMatchObject(story.expected);
	});
});

describe('conflicts are shown, not silently picked', () => {
	it.each(conflicts.map((s) => [s.story, s] as const))('%s', (_name, story) => {
		expect(derive(story)).toMatchObject(story.expected);
	});

	it.each([...stories, ...conflicts].map((s) => [s.story, s] as const))(
		'the same result in any merge order: %s',
		(_name, story) => {
			const reference = derive(story);
			for (let seed = 1; seed <= 25; seed += 1) {
				const events = shuffled(story.events ?? [], seed);
				const facts = shuffled(story.facts ?? [], seed * 7);
				expect(derive(story, events, facts)).toEqual(reference);
			}
		}
	);
});

describe('deriveAllStatuses', () => {
	it('derives each unit from its own facts, the same as one by one', () => {
		const units = Array.from({ length: 50 }, (_, i) => ({
			id: unitId(`u-${i}`),
			retired: i === 7
		}));
		const facts: UnitRentalFact[] = units.flatMap(({ id }, i) =>
			i % 3 === 0 ? [{ ...saturdayRental, unitId: id, rentalId: `rent-${i}` }] : []
		);
		const events: MaintenanceEvent[] = [
			{ ...event('e1', 'to-workshop', '02T08:00'), unitId: units[4].id }
		];
		const strays: UnitRentalFact[] = [{ ...saturdayRental, unitId: 'u-gone' as UnitId }];
		const now = t('03T12:00');
		const all = deriveAllStatuses(units, events, [...facts, ...strays], now);
		expect(all.size).toBe(50);
		expect(all.get(units[3].id)?.status).toBe('out');
		expect(all.get(units[4].id)?.status).toBe('workshop');
		expect(all.get(units[7].id)?.status).toBe('retired');
		expect(all.get(units[1].id)?.status).toBe('in-stock');
		expect(allConflicts(all)).toEqual([]);
		const one = deriveUnitStatus({ unit: units[3], events: [], facts: [facts[1]], now });
		expect(all.get(units[3].id)).toEqual(one);
	});
});
