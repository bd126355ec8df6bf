/**
 * The customer form as staff type it (tags as one line of text) and the way to and from a
 * `CustomerDraft`; the messages for what `validateCustomer` refuses; the paths of the pages.
 */
import {
	customerLimits,
	type CustomerDraft,
	type CustomerError,
	type CustomerField
} from '$lib/domain/customers.ts';
import type { Customer } from '$lib/domain/ledger.ts';
import type { MessageKey } from '$lib/i18n/zh-CN.ts';

export interface CustomerForm {
	name: string;
	phone: string;
	/** Tags separated by commas (either width), 、, semicolons or spaces. */
	tags: string;
	note: string;
}

/** What separates tags typed on one line: `老客户，海钓 夜钓`. */
const TAG_SEPARATORS = /[\s,，、;；]+/u;

export function blankCustomerForm(): CustomerForm {
	return { name: '', phone: '', tags: '', note: '' };
}

export function formFromCustomer(customer: Customer): CustomerForm {
	const { name, phone, tags, note } = customer;
	return { name, phone, tags: tags.join(' '), note };
}

/** The draft to validate: the tags split, each once, in the order typed. */
export function draftFromForm(form: CustomerForm): CustomerDraft {
	const tags = form.tags.split(TAG_SEPARATORS).filter((tag) => tag !== '');
	return { name: form.name, phone: form.phone, note: form.note, tags: [...new Set(tags)] };
}

/** The message for a refused field, with its limit. */
export function customerErrorMessage(
	field: CustomerField,
	error: CustomerError
): { key: MessageKey; params: { max: number } } {
	const key = errorKeys[field][error] ?? errorKeys[field].too_long ?? 'customer.error.nameRequired';
	const max = field === 'tags' && error === 'too_long' ? customerLimits.tag : customerLimits[field];
	return { key, params: { max } };
}

const errorKeys: Record<CustomerField, Partial<Record<CustomerError, MessageKey>>> = {
	name: { required: 'customer.error.nameRequired', too_long: 'customer.error.nameTooLong' },
	phone: { too_long: 'customer.error.phoneTooLong', bad_phone: 'customer.error.badPhone' },
	note: { too_long: 'customer.error.noteTooLong' },
	tags: { too_many: 'customer.error.tooManyTags', too_long: 'customer.error.tagTooLong' }
};

/** A customer's page. */
export function customerPath(customerId: string) {
	return `/customers/customer?id=${encodeURIComponent(customerId)}` as const;
}
