/**
 * A thread as people see it: the messages with their edits and retractions folded in, which
 * terms a customer confirmed, and what each reader has not read yet. Import these from
 * `thread.ts`, which re-exports them beside the message types.
 *
 * Every function depends only on the messages in the order the thread doc holds them (the same
 * on every replica once they have merged), never on arrival order. A message id that occurs
 * twice counts once, at its first occurrence.
 */
import type { EditMessage, Message, Sender, ShownMessage } from './thread.ts';

/** A reader's key in `receipts`, and an author's identity for edits: `customer:c-88`, `staff:wang`. */
export function receiptKey(sender: Sender): string {
	return `${sender.role}:${sender.id}`;
}

/** One bubble of the conversation. */
export interface ThreadItem {
	id: string;
	from: Sender;
	at: number;
	/** The message as sent; null once its author retracted it (show "retracted", nothing else). */
	message: ShownMessage | null;
	/** The text to show (a text message's latest edit, or a system note); null otherwise. */
	text: string | null;
	/** When the shown text was written by an edit; null if never edited. */
	editedAt: number | null;
	/** When the author took the message back; null if they did not. */
	retractedAt: number | null;
	/** For rental terms or a settlement: when a customer first confirmed exactly this card. */
	confirmedAt: number | null;
}

const isChange = (m: Message): m is Extract<Message, { kind: 'edit' | 'retract' }> =>
	m.kind === 'edit' || m.kind === 'retract';

/** The shown messages by id (first occurrence wins), in thread order. */
function shownById(messages: readonly Message[]): Map<string, ShownMessage> {
	const shown = new Map<string, ShownMessage>();
	for (const m of messages) if (!isChange(m) && !shown.has(m.id)) shown.set(m.id, m);
	return shown;
}

/** When each message was retracted by its own author (the earliest retraction counts). */
function retractions(
	messages: readonly Message[],
	shown: Map<string, ShownMessage>
): Map<string, number> {
	const retracted = new Map<string, number>();
	for (const m of messages) {
		if (m.kind !== 'retract') continue;
		const target = shown.get(m.of);
		if (!target || receiptKey(target.from) !== receiptKey(m.from)) continue;
		retracted.set(m.of, Math.min(m.at, retracted.get(m.of) ?? Infinity));
	}
	return retracted;
}

/**
 * The bubbles of a thread in order. An edit replaces the text of its author's own text message
 * (the latest `at` wins; on a tie, the later in the thread); a retraction by the author hides
 * the message. Edits and retractions by anyone else, or of unknown ids, are ignored. A
 * confirmation card marks the terms or bill it names as confirmed when a customer sent it, it
 * repeats that card's rental and fingerprint, and neither was retracted.
 */
export function threadView(messages: readonly Message[]): ThreadItem[] {
	const shown = shownById(messages);
	const retracted = retractions(messages, shown);
	const edits = new Map<string, EditMessage>();
	for (const m of messages) {
		if (m.kind !== 'edit') continue;
		const target = shown.get(m.of);
		if (target?.kind !== 'text' || receiptKey(target.from) !== receiptKey(m.from)) continue;
		const latest = edits.get(m.of);
		if (!latest || m.at >= latest.at) edits.set(m.of, m);
	}
	const items = new Map<string, ThreadItem>();
	for (const m of shown.values()) {
		const retractedAt = retracted.get(m.id) ?? null;
		const edit = edits.get(m.id);
		const original = m.kind === 'text' || m.kind === 'system' ? m.text : null;
		items.set(m.id, {
			id: m.id,
			from: m.from,
			at: m.at,
			message: retractedAt === null ? m : null,
			text: retractedAt === null ? (edit?.text ?? original) : null,
			editedAt: retractedAt === null && edit ? edit.at : null,
			retractedAt,
			confirmedAt: null
		});
	}
	for (const item of items.values()) {
		const card = item.message?.kind === 'card' ? item.message.card : null;
		if (card?.type !== 'confirmation' || item.from.role !== 'customer') continue;
		const target = items.get(card.of);
		const terms = target?.message?.kind === 'card' ? target.message.card : null;
		if (!target || !terms || terms.type === 'confirmation') continue;
		if (terms.rentalId !== card.rentalId || terms.hash !== card.hash) continue;
		target.confirmedAt = Math.min(item.at, target.confirmedAt ?? Infinity);
	}
	return [...items.values()];
}

/** When a customer first confirmed the terms or bill of `rentalId` fingerprinted `hash`; null if not. */
export function confirmationOf(
	messages: readonly Message[],
	rentalId: string,
	hash: string
): number | null {
	let confirmedAt: number | null = null;
	for (const item of threadView(messages)) {
		const card = item.message?.kind === 'card' ? item.message.card : null;
		if (!card || card.type === 'confirmation' || item.confirmedAt === null) continue;
		if (card.rentalId !== rentalId || card.hash !== hash) continue;
		confirmedAt = Math.min(item.confirmedAt, confirmedAt ?? Infinity);
	}
	return confirmedAt;
}

/**
 * The index in `messages` up to which the reader has read: the message their receipt names or
 * their own latest message (whoever writes has read what came before), whichever is later; -1
 * if neither. Use it for "已读" on the messages at or before it.
 */
export function readIndex(
	readerKey: string,
	messages: readonly Message[],
	receipts: Readonly<Record<string, string>>
): number {
	const receipt = Object.hasOwn(receipts, readerKey) ? receipts[readerKey] : undefined;
	let read = -1;
	const seen = new Set<string>();
	messages.forEach((m, index) => {
		const first = !seen.has(m.id);
		seen.add(m.id);
		if ((first && m.id === receipt) || receiptKey(m.from) === readerKey) read = index;
	});
	return read;
}

/**
 * How many messages wait for this reader: shown, not retracted, after `readIndex`, and written
 * by the other side. A customer waits on everyone else (staff, the bot, other members of a
 * group); staff, the bot and the system wait only on customers.
 */
export function unreadFor(
	readerKey: string,
	messages: readonly Message[],
	receipts: Readonly<Record<string, string>>
): number {
	const shown = shownById(messages);
	const retracted = retractions(messages, shown);
	const readerIsCustomer = readerKey.startsWith('customer:');
	const from = readIndex(readerKey, messages, receipts);
	let unread = 0;
	for (let i = from + 1; i < messages.length; i++) {
		const m = messages[i];
		if (isChange(m) || shown.get(m.id) !== m || retracted.has(m.id)) continue;
		if (receiptKey(m.from) === readerKey) continue;
		if (readerIsCustomer || m.from.role === 'customer') unread += 1;
	}
	return unread;
}
