/**
 * Schema of the `settings` doc and the functions between it and domain types.
 *
 * - `profile`: Y.Map, one key per ShopProfile field, so two tablets that edit
 *   different fields offline both keep their edit when they merge.
 * - `staff`: Y.Map accountId → { name, role, active }, written by the server
 *   (a mirror of its accounts without secrets); clients only read it.
 * - `rules`: Y.Map, one key per number of `RentalRules` (grace, turnaround, default days).
 * - `holidays`: Y.Map date → true, so two tablets adding different holidays offline keep both.
 * - `quickReplies`: Y.Map id → plain `{ text, image?, order }` (replaced whole on each edit), the
 *   owner's quick replies; one key per reply, so replies added on two devices offline both stay.
 */
import * as Y from 'yjs';
import { emptyShopProfile, shopProfileFields } from '../domain/shop.ts';
import type { ShopProfile } from '../domain/shop.ts';
import { isStaffRole, sortStaff } from '../domain/staff.ts';
import type { StaffListing } from '../domain/staff.ts';
import { defaultRentalRules, rentalRuleFields, type RentalRules } from '../domain/rental-rules.ts';
import {
	nextOrder,
	readQuickReply,
	sortQuickReplies,
	type QuickReply,
	type QuickReplyDraft
} from '../domain/quick-replies.ts';
import type { WriteOrigin } from './origin.ts';

export const SETTINGS_DOC = 'settings';

/** Names of the top-level types in the `settings` doc. */
export const settingsKeys = {
	profile: 'profile',
	staff: 'staff',
	rules: 'rules',
	holidays: 'holidays',
	quickReplies: 'quickReplies'
} as const;

export function profileMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(settingsKeys.profile);
}

export function staffMap(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(settingsKeys.staff);
}

/** The profile as stored; a missing or malformed field reads as ''. */
export function readShopProfile(doc: Y.Doc): ShopProfile {
	const map = profileMap(doc);
	const profile = emptyShopProfile();
	for (const field of shopProfileFields) {
		const value = map.get(field);
		if (typeof value === 'string') profile[field] = value;
	}
	return profile;
}

/**
 * Writes only the given fields whose stored value differs, in one transaction.
 * Returns the fields written (none means nothing changed and no update was made).
 */
export function writeShopProfile(
	doc: Y.Doc,
	patch: Partial<ShopProfile>,
	origin: WriteOrigin
): (keyof ShopProfile)[] {
	const map = profileMap(doc);
	const changed = shopProfileFields.filter((field) => {
		const value = patch[field];
		return value !== undefined && map.get(field) !== value;
	});
	if (changed.length === 0) return [];
	doc.transact(() => {
		for (const field of changed) map.set(field, patch[field]);
	}, origin);
	return changed;
}

const rulesMap = (doc: Y.Doc) => doc.getMap<unknown>(settingsKeys.rules);
const holidaysMap = (doc: Y.Doc) => doc.getMap<unknown>(settingsKeys.holidays);

/** The rental rules as stored; a missing or malformed number reads as its default. */
export function readRentalRules(doc: Y.Doc): RentalRules {
	const rules: RentalRules = { ...defaultRentalRules, holidays: [] };
	const map = rulesMap(doc);
	for (const field of rentalRuleFields) {
		const value = map.get(field);
		if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
			rules[field] = value;
	}
	holidaysMap(doc).forEach((value, date) => {
		if (value === true) rules.holidays.push(date);
	});
	rules.holidays.sort();
	return rules;
}

/**
 * Writes validated rules in one transaction: numbers that differ, holidays added and removed
 * one key each. Returns whether anything changed.
 */
export function writeRentalRules(doc: Y.Doc, rules: RentalRules, origin: WriteOrigin): boolean {
	const current = readRentalRules(doc);
	const numbers = rentalRuleFields.filter((field) => current[field] !== rules[field]);
	const added = rules.holidays.filter((date) => !current.holidays.includes(date));
	const removed = current.holidays.filter((date) => !rules.holidays.includes(date));
	if (numbers.length + added.length + removed.length === 0) return false;
	doc.transact(() => {
		for (const field of numbers) rulesMap(doc).set(field, rules[field]);
		for (const date of added) holidaysMap(doc).set(date, true);
		for (const date of removed) holidaysMap(doc).delete(date);
	}, origin);
	return true;
}

