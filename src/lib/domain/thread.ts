/**
 * The conversation of a thread as plain data (DESIGN.md, "The thread document"): immutable
 * messages, read receipts, and the portal the server writes. Shared by the customer page, the
 * staff inbox and the server's policy, so what a phone sends is what the server accepts.
 *
 * Messages are never changed: an edit or a retraction is a new message naming the old id, and
 * `threadView` folds them in. Only a message's author may edit or retract it.
 */
import { attachmentType, isAttachmentHash, isImageType } from './attachments.ts';
import { MAX_AUDIO_BYTES, MAX_IMAGE_BYTES } from './attachments.ts';
import type { RateCard } from './pricing.ts';

export type SenderRole = 'customer' | 'staff' | 'bot' | 'system';

export interface Sender {
	role: SenderRole;
	/** Customer id, staff account id, or the bot's or system's name. */
	id: string;
}

interface MessageBase {
	/** Unique in the thread, made by the writer (e.g. a UUID): letters, digits, `_`, `-`. */
	id: string;
	from: Sender;
	/** When the writer wrote it, epoch ms (by the writer's clock). */
	at: number;
}

export interface TextMessage extends MessageBase {
	kind: 'text';
	text: string;
}
export interface ImageMessage extends MessageBase {
	kind: 'image';
	/** The attachment's SHA-256, lowercase hex. */
	blob: string;
	mime: string;
	/** Bytes. */
	size: number;
	width?: number;
	height?: number;
}
export interface VoiceMessage extends MessageBase {
	kind: 'voice';
	blob: string;
	mime: string;
	size: number;
	durationMs: number;
}
export interface CardMessage extends MessageBase {
	kind: 'card';
	card: Card;
}
export interface SystemMessage extends MessageBase {
	kind: 'system';
	text: string;
}
/** Replaces the text of the author's own text message `of`. */
export interface EditMessage extends MessageBase {
	kind: 'edit';
	of: string;
	text: string;
}
/** Takes back the author's own message `of`: its content is no longer shown. */
export interface RetractMessage extends MessageBase {
	kind: 'retract';
	of: string;
}

export type Message =
	| TextMessage
	| ImageMessage
	| VoiceMessage
	| CardMessage
	| SystemMessage
	| EditMessage
	| RetractMessage;
/** The messages shown as bubbles; edits and retractions change them instead. */
export type ShownMessage = Exclude<Message, EditMessage | RetractMessage>;

/** A unit on rental terms: what the customer sees of its price card (fen). */
export interface CardUnit {
	code: string;
	modelName: string;
	rates: RateCard;
}
/** The terms of a rental, sent for the customer to confirm; the fee rule is worded by the page. */
export interface RentalTermsCard {
	type: 'rental-terms';
	rentalId: string;
	/** Fingerprint of the terms (lowercase hex); a confirmation repeats it. */
	hash: string;
	units: CardUnit[];
	outAt: number;
	dueAt: number;
	/** Deposit taken for the whole rental, fen. */
	deposit: number;
	/** Minutes into a new period before it is charged. */
	graceMinutes: number;
}
/** One unit's part of a settled bill, fen. */
export interface SettlementCardUnit {
	code: string;
	modelName: string;
	rent: number;
	damage: number;
}
/** The bill at check-in; every amount in fen, exactly one of refund and balanceDue above 0. */
export interface SettlementCard {
	type: 'settlement';
	rentalId: string;
	hash: string;
	units: SettlementCardUnit[];
	sales: number;
	discount: number;
	charges: number;
	depositHeld: number;
	paid: number;
	refund: number;
	balanceDue: number;
	settledAt: number;
}
/** The customer agrees to the terms or bill in message `of` whose fingerprint is `hash`. */
export interface ConfirmationCard {
	type: 'confirmation';
	rentalId: string;
	hash: string;
	of: string;
}
export type Card = RentalTermsCard | SettlementCard | ConfirmationCard;

