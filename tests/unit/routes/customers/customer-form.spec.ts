import { describe, expect, it } from 'vitest';
import { validateCustomer } from '../../../../src/lib/domain/customers.ts';
import type { Customer } from '../../../../src/lib/domain/ledger.ts';
import {
	blankCustomerForm,
	customerErrorMessage,
	draftFromForm,
	formFromCustomer
} from '../../../../src/routes/(app)/customers/customer-form.ts';

const wang: Customer = {
	id: 'c1',
	name: '王师傅',
	phone: '138 0000 0000',
	tags: ['老客户', '海钓'],
	note: '周末常来',
	createdAt: 0
};

describe('tags typed on one line', () => {
	it.each([
		['spaces', '老客户 海钓', ['老客户', '海钓']],
		['a Chinese comma and 、', '老客户，海钓、夜钓', ['老客户', '海钓', '夜钓']],
		['commas with spaces around', ' sea , lure ,, ', ['sea', 'lure']],
		['a tag typed twice', '海钓 海钓', ['海钓']],
		['nothing', '   ', []]
	])('splits %s', (_story, tags, expected) => {
		expect(draftFromForm({ ...blankCustomerForm(), tags }).tags).toEqual(expected);
	});

	it('edits a customer as they are: the form gives back the same draft', () => {
		const { id: _id, createdAt: _at, ...draft } = wang;
		expect(draftFromForm(formFromCustomer(wang))).toEqual(draft);
	});
});

describe('the message for each refusal, with its limit', () => {
	it.each([
		['no name', { name: ' ' }, 'name', 'customer.error.nameRequired', 40],
		['a name too long', { name: '王'.repeat(41) }, 'name', 'customer.error.nameTooLong', 40],
		['letters for a phone', { phone: 'abc' }, 'phone', 'customer.error.badPhone', 30],
		['a note too long', { note: 'x'.repeat(501) }, 'note', 'customer.error.noteTooLong', 500],
		['eleven tags', { tags: 'a b c d e f g h i j k' }, 'tags', 'customer.error.tooManyTags', 10],
		['a tag too long', { tags: '海'.repeat(21) }, 'tags', 'customer.error.tagTooLong', 20]
	] as const)('%s', (_story, patch, field, key, max) => {
		const result = validateCustomer(
			draftFromForm({ ...blankCustomerForm(), name: '王', ...patch })
		);
		expect(result.ok).toBe(false);
		const error = !result.ok && result.errors[field];
		expect(error).toBeTruthy();
		if (error) expect(customerErrorMessage(field, error)).toEqual({ key, params: { max } });
	});
});
