import { describe, expect, it } from 'vitest';
import {
	changedShopFields,
	emptyShopProfile,
	validateShopProfile
} from '../../../../src/lib/domain/shop.ts';
import type { ShopProfile } from '../../../../src/lib/domain/shop.ts';

const shop: ShopProfile = {
	name: '东湖渔具',
	phone: '+86 138-0000-0000',
	address: '杭州市西湖区东湖路 8 号',
	hours: '每天 6:00–19:00，周二休息'
};

describe('validateShopProfile', () => {
	it.each([
		['a complete profile', shop, {}],
		['only a name', { ...emptyShopProfile(), name: '渔租' }, {}],
		['no name', { ...shop, name: '   ' }, { name: 'required' }],
		['a landline with area code', { ...shop, phone: '(0571) 8888 8888' }, {}],
		['letters in the phone', { ...shop, phone: '138abc0000' }, { phone: 'bad_phone' }],
		['too few digits', { ...shop, phone: '110' }, { phone: 'bad_phone' }],
		['a name of 41 characters', { ...shop, name: '鱼'.repeat(41) }, { name: 'too_long' }],
		['hours of 200 characters', { ...shop, hours: '时'.repeat(200) }, {}]
	] as [string, ShopProfile, object][])('%s', (_story, profile, errors) => {
		const result = validateShopProfile(profile);
		expect(result.ok ? {} : result.errors).toEqual(errors);
	});

	it('trims every field', () => {
		const result = validateShopProfile({ ...shop, name: '  东湖渔具 ', hours: ' 全天 ' });
		expect(result).toEqual({ ok: true, value: { ...shop, hours: '全天' } });
	});
});

describe('changedShopFields', () => {
	it('lists only the fields that differ', () => {
		expect(changedShopFields(shop, { ...shop, phone: '13900000000' })).toEqual({
			phone: '13900000000'
		});
		expect(changedShopFields(shop, shop)).toEqual({});
	});
});
