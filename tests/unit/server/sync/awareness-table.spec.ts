import { describe, expect, it } from 'vitest';
import { AwarenessTable } from '../../../../server/sync/awareness-table.ts';
import type { AwarenessEntry } from '../../../../server/sync/protocol.ts';

const here = (name: string) => JSON.stringify({ user: { name } });
const entry = (clientId: number, clock: number, state: string): AwarenessEntry => ({
	clientId,
	clock,
	state
});

/** Two tablets' connections: the table tells owners apart by identity. */
const tabletA = { connection: 'A' };
const tabletB = { connection: 'B' };

describe('AwarenessTable.accept', () => {
	interface Story {
		story: string;
		/** Entries accepted before, each from an owner. */
		before: [object, AwarenessEntry][];
		/** Owners to release before the entry arrives. */
		released?: object[];
		from: object;
		entry: AwarenessEntry;
		/** What is relayed: the entry with this clock, or nothing. */
		relayedClock: number | null;
	}

	const stories: Story[] = [
		{
			story: 'a new client is relayed as sent',
			before: [],
			from: tabletA,
			entry: entry(11, 1, here('王')),
			relayedClock: 1
		},
		{
			story: 'a renewal with a higher clock is relayed',
			before: [[tabletA, entry(11, 1, here('王'))]],
			from: tabletA,
			entry: entry(11, 2, here('王')),
			relayedClock: 2
		},
		{
			story: 'a stale clock is dropped',
			before: [[tabletA, entry(11, 5, here('王'))]],
			from: tabletA,
			entry: entry(11, 4, here('王')),
			relayedClock: null
		},
		{
			story: 'the same clock with a state is dropped',
			before: [[tabletA, entry(11, 5, here('王'))]],
			from: tabletA,
			entry: entry(11, 5, here('李')),
			relayedClock: null
		},
		{
			story: 'a client id another live connection owns is dropped',
			before: [[tabletA, entry(11, 1, here('王'))]],
			from: tabletB,
			entry: entry(11, 9, here('冒充')),
			relayedClock: null
		},
		{
			story: 'another connection may not remove a live client either',
			before: [[tabletA, entry(11, 1, here('王'))]],
			from: tabletB,
			entry: entry(11, 2, 'null'),
			relayedClock: null
		},
		{
			story: 'a removal at the equal clock is accepted',
			before: [[tabletA, entry(11, 5, here('王'))]],
			from: tabletA,
			entry: entry(11, 5, 'null'),
			relayedClock: 5
		},
		{
			story: 'a removal at an older clock is dropped',
			before: [[tabletA, entry(11, 5, here('王'))]],
			from: tabletA,
			entry: entry(11, 4, 'null'),
			relayedClock: null
		},
		{
			story: 'a client that comes back after its removal is bumped past the removal clock',
			before: [[tabletA, entry(11, 5, here('王'))]],
			released: [tabletA], // the server announced removal at clock 6
			from: tabletB,
			entry: entry(11, 5, here('王')),
			relayedClock: 7
		},
		{
			story: 'a client that comes back at exactly the removal clock is bumped too',
			before: [[tabletA, entry(11, 5, here('王'))]],
			released: [tabletA],
			from: tabletA,
			entry: entry(11, 6, here('王')),
			relayedClock: 7
		},
		{
			story: 'a client that comes back with a newer clock keeps it',
			before: [[tabletA, entry(11, 5, here('王'))]],
			released: [tabletA],
			from: tabletB,
			entry: entry(11, 10, here('王')),
			relayedClock: 10
		},
		{
			story: 'a second removal of a client already gone is dropped',
			before: [[tabletA, entry(11, 5, here('王'))]],
			released: [tabletA],
			from: tabletA,
			entry: entry(11, 6, 'null'),
			relayedClock: null
		}
	];

	it.each(stories)('$story', ({ before, released = [], from, entry: sent, relayedClock }) => {
		const table = new AwarenessTable();
		for (const [owner, e] of before) expect(table.accept(owner, [e])).toHaveLength(1);
		for (const owner of released) table.release(owner);
		const relayed = table.accept(from, [sent]);
		if (relayedClock === null) expect(relayed).toEqual([]);
		else expect(relayed).toEqual([{ ...sent, clock: relayedClock }]);
	});

	it('judges each entry of one update on its own', () => {
		const table = new AwarenessTable();
		table.accept(tabletA, [entry(11, 3, here('王'))]);
		const relayed = table.accept(tabletB, [
			entry(11, 9, here('冒充')),
			entry(12, 1, here('李')),
			entry(13, 1, here('赵'))
		]);
		expect(relayed.map((e) => e.clientId)).toEqual([12, 13]);
	});

	it('a bumped client continues from its new clock', () => {
		const table = new AwarenessTable();
		table.accept(tabletA, [entry(11, 5, here('王'))]);
		table.release(tabletA);
		expect(table.accept(tabletB, [entry(11, 5, here('王'))])).toEqual([entry(11, 7, here('王'))]);
		// The echo told the client clock 7; its next renewal is 8.
		expect(table.accept(tabletB, [entry(11, 7, here('王'))])).toEqual([]);
		expect(table.accept(tabletB, [entry(11, 8, here('王'))])).toEqual([entry(11, 8, here('王'))]);
	});

	it('a client id freed by a removal can be taken by another connection', () => {
		const table = new AwarenessTable();
		table.accept(tabletA, [entry(11, 5, here('王'))]);
		table.accept(tabletA, [entry(11, 5, 'null')]);
		expect(table.accept(tabletB, [entry(11, 6, here('王'))])).toEqual([entry(11, 6, here('王'))]);
		// ... and now belongs to B: A's late renewal is dropped.
		expect(table.accept(tabletA, [entry(11, 9, here('王'))])).toEqual([]);
	});
});

describe('AwarenessTable.release and present', () => {
	it('release removes only that connection’s clients, one clock past the last', () => {
		const table = new AwarenessTable();
		table.accept(tabletA, [entry(11, 5, here('王')), entry(12, 2, here('王-2'))]);
		table.accept(tabletB, [entry(21, 1, here('李'))]);
		expect(table.release(tabletA)).toEqual([entry(11, 6, 'null'), entry(12, 3, 'null')]);
		expect(table.present()).toEqual([entry(21, 1, here('李'))]);
	});

	it('release of a connection that owns nothing removes nothing', () => {
		const table = new AwarenessTable();
		table.accept(tabletA, [entry(11, 1, here('王'))]);
		expect(table.release(tabletB)).toEqual([]);
		expect(table.release(tabletA)).toHaveLength(1);
		expect(table.release(tabletA)).toEqual([]);
	});

	it('a client that removed itself is not released again', () => {
		const table = new AwarenessTable();
		table.accept(tabletA, [entry(11, 4, here('王'))]);
		table.accept(tabletA, [entry(11, 4, 'null')]);
		expect(table.release(tabletA)).toEqual([]);
	});

	it('present lists live clients with their latest clock and state, not the gone ones', () => {
		const table = new AwarenessTable();
		expect(table.present()).toEqual([]);
		table.accept(tabletA, [entry(11, 1, here('王'))]);
		table.accept(tabletA, [entry(11, 2, here('王师傅'))]);
		table.accept(tabletB, [entry(21, 1, here('李'))]);
		table.accept(tabletB, [entry(21, 1, 'null')]);
		expect(table.present()).toEqual([entry(11, 2, here('王师傅'))]);
	});
});
