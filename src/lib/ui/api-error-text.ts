/** Turns any failure of an API call into a translated sentence that says what to do next. */
import { ApiError } from '$lib/api/client.ts';
import { i18n, t } from '$lib/i18n/i18n.svelte.ts';

export function apiErrorText(error: unknown, now: number = Date.now()): string {
	if (!(error instanceof ApiError)) return t('error.unknown');
	if (error.code === 'too_many_attempts') {
		const waitMs = error.retryAfterMs ?? 60_000;
		return t('error.too_many_attempts', { wait: i18n.wait(waitMs), time: i18n.time(now + waitMs) });
	}
	return t(`error.${error.code}`);
}
