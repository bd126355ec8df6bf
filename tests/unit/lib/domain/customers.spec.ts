import { describe, expect, it } from 'vitest';
import {
	findCustomers,
	indexCustomers,
	validateCustomer,
	type CustomerDraft
} from '../../../../src/lib/domain/customers.ts';
import type { Customer } from '../../../../src/lib/domain/ledger.ts';

const draft = (patch: Partial<CustomerDraft> = {}): CustomerDraft => ({
	name: '王师傅',
	phone: '138 0000 1234',
	tags: [],
	note: '',
	...patch
});

describe('validateCustomer', () => {
	it.each<[string, Partial<CustomerDraft>, Record<string, string> | null]>([
		['a name and a phone', {}, null],
		['a name alone', { phone: '' }, null],
		['no name', { name: '  ' }, { name: 'required' }],
		['a name too long', { name: '王'.repeat(41) }, { name: 'too_long' }],
		['letters for a phone', { phone: 'call me' }, { phone: 'bad_phone' }],
		['a phone too short', { phone: '12' }, { phone: 'bad_phone' }],
		['too many tags', { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, { tags: 'too_many' }]
	])('%s', (_story, patch, errors) => {
		const result = validateCustomer(draft(patch));
		expect(result.ok ? null : result.errors).toEqual(errors);
	});

	it('trims fields and drops empty and repeated tags', () => {
		const result = validateCustomer(draft({ name: ' 王师傅 ', tags: ['海钓', ' 海钓', ''] }));
		expect(result.ok && result.value).toMatchObject({ name: '王师傅', tags: ['海钓'] });
	});
});

const customer = (id: string, name: string, phone: string, tags: string[] = []): Customer => ({
	id,
	name,
	phone,
	tags,
	note: '',
	createdAt: 0
});

const index = indexCustomers([
	customer('c1', '王师傅', '138-0000-1234'),
	customer('c2', '李大姐', '139 1111 5678', ['海钓']),
	customer('c3', '老王', '13700009999'),
	customer('c4', 'Tom Lee', '')
]);

describe('findCustomers', () => {
	it.each<[string, string, string[]]>([
		['a part of the name', '王', ['c1', 'c3']],
		['full pinyin', 'wangshifu', ['c1']],
		['initials', 'ldj', ['c2']],
		['a tag', '海钓', ['c2']],
		['the last digits of a phone', '5678', ['c2']],
		['a phone written with separators', '138 0000', ['c1']],
		['English, any case', 'tom', ['c4']],
		['nothing like it', '张', []]
	])('%s', (_story, query, ids) => {
		expect(findCustomers(index, query).map((c) => c.id)).toEqual(ids);
	});

	it('lists everyone for an empty query, up to the limit', () => {
		expect(findCustomers(index, ' ', 3)).toHaveLength(3);
	});

	it('puts names that start with the query first', () => {
		expect(findCustomers(index, 'wang').map((c) => c.id)).toEqual(['c1', 'c3']);
	});
});