function plain(value: unknown): Record<string, unknown> | undefined {
	if (value instanceof Y.Map) return value.toJSON() as Record<string, unknown>;
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		return value as Record<string, unknown>;
	}
	return undefined;
}

/** The staff list the server mirrors into `settings`; malformed rows are skipped. */
export function readStaffList(doc: Y.Doc): StaffListing[] {
	const list: StaffListing[] = [];
	staffMap(doc).forEach((value, id) => {
		const row = plain(value);
		if (!row || typeof row.name !== 'string' || !isStaffRole(row.role)) return;
		list.push({ id, name: row.name, role: row.role, active: row.active !== false });
	});
	return sortStaff(list);
}

/** Calls `listener` after every change to the settings; returns the unsubscribe. */
export function observeSettings(doc: Y.Doc, listener: () => void): () => void {
	const types = [
		profileMap(doc),
		staffMap(doc),
		rulesMap(doc),
		holidaysMap(doc),
		quickRepliesMap(doc)
	];
	const onChange = () => listener();
	for (const type of types) type.observeDeep(onChange);
	return () => {
		for (const type of types) type.unobserveDeep(onChange);
	};
}

const quickRepliesMap = (doc: Y.Doc) => doc.getMap<unknown>(settingsKeys.quickReplies);

/** The quick replies in menu order; malformed ones are skipped. */
export function readQuickReplies(doc: Y.Doc): QuickReply[] {
	const replies: QuickReply[] = [];
	quickRepliesMap(doc).forEach((value, id) => {
		const reply = readQuickReply(id, value);
		if (reply) replies.push(reply);
	});
	return sortQuickReplies(replies);
}

function stored(reply: Omit<QuickReply, 'id'>): Record<string, unknown> {
	const row: Record<string, unknown> = { text: reply.text, order: reply.order };
	if (reply.image !== undefined) row.image = reply.image;
	return row;
}

/** Adds a (validated) reply at the end of the menu; returns its id. */
export function addQuickReply(doc: Y.Doc, draft: QuickReplyDraft, origin: WriteOrigin): string {
	const id = crypto.randomUUID();
	const order = nextOrder(readQuickReplies(doc));
	doc.transact(() => quickRepliesMap(doc).set(id, stored({ ...draft, order })), origin);
	return id;
}

/** Replaces a reply's text and image, keeping its place; returns whether anything changed. */
export function updateQuickReply(
	doc: Y.Doc,
	id: string,
	draft: QuickReplyDraft,
	origin: WriteOrigin
): boolean {
	const current = readQuickReplies(doc).find((reply) => reply.id === id);
	if (!current || (current.text === draft.text && current.image === draft.image)) return false;
	doc.transact(
		() => quickRepliesMap(doc).set(id, stored({ ...draft, order: current.order })),
		origin
	);
	return true;
}

/** Deletes a reply; returns whether it was there. */
export function removeQuickReply(doc: Y.Doc, id: string, origin: WriteOrigin): boolean {
	if (!quickRepliesMap(doc).has(id)) return false;
	doc.transact(() => quickRepliesMap(doc).delete(id), origin);
	return true;
}

/**
 * Moves a reply one place up (-1) or down (+1) by swapping its order with its neighbour's, in one
 * transaction. Returns whether it moved (not at the end of the menu already).
 */
export function moveQuickReply(doc: Y.Doc, id: string, step: -1 | 1, origin: WriteOrigin): boolean {
	const replies = readQuickReplies(doc);
	const at = replies.findIndex((reply) => reply.id === id);
	const other = replies[at + step];
	if (at < 0 || !other) return false;
	const self = replies[at];
	// Equal orders (two devices added at once) are spread apart so the swap moves something.
	const [a, b] =
		self.order === other.order ? [other.order + step, self.order] : [other.order, self.order];
	doc.transact(() => {
		quickRepliesMap(doc).set(self.id, stored({ ...self, order: a }));
		quickRepliesMap(doc).set(other.id, stored({ ...other, order: b }));
	}, origin);
	return true;
}
