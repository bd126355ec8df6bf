/**
 * Rental cards in a customer's thread: the terms a rental went out under, sent for the customer
 * to confirm, and the bill at check-in. Built from the ledger's derived rental, so what the
 * customer confirms is exactly what the counter recorded.
 *
 * Each card carries a fingerprint of what it says (`hash`); the customer's confirmation repeats
 * it. When the terms change (an extension, a swapped unit) the fingerprint changes and an older
 * confirmation no longer counts for them: the shop sends the new terms again.
 */
import { fingerprint } from './fingerprint.ts';
import { billedUnits, type Rental } from './ledger-rentals.ts';
import type { RateCard } from './pricing.ts';
import type { Settlement } from './settlement.ts';
import {
	confirmationOf,
	messageLimits,
	type CardUnit,
	type Message,
	type RentalTermsCard,
	type SettlementCard,
	type SettlementCardUnit
} from './thread.ts';

/** A card's text field as the thread schema takes it: one line, at most `cardTextChars`. */
function cardText(text: string, fallback: string): string {
	const clean = text.replace(/\s+/g, ' ').trim() || fallback;
	return [...clean].slice(0, messageLimits.cardTextChars).join('');
}

/** Only the rates a customer is quoted (the thread schema refuses any other field). */
function quotedRates(card: RateCard): RateCard {
	const rates: RateCard = { daily: card.daily, deposit: card.deposit };
	if (card.weekend !== undefined) rates.weekend = card.weekend;
	if (card.holiday !== undefined) rates.holiday = card.holiday;
	if (card.hourlyLate !== undefined) rates.hourlyLate = card.hourlyLate;
	return rates;
}

/** The fingerprint of a card: everything it says but the fingerprint itself. */
function hashOf(card: object): string {
	return fingerprint(JSON.stringify(card));
}

/**
 * The rental's terms as a card: the units billed on it with their rates, out and due times, the
 * deposit agreed and the grace minutes. Null when it cannot be a card (no units, or more than a
 * card holds).
 */
export function termsCard(rental: Rental): RentalTermsCard | null {
	const units: CardUnit[] = billedUnits(rental).map(({ terms }) => ({
		code: cardText(terms.code, '?'),
		modelName: cardText(terms.modelName, terms.code),
		rates: quotedRates(terms.card)
	}));
	if (units.length === 0 || units.length > messageLimits.cardUnits) return null;
	const body = {
		type: 'rental-terms' as const,
		rentalId: rental.id,
		units,
		outAt: rental.outAt,
		dueAt: rental.dueAt,
		deposit: rental.deposit,
		graceMinutes: rental.calendar.graceMinutes
	};
	return { ...body, hash: hashOf(body) };
}

/**
 * The bill of a settled rental as a card (`settlement` as handed over: `asSettled`). Null while
 * the rental is not settled, or when the bill cannot be a card. Amounts below zero (a correction
 * in progress) are shown as 0, which the schema requires.
 */
export function settlementCard(rental: Rental, settlement: Settlement): SettlementCard | null {
	const settled = rental.settlements[0];
	if (!settled) return null;
	const units: SettlementCardUnit[] = settlement.units.map((unit) => ({
		code: cardText(unit.code, '?'),
		modelName: cardText(unit.modelName, unit.code),
		rent: Math.max(0, unit.rentTotal),
		damage: Math.max(0, unit.damageTotal)
	}));
	if (units.length === 0 || units.length > messageLimits.cardUnits) return null;
	const fen = (amount: number | undefined) => Math.max(0, amount ?? 0);
	const body = {
		type: 'settlement' as const,
		rentalId: rental.id,
		units,
		sales: fen(settlement.salesTotal),
		discount: fen(settlement.discount?.amount),
		charges: fen(settlement.charges),
		depositHeld: fen(settlement.depositHeld),
		paid: fen(settlement.paid),
		refund: fen(settlement.refund),
		balanceDue: fen(settlement.balanceDue),
		settledAt: settled.at
	};
	return { ...body, hash: hashOf(body) };
}

/** Where a card stands in the customer's thread. */
export interface CardState {
	/** When this exact card (same rental and fingerprint) was last sent; null if never. */
	sentAt: number | null;
	/** When the customer first confirmed it; null if not (yet). */
	confirmedAt: number | null;
	/** An earlier version of the card (other fingerprint) was sent for this rental. */
	outdated: boolean;
}

/** Whether `card` was sent in the thread, confirmed, or sent before in another version. */
export function cardState(
	messages: readonly Message[],
	card: Pick<RentalTermsCard | SettlementCard, 'type' | 'rentalId' | 'hash'>
): CardState {
	let sentAt: number | null = null;
	let outdated = false;
	for (const m of messages) {
		if (m.kind !== 'card' || m.from.role === 'customer') continue;
		if (m.card.type !== card.type || m.card.rentalId !== card.rentalId) continue;
		if (m.card.hash === card.hash) sentAt = Math.max(sentAt ?? 0, m.at);
		else outdated = true;
	}
	return {
		sentAt,
		confirmedAt: confirmationOf(messages, card.rentalId, card.hash),
		outdated: outdated && sentAt === null
	};
}
