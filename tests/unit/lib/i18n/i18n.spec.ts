import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../../src/lib/i18n/en.ts';
import {
	formatTime,
	formatWait,
	loadLocale,
	translate
} from '../../../../src/lib/i18n/translate.ts';
import { zhCN } from '../../../../src/lib/i18n/zh-CN.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

beforeAll(() => loadLocale('en'));
describe('dictionaries', () => {
	it('has an English text for every zh-CN key and no extra ones', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
	});

	it('has no empty texts', () => {
		for (const [key, text] of [...Object.entries(zhCN), ...Object.entries(en)]) {
			expect(text.trim(), key).not.toBe('');
		}
	});

	it('uses the same placeholders in both languages', () => {
		for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
			expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
		}
	});
});

describe('translate', () => {
	it('fills placeholders', () => {
		expect(translate('zh-CN', 'dashboard.greeting', { name: '老王' })).toBe('你好，老王');
		expect(translate('en', 'dashboard.greeting', { name: 'Lao Wang' })).toBe('Hello, Lao Wang');
	});

	it('leaves an unknown placeholder visible rather than inventing text', () => {
		expect(translate('en', 'dashboard.greeting', {})).toBe('Hello, {name}');
	});
});

describe('formatting in the shop time zone', () => {
	// 2025-03-08T06:05:00Z is 14:05 in Shanghai and 07:05 in London.
	const at = Date.UTC(2025, 2, 8, 6, 5);

	it.each([
		['zh-CN', 'Asia/Shanghai', '14:05'],
		['en', 'Asia/Shanghai', '14:05'],
		['en', 'Europe/London', '06:05']
	] as const)('%s in %s', (locale, zone, expected) => {
		expect(formatTime(at, locale, zone)).toBe(expected);
	});

	it.each([
		[500, 'zh-CN', '1 秒'],
		[42_000, 'zh-CN', '42 秒'],
		[60_000, 'en', '1 min'],
		[61_000, 'en', '2 min'],
		[15 * 60_000, 'zh-CN', '15 分钟']
	] as const)('waits %d ms as %s %j', (ms, locale, expected) => {
		expect(formatWait(ms, locale)).toBe(expected);
	});
});