/** What the customer page shows beside the chat; written by the server from the ledger. */
export interface Portal {
	shop: { name: string; phone: string; address: string; hours: string };
	rentals: PortalRental[];
	updatedAt: number;
}
export interface PortalRental {
	rentalId: string;
	units: { code: string; modelName: string }[];
	outAt: number;
	dueAt: number;
	/** Rent so far, deposit held and payments made, fen. */
	rentSoFar: number;
	depositHeld: number;
	paid: number;
	status: 'out' | 'returned' | 'settled';
}

/** Limits every writer checks before sending and the server checks again. */
export const messageLimits = {
	/** Longest text of a message or an edit, in characters (code points). */
	textChars: 2000,
	/** Longest message id, and longest sender id. */
	idChars: 64,
	/** Largest photo and voice note, bytes (the attachment store's limits). */
	imageBytes: MAX_IMAGE_BYTES,
	voiceBytes: MAX_AUDIO_BYTES,
	/** Longest voice note. */
	voiceMs: 5 * 60_000,
	/** Largest width or height a photo may claim, pixels. */
	imageSide: 20_000,
	/** Most units on one card, and longest text on a card (a code, a model name). */
	cardUnits: 50,
	cardTextChars: 200
} as const;

// ---- Reading untrusted values: a clean copy, or undefined -------------------------------------

type Read<T> = (value: unknown) => T | undefined;
type Shape = Record<string, Read<unknown> | { optional: Read<unknown> }>;

const idPattern = /^[A-Za-z0-9_-]+$/;
const hashPattern = /^[0-9a-f]{8,128}$/;
const roles: readonly string[] = ['customer', 'staff', 'bot', 'system'];

/** A plain object as JSON (or Yjs) makes it: no arrays, no odd prototypes. */
function isRow(value: unknown): value is Record<string, unknown> {
	return (
		typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
	);
}
const when =
	<T>(test: (value: unknown) => boolean): Read<T> =>
	(value) =>
		test(value) ? (value as T) : undefined;
const chars = (value: string) => [...value].length;
const text = (max: number) =>
	when<string>((v) => typeof v === 'string' && v.trim() !== '' && chars(v) <= max);
const wholeIn = (min: number, max: number) =>
	when<number>((v) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max);
const isMessageId = (v: unknown) =>
	typeof v === 'string' && v.length <= messageLimits.idChars && idPattern.test(v);
const messageId = when<string>(isMessageId);
const time = wholeIn(0, 8.64e15);
const fen = wholeIn(0, Number.MAX_SAFE_INTEGER);
const hash = when<string>((v) => typeof v === 'string' && hashPattern.test(v));
const cardText = text(messageLimits.cardTextChars);
const literal = (expected: string) => when<string>((v) => v === expected);
const listOf =
	<T>(read: Read<T>, max: number): Read<T[]> =>
	(value) => {
		if (!Array.isArray(value) || value.length === 0 || value.length > max) return undefined;
		const out = value.map(read);
		return out.every((v) => v !== undefined) ? (out as T[]) : undefined;
	};

/** The fields `shape` names, each read by its reader; any other field makes the value invalid. */
function readShape<T>(value: unknown, shape: Shape): T | undefined {
	if (!isRow(value)) return undefined;
	for (const key of Object.keys(value)) if (!Object.hasOwn(shape, key)) return undefined;
	const out: Record<string, unknown> = {};
	for (const [key, field] of Object.entries(shape)) {
		const optional = typeof field === 'object';
		if (value[key] === undefined && optional) continue;
		const read = (optional ? field.optional : field)(value[key]);
		if (read === undefined) return undefined;
		out[key] = read;
	}
	return out as T;
}
const shaped =
	<T>(shape: Shape): Read<T> =>
	(value) =>
		readShape<T>(value, shape);

