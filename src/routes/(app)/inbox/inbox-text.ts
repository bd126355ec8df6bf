/** How the inbox words rows, times and cards. */
import type { InboxRow, LastMessage } from '$lib/domain/inbox.ts';
import { formatYuan } from '$lib/domain/money.ts';
import type { RateCard } from '$lib/domain/pricing.ts';
import { i18n, t } from '$lib/i18n/i18n.svelte.ts';

const DAY_MS = 86_400_000;

/** A message time in a list: the time today, the date before that. */
export function shortWhen(at: number, now: number): string {
	const sameDay = i18n.date(at) === i18n.date(now);
	return sameDay || Math.abs(now - at) < 60_000 ? i18n.time(at) : i18n.date(at);
}

/** Date and time, for bubbles and cards. */
export function fullWhen(at: number, now: number): string {
	return Math.abs(now - at) < DAY_MS && i18n.date(at) === i18n.date(now)
		? i18n.time(at)
		: `${i18n.date(at)} ${i18n.time(at)}`;
}

/** What a row shows of its last message. */
export function previewOf(last: LastMessage | null): string {
	if (!last) return '';
	const mine = last.from === 'staff' || last.from === 'bot' ? t('inbox.you') : '';
	if (last.kind === 'card' && last.card) return mine + t(`inbox.card.${last.card}`);
	if (last.text) return mine + last.text;
	return mine + t(`inbox.kind.${last.kind}`);
}

/** One line of a rate card: 30.00/天 · 周末 40.00/天 · 超时 5.00/小时. */
export function ratesText(rates: RateCard): string {
	const parts = [t('card.rate', { daily: formatYuan(rates.daily) })];
	if (rates.weekend !== undefined && rates.weekend !== rates.daily)
		parts.push(t('card.weekendRate', { amount: formatYuan(rates.weekend) }));
	if (rates.hourlyLate !== undefined)
		parts.push(t('card.lateRate', { amount: formatYuan(rates.hourlyLate) }));
	return parts.join(' · ');
}

/** The assignee's name from the staff list, or the id if they are not on it. */
export function staffName(staff: readonly { id: string; name: string }[], id: string): string {
	return staff.find((s) => s.id === id)?.name ?? id;
}

/** The row's accessible summary, for the list's buttons. */
export function rowLabel(row: InboxRow): string {
	const unread = row.unread > 0 ? `，${t('inbox.unread', { n: row.unread })}` : '';
	return `${row.title}${unread}`;
}
