/**
 * The translator the UI uses: the chosen language (persisted in localStorage,
 * mirrored to <html lang>) and formatting in the shop's time zone.
 */
import { DEFAULT_TIME_ZONE } from '../domain/shop.ts';
import {
	DEFAULT_LOCALE,
	formatDate,
	formatTime,
	formatWait,
	hasLocale,
	isLocale,
	loadLocale,
	translate
} from './translate.ts';
import type { Locale, MessageParams } from './translate.ts';
import type { MessageKey } from './zh-CN.ts';

const LOCALE_KEY = 'yuzu.locale';

function storedLocale(): Locale {
	try {
		const value = globalThis.localStorage?.getItem(LOCALE_KEY);
		return isLocale(value) ? value : DEFAULT_LOCALE;
	} catch {
		return DEFAULT_LOCALE;
	}
}

export class I18n {
	#locale = $state<Locale>(DEFAULT_LOCALE);
	#timeZone = $state(DEFAULT_TIME_ZONE);
	/** Resolves once the stored language's messages are here (zh-CN: at once). */
	readonly #ready: Promise<void>;

	constructor(locale: Locale = storedLocale()) {
		this.#ready = this.setLocale(locale);
	}

	/** Await before the first render, so a page never flashes Chinese before its English. */
	ready(): Promise<void> {
		return this.#ready;
	}

	get locale(): Locale {
		return this.#locale;
	}

	get timeZone(): string {
		return this.#timeZone;
	}

	set timeZone(zone: string) {
		this.#timeZone = zone;
	}

	/**
	 * Switches language once its messages are here (fetched the first time). Offline, with
	 * English never fetched, the page stays in zh-CN and the choice is kept for next time.
	 */
	async setLocale(locale: Locale): Promise<void> {
		if (!hasLocale(locale)) await loadLocale(locale).catch(() => {});
		if (hasLocale(locale)) this.#locale = locale;
		try {
			globalThis.localStorage?.setItem(LOCALE_KEY, locale);
		} catch {
			// The choice still holds for this visit.
		}
		this.#applyLang();
	}

	t = (key: MessageKey, params?: MessageParams): string => translate(this.#locale, key, params);

	time = (epochMs: number): string => formatTime(epochMs, this.#locale, this.#timeZone);

	date = (epochMs: number): string => formatDate(epochMs, this.#locale, this.#timeZone);

	wait = (ms: number): string => formatWait(ms, this.#locale);

	#applyLang(): void {
		if (typeof document !== 'undefined') document.documentElement.lang = this.#locale;
	}
}

/** One translator per page: the language is a preference of this browser, not of a session. */
export const i18n = new I18n();
export const t = i18n.t;