const sender = shaped<Sender>({
	role: when((v) => roles.includes(v as string)),
	id: when((v) => typeof v === 'string' && v !== '' && v.length <= messageLimits.idChars)
});
const rates = shaped<RateCard>({
	daily: fen,
	weekend: { optional: fen },
	holiday: { optional: fen },
	hourlyLate: { optional: fen },
	deposit: fen
});
const unit = { code: cardText, modelName: cardText };
const cardShapes: Record<Card['type'], Shape> = {
	'rental-terms': {
		units: listOf(shaped({ ...unit, rates }), messageLimits.cardUnits),
		outAt: time,
		dueAt: time,
		deposit: fen,
		graceMinutes: wholeIn(0, 24 * 60)
	},
	settlement: {
		units: listOf(shaped({ ...unit, rent: fen, damage: fen }), messageLimits.cardUnits),
		...Object.fromEntries(
			['sales', 'discount', 'charges', 'depositHeld', 'paid', 'refund', 'balanceDue'].map((k) => [
				k,
				fen
			])
		),
		settledAt: time
	},
	confirmation: { of: messageId }
};
const card: Read<Card> = (value) => {
	const type = isRow(value) ? value.type : undefined;
	if (typeof type !== 'string' || !Object.hasOwn(cardShapes, type)) return undefined;
	const common = { type: literal(type), rentalId: messageId, hash };
	return readShape<Card>(value, { ...common, ...cardShapes[type as Card['type']] });
};

/** An attachment type of the given family, without parameters (`audio/webm;codecs=opus` → `audio/webm`). */
const mimeOf =
	(image: boolean): Read<string> =>
	(value) => {
		if (typeof value !== 'string' || value.length > 100) return undefined;
		const type = attachmentType(value);
		return type && isImageType(type) === image ? type : undefined;
	};
const blob = when<string>(isAttachmentHash);
const messageShapes: Record<Message['kind'], Shape> = {
	text: { text: text(messageLimits.textChars) },
	image: {
		blob,
		mime: mimeOf(true),
		size: wholeIn(1, messageLimits.imageBytes),
		width: { optional: wholeIn(1, messageLimits.imageSide) },
		height: { optional: wholeIn(1, messageLimits.imageSide) }
	},
	voice: {
		blob,
		mime: mimeOf(false),
		size: wholeIn(1, messageLimits.voiceBytes),
		durationMs: wholeIn(1, messageLimits.voiceMs)
	},
	card: { card },
	system: { text: text(messageLimits.textChars) },
	edit: { of: messageId, text: text(messageLimits.textChars) },
	retract: { of: messageId }
};

/**
 * A well-formed message as a clean copy (only its own fields, the attachment type without
 * parameters), or null: unknown kinds or fields, text over the limit or blank, attachments over
 * the size limits, bad ids or times. Readers skip what this refuses; the server refuses it.
 */
export function readMessage(value: unknown): Message | null {
	const kind = isRow(value) ? value.kind : undefined;
	if (typeof kind !== 'string' || !Object.hasOwn(messageShapes, kind)) return null;
	const common = { id: messageId, from: sender, at: wholeIn(1, 8.64e15), kind: literal(kind) };
	return (
		readShape<Message>(value, { ...common, ...messageShapes[kind as Message['kind']] }) ?? null
	);
}

/** Whether a customer may send this: their own words, photos, voice, edits, and confirmations. */
export function customerMaySend(message: Message): boolean {
	if (message.kind === 'system') return false;
	return message.kind !== 'card' || message.card.type === 'confirmation';
}

const portalRental = shaped<PortalRental>({
	rentalId: messageId,
	units: listOf(shaped(unit), messageLimits.cardUnits),
	outAt: time,
	dueAt: time,
	rentSoFar: fen,
	depositHeld: fen,
	paid: fen,
	status: when((v) => v === 'out' || v === 'returned' || v === 'settled')
});
const shopText = when<string>((v) => typeof v === 'string' && chars(v) <= 200);

/** A well-formed portal as a clean copy, or null. */
export function readPortal(value: unknown): Portal | null {
	const rentals: Read<PortalRental[]> = (v) =>
		Array.isArray(v) && v.length === 0 ? [] : listOf(portalRental, 200)(v);
	const shop = shaped({ name: shopText, phone: shopText, address: shopText, hours: shopText });
	return readShape<Portal>(value, { shop, rentals, updatedAt: time }) ?? null;
}

export { isMessageId };
export { confirmationOf, readIndex, receiptKey, threadView, unreadFor } from './thread-view.ts';
export type { ThreadItem } from './thread-view.ts';
