/**
 * Helpers behind the translator: lookup, interpolation, Intl formatting. zh-CN, the shop's
 * language, is always here; English is fetched the first time someone picks it (`loadLocale`),
 * so a customer's phone on rural data never downloads a dictionary it does not show.
 */
import { zhCN } from './zh-CN.ts';
import type { MessageKey, Messages } from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** The dictionaries this page has; a locale not loaded yet reads as zh-CN. */
const dictionaries: Partial<Record<Locale, Messages>> = { 'zh-CN': zhCN };

const loaders: Record<Locale, () => Promise<Messages>> = {
	'zh-CN': async () => zhCN,
	en: async () => (await import('./en.ts')).en
};

/** Makes `locale`'s messages available to `translate`; rejects when they cannot be fetched. */
export async function loadLocale(locale: Locale): Promise<void> {
	dictionaries[locale] ??= await loaders[locale]();
}

/** True when `locale`'s messages are here. */
export function hasLocale(locale: Locale): boolean {
	return dictionaries[locale] !== undefined;
}

export type MessageParams = Readonly<Record<string, string | number>>;

export function isLocale(value: unknown): value is Locale {
	return value === 'zh-CN' || value === 'en';
}

/** `{name}` placeholders are replaced by params; unknown placeholders stay visible. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
	const template = dictionaries[locale]?.[key] ?? zhCN[key] ?? key;
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
