/** Pure helpers behind the translator: lookup, interpolation, Intl formatting. */
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';
import type { MessageKey, Messages } from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export const dictionaries: Readonly<Record<Locale, Messages>> = { 'zh-CN': zhCN, en };

export type MessageParams = Readonly<Record<string, string | number>>;

export function isLocale(value: unknown): value is Locale {
	return value === 'zh-CN' || value === 'en';
}

/** `{name}` placeholders are replaced by params; unknown placeholders stay visible. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
	const template = dictionaries[locale][key] ?? dictionaries[DEFAULT_LOCALE][key] ?? key;
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

/** 24-hour clock time, e.g. 14:05, in the shop's time zone. */
export function formatTime(epochMs: number, locale: Locale, timeZone: string): string {
	return new Intl.DateTimeFormat(locale, {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone
	}).format(epochMs);
}

/** Date without time, e.g. 2025年3月8日 / Mar 8, 2025, in the shop's time zone. */
export function formatDate(epochMs: number, locale: Locale, timeZone: string): string {
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(epochMs);
}

/** A wait rounded up: under a minute in seconds, otherwise in whole minutes. */
export function formatWait(ms: number, locale: Locale): string {
	const seconds = Math.max(1, Math.ceil(ms / 1000));
	if (seconds < 60) return translate(locale, 'duration.seconds', { n: seconds });
	return translate(locale, 'duration.minutes', { n: Math.ceil(seconds / 60) });
}
