/**
 * Customers at the counter: a quick create is a name and a phone; staff find them again by a
 * part of the name (Chinese, pinyin or initials: 王师傅, wangshifu, wsf) or of the phone number.
 */
import type { Customer } from './ledger.ts';
import { foldQuery, searchForms } from './search.ts';

export type CustomerDraft = Omit<Customer, 'id' | 'createdAt'>;

export const customerLimits = { name: 40, phone: 30, note: 500, tag: 20, tags: 10 } as const;

export type CustomerField = 'name' | 'phone' | 'note' | 'tags';
export type CustomerError = 'required' | 'too_long' | 'bad_phone' | 'too_many';
export type CustomerResult =
	| { ok: true; value: CustomerDraft }
	| { ok: false; errors: Partial<Record<CustomerField, CustomerError>> };

// Digits with the separators people write: +86 138-0000-0000, (0571) 8888 8888.
const PHONE = /^\+?[0-9(][0-9 ()-]*[0-9]$/;

/** Checks a customer after trimming: a name is required; a phone, if given, looks like one. */
export function validateCustomer(draft: CustomerDraft): CustomerResult {
	const value: CustomerDraft = {
		name: draft.name.trim(),
		phone: draft.phone.trim(),
		note: draft.note.trim(),
		tags: [...new Set(draft.tags.map((tag) => tag.trim()).filter(Boolean))]
	};
	const errors: Partial<Record<CustomerField, CustomerError>> = {};
	if (value.name === '') errors.name = 'required';
	else if ([...value.name].length > customerLimits.name) errors.name = 'too_long';
	if ([...value.phone].length > customerLimits.phone) errors.phone = 'too_long';
	else if (value.phone !== '' && (!PHONE.test(value.phone) || digits(value.phone).length < 5)) {
		errors.phone = 'bad_phone';
	}
	if ([...value.note].length > customerLimits.note) errors.note = 'too_long';
	if (value.tags.length > customerLimits.tags) errors.tags = 'too_many';
	else if (value.tags.some((tag) => [...tag].length > customerLimits.tag)) errors.tags = 'too_long';
	return Object.keys(errors).length === 0 ? { ok: true, value } : { ok: false, errors };
}

const digits = (text: string) => text.replace(/\D/g, '');

/** What a customer is found by, built once per customer list. */
export interface CustomerIndex {
	customer: Customer;
	forms: string[];
	phone: string;
}

export function indexCustomers(customers: readonly Customer[]): CustomerIndex[] {
	return customers.map((customer) => ({
		customer,
		forms: [...searchForms(customer.name), ...customer.tags.flatMap(searchForms)],
		phone: digits(customer.phone)
	}));
}

/**
 * Customers whose name, pinyin, initials or tags contain the query, or whose phone contains its
 * digits (three or more); names that start with it first, then by name. Empty query: everyone.
 */
export function findCustomers(
	index: readonly CustomerIndex[],
	query: string,
	limit = 50
): Customer[] {
	const q = foldQuery(query).replace(/\s+/g, '');
	if (q === '') return index.slice(0, limit).map((entry) => entry.customer);
	const qDigits = /^[\d\s+()-]+$/.test(query.trim()) ? digits(query) : '';
	const scored: { customer: Customer; score: number }[] = [];
	for (const entry of index) {
		let score = -1;
		for (const form of entry.forms) {
			const at = form.replace(/\s+/g, '').indexOf(q);
			if (at >= 0) score = Math.max(score, at === 0 ? 2 : 1);
		}
		if (qDigits.length >= 3 && entry.phone.includes(qDigits)) score = Math.max(score, 2);
		if (score >= 0) scored.push({ customer: entry.customer, score });
	}
	return scored
		.sort((a, b) => b.score - a.score || a.customer.name.localeCompare(b.customer.name, 'zh-CN'))
		.slice(0, limit)
		.map((entry) => entry.customer);
}
