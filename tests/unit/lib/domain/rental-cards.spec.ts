import { describe, expect, it } from 'vitest';
import type { LedgerEvent, MoneyEntry } from '../../../../src/lib/domain/ledger.ts';
import { deriveRentals, type Rental } from '../../../../src/lib/domain/ledger-rentals.ts';
import {
	asSettled,
	settleFacts,
	settlementFor
} from '../../../../src/lib/domain/ledger-settlement.ts';
import { cardState, settlementCard, termsCard } from '../../../../src/lib/domain/rental-cards.ts';
import { readMessage, type Card, type Message } from '../../../../src/lib/domain/thread.ts';
import {
	checkedOut,
	DAY,
	depositFor,
	FRI_10,
	HOUR,
	lureRod,
	returned,
	seaRod,
	stamp
} from './ledger-fixtures.ts';

const out = checkedOut('r1', { units: [seaRod(), lureRod()], deposit: 50_000 });

function rentalOf(events: LedgerEvent[]): Rental {
	return deriveRentals(events).rentals.get('r1')!;
}

/** The card as the thread would hold it: a message the schema accepts. */
function asMessage(card: Card, id = 'm1', from: Message['from'] = { role: 'staff', id: 's-wang' }) {
	return readMessage({ id, from, at: FRI_10 + HOUR, kind: 'card', card });
}

/** Settles r1 at `when` with the deposit taken; returns the rental and the bill as handed over. */
function settled(events: LedgerEvent[], when: number) {
	const entries: MoneyEntry[] = [depositFor(out)];
	const facts = settleFacts(rentalOf(events), entries, stamp('r1:settle', when), 'cash');
	if (!facts.ok) throw new Error('not settled');
	const rental = rentalOf([...events, facts.event]);
	const bill = settlementFor(rental, [...entries, ...facts.entries], when);
	if (!bill.ok) throw new Error('no bill');
	return { rental, settlement: asSettled(bill.settlement, facts.event.totals) };
}

describe('rental terms card', () => {
	it('lists each rod with the rates the customer is quoted, the times, deposit and grace', () => {
		const card = termsCard(rentalOf([out]))!;
		expect(card).toMatchObject({
			type: 'rental-terms',
			rentalId: 'r1',
			units: [
				{
					code: 'R-0012',
					modelName: '3.6 m 海竿',
					rates: { daily: 3000, weekend: 4000, hourlyLate: 500, deposit: 30_000 }
				},
				{ code: 'R-0031', modelName: '2.7 m 路亚竿', rates: { daily: 2000, weekend: 2500 } }
			],
			outAt: FRI_10,
			dueAt: FRI_10 + 2 * DAY,
			deposit: 50_000,
			graceMinutes: 60
		});
		expect(card.hash).toMatch(/^[0-9a-f]{16}$/);
		// The replacement value stays in the shop: the schema refuses any field it does not know.
		expect(JSON.stringify(card)).not.toContain('replacementValue');
		expect(asMessage(card)).not.toBeNull();
	});

	it.each([
		['the same rental read again', [out], true],
		['an extension to Monday', [out, extended(FRI_10 + 3 * DAY)], false],
		[
			'a unit came back (the terms are still the same)',
			[out, returned('r1', 'u-31', FRI_10 + HOUR)],
			true
		]
	] as const)('fingerprint after %s: unchanged = %s', (_story, events, same) => {
		const before = termsCard(rentalOf([out]))!.hash;
		expect(termsCard(rentalOf([...events]))!.hash === before).toBe(same);
	});

	it('is null for a rental with no units left on it', () => {
		const rental = { ...rentalOf([out]), units: [] };
		expect(termsCard(rental)).toBeNull();
	});
});

function extended(dueAt: number): LedgerEvent {
	return { ...stamp(`r1:ext:${dueAt}`, FRI_10 + HOUR), kind: 'extended', rentalId: 'r1', dueAt };
}

describe('settlement card', () => {
	it('is null until the rental is settled', () => {
		const rental = rentalOf([out]);
		const bill = settlementFor(rental, [], FRI_10 + HOUR);
		expect(bill.ok && settlementCard(rental, bill.settlement)).toBeNull();
	});

	it.each([
		[
			'both rods back on Friday afternoon: one day each, the deposit comes back less the rent',
			FRI_10 + 5 * HOUR,
			{ units: [{ rent: 3000 }, { rent: 2000 }], charges: 5000, refund: 45_000, balanceDue: 0 }
		],
		[
			'back Sunday noon, two hours late: the sea rod by the hour, the lure rod (no hourly rate) a full weekend day',
			FRI_10 + 2 * DAY + 2 * HOUR,
			{ charges: 3000 + 4000 + 2 * 500 + (2000 + 2500 + 2500), refund: 35_000, balanceDue: 0 }
		]
	] as [
		string,
		number,
		{ units?: { rent: number }[]; charges: number; refund: number; balanceDue: number }
	][])('%s', (_story, when, expected) => {
		const events = [out, returned('r1', 'u-12', when), returned('r1', 'u-31', when)];
		const { rental, settlement } = settled(events, when);
		const card = settlementCard(rental, settlement)!;
		expect(card).toMatchObject({
			type: 'settlement',
			rentalId: 'r1',
			depositHeld: 50_000,
			settledAt: when,
			...expected,
			units: expected.units?.map((u) => expect.objectContaining(u)) ?? expect.any(Array)
		});
		expect(card.refund + card.balanceDue).toBe(Math.abs(50_000 - card.charges));
		expect(asMessage(card)).not.toBeNull();
	});
});

describe('card state in the thread', () => {
	const card = termsCard(rentalOf([out]))!;
	const customer = { role: 'customer', id: 'c-wang' } as const;
	const sent = asMessage(card, 'm1')!;
	const confirmation = readMessage({
		id: 'm2',
		from: customer,
		at: FRI_10 + 2 * HOUR,
		kind: 'card',
		card: { type: 'confirmation', rentalId: 'r1', hash: card.hash, of: 'm1' }
	})!;
	const newer = termsCard(rentalOf([out, extended(FRI_10 + 3 * DAY)]))!;

	it.each([
		['never sent', [], { sentAt: null, confirmedAt: null, outdated: false }],
		[
			'sent, not confirmed yet',
			[sent],
			{ sentAt: FRI_10 + HOUR, confirmedAt: null, outdated: false }
		],
		[
			'sent and confirmed by the customer',
			[sent, confirmation],
			{ sentAt: FRI_10 + HOUR, confirmedAt: FRI_10 + 2 * HOUR, outdated: false }
		]
	])('%s', (_story, messages, expected) => {
		expect(cardState(messages, card)).toEqual(expected);
	});

	it('after an extension the old confirmation does not count, and the old card is outdated', () => {
		expect(cardState([sent, confirmation], newer)).toEqual({
			sentAt: null,
			confirmedAt: null,
			outdated: true
		});
	});

	it('a card the customer posts as if from the shop is not "sent"', () => {
		const forged = asMessage(card, 'm9', customer)!;
		expect(cardState([forged], card).sentAt).toBeNull();
	});
});
